package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.addFlow;
import static vn.motcua.procedure.conformance.Fixtures.assertHas;
import static vn.motcua.procedure.conformance.Fixtures.of;
import static vn.motcua.procedure.conformance.Fixtures.ruleIds;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.check;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;
import static vn.motcua.procedure.conformance.Fixtures.validXml;

import org.junit.jupiter.api.Test;

/** The path search of the step-order rule, on variants of the valid model (which loops twice). */
class StepOrderTest {

    @Test
    void pathThatSkipsAppraisalToSuccessEnd() {
        // The lookup now leads straight to the leader; appraisal is only reachable by a send-back.
        String xml = replaceOnce(validXml(),
                "sourceRef=\"Task_Consultation\" targetRef=\"Task_Appraisal\"",
                "sourceRef=\"Task_Consultation\" targetRef=\"Task_Approval\"");

        Violation violation = assertOnly(check(xml), Rule.STEP_ORDER, "Task_Approval");

        assertThat(violation.message()).isEqualTo("step 'approval' (element Task_Approval) can be reached before 'appraisal'");
    }

    @Test
    void successEndReachedByShortcut() {
        String xml = addFlow(validXml(), "Flow_FastTrack", "Gateway_Reception", "End_Success");

        ModelReport report = check(xml);

        Violation violation = assertOnly(report, Rule.STEP_ORDER, "End_Success");
        assertThat(violation.message()).contains("'Result returned'", "'success'", "without passing step 'appraisal'");
        assertThat(report.violations()).hasSize(1);
    }

    @Test
    void approvalReachableBeforeAppraisal() {
        // Both paths exist: the normal one and a jump from reception to the leader.
        String xml = addFlow(validXml(), "Flow_Jump", "Gateway_Reception", "Task_Approval");

        ModelReport report = check(xml);

        assertHas(report, Rule.STEP_ORDER, "Task_Approval");
        assertThat(of(report, Rule.STEP_ORDER)).hasSize(1); // reported once, not again at issuing and result
        // and, sent back from approval, appraisal is then reached without the registry lookup nor the receipt
        assertThat(ruleIds(report)).containsExactlyInAnyOrder("step-order", "lookup-before-appraisal", "visible-work");
    }

    @Test
    void issuingSkipped() {
        String xml = replaceOnce(validXml(),
                "sourceRef=\"Gateway_Approval\" targetRef=\"Task_Issuing\"",
                "sourceRef=\"Gateway_Approval\" targetRef=\"Task_Result\"");

        Violation violation = assertOnly(check(xml), Rule.STEP_ORDER, "Task_Result");
        assertThat(violation.message()).contains("'result'", "before 'issuing'");
    }

    @Test
    void boundaryEventLeavesWithProgressFromBeforeItsTask() {
        // A path from a timer on appraisal (it fires while the task is open) that ends as "success" has not
        // passed appraisal.
        String xml = Fixtures.withBoundaryTimer(validXml(), "Appraisal", "End_Success");

        ModelReport report = check(xml);

        Violation violation = assertOnly(report, Rule.STEP_ORDER, "End_Success");
        assertThat(violation.message()).contains("step 'appraisal'");
    }

    @Test
    void sendBackFromResultToAppraisalRequiresApprovalAgain() {
        // After a send-back from result to appraisal, the path must pass approval and issuing again.
        String xml = addFlow(validXml(), "Flow_Redo", "Task_Result", "Task_Appraisal");

        assertThat(check(xml).violations()).isEmpty();
    }

    @Test
    void sendBackThatSkipsLaterStepsIsCaught() {
        // Sent back to appraisal, but then straight to result: approval and issuing are skipped.
        String xml = addFlow(validXml(), "Flow_Redo", "Task_Result", "Task_Appraisal");
        xml = addFlow(xml, "Flow_Bad", "Task_Appraisal", "Task_Result");

        assertOnly(check(xml), Rule.STEP_ORDER, "Task_Result");
    }

    @Test
    void linkEventsAreFollowed() {
        // Result → throw link "done" … catch link "done" → success end, without issuing: still found.
        String xml = replaceOnce(validXml(),
                "sourceRef=\"Gateway_Approval\" targetRef=\"Task_Issuing\"",
                "sourceRef=\"Gateway_Approval\" targetRef=\"Link_Throw\"");
        xml = replaceOnce(xml, "  </bpmn:process>", """
                    <bpmn:intermediateThrowEvent id="Link_Throw"><bpmn:linkEventDefinition id="L1" name="done" /></bpmn:intermediateThrowEvent>
                    <bpmn:intermediateCatchEvent id="Link_Catch"><bpmn:linkEventDefinition id="L2" name="done" /></bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="Flow_FromLink" sourceRef="Link_Catch" targetRef="End_Success" />
                  </bpmn:process>""");

        ModelReport report = check(xml);

        Fixtures.assertHas(report, Rule.STEP_ORDER, "End_Success");
        assertThat(Fixtures.of(report, Rule.STEP_ORDER)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("step 'issuing'"));
    }

    @Test
    void modelWithoutSequenceFlowChildrenStillSearched() {
        // Hand-written BPMN often leaves out <bpmn:incoming>/<bpmn:outgoing>: flows are read from sourceRef/targetRef.
        String xml = validXml().replaceAll("\\s*<bpmn:(incoming|outgoing)>[^<]*</bpmn:(incoming|outgoing)>", "");
        xml = addFlow(xml, "Flow_FastTrack", "Gateway_Reception", "End_Success");

        assertOnly(check(xml), Rule.STEP_ORDER, "End_Success");
    }

    @Test
    void escalationIsNoPathAtAll() {
        // Every step of the valid model escalates by timeout listeners: nothing is drawn, so there is no
        // branch that could skip a step.
        String xml = validXml();
        assertThat(xml).contains("id=\"Escalate_Reception_Leaders\"").doesNotContain("<bpmn:boundaryEvent id=\"Timer_");

        assertThat(Fixtures.of(check(xml), Rule.STEP_ORDER)).isEmpty();
    }

    @Test
    void timerBranchOfTheFirstStepLeadingToTheSuccessEndIsCaught() {
        // A reception timer leaves with the progress from before reception: ending it at the success end
        // skips every step, and the rule says so.
        String xml = Fixtures.withBoundaryTimer(validXml(), "Reception", "End_Success");

        ModelReport report = check(xml);

        Violation violation = Fixtures.assertHas(report, Rule.STEP_ORDER, "End_Success");
        assertThat(violation.message()).contains("without passing step 'reception'");
        assertThat(Fixtures.of(report, Rule.STEP_ORDER)).hasSize(1);
    }
}
