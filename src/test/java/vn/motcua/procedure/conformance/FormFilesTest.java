package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormFilesTest {

    @TempDir
    Path dir;

    private static final String VALID = "{\"id\": \"%s\", \"type\": \"default\", \"components\": []}";

    @Test
    void fieldKeysAreTheVariablesAFormSubmits() throws Exception {
        Files.writeString(dir.resolve("a.form"), """
                {"id": "a", "type": "default", "components": [
                  {"type": "text", "text": "Heading"},
                  {"type": "textfield", "key": "applicantName"},
                  {"type": "group", "components": [{"type": "select", "key": "shopUnit"}]},
                  {"type": "group", "path": "address", "components": [{"type": "textfield", "key": "street"}]},
                  {"type": "button", "key": "submit"}]}""");

        FormSet forms = ProcedureFiles.readForms(dir);

        assertThat(forms.fieldKeys("a")).containsExactlyInAnyOrder("applicantName", "shopUnit", "address");
        assertThat(forms.fieldKeys("missing")).isEmpty();
        assertThat(Fixtures.validForms().fieldKeys("reception")).containsExactly("receptionDecision");
    }

    @Test
    void invalidFormFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("a-ok.form"), VALID.formatted("ok"));
        Files.writeString(dir.resolve("b-not-json.form"), "{ \"id\": \"x\", ");
        Files.writeString(dir.resolve("c-no-id.form"), "{\"type\": \"default\", \"components\": []}");
        Files.writeString(dir.resolve("d-number-id.form"), "{\"id\": 7, \"type\": \"default\", \"components\": []}");
        Files.writeString(dir.resolve("e-wrong-type.form"), "{\"id\": \"e\", \"type\": \"html\", \"components\": []}");
        Files.writeString(dir.resolve("f-no-components.form"), "{\"id\": \"f\", \"type\": \"default\"}");
        Files.writeString(dir.resolve("g-array.form"), "[]");
        Files.writeString(dir.resolve("h-empty.form"), "");
        Files.writeString(dir.resolve("i-duplicate.form"), VALID.formatted("ok"));
        Files.writeString(dir.resolve("notes.txt"), "not a form");

        FormSet forms = ProcedureFiles.readForms(dir);

        assertThat(forms.byId()).containsOnlyKeys("ok");
        assertThat(forms.byId().get("ok").name()).isEqualTo("a-ok.form");
        assertThat(forms.violations()).allSatisfy(v -> assertThat(v.ruleId()).isEqualTo("form-valid"))
                .extracting(Violation::file)
                .containsExactly("b-not-json.form", "c-no-id.form", "d-number-id.form", "e-wrong-type.form",
                        "f-no-components.form", "g-array.form", "h-empty.form", "i-duplicate.form");
        assertThat(forms.violations().get(0).message()).contains("not JSON", "line 1");
        assertThat(forms.violations().get(3)).hasToString(
                "e-wrong-type.form: e [form-valid] form file has type \"html\"; a Camunda Form has \"type\": \"default\"");
        assertThat(forms.violations().get(7).elementId()).isEqualTo("ok");
        assertThat(forms.violations().get(7).message()).contains("a-ok.form");
    }

    @Test
    void missingDirectoryIsAnEmptySet() throws Exception {
        FormSet forms = ProcedureFiles.readForms(dir.resolve("nowhere"));

        assertThat(forms.byId()).isEmpty();
        assertThat(forms.violations()).isEmpty();
    }

    @Test
    void modelReferencingAFormThatFailedValidationBreaksFormRef() throws Exception {
        for (Path form : Files.list(Fixtures.resourceDir("valid/forms")).toList()) {
            Files.copy(form, dir.resolve(form.getFileName()));
        }
        Files.writeString(dir.resolve("approval.form"), "{\"id\": \"approval\", \"type\": \"default\"}");
        FormSet forms = ProcedureFiles.readForms(dir);

        ModelReport report = new ConformanceChecker().check(
                new ModelFile("birth-registration.bpmn", Fixtures.resource("valid/processes/birth-registration.bpmn")), forms);

        assertThat(forms.violations()).singleElement().satisfies(v -> {
            assertThat(v.file()).isEqualTo("approval.form");
            assertThat(v.elementId()).isEqualTo("approval");
        });
        Violation violation = Fixtures.assertOnly(report, Rule.FORM_REF, "Task_Approval");
        assertThat(violation.message()).contains("'approval'", "approval.form");
    }
}
