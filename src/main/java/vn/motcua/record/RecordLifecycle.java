package vn.motcua.record;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import vn.motcua.deadline.Deadlines;
import vn.motcua.record.pdf.LegalForm;

/**
 * How the process moves a record through its states (docs/domain.md, "Record states"). Called by
 * {@link EngineDoor} with what happened in the engine; knows nothing of Camunda.
 *
 * <ul>
 * <li>reception completed: {@code receptionDecision} accept → 2 (receipt, form 01, appointment
 * date), supplement → 5 (form 02 with {@code missingDocuments}), refuse → 3 (form 03 with
 * {@code refusalReasons});</li>
 * <li>any later step starts → 4; reception starts again after a supplement → 1; appraisal starts
 * again after a stop → 4;</li>
 * <li>appraisal completed with {@code proposal} stop → 8 (form 05 with {@code stopReasons});</li>
 * <li>approval starts after appraisal proposed approve (or reject: a reasoned rejection): the result is
 * drafted for the leader to sign, with what any step in between (a consultation) added;</li>
 * <li>issuing completed → 9 (the result numbered and sealed by {@link ResultSealing}); result completed → 10;</li>
 * <li>an end event with {@code outcome} withdrawn → 7, refused → 3, success → 10; the record's data
 * ({@link RecordData}) is kept as the process leaves it.</li>
 * </ul>
 */
@Service
class RecordLifecycle {

    private final RecordRepository records;
    private final RecordStates states;
    private final IssuedDocuments issued;
    private final Deadlines deadlines;
    private final ResultDrafts drafts;
    private final RecordData data;

    RecordLifecycle(RecordRepository records, RecordStates states, IssuedDocuments issued, Deadlines deadlines,
            ResultDrafts drafts, RecordData data) {
        this.data = data;
        this.records = records;
        this.states = states;
        this.issued = issued;
        this.deadlines = deadlines;
        this.drafts = drafts;
    }

    void stepStarted(String code, String step, String actor) {
        stepStarted(code, step, Map.of(), actor, true);
    }

    /**
     * A step starts. Approval starting with appraisal's proposal to approve or reject has the
     * result (or the rejection) drafted for the leader to sign — after every step in between, such
     * as a consultation, so that their outcome can be on it. A model that draws this work
     * ({@link VisibleWork}) drafts in its own service task instead.
     */
    void stepStarted(String code, String step, Map<String, Object> variables, String actor, boolean drawnWork) {
        // most starts only move the step: then the record need not be read (issue #17)
        if (!records.moveStepUnless(code, step, startChanging(step))) {
            RecordRow record = records.findForUpdate(code).orElse(null);
            if (record == null || record.state().isFinal()) {
                return;
            }
            records.setCurrentStep(code, step);
            RecordState state = record.state();
            if ("reception".equals(step)) {
                if (state == RecordState.SUPPLEMENT_REQUESTED) {
                    states.change(code, RecordState.NEW, step, actor, "supplemented; back at reception");
                }
            } else if (!"result".equals(step) // the result waits at 9 until it is returned
                    && (state == RecordState.ACCEPTED || state == RecordState.PROCESSING_STOPPED)) {
                states.change(code, RecordState.IN_PROCESSING, step, actor, null);
            }
        }
        if ("approval".equals(step) && !drawnWork) {
            draftResult(code, variables, actor);
        }
    }

    /** The states a start of {@code step} moves the record out of. */
    private static Set<RecordState> startChanging(String step) {
        return switch (step) {
            case "reception" -> EnumSet.of(RecordState.SUPPLEMENT_REQUESTED);
            case "result" -> EnumSet.noneOf(RecordState.class);
            default -> EnumSet.of(RecordState.ACCEPTED, RecordState.PROCESSING_STOPPED);
        };
    }

    /** Approval is reached with appraisal's proposal to approve or reject: the result or rejection is drafted. */
    void draftResult(String code, Map<String, Object> variables, String actor) {
        RecordRow record = records.find(code).orElse(null);
        String proposal = text(variables, "proposal");
        if (record != null && !record.state().isFinal() && (proposal.equals("approve") || proposal.equals("reject"))) {
            drafts.draft(record, variables, proposal.equals("reject"), actor);
        }
    }

    /**
     * Reception accepted the record: its receipt (form 01) with the appointment set at acceptance. A record
     * reception did not accept (asked for a supplement, refused) gets none, wherever the model put the task.
     */
    void issueReceipt(String code, String actor) {
        RecordRow record = records.find(code).orElse(null);
        if (record != null && record.state() == RecordState.ACCEPTED) {
            receipt(record, actor);
        }
    }

    private void receipt(RecordRow record, String actor) {
        issued.issue(record, LegalForm.RECEIPT, DocumentKind.RECEIPT, null, Map.of(), "reception", actor);
    }

    /** The signed result has its number and the unit's seal: the record has its result (state 9). */
    void resultSealed(String code, String actor) {
        open(code).ifPresent(record -> states.change(code, RecordState.COMPLETED, "issuing", actor, null));
    }

    /**
     * A step is done. With {@code drawnWork} the model's own service tasks issue the receipt and seal the
     * result ({@link VisibleWork}); without, on a model version from before them, this does it as it did.
     */
    void stepCompleted(String code, String step, Map<String, Object> variables, String actor, boolean drawnWork) {
        // read (and locked) only where the completion changes the record
        switch (step) {
            case "reception" -> open(code).ifPresent(record -> reception(record, variables, actor, drawnWork));
            case "appraisal" -> {
                if (text(variables, "proposal").equals("stop")) {
                    open(code).ifPresent(record -> {
                        states.change(code, RecordState.PROCESSING_STOPPED, step, actor, text(variables, "stopReasons"));
                        issued.issue(record, LegalForm.STOP_NOTICE, DocumentKind.STOP_NOTICE,
                                text(variables, "stopReasons"), Map.of(), step, actor);
                    });
                }
                // approve or reject: drafted when approval starts (stepStarted), after any consultation
            }
            case "issuing" -> {
                records.setIssued(code, deadlines.now());
                if (!drawnWork) {
                    resultSealed(code, actor);
                }
            }
            case "result" -> open(code).ifPresent(record -> states.change(code, RecordState.RESULT_RETURNED, step,
                    actor, "delivered via " + text(variables, "deliveryChannel")));
            default -> {
                // steps of a procedure's own (consultation, payment …) do not change the state
            }
        }
    }

    /** The record, locked for a change, unless it is closed. */
    private Optional<RecordRow> open(String code) {
        return records.findForUpdate(code).filter(record -> !record.state().isFinal());
    }

    void ended(String code, String outcome, java.util.function.Supplier<Map<String, Object>> variables, String actor) {
        RecordState to = switch (outcome == null ? "" : outcome) {
            case "success" -> RecordState.RESULT_RETURNED;
            case "refused" -> RecordState.NOT_ACCEPTED;
            case "withdrawn" -> RecordState.WITHDRAWN;
            case "stopped" -> RecordState.PROCESSING_STOPPED;
            default -> null;
        };
        if (to == null) {
            return; // a branch's end (an escalation notified): the record goes on
        }
        RecordRow record = records.findForUpdate(code).orElse(null);
        if (record == null) {
            return;
        }
        if (!record.state().isFinal()) {
            states.change(code, to, record.currentStep(), actor, "process ended: " + outcome);
        }
        data.keep(code, variables, deadlines.now());
    }

    private void reception(RecordRow record, Map<String, Object> variables, String actor, boolean drawnWork) {
        String code = record.code();
        switch (text(variables, "receptionDecision")) {
            case "accept" -> {
                Instant now = deadlines.now();
                Instant appointment = deadlines.afterWorkingDays(processingDays(variables)).toInstant();
                records.setAccepted(code, now, appointment);
                states.change(code, RecordState.ACCEPTED, "reception", actor, null);
                if (!drawnWork) {
                    receipt(records.findForUpdate(code).orElseThrow(), actor);
                }
            }
            case "supplement" -> {
                states.change(code, RecordState.SUPPLEMENT_REQUESTED, "reception", actor,
                        text(variables, "missingDocuments"));
                issued.issue(record, LegalForm.SUPPLEMENT_REQUEST, DocumentKind.SUPPLEMENT_REQUEST,
                        text(variables, "missingDocuments"), Map.of(), "reception", actor);
            }
            case "refuse" -> {
                states.change(code, RecordState.NOT_ACCEPTED, "reception", actor, text(variables, "refusalReasons"));
                issued.issue(record, LegalForm.REFUSAL, DocumentKind.REFUSAL, text(variables, "refusalReasons"),
                        Map.of(), "reception", actor);
            }
            default -> {
                // no decision (a model of its own): the record stays as it is
            }
        }
    }

    /** The procedure's processing time, handed over by the listener from the model. */
    private static double processingDays(Map<String, Object> variables) {
        Object days = variables.get(EngineDoor.PROCESSING_DAYS);
        return days instanceof Number number ? number.doubleValue() : 0;
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? "" : value.toString();
    }
}
