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
 * Cấp Giấy phép bán buôn rượu: every path through {@code processes/alcohol-wholesale-licence.bpmn}, the
 * shipped province-level procedure. The Department of Industry and Trade receives it; its consultation
 * goes to the commune the application names as {@code shopUnit} ({@code ${shopUnit}:specialist}).
 */
class AlcoholWholesaleLicenceProcessTest {

    static final String KEY = "alcohol-wholesale-licence";
    static final String DEPT = "dept-industry-trade";
    // Sample budgets in working days; all six steps (consultation included) together make the 10 days.
    static final double RECEPTION = 0.5;
    static final double APPRAISAL = 4;
    static final double CONSULTATION = 2;
    static final double APPROVAL = 2;
    static final double ISSUING = 1;
    static final double RESULT = 0.5;

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

    /** The sandbox's Công ty TNHH Thương mại Hoa Sen, with its warehouse on parcel 90001/12/345 in commune A. */
    static Map<String, Object> application(String shopUnit) {
        Map<String, Object> data = new HashMap<>();
        data.put("applicantName", "Trần Văn Minh");
        data.put("applicantPersonalId", "001089023456");
        data.put("applicantPhone", "0903123456");
        data.put("enterpriseCode", "0101234567");
        data.put("enterpriseName", "Công ty TNHH Thương mại Hoa Sen");
        data.put("shopUnit", shopUnit);
        data.put("warehouseAddress", "Thửa 345, tờ bản đồ 12, xã A");
        data.put("warehouseCommuneCode", "90001");
        data.put("warehouseMapSheet", "12");
        data.put("warehouseParcelNumber", "345");
        data.put("warehouseFloorArea", 120L);
        data.put("suppliers", "Công ty CP Rượu Hà Nội (hợp đồng số 12/2026)");
        data.put("retailersInProvince", 5L);
        return data;
    }

    ProcessInstance submit(String businessKey, String shopUnit) {
        ProcessInstance record = procedure.submitApplication(businessKey, DEPT, application(shopUnit));
        assertThat(record).isStarted().hasBusinessKey(businessKey).hasProcessDefinitionKey(KEY);
        return record;
    }

    void reception(ProcessInstance record, String decision, Map<String, Object> more) {
        Task task = procedure.assertStep(record, "Task_Reception", DEPT + ":clerk", RECEPTION, KEY + "-reception");
        Map<String, Object> variables = new HashMap<>(more);
        variables.putAll(withVariables("receptionDecision", decision, "receivedApplicationForm", true,
                "receivedSupplierContracts", true));
        complete(task, variables);
        if (decision.equals("accept")) {
            procedure.runLookups(record);
        }
    }

    void appraisal(ProcessInstance record, String proposal, boolean needsConsultation) {
        Task task = procedure.assertStep(record, "Task_Appraisal", DEPT + ":specialist", APPRAISAL, KEY + "-appraisal");
        Map<String, Object> variables = withVariables("proposal", proposal, "appraisalNotes", "Đủ điều kiện / conditions met",
                "warehouseChecked", true, "needsConsultation", needsConsultation);
        if (needsConsultation) {
            variables.put("consultationRequest", "Kho gần trường học? / is the warehouse near a school?");
        }
        complete(task, variables);
    }

    void consultation(ProcessInstance record, String commune) {
        Task task = procedure.assertStep(record, "Task_Consultation", commune + ":specialist", CONSULTATION,
                KEY + "-consultation");
        complete(task, withVariables("consultedAgency", "UBND xã", "consultationAgreed", "yes",
                "consultationOpinion", "Đồng ý địa điểm / the location is agreed"));
    }

    void approval(ProcessInstance record, String decision) {
        Task task = procedure.assertStep(record, "Task_Approval", DEPT + ":leader", APPROVAL, "approval");
        complete(task, withVariables("approvalDecision", decision, "approvalNotes", "—"));
    }

    void issuing(ProcessInstance record) {
        Task task = procedure.assertStep(record, "Task_Issuing", DEPT + ":records", ISSUING, "issuing");
        complete(task, withVariables("issuedOn", "2026-12-01"));
    }

    void result(ProcessInstance record) {
        Task task = procedure.assertStep(record, "Task_Result", DEPT + ":clerk", RESULT, "result");
        complete(task, withVariables("deliveryChannel", "portal", "resultDelivered", true));
    }

    static final List<String> STEPS = List.of("Task_Reception", "Task_Appraisal", "Task_Consultation", "Task_Approval",
            "Task_Issuing", "Task_Result");

    static Map<String, Object> happyPath(String taskId) {
        return switch (taskId) {
            case "Task_Reception" -> Map.of("receptionDecision", "accept");
            case "Task_Appraisal" -> Map.of("proposal", "approve", "needsConsultation", true);
            case "Task_Consultation" -> Map.of("consultationAgreed", "yes", "consultationOpinion", "Đồng ý / agreed");
            case "Task_Approval" -> Map.of("approvalDecision", "approve");
            case "Task_Issuing" -> Map.of("issuedOn", "2026-12-01");
            case "Task_Result" -> Map.of("deliveryChannel", "portal", "resultDelivered", true);
            default -> throw new IllegalArgumentException(taskId);
        };
    }

    void walkTo(ProcessInstance record, String taskId) {
        for (String step : STEPS.subList(0, STEPS.indexOf(taskId))) {
            complete(task(step, record), happyPath(step));
            procedure.runLookups(record); // after reception
        }
    }

    @Test
    void isAProvincialProcedureOfTheDepartmentOfIndustryAndTrade() {
        Assertions.assertThat(procedure.processProperties())
                .containsEntry("procedure.level", "province")
                .containsEntry("procedure.unit", DEPT)
                .containsEntry("procedure.processingDays", "10")
                .containsEntry("procedure.fullyOnline", "true");
        // both certificates come from registries, so the applicant supplies them only when a lookup finds nothing
        Assertions.assertThat(procedure.processProperties().get("procedure.document.2")).endsWith("|optional");
        Assertions.assertThat(procedure.processProperties().get("procedure.document.3")).endsWith("|optional");
    }

    @Test
    void theEnterpriseAndItsWarehouseComeFromTheRegistriesAndAnUnknownEnterpriseIsToldToTheSpecialist() {
        ProcessInstance record = submit("dept-industry-trade-20261123-0001", "commune-a");
        reception(record, "accept", Map.of());
        assertThat(record).isWaitingAtExactly("Task_Appraisal").hasPassedInOrder("Lookup_Enterprise", "Lookup_Warehouse");
        assertThat(record).variables().containsEntry("enterpriseStatus", "active")
                .containsEntry("enterpriseLegalRepresentative", "Trần Văn Minh")
                .containsEntry("warehouseOwnerFullName", "Trần Văn Minh").containsEntry("warehouseArea", 152.4);

        Map<String, Object> unknown = application("commune-a");
        unknown.put("enterpriseCode", "0999999999");
        ProcessInstance other = procedure.submitApplication("dept-industry-trade-20261123-0002", DEPT, unknown);
        reception(other, "accept", Map.of());
        assertThat(other).isWaitingAtExactly("Task_Appraisal").hasPassed("Error_Lookup_Enterprise_NotFound", "Lookup_Warehouse");
        Assertions.assertThat((String) procedure.variable(other, "enterpriseNotFound")).contains("enterprise registry has no entry");
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
        // Every step starts at Monday 23 November 2026, 09:00 (the clock stands still); office hours
        // 07:30-11:30 and 13:00-17:00; yellow at 1 working day or 20 % of the budget before, whichever is less.
        ProcessInstance record = submit("dept-industry-trade-20261123-0003", "commune-b");
        Map<String, String[]> expected = Map.of(
                "Task_Reception", new String[] {"2026-11-23T14:30", "2026-11-23T13:42"},
                "Task_Appraisal", new String[] {"2026-11-27T09:00", "2026-11-26T10:36"},
                "Task_Consultation", new String[] {"2026-11-25T09:00", "2026-11-24T15:18"},
                "Task_Approval", new String[] {"2026-11-25T09:00", "2026-11-24T15:18"},
                "Task_Issuing", new String[] {"2026-11-24T09:00", "2026-11-23T16:54"},
                "Task_Result", new String[] {"2026-11-23T14:30", "2026-11-23T13:42"});
        procedure.assertDeadlinesAlong(record, STEPS, expected, AlcoholWholesaleLicenceProcessTest::happyPath);
        assertThat(record).isEnded();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commune-a", "commune-b"})
    void theConsultationGoesToTheCommuneWhereTheWarehouseStandsNotToTheDepartment(String commune) {
        ProcessInstance record = submit("dept-industry-trade-20261123-01" + commune.charAt(commune.length() - 1), commune);
        reception(record, "accept", Map.of());
        appraisal(record, "approve", true);

        Task task = task("Task_Consultation", record);
        Assertions.assertThat(procedure.candidateGroups(task)).containsExactly(commune + ":specialist");
        consultation(record, commune);
        approval(record, "approve");
        issuing(record);
        result(record);

        assertThat(record).isEnded().hasPassedInOrder("Task_Appraisal", "Gateway_Consultation", "Task_Consultation",
                "Task_Approval", "Task_Issuing", "Task_Result", "End_ResultReturned");
        assertThat(record).variables().containsEntry("consultationOpinion", "Đồng ý địa điểm / the location is agreed");
    }

    @Test
    void licenceWithoutConsultationGoesStraightFromAppraisalToApproval() {
        ProcessInstance record = submit("dept-industry-trade-20261123-0004", "commune-a");
        reception(record, "accept", Map.of());
        appraisal(record, "approve", false);
        approval(record, "approve");
        issuing(record);
        result(record);

        assertThat(record).isEnded().hasNotPassed("Task_Consultation");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Task_Reception", "Task_Appraisal", "Task_Consultation", "Task_Approval", "Task_Issuing",
        "Task_Result"})
    void everyStepEscalatesWhenOverdueAndStaysCompletable(String taskId) {
        ProcessInstance record = submit("dept-industry-trade-20261123-0005", "commune-b");
        walkTo(record, taskId);

        Task task = procedure.assertEscalatesWhenOverdue(record, taskId);

        complete(task, happyPath(taskId));
        procedure.runLookups(record);
        procedure.assertCompletedNotCancelled(record, taskId);
        if (taskId.equals("Task_Result")) {
            assertThat(record).isEnded().hasPassed("End_ResultReturned");
        } else {
            assertThat(record).isWaitingAtExactly(STEPS.get(STEPS.indexOf(taskId) + 1));
        }
    }

    @Test
    void lateAppraisalIsEscalatedAfterFourWorkingDaysThenOneMore() {
        ProcessInstance record = submit("dept-industry-trade-20261123-0006", "commune-a");
        walkTo(record, "Task_Appraisal");

        procedure.assertEscalatesWhenOverdue(record, "Task_Appraisal");

        Assertions.assertThat(procedure.escalation().calls()).extracting(c -> c.step() + "@" + c.level() + " " + c.at())
                .containsExactly("Task_Appraisal@1 " + ProcedureTestEngine.vietnam("2026-11-27T09:01"),
                        "Task_Appraisal@2 " + ProcedureTestEngine.vietnam("2026-11-30T09:01"));
    }

    @Test
    void leaderReturnsTheRecordToAppraisalWhichMayConsultAgain() {
        ProcessInstance record = submit("dept-industry-trade-20261123-0009", "commune-b");
        reception(record, "accept", Map.of());
        appraisal(record, "approve", true);
        consultation(record, "commune-b");
        approval(record, "return");
        appraisal(record, "reject", true);
        consultation(record, "commune-b");
        approval(record, "approve");

        procedure.assertStep(record, "Task_Issuing", DEPT + ":records", ISSUING, "issuing");
        assertThat(record).hasPassedInOrder("Task_Consultation", "Task_Approval", "Task_Appraisal", "Task_Consultation",
                "Task_Approval");
        assertThat(record).variables().containsEntry("proposal", "reject");
    }

    @Test
    void stoppedProcessingWaitsUntilResumed() {
        String businessKey = "dept-industry-trade-20261123-0010";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "accept", Map.of());
        complete(task("Task_Appraisal", record), withVariables("proposal", "stop",
                "stopReasons", "Chờ xác minh kho hàng / the warehouse is being checked"));

        assertThat(record).isWaitingAt("Event_ProcessingResumed").isWaitingFor("RecordResumed");
        Assertions.assertThat(procedure.openTasks(record)).isZero();

        procedure.resumed(businessKey);
        procedure.assertStep(record, "Task_Appraisal", DEPT + ":specialist", APPRAISAL, KEY + "-appraisal");
    }

    @Test
    void applicantWithdrawsDuringTheConsultation() {
        String businessKey = "dept-industry-trade-20261123-0011";
        ProcessInstance record = submit(businessKey, "commune-b");
        reception(record, "accept", Map.of());
        appraisal(record, "approve", true);
        assertThat(record).isWaitingAt("Task_Consultation");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded().hasPassed("End_Withdrawn");
        Assertions.assertThat(procedure.openTasks(record)).isZero();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    /** Completes the task as its user would (and runs the seal's job after issuing, as the job executor would). */
    private void complete(Task task, Map<String, Object> variables) {
        procedure.complete(task, variables);
    }
}
