package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
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

/** Đăng ký thành lập hộ kinh doanh: every path through {@code processes/household-business-registration.bpmn}. */
class HouseholdBusinessRegistrationProcessTest {

    static final String KEY = "household-business-registration";
    // Sample budgets in working days; together the 3 days of the processing time.
    static final double RECEPTION = 0.5;
    static final double APPRAISAL = 1.5;
    static final double APPROVAL = 0.5;
    static final double ISSUING = 0.25;
    static final double RESULT = 0.25;

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
                "applicantName", "Lê Văn Hùng",
                "applicantPersonalId", "001190012346",
                "applicantPhone", "0987654321",
                "businessName", "Hộ kinh doanh Tạp hóa Hùng Lan",
                "businessAddress", "Số 12, thôn Đông, xã A",
                "businessLines", "4711 Bán lẻ lương thực, thực phẩm",
                "capital", 150_000_000L,
                "ownerFullName", "Lê Văn Hùng",
                "ownerPersonalId", "001190012346");
    }

    ProcessInstance submit(String businessKey, String unit) {
        ProcessInstance record = procedure.submitApplication(businessKey, unit, application());
        assertThat(record).isStarted().hasBusinessKey(businessKey).hasProcessDefinitionKey(KEY);
        return record;
    }

    void reception(ProcessInstance record, String unit, String decision, Map<String, Object> more) {
        Task task = procedure.assertStep(record, "Task_Reception", unit + ":clerk", RECEPTION, KEY + "-reception");
        Map<String, Object> variables = new HashMap<>(more);
        variables.putAll(withVariables("receptionDecision", decision, "receivedRegistrationRequest", true,
                "documentsDigitised", true));
        complete(task, variables);
        if (decision.equals("accept")) {
            procedure.runLookups(record);
        }
    }

    void appraisal(ProcessInstance record, String unit, String proposal) {
        Task task = procedure.assertStep(record, "Task_Appraisal", unit + ":specialist", APPRAISAL, KEY + "-appraisal");
        complete(task, withVariables("proposal", proposal, "appraisalNotes", "Tên không trùng / name available",
                "businessNameAvailable", true, "businessLinesPermitted", true));
    }

    void approval(ProcessInstance record, String unit, String decision) {
        Task task = procedure.assertStep(record, "Task_Approval", unit + ":leader", APPROVAL, "approval");
        complete(task, withVariables("approvalDecision", decision, "approvalNotes", "—"));
    }

    void issuing(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Issuing", unit + ":records", ISSUING, "issuing");
        complete(task, withVariables("documentNumber", "27A8001234", "issuedOn", "2026-11-24"));
    }

    void result(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Result", unit + ":clerk", RESULT, "result");
        complete(task, withVariables("deliveryChannel", "email", "resultDelivered", true));
    }

    @Test
    void theOwnerIsLookedUpAndAClashingBusinessNameIsFlaggedForTheSpecialist() {
        Map<String, Object> data = new HashMap<>(application());
        data.put("businessName", "Cửa hàng tạp hoá Minh Anh"); // an enterprise has this name (sandbox)
        ProcessInstance record = procedure.submitApplication("commune-a-20261123-0310", "commune-a", data);
        reception(record, "commune-a", "accept", Map.of());

        assertThat(record).isWaitingAtExactly("Task_Appraisal").hasPassedInOrder("Lookup_Owner", "Lookup_NameClash");
        assertThat(record).variables().containsEntry("businessNameClash", true)
                .containsEntry("ownerFullNameDeclared", "Lê Văn Hùng"); // kept beside the registry's name
        Assertions.assertThat((String) procedure.variable(record, "businessNameClashingEnterprises"))
                .contains("Cửa hàng Tạp hóa Minh Anh (0104567890");
        Assertions.assertThat((String) procedure.variable(record, "registryMismatches"))
                .startsWith("ownerFullName: kê khai / declared 'Lê Văn Hùng' ≠ CSDLQG về dân cư");
    }

    @Test
    void aFreeBusinessNameDoesNotClash() {
        ProcessInstance record = submit("commune-a-20261123-0311", "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        assertThat(record).isWaitingAtExactly("Task_Appraisal");
        assertThat(record).variables().containsEntry("businessNameClash", false);
    }

    @Test
    void recordOfAnotherCommuneGoesToThatCommunesGroups() {
        ProcessInstance record = submit("commune-b-20261123-0101", "commune-b");

        reception(record, "commune-b", "accept", Map.of());
        appraisal(record, "commune-b", "approve");
        approval(record, "commune-b", "approve");
        issuing(record, "commune-b");
        result(record, "commune-b");

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    /** Accepted at reception, without going on: the record then waits at its payment step. */
    ProcessInstance acceptedAwaitingTheFee(String businessKey) {
        ProcessInstance record = submit(businessKey, "commune-a");
        Task task = procedure.assertStep(record, "Task_Reception", "commune-a:clerk", RECEPTION, KEY + "-reception");
        procedure.engine().getTaskService().complete(task.getId(), withVariables("receptionDecision", "accept"));
        assertThat(record).isWaitingAt("Service_PaymentRequest"); // asynchronous: a job of its own
        procedure.requestTheFee(record);
        return record;
    }

    @Test
    void theFeeIsAskedForAfterTheReceiptAndTheRecordGoesOnToTheLookupsOncePaid() {
        ProcessInstance record = acceptedAwaitingTheFee("commune-a-20261207-0401");

        assertThat(record).isWaitingAt("Gateway_Payment").isWaitingFor("RecordPaid");
        assertThat(record).hasPassedInOrder("Task_Reception", "Service_Receipt", "Service_PaymentRequest");
        Assertions.assertThat(procedure.openTasks(record)).as("nobody works on a record awaiting its fee").isZero();
        Assertions.assertThat(procedure.processProperties()).containsEntry("procedure.fee", "100000")
                .containsEntry("procedure.paymentAt", "submission");

        procedure.paid("commune-a-20261207-0401");
        procedure.runLookups(record);

        assertThat(record).isWaitingAtExactly("Task_Appraisal").hasPassedInOrder("Service_PaymentRequest", "Event_Paid",
                "Service_PaymentReceipt", "Lookup_Owner", "Lookup_NameClash");
        assertThat(record).hasNotPassed("Event_PaymentExpired", "Service_PaymentExpired");
    }

    @Test
    void aFeeNotPaidInTimeEndsTheRecordAsWithdrawn() {
        ProcessInstance record = acceptedAwaitingTheFee("commune-a-20261207-0402");

        procedure.paymentExpires(record);

        assertThat(record).isEnded().hasPassedInOrder("Event_PaymentExpired", "Service_PaymentExpired", "End_Unpaid");
        assertThat(record).hasNotPassed("Service_PaymentReceipt", "Task_Appraisal");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void declaresItsRequiredDocumentsAndIsFullyOnline() {
        Assertions.assertThat(procedure.processProperties())
                .containsEntry("procedure.code", "2.000575")
                .containsEntry("procedure.fullyOnline", "true")
                .containsEntry("procedure.document.1",
                        "Giấy đề nghị đăng ký hộ kinh doanh / Household business registration request")
                .containsKeys("procedure.document.2", "procedure.document.3", "procedure.document.4")
                .doesNotContainKey("procedure.document.5");
    }

    @Test
    void stoppedProcessingWaitsUntilResumedThenGoesBackToAppraisal() {
        String businessKey = "commune-a-20261123-0108";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        Task task = procedure.assertStep(record, "Task_Appraisal", "commune-a:specialist", APPRAISAL, KEY + "-appraisal");
        complete(task, withVariables("proposal", "stop",
                "stopReasons", "Chờ cơ quan thuế xác nhận / waiting for the tax office's confirmation"));

        assertThat(record).isWaitingAt("Event_ProcessingResumed").isWaitingFor("RecordResumed");
        Assertions.assertThat(procedure.openTasks(record)).as("open tasks while processing is stopped").isZero();

        procedure.resumed(businessKey);

        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder("Task_Appraisal", "Gateway_StopProcessing",
                "Event_ProcessingResumed", "Task_Appraisal", "Task_Approval", "End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void stepBudgetsAreInTheModel() {
        Assertions.assertThat(java.util.List.of("Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing", "Task_Result"))
                .extracting(procedure::budgetOf).containsExactly(RECEPTION, APPRAISAL, APPROVAL, ISSUING, RESULT);
    }

    @Test
    void overdueAppraisalEscalatesAndStaysCompletable() {
        ProcessInstance record = submit("commune-b-20261123-0301", "commune-b");
        reception(record, "commune-b", "accept", Map.of());

        Task task = procedure.assertEscalatesWhenOverdue(record, "Task_Appraisal");

        complete(task, withVariables("proposal", "approve"));
        procedure.assertCompletedNotCancelled(record, "Task_Appraisal");
        assertThat(record).isWaitingAtExactly("Task_Approval");
    }

    /** Completes the task as its user would (and runs the seal's job after issuing, as the job executor would). */
    private void complete(Task task, Map<String, Object> variables) {
        procedure.complete(task, variables);
    }
}
