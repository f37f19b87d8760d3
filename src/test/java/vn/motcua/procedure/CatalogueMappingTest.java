package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import vn.motcua.procedure.ProcedureSummary.RequiredDocument;
import vn.motcua.security.UnitDirectory;
import vn.motcua.support.Organisations;

/** How a process's extension properties become a {@link ProcedureSummary}: bad values are null, never an error. */
class CatalogueMappingTest {

    static Map<String, String> valid() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("procedure.code", "1.001193");
        properties.put("procedure.name", "Đăng ký khai sinh");
        properties.put("procedure.level", "commune");
        properties.put("procedure.processingDays", "0.5");
        properties.put("procedure.fee", "75000");
        properties.put("procedure.fullyOnline", "true");
        properties.put("procedure.document.1", "Tờ khai / Declaration");
        properties.put("procedure.document.2", "Giấy chứng sinh / Birth certificate|optional");
        return properties;
    }

    static ProcedureSummary summary(Map<String, String> properties) {
        return ProcedureSummary.of("birth-registration", 3, "Process name", "  The documentation.  ", properties);
    }

    @Test
    void everyPropertyIsMapped() {
        ProcedureSummary summary = summary(valid());

        assertThat(summary.code()).isEqualTo("1.001193");
        assertThat(summary.name()).isEqualTo("Đăng ký khai sinh");
        assertThat(summary.processKey()).isEqualTo("birth-registration");
        assertThat(summary.version()).isEqualTo(3);
        assertThat(summary.level()).isEqualTo("commune");
        assertThat(summary.processingDays()).isEqualByComparingTo("0.5");
        assertThat(summary.fee()).isEqualTo(75000L);
        assertThat(summary.fullyOnline()).isTrue();
        assertThat(summary.documents()).containsExactly(
                new RequiredDocument("Tờ khai / Declaration", true),
                new RequiredDocument("Giấy chứng sinh / Birth certificate", false));
        assertThat(summary.description()).isEqualTo("The documentation.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "75.000", "75,000", "-5", "free", "75000 VND", "1e5", "99999999999999999999" })
    @NullAndEmptySource
    void badOrMissingFeeIsNull(String fee) {
        Map<String, String> properties = valid();
        if (fee == null) {
            properties.remove("procedure.fee");
        } else {
            properties.put("procedure.fee", fee);
        }

        ProcedureSummary summary = summary(properties);

        assertThat(summary.fee()).isNull();
        assertThat(summary.code()).isEqualTo("1.001193"); // the rest is still read
        assertThat(summary.documents()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1,5", "-1", "fifteen", "" })
    void badProcessingDaysAreNull(String days) {
        Map<String, String> properties = valid();
        properties.put("procedure.processingDays", days);

        assertThat(summary(properties).processingDays()).isNull();
    }

    @Test
    void processingDaysKeepWholeNumbersWhole() {
        Map<String, String> properties = valid();
        properties.put("procedure.processingDays", "15");

        assertThat(summary(properties).processingDays()).isEqualTo(new BigDecimal("15"));
    }

    @Test
    void fullyOnlineIsTrueFalseOrUnknown() {
        Map<String, String> properties = valid();
        properties.put("procedure.fullyOnline", "FALSE");
        assertThat(summary(properties).fullyOnline()).isFalse();
        properties.put("procedure.fullyOnline", "yes");
        assertThat(summary(properties).fullyOnline()).isNull();
        properties.remove("procedure.fullyOnline");
        assertThat(summary(properties).fullyOnline()).isNull();
    }

    @Test
    void documentsAreOrderedByTheirNumberAndBlankOnesAreSkipped() {
        Map<String, String> properties = new HashMap<>();
        properties.put("procedure.document.10", "Ten");
        properties.put("procedure.document.2", "Two | optional ".replace(" | ", "|"));
        properties.put("procedure.document.1", " One ");
        properties.put("procedure.document.3", "   ");
        properties.put("procedure.document.4", "|optional");
        properties.put("procedure.document.x", "not numbered");
        properties.put("procedure.documents", "not a document");
        properties.put("procedure.document.5", "Pipe | in the name");

        assertThat(ProcedureSummary.of("k", 1, null, null, properties).documents()).containsExactly(
                new RequiredDocument("One", true),
                new RequiredDocument("Two", false),
                new RequiredDocument("Pipe | in the name", true),
                new RequiredDocument("Ten", true));
    }

    @Test
    void nothingDeclaredGivesNullsAndNoException() {
        assertThatCode(() -> ProcedureSummary.of("k", 1, null, null, null)).doesNotThrowAnyException();

        ProcedureSummary summary = ProcedureSummary.of("k", 1, null, null, Map.of());

        assertThat(summary.code()).isNull();
        assertThat(summary.name()).isNull();
        assertThat(summary.level()).isNull();
        assertThat(summary.processingDays()).isNull();
        assertThat(summary.fee()).isNull();
        assertThat(summary.fullyOnline()).isNull();
        assertThat(summary.documents()).isEmpty();
        assertThat(summary.description()).isNull();
    }

    @Test
    void nameFallsBackToTheProcessName() {
        Map<String, String> properties = valid();
        properties.put("procedure.name", " ");

        assertThat(summary(properties).name()).isEqualTo("Process name");
    }

    @Test
    void theShippedModelIsReadFromItsExtensionProperties() {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes", "household-business-registration.bpmn").toFile());
        Process process = model.getModelElementById("household-business-registration");

        ProcedureSummary summary = ProcedureSummary.of(process.getId(), 1, process.getName(), null,
                ModelProperties.of(process));

        assertThat(summary.code()).isEqualTo("2.000575");
        assertThat(summary.fee()).isEqualTo(100000L);
        assertThat(summary.processingDays()).isEqualByComparingTo("3");
        assertThat(summary.fullyOnline()).isTrue();
        assertThat(summary.documents()).hasSize(4);
        assertThat(summary.documents().get(0).required()).isTrue();
        assertThat(summary.documents().subList(1, 4)).allSatisfy(d -> assertThat(d.required()).isFalse());
    }

    @Test
    void theCompetentUnitsAreTheOrganisationsUnitsOfTheLevelUnitAndKindTheModelNames() {
        UnitDirectory demo = Organisations.demo();
        ProcedureSummary commune = summary(valid()).withCompetentUnits(demo);
        assertThat(commune.units()).isEmpty();
        assertThat(commune.competentUnits()).extracting(ProcedureSummary.CompetentUnit::id)
                .containsExactly("commune-a", "commune-b");
        assertThat(commune.isCompetent("commune-b")).isTrue();
        assertThat(commune.isCompetent("province")).isFalse();
        assertThat(commune.competence()).isEqualTo("units of level commune: commune-a (Ủy ban nhân dân xã A), "
                + "commune-b (Ủy ban nhân dân xã B)");

        Map<String, String> licence = valid();
        licence.put("procedure.level", "province");
        licence.put("procedure.unit", " dept-industry-trade, ,dept-industry-trade ");
        ProcedureSummary trade = summary(licence).withCompetentUnits(demo);
        assertThat(trade.units()).as("blank and repeated items dropped").containsExactly("dept-industry-trade");
        assertThat(trade.competentUnits()).singleElement().satisfies(unit -> {
            assertThat(unit.name()).isEqualTo("Sở Công Thương");
            assertThat(unit.nameEn()).isEqualTo("Department of Industry and Trade");
            assertThat(unit.kind()).isEqualTo("department");
        });
        assertThat(trade.isCompetent("commune-a")).isFalse();
        assertThat(trade.isCompetent("province")).isFalse();

        Map<String, String> departments = valid();
        departments.put("procedure.level", "province");
        departments.put("procedure.unitKind", "department");
        assertThat(summary(departments).withCompetentUnits(demo).competentUnits())
                .extracting(ProcedureSummary.CompetentUnit::id).containsExactly("dept-construction", "dept-industry-trade");

        Map<String, String> nowhere = valid();
        nowhere.put("procedure.unit", "dept-industry-trade"); // a provincial unit for a commune-level procedure
        ProcedureSummary none = summary(nowhere).withCompetentUnits(demo);
        assertThat(none.competentUnits()).isEmpty();
        assertThat(none.competence()).isEqualTo("units of level commune, among dept-industry-trade: "
                + "the organisation has none (see docs/organisation.md)");
        assertThat(summary(valid()).competentUnits()).as("before the organisation is asked").isEmpty();
    }
}
