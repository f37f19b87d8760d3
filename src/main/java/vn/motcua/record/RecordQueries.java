package vn.motcua.record;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.web.Problem;

/**
 * Reading records: a record as its reader may see it, its documents and result, a signature's
 * report — with the records API's access rules ({@link RecordAccess}) — and the snapshot other
 * features (monitoring) read without them.
 */
@Service
public class RecordQueries {

    private final RecordRepository records;
    private final DocumentStore documents;
    private final RecordAccess access;
    private final RecordViews views;
    private final ResultSignatures signatures;
    private final RecordData data;
    private final TransactionTemplate tx;

    RecordQueries(RecordRepository records, DocumentStore documents, RecordAccess access, RecordViews views,
            ResultSignatures signatures, RecordData data, PlatformTransactionManager transactions) {
        this.records = records;
        this.data = data;
        this.documents = documents;
        this.access = access;
        this.views = views;
        this.signatures = signatures;
        this.tx = new TransactionTemplate(transactions);
    }

    public RecordView find(String code, Caller caller) {
        return tx.execute(status -> views.view(access.readable(code, caller)));
    }

    /**
     * The record's data by name ({@link RecordData}) for its staff: the steps' notes are internal, so
     * the portal and the applicant see the record's states and documents, not this.
     */
    public java.util.Map<String, String> data(String code, Caller caller) {
        if (caller.isPortal() || caller.userId() == null) {
            throw Problem.forbidden("code", "the record's data is for its unit's staff");
        }
        return tx.execute(status -> data.of(access.readable(code, caller)));
    }

    /** The electronic result (state 9 or 10). */
    public Download result(String code, Caller caller) {
        return tx.execute(status -> {
            RecordRow record = access.readable(code, caller);
            heldForFee(record, DocumentKind.RESULT);
            StoredDocument result = documents.list(code).stream().filter(d -> d.kind() == DocumentKind.RESULT)
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> Problem.conflict("state", "record " + code + " is in state "
                            + record.state().code() + " (" + record.state().nameEn() + "); it has no result yet"));
            return new Download(result, documents.content(code, result.id()).orElseThrow());
        });
    }

    public Download document(String code, String documentId, Caller caller) {
        return tx.execute(status -> {
            RecordRow record = access.readable(code, caller);
            StoredDocument document = documents.list(code).stream().filter(d -> d.id().equals(documentId))
                    .findFirst()
                    .orElseThrow(() -> Problem.notFound("record " + code + " has no document " + documentId));
            if (!caller.isStaffLike()) {
                heldForFee(record, document.kind());
            }
            return new Download(document, documents.content(code, documentId).orElseThrow());
        });
    }

    /** A fee collected at the result: the applicant gets the result once it is paid (state 6 holds it). */
    private static void heldForFee(RecordRow record, DocumentKind kind) {
        if (kind == DocumentKind.RESULT && record.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED) {
            throw Problem.conflict("state", "record " + record.code() + " waits for its fee (state 6): the result is "
                    + "handed over once it is paid");
        }
    }

    /**
     * A signature's full validation report (EU DSS simple report, XML), made again from the signed PDF:
     * reports are not stored (issue #16). Same access as the record's documents.
     */
    public String signatureReport(String code, String signatureId, Caller caller) {
        tx.execute(status -> {
            access.readable(code, caller);
            return null;
        });
        return signatures.report(code, signatureId).orElseThrow(() -> Problem.notFound("record " + code
                + " has no signature " + signatureId + " whose signed document is kept"));
    }

    /**
     * The record as it stands, with its documents' descriptions (no bytes), read in the caller's
     * transaction and without the access rules of the API: for features that keep figures of their
     * own (monitoring) and decide themselves who sees them.
     */
    public Optional<Snapshot> snapshot(String code) {
        return tx.execute(status -> records.find(code).map(record -> new Snapshot(record, documents.list(code))));
    }

    /** The record as an event brought it, with its documents' descriptions (read once per transaction). */
    public Snapshot snapshot(RecordRow record) {
        return new Snapshot(record, documents.list(record.code()));
    }

    /** A record row and its documents' descriptions. */
    public record Snapshot(RecordRow record, List<StoredDocument> documents) {
    }

    /** A document's description and bytes. */
    public record Download(StoredDocument document, byte[] content) {
    }
}
