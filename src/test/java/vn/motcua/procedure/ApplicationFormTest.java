package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** A submission checked against the procedure's application form, as the form itself checks it. */
class ApplicationFormTest {

    static final Predicate<String> UNITS = Set.of("commune-a", "commune-b", "province")::contains;

    static ApplicationForm shipped(String name) throws IOException {
        return ApplicationForm.parse(Files.readAllBytes(Path.of("forms", name)));
    }

    static Map<String, Object> birthRegistration() {
        Map<String, Object> values = new HashMap<>();
        values.put("unit", "commune-a");
        values.put("applicantName", "Nguyễn Thị Lan");
        values.put("applicantPersonalId", "001190012345");
        values.put("applicantPhone", "0912345678");
        values.put("applicantRelationship", "mother");
        values.put("childFullName", "Trần Minh An");
        values.put("childDateOfBirth", "2026-11-20");
        values.put("childSex", "male");
        values.put("childPlaceOfBirth", "Trạm y tế xã A");
        values.put("motherPersonalId", "001190012345");
        return values;
    }

    static List<String> keys(List<ApplicationForm.Problem> problems) {
        return problems.stream().map(ApplicationForm.Problem::key).toList();
    }

    @Test
    void theShippedFormsFieldsWithTheirTypesAndRules() throws IOException {
        ApplicationForm form = shipped("birth-registration-application.form");
        assertThat(form.formId()).isEqualTo("birth-registration-application");
        assertThat(form.fields()).containsKeys("unit", "applicantName", "childFullName", "motherPersonalId")
                .doesNotContainKey("Field_heading");
        ApplicationForm.Field mother = form.field("motherPersonalId").orElseThrow();
        assertThat(mother.required()).isTrue();
        assertThat(mother.pattern()).isEqualTo("^[0-9]{12}$");
        assertThat(form.field("childSex").orElseThrow().options()).containsExactly("male", "female");
        assertThat(form.field("childDateOfBirth").orElseThrow().subtype()).isEqualTo("date");
        assertThat(form.field("unit").orElseThrow().unit()).as("'unit' does not end in 'Unit'").isFalse();
    }

    @Test
    void aCompleteApplicationPasses() throws IOException {
        Map<String, Object> values = birthRegistration();
        assertThat(shipped("birth-registration-application.form").check(values, Set.of(), UNITS)).isEmpty();
    }

    @Test
    void eachRuleOfTheFormRefusesItsValueNamingTheField() throws IOException {
        ApplicationForm form = shipped("birth-registration-application.form");
        record Case(String key, Object value, String why) {
        }
        for (Case c : List.of(
                new Case("motherPersonalId", "12", "format"),
                new Case("childSex", "other", "one of [male, female]"),
                new Case("childFullName", "x".repeat(101), "at most 100"),
                new Case("childDateOfBirth", "20/11/2026", "a date"),
                new Case("childFullName", 42, "must be text"),
                new Case("applicantEmail", "lan-at-example", "e-mail"))) {
            Map<String, Object> values = birthRegistration();
            values.put(c.key(), c.value());
            List<ApplicationForm.Problem> problems = form.check(values, Set.of(), UNITS);
            assertThat(keys(problems)).as(c.toString()).containsExactly(c.key());
            assertThat(problems.get(0).message()).as(c.toString()).contains(c.why());
        }
    }

    @Test
    void unknownFieldsAndMissingRequiredOnesAreRefusedUnlessWaived() throws IOException {
        ApplicationForm form = shipped("birth-registration-application.form");
        Map<String, Object> values = birthRegistration();
        values.remove("childSex");
        values.remove("applicantName");
        values.remove("unit");
        values.put("shopUnit", "commune-a");
        values.put("fatherPersonalId", "   "); // blank counts as absent; the father is optional
        List<ApplicationForm.Problem> problems = form.check(values, Set.of("unit"), UNITS);
        assertThat(keys(problems)).containsExactly("shopUnit", "applicantName", "childSex");
        assertThat(problems.get(0).message()).contains("has no field 'shopUnit'");
        assertThat(problems.get(2).message()).contains("required");

        assertThat(keys(form.check(values, Set.of("unit", "applicantName"), UNITS)))
                .as("a name the registry gives is not required").containsExactly("shopUnit", "childSex");
    }

    @Test
    void numbersAreNumbersWithinTheirBounds() throws IOException {
        ApplicationForm form = shipped("construction-permit-application.form");
        Map<String, Object> values = new HashMap<>(Map.of("floors", 3, "buildingFootprint", 80.5,
                "totalFloorArea", 240));
        assertThat(keys(form.check(values, Set.of(), UNITS))).doesNotContain("floors", "buildingFootprint",
                "totalFloorArea");
        values.put("floors", "3");
        values.put("buildingFootprint", 0);
        values.put("totalFloorArea", 21);
        List<ApplicationForm.Problem> problems = form.check(values, Set.of(), UNITS);
        assertThat(problems).filteredOn(p -> p.key().equals("floors")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be a number"));
        assertThat(problems).filteredOn(p -> p.key().equals("buildingFootprint")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at least 1"));
        assertThat(keys(problems)).doesNotContain("totalFloorArea");
        values.put("floors", 21);
        assertThat(form.check(values, Set.of(), UNITS)).filteredOn(p -> p.key().equals("floors")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at most 20"));
    }

    @Test
    void aUnitFieldNamesAnExistingUnitAndHiddenFieldsAreNotRequired() {
        ApplicationForm form = ApplicationForm.parse("""
                {"id": "licence-application", "components": [
                  {"type": "textfield", "key": "enterpriseCode", "validate": {"required": true, "minLength": 10,
                   "pattern": "^[0-9]{10}$"}},
                  {"type": "group", "components": [
                    {"type": "select", "key": "shopUnit", "validate": {"required": true},
                     "valuesExpression": "=communes"},
                    {"type": "textfield", "key": "consulted", "properties": {"unit": "true"}}]},
                  {"type": "textarea", "key": "why", "validate": {"required": true},
                   "conditional": {"hide": "=enterpriseCode = null"}},
                  {"type": "checkbox", "key": "agreed"}
                ]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(form.field("shopUnit").orElseThrow().unit()).isTrue();
        assertThat(form.field("consulted").orElseThrow().unit()).isTrue();

        Map<String, Object> values = new HashMap<>(Map.of("enterpriseCode", "12", "shopUnit", "commune-z",
                "consulted", "province", "agreed", "yes"));
        List<ApplicationForm.Problem> problems = form.check(values, Set.of(), UNITS);
        assertThat(keys(problems)).containsExactly("enterpriseCode", "shopUnit", "agreed");
        assertThat(problems.get(0).message()).contains("at least 10 characters");
        assertThat(problems.get(1).message()).contains("existing unit", "commune-z");
        assertThat(problems.get(2).message()).contains("true or false");

        values.putAll(Map.of("enterpriseCode", "0101234567", "shopUnit", "commune-b", "agreed", true));
        assertThat(form.check(values, Set.of(), UNITS)).isEmpty();
    }

    @Test
    void aFileThatIsNoFormIsRefused() {
        assertThatThrownBy(() -> ApplicationForm.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
