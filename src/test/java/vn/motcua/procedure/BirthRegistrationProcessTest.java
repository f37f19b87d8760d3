package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Đăng ký khai sinh: every path through {@code processes/birth-registration.bpmn}. */
class BirthRegistrationProcessTest {

    static final String KEY = "birth-registration";
    /** Sample budget of every step: 1 working day split in five. */
    static final double STEP_BUDGET = 0.2;

    static final ProcedureTestEngine procedure = ProcedureTestEngine.deploy(KEY);

    @RegisterExtension
    static final ProcessEngineExtension extension = procedure.extension();

    @BeforeEach
    void initAssertions() {
        procedure.initAssertions();
    }

    @AfterAll
    static void closeEngine() {
        procedure.close();
    }

    static Map<String, Object> application() {
        return Map.of(
                "applicantName", "Nguyễn Thị Lan",
                "applicantPersonalId", "001190012345",
                "applicantPhone", "0912345678",
                "applicantEmail", "lan.nguyen@example.vn",
                "applicantRelationship", "mother",
                "childFullName", "Trần Minh An",
                "childDateOfBirth", "2026-11-20",
                "childSex", "male",
                "motherFullName", "Nguyễn Thị Lan",
                "motherPersonalId", "001190012345");
    }

    ProcessInstance submit(String businessKey, String unit) {
        ProcessInstance record = procedure.submitApplication(businessKey, unit, application());
        assertThat(record).isStarted().hasBusinessKey(businessKey).hasProcessDefinitionKey(KEY);
        return record;
    }

    void reception(ProcessInstance record, String unit, String decision, Map<String, Object> more) {
        Task task = procedure.assertStep(record, "Task_Reception", unit + ":clerk", STEP_BUDGET, KEY + "-reception");
        Map<String, Object> variables = new HashMap<>(more);
        variables.putAll(withVariables("receptionDecision", decision, "receivedBirthCertificate", true,
                "documentsDigitised", true));
        complete(task, variables);
    }

    void appraisal(ProcessInstance record, String unit, String proposal) {
        Task task = procedure.assertStep(record, "Task_Appraisal", unit + ":specialist", STEP_BUDGET, KEY + "-appraisal");
        complete(task, withVariables("proposal", proposal, "appraisalNotes", "Đủ điều kiện / eligible",
                "populationDataChecked", true));
    }

    void approval(ProcessInstance record, String unit, String decision) {
        Task task = procedure.assertStep(record, "Task_Approval", unit + ":leader", STEP_BUDGET, "approval");
        complete(task, withVariables("approvalDecision", decision, "approvalNotes", "—"));
    }

    void issuing(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Issuing", unit + ":records", STEP_BUDGET, "issuing");
        complete(task, withVariables("documentNumber", "123/GCNKS", "issuedOn", "2026-11-23"));
    }

    void result(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Result", unit + ":clerk", STEP_BUDGET, "result");
        complete(task, withVariables("deliveryChannel", "portal", "resultDelivered", true));
    }

    @Test
    void deploysTheProcedureWithEveryFormItReferences() {
        Assertions.assertThat(procedure.formIds()).containsExactly(
                "birth-registration-application", "birth-registration-reception", "birth-registration-appraisal",
                "approval", "issuing", "result");
        Assertions.assertThat(procedure.engine().getRepositoryService().getDeploymentResourceNames(procedure.deployment().getId()))
                .containsExactlyInAnyOrder("birth-registration.bpmn", "birth-registration-application.form",
                        "birth-registration-reception.form", "birth-registration-appraisal.form",
                        "approval.form", "issuing.form", "result.form");
        Assertions.assertThat(procedure.startFormId()).isEqualTo("birth-registration-application");
    }

    @Test
    void acceptedRecordIsAppraisedApprovedIssuedAndReturned() {
        ProcessInstance record = submit("commune-a-20261123-0001", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder(
                "StartEvent_Application", "Task_Reception", "Gateway_ReceptionDecision", "Task_Appraisal",
                "Task_Approval", "Gateway_ApprovalDecision", "Task_Issuing", "Task_Result", "End_ResultReturned");
        assertThat(record).hasNotPassed("Event_SupplementReceived", "End_Refused");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void firstStepIsDueTheSameDayAtTheStepBudget() {
        ProcessInstance record = submit("commune-a-20261123-0002", "commune-a");

        Task task = procedure.assertStep(record, "Task_Reception", "commune-a:clerk", STEP_BUDGET, KEY + "-reception");

        // Monday 09:00 + 0.2 working day (4.8 h) = Monday 13:48 in Vietnam
        Assertions.assertThat(task.getDueDate().toInstant())
                .isEqualTo(java.time.ZonedDateTime.of(2026, 11, 23, 13, 48, 0, 0, ProcedureTestEngine.VIETNAM).toInstant());
        assertThat(record).variables().containsEntry("unit", "commune-a").containsEntry("childFullName", "Trần Minh An");
    }

    @Test
    void incompleteApplicationWaitsForTheSupplementThenIsAccepted() {
        String businessKey = "commune-a-20261123-0003";
        ProcessInstance record = submit(businessKey, "commune-a");

        reception(record, "commune-a", "supplement",
                Map.of("missingDocuments", "Giấy chứng sinh / birth certificate from the hospital"));
        assertThat(record).isWaitingAt("Event_SupplementReceived").isWaitingFor("RecordSupplemented");
        Assertions.assertThat(procedure.engine().getTaskService().createTaskQuery()
                .processInstanceId(record.getId()).count()).as("open tasks while waiting for the applicant").isZero();

        procedure.supplementReceived(businessKey);

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder(
                "Task_Reception", "Event_SupplementReceived", "Task_Reception", "Task_Appraisal", "End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void refusedApplicationEndsRefused() {
        ProcessInstance record = submit("commune-a-20261123-0004", "commune-a");

        reception(record, "commune-a", "refuse",
                Map.of("refusalReasons", "Không thuộc thẩm quyền / not within the commune's competence"));

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "Gateway_ReceptionDecision", "End_Refused");
        assertThat(record).hasNotPassed("Task_Appraisal");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Refused");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("refused");
    }

    @Test
    void leaderReturnsTheRecordToAppraisalThenApproves() {
        ProcessInstance record = submit("commune-a-20261123-0005", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "return");
        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");

        procedure.assertStep(record, "Task_Issuing", "commune-a:records", STEP_BUDGET, "issuing");
        assertThat(record).hasPassedInOrder("Task_Appraisal", "Task_Approval", "Task_Appraisal", "Task_Approval");
        assertThat(record).variables().containsEntry("approvalDecision", "approve");
    }

    @Test
    void rejectionProposalStillGoesThroughApprovalIssuingAndResult() {
        ProcessInstance record = submit("commune-a-20261123-0006", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "reject");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassed("Task_Approval", "Task_Issuing", "Task_Result");
        assertThat(record).variables().containsEntry("proposal", "reject");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    @Test
    void recordOfAnotherCommuneGoesToThatCommunesGroups() {
        ProcessInstance record = submit("commune-b-20261123-0001", "commune-b");

        reception(record, "commune-b", "accept", Map.of());
        appraisal(record, "commune-b", "approve");
        approval(record, "commune-b", "approve");
        issuing(record, "commune-b");
        result(record, "commune-b");

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    @Test
    void declaresItsRequiredDocumentsAndIsFullyOnline() {
        Assertions.assertThat(procedure.processProperties())
                .containsEntry("procedure.code", "1.001193")
                .containsEntry("procedure.fullyOnline", "true")
                .containsEntry("procedure.document.1", "Tờ khai đăng ký khai sinh / Birth registration declaration")
                .containsEntry("procedure.document.2", "Giấy chứng sinh / Birth certificate from the hospital")
                .containsEntry("procedure.document.3",
                        "Giấy chứng nhận kết hôn của cha mẹ / Parents' marriage certificate|optional")
                .containsKey("procedure.document.4")
                .doesNotContainKey("procedure.document.5");
    }

    @Test
    void applicantWithdrawsAtReception() {
        String businessKey = "commune-a-20261123-0007";
        ProcessInstance record = submit(businessKey, "commune-a");
        assertThat(record).isWaitingAt("Task_Reception");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded().hasPassedInOrder("StartEvent_Withdrawn", "End_Withdrawn");
        assertThat(record).hasNotPassed("Task_Appraisal", "End_ResultReturned", "End_Refused");
        Assertions.assertThat(procedure.openTasks(record)).isZero();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Withdrawn");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void applicantWithdrawsAtApproval() {
        String businessKey = "commune-a-20261123-0008";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve");
        procedure.assertStep(record, "Task_Approval", "commune-a:leader", STEP_BUDGET, "approval");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "Task_Appraisal", "End_Withdrawn");
        assertThat(record).hasNotPassed("Task_Issuing", "End_ResultReturned");
        Assertions.assertThat(procedure.openTasks(record)).isZero();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Withdrawn");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void applicantWithdrawsWhileReceptionWaitsForTheSupplement() {
        String businessKey = "commune-a-20261123-0009";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "supplement", Map.of("missingDocuments", "Giấy chứng sinh / birth certificate"));
        assertThat(record).isWaitingAt("Event_SupplementReceived");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void stoppedProcessingWaitsUntilResumedThenGoesBackToAppraisal() {
        String businessKey = "commune-a-20261123-0010";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        Task task = procedure.assertStep(record, "Task_Appraisal", "commune-a:specialist", STEP_BUDGET, KEY + "-appraisal");
        complete(task, withVariables("proposal", "stop",
                "stopReasons", "Chờ xác minh nơi sinh / waiting for the place of birth to be verified"));

        assertThat(record).isWaitingAt("Event_ProcessingResumed").isWaitingFor("RecordResumed");
        Assertions.assertThat(procedure.openTasks(record)).as("open tasks while processing is stopped").isZero();

        procedure.resumed(businessKey);

        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder("Task_Appraisal", "Gateway_StopProcessing",
                "Event_ProcessingResumed", "Task_Appraisal", "Task_Approval", "End_ResultReturned");
        assertThat(record).variables().containsEntry("proposal", "approve");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void applicantMayWithdrawWhileProcessingIsStopped() {
        String businessKey = "commune-a-20261123-0011";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "stop");
        assertThat(record).isWaitingAt("Event_ProcessingResumed");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Withdrawn");
    }
}
