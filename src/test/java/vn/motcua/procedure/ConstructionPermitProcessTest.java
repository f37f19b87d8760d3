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

/**
 * Cấp giấy phép xây dựng nhà ở riêng lẻ: every path through {@code processes/construction-permit.bpmn},
 * including the optional inter-agency consultation with the province's specialised department.
 */
class ConstructionPermitProcessTest {

    static final String KEY = "construction-permit";
    // Sample budgets in working days; the five steps together make the 15 days of the processing time.
    static final double RECEPTION = 1;
    static final double APPRAISAL = 7;
    static final double CONSULTATION = 3;
    static final double APPROVAL = 4;
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
        data.put("applicantName", "Phạm Quốc Bảo");
        data.put("applicantPersonalId", "036080009876");
        data.put("applicantPhone", "0903123456");
        data.put("ownerFullName", "Phạm Quốc Bảo");
        data.put("ownerPersonalId", "036080009876");
        data.put("landCommuneCode", "00118");
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
                "receivedLandUseCertificate", true, "feePaid", true, "documentsDigitised", true));
        complete(task, variables);
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

    @Test
    void deploysTheProcedureWithEveryFormItReferences() {
        Assertions.assertThat(procedure.formIds()).containsExactly(
                "construction-permit-application", "construction-permit-reception", "construction-permit-appraisal",
                "construction-permit-consultation", "approval", "issuing", "result");
        Assertions.assertThat(procedure.startFormId()).isEqualTo("construction-permit-application");
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
    void incompleteApplicationWaitsForTheSupplementThenIsAccepted() {
        String businessKey = "commune-a-20261123-0204";
        ProcessInstance record = submit(businessKey, "commune-a");

        reception(record, "commune-a", "supplement",
                Map.of("missingDocuments", "Bản vẽ mặt cắt / section drawings"));
        assertThat(record).isWaitingAt("Event_SupplementReceived").isWaitingFor("RecordSupplemented");

        procedure.supplementReceived(businessKey);

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", false);
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder(
                "Task_Reception", "Event_SupplementReceived", "Task_Reception", "Task_Appraisal", "End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void refusedApplicationEndsRefused() {
        ProcessInstance record = submit("commune-a-20261123-0205", "commune-a");

        reception(record, "commune-a", "refuse",
                Map.of("refusalReasons", "Đất không có giấy tờ hợp pháp / no lawful land-use document"));

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "Gateway_ReceptionDecision", "End_Refused");
        assertThat(record).hasNotPassed("Task_Appraisal");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Refused");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("refused");
    }

    @Test
    void leaderReturnsTheRecordToAppraisalThenApproves() {
        ProcessInstance record = submit("commune-a-20261123-0206", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", true);
        consultation(record);
        approval(record, "commune-a", "return");
        appraisal(record, "commune-a", "approve", false);
        approval(record, "commune-a", "approve");

        procedure.assertStep(record, "Task_Issuing", "commune-a:records", ISSUING, "issuing");
        assertThat(record).hasPassedInOrder(
                "Task_Appraisal", "Task_Consultation", "Task_Approval", "Task_Appraisal", "Task_Approval");
    }

    @Test
    void rejectionProposalStillGoesThroughApprovalIssuingAndResult() {
        ProcessInstance record = submit("commune-a-20261123-0207", "commune-a");

        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "reject", false);
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassed("Task_Approval", "Task_Issuing", "Task_Result");
        assertThat(record).variables().containsEntry("proposal", "reject");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
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
    void applicantWithdrawsAtReception() {
        String businessKey = "commune-a-20261123-0208";
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
        String businessKey = "commune-a-20261123-0209";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "approve", false);
        procedure.assertStep(record, "Task_Approval", "commune-a:leader", APPROVAL, "approval");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "Task_Appraisal", "End_Withdrawn");
        assertThat(record).hasNotPassed("Task_Issuing", "End_ResultReturned");
        Assertions.assertThat(procedure.openTasks(record)).isZero();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Withdrawn");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
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
}
