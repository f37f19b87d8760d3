package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static vn.motcua.procedure.conformance.Fixtures.assertHas;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.checkResource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BPMN the product did not write: always violations, never an exception. */
class ForeignModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"collaboration-lanes.bpmn", "script-call-subprocess.bpmn", "no-properties.bpmn",
        "broken.bpmn", "empty.bpmn", "not-bpmn.xml"})
    void foreignFilesGiveViolationsNotExceptions(String file) {
        assertThatCode(() -> checkResource("foreign/" + file)).doesNotThrowAnyException();

        ModelReport report = checkResource("foreign/" + file);

        assertThat(report.conforms()).isFalse();
        assertThat(report.violations()).allSatisfy(v -> {
            assertThat(v.file()).isEqualTo(file);
            assertThat(v.message()).doesNotContain("could not be checked");
        });
    }

    @Test
    void collaborationWithTwoParticipantsAndLanes() {
        ModelReport report = checkResource("foreign/collaboration-lanes.bpmn");

        assertThat(report.processKey()).isEqualTo("Process_Office");
        assertHas(report, Rule.HISTORY_TTL, "Process_Office");
        assertHas(report, Rule.PROCEDURE_PROPERTIES, "Process_Office");
        assertThat(Fixtures.of(report, Rule.FIVE_STEPS)).hasSize(5);
        assertHas(report, Rule.STEP_PROPERTY, "Task_Receive");
        assertHas(report, Rule.STEP_PROPERTY, "Task_Sign");
        assertHas(report, Rule.CANDIDATE_GROUPS, "Task_Sign");
        assertHas(report, Rule.FORM_REF, "Task_Sign");
        assertHas(report, Rule.DUE_DATE, "Task_Sign");
        assertHas(report, Rule.END_OUTCOME, "End_Office");
        // The citizen's pool is not executable, but its paper step is still a paper step.
        assertHas(report, Rule.NO_PAPER_STEP, "Task_Apply");
        // The collaboration's plane shows the office process: no diagram complaint.
        assertThat(Fixtures.ruleIds(report)).doesNotContain("diagram", "executable-process", "bpmn-parse", "step-order");
    }

    @Test
    void scriptTaskCallActivitySubprocessesBoundaryAndLinks() {
        ModelReport report = checkResource("foreign/script-call-subprocess.bpmn");

        assertThat(report.processKey()).isEqualTo("mixed");
        // Rules see user tasks inside subprocesses and event subprocesses.
        assertHas(report, Rule.UNIT_ROLE, "sub_task");
        assertHas(report, Rule.FORM_REF, "sub_task");
        assertHas(report, Rule.CANDIDATE_GROUPS, "err_task");
        assertHas(report, Rule.DIAGRAM, "mixed");
        assertThat(Fixtures.ruleIds(report)).doesNotContain("history-ttl", "bpmn-parse", "executable-process");
    }

    @Test
    void processWithoutAnyProperties() {
        ModelReport report = checkResource("foreign/no-properties.bpmn");

        assertThat(Fixtures.ruleIds(report)).containsExactlyInAnyOrder("history-ttl", "procedure-properties",
                "five-steps", "step-property", "end-outcome", "withdrawal", "candidate-groups", "form-ref", "due-date", "follow-up-date", "escalation", "diagram");
        assertThat(Fixtures.of(report, Rule.PROCEDURE_PROPERTIES)).hasSize(5);
        assertThat(report.formIds()).isEmpty();
    }

    @Test
    void brokenXml() {
        assertOnly(checkResource("foreign/broken.bpmn"), Rule.BPMN_PARSE, null);
    }

    @Test
    void emptyFile() {
        Violation violation = assertOnly(checkResource("foreign/empty.bpmn"), Rule.BPMN_PARSE, null);

        assertThat(violation.message()).isEqualTo("the file is empty");
    }

    @Test
    void xmlThatIsNotBpmn() {
        Violation violation = assertOnly(checkResource("foreign/not-bpmn.xml"), Rule.BPMN_PARSE, null);

        assertThat(violation.message()).contains("not a BPMN 2.0 file");
    }

    @Test
    void doctypeIsRefused() {
        // External entities would let a model read files of the server: the parser refuses any DOCTYPE.
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + Fixtures.validXml().substring(Fixtures.validXml().indexOf("<bpmn:definitions"));

        assertOnly(Fixtures.check(xml), Rule.BPMN_PARSE, null);
    }
}
