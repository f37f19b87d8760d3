package vn.motcua.record;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.motcua.deadline.Deadlines;
import vn.motcua.record.pdf.LegalForm;

/** How the process's events move a record through the states of docs/domain.md ("Record states"). */
class RecordLifecycleTest {

    static final String CODE = "commune-a-20261123-00001";

    RecordRepository records = mock(RecordRepository.class);
    RecordStates states = mock(RecordStates.class);
    IssuedDocuments issued = mock(IssuedDocuments.class);
    Deadlines deadlines = mock(Deadlines.class);
    ResultDrafts results = mock(ResultDrafts.class);
    RecordData data = mock(RecordData.class);
    RecordLifecycle lifecycle = new RecordLifecycle(records, states, issued, deadlines, results, data);

    @BeforeEach
    void aRecordInState1() {
        inState(RecordState.NEW);
        when(deadlines.afterWorkingDays(1.0)).thenReturn(Date.from(Instant.parse("2026-11-24T02:00:00Z")));
        when(deadlines.now()).thenReturn(Instant.parse("2026-11-23T02:00:00Z"));
    }

    void inState(RecordState state) {
        Optional<RecordRow> row = Optional.of(new RecordRow(CODE, "1.001193", "Đăng ký khai sinh",
                "birth-registration", "pi-1", "commune-a", Channel.ONLINE,
                new Applicant("001190012345", "Nguyễn Thị Lan", null, null, null), state, "reception", "portal",
                Instant.now(), null, null, null, null, null, null, null, 0));
        when(records.find(CODE)).thenReturn(row);
        when(records.findForUpdate(CODE)).thenReturn(row);
    }

    @Test
    void acceptingAtReceptionSetsTheAppointmentAndIssuesTheReceipt() {
        lifecycle.stepCompleted(CODE, "reception",
                Map.of("receptionDecision", "accept", EngineDoor.PROCESSING_DAYS, 1.0), "clerk-a", false);
        verify(records).setAccepted(CODE, Instant.parse("2026-11-23T02:00:00Z"), Instant.parse("2026-11-24T02:00:00Z"));
        verify(states).change(CODE, RecordState.ACCEPTED, "reception", "clerk-a", null);
        verify(issued).issue(any(), eq(LegalForm.RECEIPT), eq(DocumentKind.RECEIPT), isNull(), any(),
                eq("reception"), eq("clerk-a"));
    }

    @Test
    void aModelThatDrawsItsWorkIssuesTheReceiptInItsServiceTaskAfterAcceptance() {
        lifecycle.stepCompleted(CODE, "reception",
                Map.of("receptionDecision", "accept", EngineDoor.PROCESSING_DAYS, 1.0), "clerk-a", true);
        verify(states).change(CODE, RecordState.ACCEPTED, "reception", "clerk-a", null);
        verify(issued, never()).issue(any(), any(), any(), any(), any(), any(), any());

        inState(RecordState.ACCEPTED);
        lifecycle.issueReceipt(CODE, "clerk-a");
        verify(issued).issue(any(), eq(LegalForm.RECEIPT), eq(DocumentKind.RECEIPT), isNull(), any(),
                eq("reception"), eq("clerk-a"));
    }

    @Test
    void aReceiptServiceTaskBeforeTheDecisionIssuesNothingForARecordNotAccepted() {
        for (RecordState state : new RecordState[] {RecordState.SUPPLEMENT_REQUESTED, RecordState.NOT_ACCEPTED}) {
            inState(state);
            lifecycle.issueReceipt(CODE, "clerk-a");
        }
        verify(issued, never()).issue(any(), any(), any(), any(), any(), any(), any());
    }

    @Test
    void issuingCompletedWaitsForTheSealBeforeTheRecordHasItsResult() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepCompleted(CODE, "issuing", Map.of(), "records-a", true);
        verify(states, never()).change(any(), any(), any(), any(), any());

        lifecycle.resultSealed(CODE, "records-a");
        verify(states).change(CODE, RecordState.COMPLETED, "issuing", "records-a", null);
    }

    @Test
    void askingForASupplementPausesTheRecordWithForm02() {
        lifecycle.stepCompleted(CODE, "reception",
                Map.of("receptionDecision", "supplement", "missingDocuments", "giấy chứng sinh"), "clerk-a", true);
        verify(states).change(CODE, RecordState.SUPPLEMENT_REQUESTED, "reception", "clerk-a", "giấy chứng sinh");
        verify(issued).issue(any(), eq(LegalForm.SUPPLEMENT_REQUEST), eq(DocumentKind.SUPPLEMENT_REQUEST),
                eq("giấy chứng sinh"), any(), anyString(), anyString());
    }

    @Test
    void refusingAtReceptionClosesTheRecordWithForm03() {
        lifecycle.stepCompleted(CODE, "reception", Map.of("receptionDecision", "refuse", "refusalReasons", "x"),
                "clerk-a", true);
        verify(states).change(CODE, RecordState.NOT_ACCEPTED, "reception", "clerk-a", "x");
        verify(issued).issue(any(), eq(LegalForm.REFUSAL), eq(DocumentKind.REFUSAL), eq("x"), any(), anyString(),
                anyString());
    }

    @Test
    void laterStepsPutAnAcceptedRecordInProcessing() {
        inState(RecordState.ACCEPTED);
        lifecycle.stepStarted(CODE, "appraisal", "system");
        verify(states).change(CODE, RecordState.IN_PROCESSING, "appraisal", "system", null);
    }

    @Test
    void receptionAfterASupplementMakesTheRecordNewAgain() {
        inState(RecordState.SUPPLEMENT_REQUESTED);
        lifecycle.stepStarted(CODE, "reception", "applicant");
        verify(states).change(eq(CODE), eq(RecordState.NEW), eq("reception"), eq("applicant"), anyString());
    }

    @Test
    void stoppingAtAppraisalIssuesForm05AndResumingGoesBackToProcessing() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepCompleted(CODE, "appraisal", Map.of("proposal", "stop", "stopReasons", "chờ tòa án"),
                "specialist-a", true);
        verify(states).change(CODE, RecordState.PROCESSING_STOPPED, "appraisal", "specialist-a", "chờ tòa án");
        verify(issued).issue(any(), eq(LegalForm.STOP_NOTICE), eq(DocumentKind.STOP_NOTICE), eq("chờ tòa án"),
                any(), anyString(), anyString());

        inState(RecordState.PROCESSING_STOPPED);
        lifecycle.stepStarted(CODE, "appraisal", "specialist-a");
        verify(states).change(CODE, RecordState.IN_PROCESSING, "appraisal", "specialist-a", null);
    }

    @Test
    void theResultIsDraftedWhenApprovalStartsAfterAppraisalProposedToApprove() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepCompleted(CODE, "appraisal", Map.of("proposal", "approve", "appraisalNotes", "đủ điều kiện"),
                "specialist-a", false);
        verify(results, never()).draft(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), any());

        // a consultation in between adds its opinion; approval starts with everything the record has
        Map<String, Object> atApproval = Map.of("proposal", "approve", "appraisalNotes", "đủ điều kiện",
                "consultationOpinion", "Đồng ý, giữ khoảng lùi 3 m");
        lifecycle.stepStarted(CODE, "approval", atApproval, "specialist-p", false);
        verify(results).draft(any(), eq(atApproval), eq(false), eq("specialist-p"));
    }

    @Test
    void aModelThatDrawsItsWorkDraftsInItsServiceTaskNotWhenApprovalStarts() {
        inState(RecordState.IN_PROCESSING);
        Map<String, Object> atApproval = Map.of("proposal", "approve", "appraisalNotes", "đủ điều kiện");
        lifecycle.stepStarted(CODE, "approval", atApproval, "specialist-a", true);
        verify(results, never()).draft(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), any());

        lifecycle.draftResult(CODE, atApproval, "specialist-a");
        verify(results).draft(any(), eq(atApproval), eq(false), eq("specialist-a"));
        lifecycle.draftResult(CODE, Map.of("proposal", "stop"), "specialist-a");
        verify(results).draft(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), any()); // a stop drafts nothing
    }

    @Test
    void aProposalToRejectDraftsTheRejection() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepStarted(CODE, "approval", Map.of("proposal", "reject", "appraisalNotes", "sai quy hoạch"),
                "specialist-a", false);
        verify(results).draft(any(), eq(Map.of("proposal", "reject", "appraisalNotes", "sai quy hoạch")), eq(true),
                eq("specialist-a"));
        lifecycle.stepStarted(CODE, "issuing", Map.of("proposal", "reject"), "leader-a", false);
        verify(results).draft(any(), any(), eq(true), anyString()); // once: only approval drafts
    }

    @Test
    void issuingCompletesTheRecordAndReturningTheResultClosesIt() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepCompleted(CODE, "issuing", Map.of("documentNumber", "15/2026/KS", "proposal", "approve"),
                "records-a", false);
        verify(states).change(CODE, RecordState.COMPLETED, "issuing", "records-a", null);

        inState(RecordState.COMPLETED);
        lifecycle.stepCompleted(CODE, "result", Map.of("deliveryChannel", "portal"), "clerk-a", true);
        verify(states).change(CODE, RecordState.RESULT_RETURNED, "result", "clerk-a", "delivered via portal");
    }

    @Test
    void stepsOfAProceduresOwnAndClosedRecordsChangeNothing() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.stepCompleted(CODE, "consultation", Map.of("consultationOpinion", "ok"), "specialist-p", true);
        inState(RecordState.WITHDRAWN);
        lifecycle.stepStarted(CODE, "appraisal", "system");
        lifecycle.ended(CODE, "success", Map::of, "system");
        verify(states, never()).change(anyString(), any(), any(), any(), any());
    }

    @Test
    void anEndEventsOutcomeSetsTheFinalState() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.ended(CODE, "withdrawn", () -> Map.of("childFullName", "Trần Minh An"), "portal");
        verify(states).change(CODE, RecordState.WITHDRAWN, "reception", "portal", "process ended: withdrawn");
        @SuppressWarnings("unchecked")
        org.mockito.ArgumentCaptor<java.util.function.Supplier<Map<String, Object>>> kept =
                org.mockito.ArgumentCaptor.forClass(java.util.function.Supplier.class);
        verify(data).keep(eq(CODE), kept.capture(), eq(Instant.parse("2026-11-23T02:00:00Z")));
        org.assertj.core.api.Assertions.assertThat(kept.getValue().get()).containsEntry("childFullName", "Trần Minh An");
    }

    @Test
    void anEscalationBranchEndingLeavesTheRecordAndItsDataAsTheyAre() {
        inState(RecordState.IN_PROCESSING);
        lifecycle.ended(CODE, "notified", () -> Map.of("childFullName", "Trần Minh An"), "system");
        verify(states, never()).change(anyString(), any(), any(), any(), any());
        verify(data, never()).keep(anyString(), any(), any());
    }
}
