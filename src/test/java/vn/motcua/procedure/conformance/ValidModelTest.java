package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ValidModelTest {

    @Test
    void validFiveStepModelHasNoViolations() {
        ModelReport report = Fixtures.check(Fixtures.validXml());

        assertThat(report.violations()).isEmpty();
        assertThat(report.conforms()).isTrue();
        assertThat(report.processKey()).isEqualTo(Fixtures.PROCESS_ID);
        assertThat(report.formIds()).containsExactlyInAnyOrder(
                "application", "reception", "consultation", "appraisal", "approval", "issuing", "result");
    }

    @Test
    void validFormsHaveNoViolations() {
        FormSet forms = Fixtures.validForms();

        assertThat(forms.violations()).isEmpty();
        assertThat(forms.byId()).containsOnlyKeys(
                "application", "reception", "consultation", "appraisal", "approval", "issuing", "result");
        assertThat(forms.byId().get("approval").name()).isEqualTo("approval.form");
    }

    @Test
    void readModelsListsBpmnFilesOfADirectoryOrTheOneFile() throws Exception {
        Path dir = Fixtures.resourceDir("valid/processes");

        List<ModelFile> fromDir = ProcedureFiles.readModels(dir);
        List<ModelFile> fromFile = ProcedureFiles.readModels(dir.resolve(Fixtures.VALID_MODEL));

        assertThat(fromDir).extracting(ModelFile::name).containsExactly(Fixtures.VALID_MODEL);
        assertThat(fromFile).isEqualTo(fromDir);
    }

    @Test
    void sendBackToReceptionIsAllowed() {
        // A leader may send the record all the way back; the later steps are then done again.
        String xml = Fixtures.addFlow(Fixtures.validXml(), "Flow_BackToReception", "Gateway_Approval", "Task_Reception");

        assertThat(Fixtures.check(xml).violations()).isEmpty();
    }

    @Test
    void rulesHaveUniqueIdsAndSummaries() {
        assertThat(Rule.values()).extracting(Rule::id).doesNotHaveDuplicates().containsExactly(
                "bpmn-parse", "executable-process", "history-ttl", "procedure-properties", "five-steps",
                "step-property", "step-order", "end-outcome", "withdrawal", "record-messages", "candidate-groups",
                "unit-role", "form-ref", "form-valid", "due-date", "follow-up-date", "step-budget", "budgets-fit",
                "escalation", "visible-work", "payment", "lookup", "lookup-before-appraisal", "declared-once", "known-variables", "no-paper-step",
                "no-scripts", "no-java-classes", "allowed-expressions", "deployment-resources", "reserved-key",
                "diagram");
        assertThat(Rule.values()).allSatisfy(rule -> assertThat(rule.summary()).isNotBlank().doesNotContain("\n"));
        assertThat(Rule.byId("step-order")).contains(Rule.STEP_ORDER);
    }

    @Test
    void violationPrintsFileElementRuleAndMessage() {
        assertThat(new Violation("a.bpmn", "Task_1", "due-date", "no due date"))
                .hasToString("a.bpmn: Task_1 [due-date] no due date");
        assertThat(new Violation("a.bpmn", null, "bpmn-parse", "the file is empty"))
                .hasToString("a.bpmn: [bpmn-parse] the file is empty");
        assertThat(new Violation("a.bpmn", null, "bpmn-parse", "line one\nline two").message())
                .isEqualTo("line one line two");
    }
}
