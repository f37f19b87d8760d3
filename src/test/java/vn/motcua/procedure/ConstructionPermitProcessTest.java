package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cấp giấy phép xây dựng nhà ở riêng lẻ: every path through {@code processes/construction-permit.bpmn},
 * including the optional inter-agency consultation with the province's specialised department.
 */
class ConstructionPermitProcessTest {

    static final String KEY = "construction-permit";
    // Sample budgets in working days; all six steps (consultation included) together make the 15 days of the processing time.
    static final double RECEPTION = 1;
    static final double APPRAISAL = 5;
    static final double CONSULTATION = 3;
    static final double APPROVAL = 3;
    static final double ISSUING = 2;
    static final double RESULT = 1;

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
        Map<String, Object> data = new HashMap<>();
        data.put("applicantName", "Trần Văn Minh");
        data.put("applicantPersonalId", "001089023456");
        data.put("applicantPhone", "0903123456");
        data.put("ownerFullName", "Trần Văn Minh");
        data.put("ownerPersonalId", "001089023456"); // the sandbox's Trần Văn Minh, owner of the parcel
        data.put("landCommuneCode", "90001");
        data.put("mapSheetNumber", "12");
        data.put("parcelNumber", "345");
        data.put("landUseCertificateNumber", "CS 01234");
        data.put("constructionAddress", "Thửa 345, tờ bản đồ 12, xã A");
        data.put("floors", 4L);
        data.put("buildingFootprint", 80L);
        data.put("totalFloorArea", 320L);
        return data;
    }

    ProcessInstance submit(String businessKey, String unit) {
        ProcessInstance record = procedure.submitApplication(businessKey, unit, application());
        assertThat(record).isStarted().hasBusinessKey(businessKey).hasProcessDefinitionKey(KEY);
        return record;
    }

    void reception(ProcessInstance record, String unit, String decision, Map<String, Object> more) {
        Task task = procedure.assertStep(record, "Task_Reception", unit + ":clerk", RECEPTION, KEY + "-reception");
        Map<String, Object> variables = new HashMap<>(more);
        variables.putAll(withVariables("receptionDecision", decision, "receivedDrawings", true,
                "receivedLandUseCertificate", true, "documentsDigitised", true));
        complete(task, variables);
        if (decision.equals("accept")) {
            procedure.runLookups(record);
        }
    }

    void appraisal(ProcessInstance record, String unit, String proposal, boolean needsConsultation) {
        Task task = procedure.assertStep(record, "Task_Appraisal", unit + ":specialist", APPRAISAL, KEY + "-appraisal");
        Map<String, Object> variables = withVariables("proposal", proposal,
                "appraisalNotes", "Phù hợp quy hoạch / complies with the plan",
                "planningCompliant", true, "needsConsultation", needsConsultation);
        if (needsConsultation) {
            variables.put("consultationRequest", "Nhà trong khu vực bảo vệ II của di tích / house in a heritage buffer zone");
        }
        complete(task, variables);
    }

    void consultation(ProcessInstance record) {
        Task task = procedure.assertStep(record, "Task_Consultation", "province:specialist", CONSULTATION,
                "construction-permit-consultation");
        complete(task, withVariables("consultedAgency", "Sở Văn hóa, Thể thao và Du lịch", "consultationAgreed", "conditions",
                "consultationOpinion", "Đồng ý, chiều cao không quá 12 m / agreed, height at most 12 m"));
    }

    void approval(ProcessInstance record, String unit, String decision) {
        Task task = procedure.assertStep(record, "Task_Approval", unit + ":leader", APPROVAL, "approval");
        complete(task, withVariables("approvalDecision", decision, "approvalNotes", "—"));
    }

    void issuing(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Issuing", unit + ":records", ISSUING, "issuing");
        complete(task, withVariables("documentNumber", "45/GPXD", "issuedOn", "2026-12-10"));
    }

    void result(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Result", unit + ":clerk", RESULT, "result");
        complete(task, withVariables("deliveryChannel", "counter", "resultDelivered", true));
    }

    /** Issued and sealed, without going on: the record then waits at its payment step before the result. */
    ProcessInstance issuedAwaitingTheFee(String businessKey) {
        ProcessInstance record = procedure.submitApplication(businessKey, "dept-construction", application());
        walkTo(record, "dept-construction", "Task_Issuing");
        Task task = procedure.assertStep(record, "Task_Issuing", "dept-construction:records", ISSUING, "issuing");
        procedure.engine().getTaskService().complete(task.getId(), withVariables("issuedOn", "2026-12-10"));
        procedure.runSeal(record);
        assertThat(record).isWaitingAt("Service_PaymentRequest"); // asynchronous: a job of its own
        procedure.requestTheFee(record);
        return record;
    }

    @Test
    void theFeeIsCollectedAfterTheSealAndBeforeTheResultIsReturned() {
        ProcessInstance record = issuedAwaitingTheFee("dept-construction-20261207-0501");

        assertThat(record).isWaitingAt("Gateway_Payment").hasPassedInOrder("Task_Issuing",
                "Service_Seal", "Service_PaymentRequest");
        Assertions.assertThat(procedure.processProperties()).containsEntry("procedure.paymentAt", "result");

        procedure.paid("dept-construction-20261207-0501");
        result(record, "dept-construction");

        assertThat(record).isEnded().hasPassedInOrder("Service_Seal", "Event_Paid", "Service_PaymentReceipt",
                "Task_Result", "End_ResultReturned");
    }

    @Test
    void anExpiredRequestAtTheResultIsFollowedByANewOneTheResultWaitsForTheFee() {
        ProcessInstance record = issuedAwaitingTheFee("dept-construction-20261207-0502");
        procedure.work().clear();

        procedure.paymentExpires(record);

        assertThat(record).isWaitingAt("Gateway_Payment");
        Assertions.assertThat(procedure.work().calls()).containsExactly("paymentExpired@Service_PaymentExpired",
                "paymentRequest@Service_PaymentRequest");
        Assertions.assertThat(procedure.openTasks(record)).as("the result is not returned unpaid").isZero();

        procedure.paid("dept-construction-20261207-0502");
        assertThat(record).isWaitingAtExactly("Task_Result");
    }

    /** The path through every step, consultation included. */
    static final List<String> STEPS = List.of("Task_Reception", "Task_Appraisal", "Task_Consultation", "Task_Approval",
            "Task_Issuing", "Task_Result");

    /** Walks an accepted record that needs consultation (the clock standing still) up to the step. */
    void walkTo(ProcessInstance record, String unit, String taskId) {
        for (String step : STEPS.subList(0, STEPS.indexOf(taskId))) {
            switch (step) {
                case "Task_Reception" -> reception(record, unit, "accept", Map.of());
                case "Task_Appraisal" -> appraisal(record, unit, "approve", true);
                case "Task_Consultation" -> consultation(record);
                case "Task_Approval" -> approval(record, unit, "approve");
                case "Task_Issuing" -> issuing(record, unit);
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    /** What completes a step on the path through consultation. */
    static Map<String, Object> happyPath(String taskId) {
        return switch (taskId) {
            case "Task_Reception" -> Map.of("receptionDecision", "accept");
            case "Task_Appraisal" -> Map.of("proposal", "approve", "needsConsultation", true);
            case "Task_Consultation" -> Map.of("consultationAgreed", "yes", "consultationOpinion", "Đồng ý / agreed");
            case "Task_Approval" -> Map.of("approvalDecision", "approve");
            case "Task_Issuing" -> Map.of("documentNumber", "45/GPXD", "issuedOn", "2026-12-10");
            case "Task_Result" -> Map.of("deliveryChannel", "counter", "resultDelivered", true);
            default -> throw new IllegalArgumentException(taskId);
        };
    }

    @Test
    void theParcelAndItsOwnerComeFromTheRegistriesAndAnUnknownParcelIsToldToTheSpecialist() {
        ProcessInstance record = submit("commune-a-20261123-0230", "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        assertThat(record).isWaitingAtExactly("Task_Appraisal").hasPassedInOrder("Lookup_Parcel", "Lookup_Owner");
        assertThat(record).variables().containsEntry("parcelOwnerFullName", "Trần Văn Minh")
                .containsEntry("parcelArea", 152.4).containsEntry("parcelDisputed", false)
                .containsEntry("ownerFullName", "Trần Văn Minh");

        Map<String, Object> unknown = new HashMap<>(application());
        unknown.put("mapSheetNumber", "99");
        unknown.put("parcelNumber", "9999");
        ProcessInstance other = procedure.submitApplication("commune-a-20261123-0231", "commune-a", unknown);
        reception(other, "commune-a", "accept", Map.of());
        assertThat(other).isWaitingAtExactly("Task_Appraisal").hasPassed("Error_Lookup_Parcel_NotFound");
        Assertions.assertThat((String) procedure.variable(other, "parcelNotFound")).contains("land registry has no entry");
    }

    @Test
    void stepBudgetsAreInTheModelAndAllStepsTogetherMakeTheProcessingTime() {
        Assertions.assertThat(STEPS).extracting(procedure::budgetOf)
                .containsExactly(RECEPTION, APPRAISAL, CONSULTATION, APPROVAL, ISSUING, RESULT);
        Assertions.assertThat(RECEPTION + APPRAISAL + CONSULTATION + APPROVAL + ISSUING + RESULT)
                .isEqualTo(Double.parseDouble(procedure.processProperties().get("procedure.processingDays")));
    }

    @Test
    void eachStepIsDueItsBudgetInWorkingDaysAfterItStarts() {
        // Every step starts at Monday 23 November 2026, 09:00 (the clock stands still). Working days are
        // 8 office hours (07:30-11:30, 13:00-17:00), Monday to Friday; a step turns yellow 1 working day
        // or 20 % of its budget before its deadline, whichever is less (appraisal: 1 day; approval: 0.6 day).
        ProcessInstance record = submit("commune-a-20261123-0220", "commune-a");
        Map<String, String[]> expected = Map.of(
                "Task_Reception", new String[] {"2026-11-24T09:00", "2026-11-23T16:54"},
                "Task_Appraisal", new String[] {"2026-11-30T09:00", "2026-11-27T09:00"},
                "Task_Consultation", new String[] {"2026-11-26T09:00", "2026-11-25T13:42"},
                "Task_Approval", new String[] {"2026-11-26T09:00", "2026-11-25T13:42"},
                "Task_Issuing", new String[] {"2026-11-25T09:00", "2026-11-24T15:18"},
                "Task_Result", new String[] {"2026-11-24T09:00", "2026-11-23T16:54"});
        procedure.assertDeadlinesAlong(record, STEPS, expected, ConstructionPermitProcessTest::happyPath);
        assertThat(record).isEnded();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Task_Reception", "Task_Appraisal", "Task_Consultation", "Task_Approval", "Task_Issuing",
        "Task_Result"})
    void everyStepEscalatesToItsLeadersThenTheNextLevelWhenOverdueAndStaysCompletable(String taskId) {
        ProcessInstance record = submit("commune-a-20261123-0221", "commune-a");
        walkTo(record, "commune-a", taskId);

        Task task = procedure.assertEscalatesWhenOverdue(record, taskId);

        complete(task, happyPath(taskId));
        procedure.runLookups(record); // after reception
        procedure.assertCompletedNotCancelled(record, taskId);
        if (taskId.equals("Task_Result")) {
            assertThat(record).isEnded().hasPassed("End_ResultReturned");
        } else {
            assertThat(record).isWaitingAtExactly(STEPS.get(STEPS.indexOf(taskId) + 1));
        }
    }

    @Test
    void lateAppraisalIsEscalatedOnItsDeadlineAfterFiveWorkingDays() {
        ProcessInstance record = submit("commune-a-20261123-0222", "commune-a");
        walkTo(record, "commune-a", "Task_Appraisal");

        procedure.assertEscalatesWhenOverdue(record, "Task_Appraisal");

        // Deadline Monday 30 November 09:00: level 1 ran a minute later (when the test ran the jobs);
        // level 2 was due one working day after the deadline, Tuesday 09:00, and ran a minute later.
        Assertions.assertThat(procedure.escalation().calls()).extracting(c -> c.step() + "@" + c.level() + " " + c.at())
                .containsExactly("Task_Appraisal@1 " + ProcedureTestEngine.vietnam("2026-11-30T09:01"),
                        "Task_Appraisal@2 " + ProcedureTestEngine.vietnam("2026-12-01T09:01"));
    }

    @Test
    void appraisalFinishedTheDayBeforeItsDeadlineIsNeverEscalated() {
        ProcessInstance record = submit("commune-a-20261123-0223", "commune-a");
        walkTo(record, "commune-a", "Task_Appraisal");
        Task appraisal = task("Task_Appraisal", record);

        ProcedureTestEngine.setClock(ProcedureTestEngine.vietnam("2026-11-27T16:00"));
        complete(appraisal, happyPath("Task_Appraisal"));

        ProcedureTestEngine.setClock(appraisal.getDueDate().toInstant().plusSeconds(3600));
        Assertions.assertThat(procedure.dueJobs(record)).isEmpty();
        Assertions.assertThat(procedure.escalationTimers(record, "Task_Appraisal")).isEmpty();
        // Consultation got its own 3 working days from Friday 16:00.
        Assertions.assertThat(task("Task_Consultation", record).getDueDate().toInstant()).isEqualTo(ProcedureTestEngine.vietnam("2026-12-02T16:00"));
        assertThat(record).isWaitingAtExactly("Task_Consultation");
        Assertions.assertThat(procedure.escalation().calls()).isEmpty();
    }

    @Test
    void permitWithoutConsultationIsAppraisedApprovedIssuedAndReturned() {
        ProcessInstance record = submit("commune-a-20261123-0201", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", false);
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder(
                "StartEvent_Application", "Task_Reception", "Gateway_ReceptionDecision", "Task_Appraisal",
                "Gateway_Consultation", "Task_Approval", "Gateway_ApprovalDecision", "Task_Issuing", "Task_Result",
                "End_ResultReturned");
        assertThat(record).hasNotPassed("Task_Consultation", "Event_SupplementReceived", "End_Refused");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void houseInAProtectedZoneIsReferredToTheProvinceForConsultation() {
        ProcessInstance record = submit("commune-a-20261123-0202", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", true);

        // the consulted department is a fixed provincial unit, not the receiving commune
        Task task = procedure.assertStep(record, "Task_Consultation", "province:specialist", CONSULTATION,
                "construction-permit-consultation");
        Assertions.assertThat(procedure.candidateGroups(task)).noneMatch(group -> group.startsWith("commune-a:"));

        consultation(record);
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder(
                "Task_Appraisal", "Gateway_Consultation", "Task_Consultation", "Task_Approval", "Task_Issuing",
                "Task_Result", "End_ResultReturned");
        assertThat(record).variables().containsKey("consultationOpinion");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void appraisalCompletedWithoutTheConsultationFlagGoesStraightToApproval() {
        ProcessInstance record = submit("commune-a-20261123-0203", "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        Task task = procedure.assertStep(record, "Task_Appraisal", "commune-a:specialist", APPRAISAL, KEY + "-appraisal");
        complete(task, withVariables("proposal", "approve")); // e.g. completed through the API, no checkbox sent

        procedure.assertStep(record, "Task_Approval", "commune-a:leader", APPROVAL, "approval");
        assertThat(record).hasNotPassed("Task_Consultation");
    }

    @Test
    void recordOfAnotherCommuneGoesToThatCommunesGroupsAndTheSameProvince() {
        ProcessInstance record = submit("commune-b-20261123-0201", "commune-b");

        reception(record, "commune-b", "accept", Map.of());
        appraisal(record, "commune-b", "approve", true);
        consultation(record);
        approval(record, "commune-b", "approve");
        issuing(record, "commune-b");
        result(record, "commune-b");

        assertThat(record).isEnded().hasPassed("Task_Consultation");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    @Test
    void declaresItsRequiredDocumentsAndIsNotFullyOnline() {
        Assertions.assertThat(procedure.processProperties())
                .containsEntry("procedure.code", "1.009994")
                .containsEntry("procedure.fullyOnline", "false")
                .containsEntry("procedure.document.1",
                        "Đơn đề nghị cấp giấy phép xây dựng / Application for a construction permit")
                .containsKeys("procedure.document.2", "procedure.document.3", "procedure.document.4")
                .doesNotContainKey("procedure.document.5");
        Assertions.assertThat(procedure.processProperties().get("procedure.document.4")).endsWith("|optional");
    }

    @Test
    void applicantWithdrawsDuringTheConsultation() {
        String businessKey = "commune-a-20261123-0210";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", true);
        assertThat(record).isWaitingAt("Task_Consultation");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.openTasks(record)).isZero();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void stoppedProcessingWaitsUntilResumedThenGoesBackToAppraisalAndOnToConsultation() {
        String businessKey = "commune-a-20261123-0211";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        Task task = procedure.assertStep(record, "Task_Appraisal", "commune-a:specialist", APPRAISAL, KEY + "-appraisal");
        complete(task, withVariables("proposal", "stop", "needsConsultation", false,
                "stopReasons", "Đất đang có tranh chấp, chờ kết quả hòa giải / land under dispute, awaiting mediation"));

        assertThat(record).isWaitingAt("Event_ProcessingResumed").isWaitingFor("RecordResumed");
        assertThat(record).hasNotPassed("Gateway_Consultation", "Task_Consultation");
        Assertions.assertThat(procedure.openTasks(record)).as("open tasks while processing is stopped").isZero();

        procedure.resumed(businessKey);

        appraisal(record, "commune-a", "approve", true);
        consultation(record);
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder("Task_Appraisal", "Gateway_StopProcessing",
                "Event_ProcessingResumed", "Task_Appraisal", "Gateway_StopProcessing", "Gateway_Consultation",
                "Task_Consultation", "Task_Approval", "End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    /** Completes the task as its user would (and runs the seal's job after issuing, as the job executor would). */
    private void complete(Task task, Map<String, Object> variables) {
        procedure.complete(task, variables);
    }
}
