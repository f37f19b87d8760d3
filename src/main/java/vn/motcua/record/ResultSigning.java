package vn.motcua.record;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.record.pdf.SigningFields;
import vn.motcua.security.Role;
import vn.motcua.security.StaffDirectory;
import vn.motcua.signature.SignatureAppearance;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.Signatures;
import vn.motcua.signature.SigningRequest;
import vn.motcua.web.Problem;

/**
 * The leader signs the drafted result ({@link ResultDrafts}) at approval — the approval cannot be
 * completed before ({@link ApprovalGuard}) — with the PIN of their signing credential or by
 * uploading the draft signed with their own tool. Every signature is verified and a summary kept
 * ({@link ResultSignatures}); the unit numbers and seals the result at issuing ({@link ResultSealing}).
 *
 * <p>On the page (docs/signatures.md): signing with the PIN fills the leader's full name in the
 * leader's own revision — the leader's signature covers it — and signs visibly into
 * {@code leaderSignature}.
 */
@Component
public class ResultSigning {

    private final RecordAccess access;
    private final DocumentStore documents;
    private final IssuedDocuments issued;
    private final Signatures signatures;
    private final StaffDirectory staff;
    private final ResultSignatures kept;
    private final RecordViews views;
    private final TransactionTemplate tx;

    ResultSigning(RecordAccess access, DocumentStore documents, IssuedDocuments issued, Signatures signatures,
            StaffDirectory staff, ResultSignatures kept, RecordViews views, PlatformTransactionManager transactions) {
        this.access = access;
        this.documents = documents;
        this.issued = issued;
        this.signatures = signatures;
        this.staff = staff;
        this.kept = kept;
        this.views = views;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The leader signs the drafted result: with the PIN of their signing credential, or by
     * uploading the draft signed with their own tool. Only a leader of the record's unit.
     */
    public RecordView sign(String code, String pin, IncomingDocument signedPdf, Caller caller) {
        if (signedPdf != null) {
            documents.requireSoundPdf(signedPdf, "file");
        }
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.LEADER);
            if (record.state() != RecordState.IN_PROCESSING) {
                throw Problem.conflict("state", "record " + code + " is in state " + record.state().code()
                        + " (" + record.state().nameEn() + "); its result is signed while in processing");
            }
            try {
                if (signedPdf != null) {
                    signByUpload(record, caller.userId(), signedPdf.content());
                } else if (pin != null && !pin.isBlank()) {
                    signWithPin(record, caller.userId(), pin.strip());
                } else {
                    throw Problem.badRequest("pin", "give your signing PIN, or upload the signed PDF as 'file'");
                }
            } catch (SignatureException e) {
                String field = signedPdf != null ? "file" : "pin";
                if (e.reason() == SignatureException.Reason.CREDENTIAL_LOCKED) {
                    throw Problem.tooManyRequests(field, e.getMessage(), e.retryAfter());
                }
                throw Problem.badRequest(field, e.getMessage());
            }
            return views.of(code);
        });
    }

    /** The leader signs the current draft with the PIN of their signing credential. */
    ResultSignatures.RecordSignature signWithPin(RecordRow record, String userId, String pin) {
        byte[] draft = currentDraft(record);
        SigningRequest request = SigningRequest.remote(draft, userId, SignatureKind.PERSONAL, pin);
        if (SigningFields.has(draft, SigningFields.LEADER_SIGNATURE)) {
            String name = staff.fullName(userId);
            // the leader's name in the leader's own revision: the signature covers it
            request = SigningRequest.remote(SigningFields.fill(draft, Map.of(SigningFields.SIGNER_NAME, name)), userId,
                    SignatureKind.PERSONAL, pin).withAppearance(SignatureAppearance.text(SigningFields.LEADER_SIGNATURE,
                            "Ký bởi: " + name, "Chức vụ: " + position(record.unit())));
        }
        return kept.keep(record, signatures.sign(request), userId, SignatureKind.PERSONAL, userId);
    }

    /** The leader's position as the signature shows it: the last line of the unit's signer title, "Chủ tịch". */
    private String position(String unit) {
        List<String> lines = issued.headTitle(unit).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).toLowerCase(java.util.Locale.forLanguageTag("vi-VN"));
        return last.isEmpty() ? "" : Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }

    /** The leader uploads the draft signed elsewhere (a USB token's tool): accepted only if it verifies. */
    ResultSignatures.RecordSignature signByUpload(RecordRow record, String userId, byte[] signedPdf) {
        byte[] draft = currentDraft(record);
        return kept.keep(record, signatures.acceptUpload(draft, signedPdf, userId, SignatureKind.PERSONAL), userId,
                SignatureKind.PERSONAL, userId);
    }

    private byte[] currentDraft(RecordRow record) {
        return documents.latest(record.code(), DocumentKind.RESULT_DRAFT)
                .orElseThrow(() -> Problem.conflict("state", "record " + record.code()
                        + " has no drafted result to sign; appraisal drafts it when proposing to approve"))
                .content();
    }
}
