package vn.motcua.record;

import java.util.List;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.record.DocumentStore.CheckedDocument;
import vn.motcua.security.Role;
import vn.motcua.security.SystemAuthority;
import vn.motcua.web.Problem;

/**
 * What the applicant and the unit's staff do to a record on its way: add scans at the counter,
 * supplement, withdraw, resume appraisal after a stop. Each runs in one transaction with the
 * engine's (the process hears of it by a message), so a refused request stores nothing; the
 * leader's signing is {@link ResultSigning}'s, the apology (form 04) {@link Apologies}', the
 * rating {@link Ratings}'.
 */
@Service
class RecordActions {

    static final String MESSAGE_SUPPLEMENTED = "RecordSupplemented";
    static final String MESSAGE_WITHDRAWN = "RecordWithdrawn";
    static final String MESSAGE_RESUMED = "RecordResumed";

    private final RecordRepository records;
    private final RecordStates states;
    private final DocumentStore documents;
    private final RecordAccess access;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;
    private final RecordViews views;
    private final TransactionTemplate tx;

    RecordActions(RecordRepository records, RecordStates states, DocumentStore documents, RecordAccess access,
            RuntimeService runtimeService, SystemAuthority system, RecordViews views,
            PlatformTransactionManager transactions) {
        this.records = records;
        this.states = states;
        this.documents = documents;
        this.access = access;
        this.runtimeService = runtimeService;
        this.system = system;
        this.views = views;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Paper documents received at the counter, scanned (digitised) by the unit's clerk. */
    RecordView addScans(String code, List<IncomingDocument> incoming, Caller caller) {
        List<CheckedDocument> checked = documents.check(requireDocuments(incoming));
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.CLERK);
            requireOpen(record);
            checked.forEach(d -> documents.store(code, d, DocumentKind.SCAN, record.currentStep(), caller.actor()));
            return views.view(record);
        });
    }

    RecordView supplement(String code, List<IncomingDocument> incoming, Caller caller) {
        List<CheckedDocument> checked = documents.check(requireDocuments(incoming));
        return retryingConflicts(status -> {
            RecordRow record = locked(access.actionable(code, caller));
            requireState(record, "supplement", RecordState.SUPPLEMENT_REQUESTED);
            checked.forEach(d -> documents.store(code, d, DocumentKind.SUPPLEMENT, "reception", caller.actor()));
            // 5 → 1 is the applicant's doing (through the portal or with the secret), not the engine's
            states.change(code, RecordState.NEW, "reception", caller.actor(), "supplemented; back at reception");
            correlate(MESSAGE_SUPPLEMENTED, code);
            return views.of(code);
        });
    }

    RecordView withdraw(String code, String reason, Caller caller) {
        SubmissionRules.storable("reason", reason);
        return retryingConflicts(status -> {
            // Locked before its state is read: of two withdrawals at once the second sees the first's (409).
            RecordRow record = locked(access.actionable(code, caller));
            if (record.state().isFinal() || record.state() == RecordState.COMPLETED) {
                throw Problem.conflict("state", "record " + code + " is in state "
                        + record.state().code() + " (" + record.state().nameEn() + ") and can no longer be withdrawn");
            }
            if (records.issuedAt(code).isPresent()) {
                // issuing done, the number and seal on their way (the model's ${seal} job)
                throw Problem.conflict("state", "the result of record " + code
                        + " is issued (its number and seal follow) and it can no longer be withdrawn");
            }
            states.change(code, RecordState.WITHDRAWN, record.currentStep(), caller.actor(),
                    reason == null || reason.isBlank() ? "withdrawn by the applicant" : reason);
            if (record.processInstanceId() != null) {
                endProcess(record);
            }
            return views.of(code);
        });
    }

    /** Appraisal goes on after processing was stopped (form 05). */
    RecordView resume(String code, Caller caller) {
        return retryingConflicts(status -> {
            RecordRow record = locked(access.staffOnly(code, caller, Role.SPECIALIST, Role.LEADER));
            requireState(record, "resume", RecordState.PROCESSING_STOPPED);
            correlate(MESSAGE_RESUMED, code);
            return views.of(code);
        });
    }

    /** The record again, its row locked until the transaction ends: concurrent changes of it queue up. */
    private RecordRow locked(RecordRow record) {
        return records.findForUpdate(record.code()).orElseThrow(() -> Problem.notFound(
                "no record " + record.code()));
    }

    /**
     * Runs the work in a transaction, again when the engine reports a concurrent change: one of the
     * record's jobs (a lookup, a timer) may have moved its process at the same moment — which Camunda
     * reports as an optimistic locking failure, or PostgreSQL as a deadlock when the two touched the same
     * rows in the other order. The transaction was rolled back whole, so trying again is safe. After
     * three tries the caller gets 409 and may try again.
     */
    private <T> T retryingConflicts(org.springframework.transaction.support.TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (RuntimeException e) {
                if (!concurrentChange(e)) {
                    throw e;
                }
                if (attempt == 3) {
                    throw Problem.conflict("state", "the record is being processed at this moment; "
                            + "try again in a few seconds");
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** An optimistic locking failure, or the database's deadlock or serialisation failure (SQLSTATE 40…). */
    static boolean concurrentChange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.camunda.bpm.engine.OptimisticLockingException
                    || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("40")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void correlate(String message, String code) {
        system.run(() -> runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(code)
                .correlateWithResult());
    }

    /** Models have a withdrawal event subprocess; one that lacks it has its instance cancelled. */
    private void endProcess(RecordRow record) {
        system.run(() -> {
            try {
                runtimeService.createMessageCorrelation(MESSAGE_WITHDRAWN).processInstanceBusinessKey(record.code())
                        .correlateWithResult();
            } catch (MismatchingMessageCorrelationException noWithdrawalEvent) {
                runtimeService.deleteProcessInstance(record.processInstanceId(), "withdrawn by the applicant");
            }
        });
    }

    static void requireState(RecordRow record, String action, RecordState expected) {
        if (record.state() != expected) {
            throw Problem.conflict("state", "cannot " + action + " record " + record.code() + " in state "
                    + record.state().code() + " (" + record.state().nameEn() + "); it must be in state "
                    + expected.code() + " (" + expected.nameEn() + ")");
        }
    }

    private static void requireOpen(RecordRow record) {
        if (record.state().isFinal()) {
            throw Problem.conflict("state", "record " + record.code() + " is closed (state "
                    + record.state().code() + ")");
        }
    }

    private static List<IncomingDocument> requireDocuments(List<IncomingDocument> incoming) {
        if (incoming == null || incoming.isEmpty()) {
            throw Problem.badRequest("documents", "at least one document is required");
        }
        return incoming;
    }
}
