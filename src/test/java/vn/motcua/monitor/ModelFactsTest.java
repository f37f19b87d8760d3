package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.ProcedureSummary;

/** The reengineering card's model figures, read from the shipped models and counted by hand from their files. */
class ModelFactsTest {

    @Test
    void theAlcoholLicenceTakesTwoOfItsFourDocumentsFromRegistriesAndHasSixStepsWithFiveHandOffs() throws Exception {
        ReengineeringCard.ModelVersion v = facts(Files.readString(Path.of("processes/alcohol-wholesale-licence.bpmn")));
        assertThat(v.lawDocuments()).isEqualTo(4);
        assertThat(v.applicantDocuments()).isEqualTo(2);
        assertThat(v.fromRegistries()).isEqualTo(2);
        assertThat(v.documents()).extracting(ReengineeringCard.DocumentLine::registry)
                .containsExactly(null, "enterprise", "land", null);
        assertThat(v.documents().get(1).lookup()).isEqualTo("Lookup_Enterprise");
        assertThat(v.documents().get(1).registryName()).isEqualTo("CSDLQG về đăng ký doanh nghiệp / National business registration database");
        assertThat(v.documents().get(2).required()).as("optional: asked only when the land database lacks it").isFalse();
        // the commune's opinion is an optional branch of the main path; another unit's group works it
        assertThat(v.steps()).extracting(ReengineeringCard.StepLine::step)
                .containsExactly("reception", "appraisal", "consultation", "approval", "issuing", "result");
        assertThat(v.stepCount()).isEqualTo(6);
        assertThat(v.handOffs()).as("clerk → specialist → commune's specialist → leader → records → clerk").isEqualTo(5);
        assertThat(v.steps().get(1).budgetDays()).isEqualByComparingTo("4");
        assertThat(v.processingDays()).isEqualByComparingTo("10");
        assertThat(v.fee()).isEqualTo(1_200_000L);
        assertThat(v.fullyOnline()).isTrue();
    }

    @Test
    void theBirthRegistrationFollowsTheTemplateAndItsLookupsSupplyDataNotDocuments() throws Exception {
        ReengineeringCard.ModelVersion v = facts(Files.readString(Path.of("processes/birth-registration.bpmn")));
        assertThat(v.lawDocuments()).isEqualTo(4);
        assertThat(v.applicantDocuments()).isEqualTo(4);
        assertThat(v.fromRegistries()).isZero();
        assertThat(v.steps()).extracting(ReengineeringCard.StepLine::step)
                .containsExactlyElementsOf(MonitorService.FIVE_STEPS);
        assertThat(v.handOffs()).isEqualTo(ModelFacts.TEMPLATE_HAND_OFFS);
    }

    /** An analyst's new version: a document the applicant supplied now comes from a registry, another is dropped. */
    @Test
    void aNewVersionSaysWhatChanged() throws Exception {
        String before = Files.readString(Path.of("processes/construction-permit.bpmn"));
        String adjoining = "Báo cáo đánh giá ảnh hưởng đến công trình liền kề";
        String after = before
                // document 4 is no longer required at all
                .replaceAll("<camunda:property name=\"procedure.document.4\" value=\"[^\"]*\" />", "")
                // the statutory time shortened
                .replaceAll("name=\"procedure.processingDays\" value=\"[^\"]*\"", "name=\"procedure.processingDays\" value=\"10\"");
        ReengineeringCard.ModelVersion v1 = facts(before);
        ReengineeringCard.ModelVersion v2 = facts(after);
        assertThat(v1.documents()).extracting(ReengineeringCard.DocumentLine::name).anyMatch(n -> n.startsWith(adjoining));
        assertThat(v2.lawDocuments()).isEqualTo(v1.lawDocuments() - 1);
        assertThat(ModelFacts.changes(v1, v2)).anyMatch(c -> c.startsWith("Bỏ giấy tờ / Document removed: " + adjoining))
                .anyMatch(c -> c.startsWith("Thời hạn giải quyết / Statutory time: ") && c.contains("→ 10 "))
                .hasSize(2);
        assertThat(ModelFacts.changes(v1, v1)).isEmpty();
    }

    private static ReengineeringCard.ModelVersion facts(String xml) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        ProcedureSummary summary = ProcedureSummary.of(process.getId(), 1, process.getName(), null,
                ModelProperties.of(process));
        return ModelFacts.of(model, summary, null);
    }

    @Test
    void theComplianceCostFollowsTheCircularsFormulaWorkedByHand() {
        ReengineeringCard.ModelVersion model = new ReengineeringCard.ModelVersion(1, null, BigDecimal.TEN, 100_000L, true,
                java.util.List.of(), 4, 2, 2, java.util.List.of(), 5, 4, java.util.List.of());
        ReengineeringCard.Records records = new ReengineeringCard.Records(4, 4, null, null, null, new BigDecimal("0.75"),
                null, 0, null, new BigDecimal("0.5"), null, null, null, null, null, null);
        ReengineeringCard.ComplianceCost cost = ComplianceCost.of(ComplianceCostProperties.defaults(), model, records);
        // before: 4 documents × 1 h + 0.5 h form + 2 trips × 2 h = 8.5 h × 30,700 = 260,950;
        //         4 copies × 5,000 + 2 trips × 30,000 = 80,000; fee 100,000
        assertThat(cost.before().hours()).isEqualByComparingTo("8.5");
        assertThat(cost.before().timeCost()).isEqualByComparingTo("260950");
        assertThat(cost.before().otherCost()).isEqualByComparingTo("80000");
        assertThat(cost.before().total()).isEqualByComparingTo("440950");
        // after: 25 % at the counter, 50 % without an electronic result: 0.75 trips; 2 documents × 1 h + 0.5 h +
        //        0.75 × 2 h = 4 h × 30,700 = 122,800; 2 × 25 % = 0.5 copies × 5,000 + 0.75 × 30,000 = 25,000
        assertThat(cost.after().trips()).isEqualByComparingTo("0.75");
        assertThat(cost.after().hours()).isEqualByComparingTo("4");
        assertThat(cost.after().timeCost()).isEqualByComparingTo("122800");
        assertThat(cost.after().copies()).isEqualByComparingTo("0.5");
        assertThat(cost.after().otherCost()).isEqualByComparingTo("25000");
        assertThat(cost.after().total()).isEqualByComparingTo("247800");
        assertThat(cost.savedPerFiling()).isEqualByComparingTo("193150");
        assertThat(cost.savedInPeriod()).as("× 4 filings").isEqualByComparingTo("772600");
    }

    @Test
    void aNegativeCostParameterIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ComplianceCostProperties(new BigDecimal("-1"), null,
                null, null, null, null, null))
                .hasMessageContaining("motcua.monitor.compliance-cost.hourlyIncome").hasMessageContaining("-1");
    }
}
