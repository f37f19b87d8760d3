package vn.motcua.record;

import java.util.Map;

import org.springframework.stereotype.Service;

import vn.motcua.record.pdf.LegalForm;
import vn.motcua.web.Problem;

/**
 * What the payment feature may do to a record, and nothing more: the fee is asked for (state 6, the
 * statutory clock paused), the fee is paid (back to the state it was in, the clock resumed: the appointment
 * and every open deadline moved by the working time paused), and the fee's documents — the payment request
 * and the electronic receipt (biên lai) — rendered and kept with the record. Called in the engine's
 * transaction (the model's payment step) or the platform callback's.
 */
@Service
public class RecordPayments {

    /** The fee's documents: the request the applicant pays from, and the receipt once paid. */
    public enum FeeDocument {
        PAYMENT_REQUEST(LegalForm.PAYMENT_REQUEST, DocumentKind.PAYMENT_REQUEST),
        FEE_RECEIPT(LegalForm.FEE_RECEIPT, DocumentKind.FEE_RECEIPT);

        private final LegalForm form;
        private final DocumentKind kind;

        FeeDocument(LegalForm form, DocumentKind kind) {
            this.form = form;
            this.kind = kind;
        }
    }

    private final RecordRepository records;
    private final RecordStates states;
    private final IssuedDocuments issued;
    private final RecordAccess access;

    RecordPayments(RecordRepository records, RecordStates states, IssuedDocuments issued, RecordAccess access) {
        this.records = records;
        this.states = states;
        this.issued = issued;
        this.access = access;
    }

    /** The record as it stands (locked for this transaction), if it is open. */
    public RecordRow openForUpdate(String code) {
        RecordRow record = records.findForUpdate(code).orElseThrow(() -> Problem.notFound("no record " + code));
        if (record.state().isFinal()) {
            throw Problem.conflict("state", "record " + code + " is closed (state " + record.state().code() + ")");
        }
        return record;
    }

    /** Yêu cầu thực hiện nghĩa vụ tài chính: state 6, the clock paused. Answers the state it was in. */
    public RecordState feeRequested(String code, String step, String actor, String note) {
        return states.change(code, RecordState.FINANCIAL_OBLIGATION_REQUESTED, step, actor, note);
    }

    /** The fee is paid: the record goes back to {@code back}, the clock resumes and moves the appointment. */
    public void feePaid(String code, RecordState back, String step, String actor, String note) {
        RecordRow record = openForUpdate(code);
        if (record.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED) {
            states.change(code, back, step, actor, note);
        }
    }

    /** Renders one of the fee's documents (with {@code extra} as its {@code ${extra.…}}) and keeps it. */
    public StoredDocument issue(String code, FeeDocument document, Map<String, String> extra, String step,
            String actor) {
        RecordRow record = records.find(code).orElseThrow(() -> Problem.notFound("no record " + code));
        return issued.issue(record, document.form, document.kind, null, extra, step, actor);
    }

    /** The record, if the caller may read it (the records API's rules); else 401 or 404. */
    public RecordRow readable(String code, Caller caller) {
        return access.readable(code, caller);
    }
}
