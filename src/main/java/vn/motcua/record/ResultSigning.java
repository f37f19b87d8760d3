package vn.motcua.record;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.record.pdf.Formats;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.SigningFields;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureAppearance;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.Signatures;
import vn.motcua.signature.SigningRequest;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;
import vn.motcua.web.Problem;
import vn.motcua.notice.NoticeProperties;

/**
 * The result document's way to the applicant: drafted at appraisal (with a QR code to the public
 * verification page), signed by the leader at approval — the approval cannot be completed before —
 * then numbered and sealed by the unit at issuing. Every signature is verified and a summary kept.
 *
 * <p>On the page (docs/signatures.md): the draft has empty fields for the number, the date and the signer's
 * name and unsigned signature fields ({@link SigningFields}). Signing with the PIN fills the leader's full
 * name in the leader's own revision — the leader's signature covers it — and signs visibly into
 * {@code leaderSignature}; issuing fills the number and the place and date in an incremental update (and the
 * name, when the leader signed an upload of the bare draft), then seals visibly into {@code unitSeal}.
 */
@Component
class ResultSigning {

    private final DocumentStore documents;
    private final IssuedDocuments issued;
    private final RecordRepository records;
    private final Signatures signatures;
    private final SignatureVerifier verifier;
    private final SealProperties seals;
    private final NoticeProperties notices;
    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final UnitDirectory units;

    ResultSigning(DocumentStore documents, IssuedDocuments issued, RecordRepository records, Signatures signatures,
            SignatureVerifier verifier, SealProperties seals, NoticeProperties notices, JdbcClient jdbc,
            StaffDirectory staff, UnitDirectory units) {
        this.documents = documents;
        this.issued = issued;
        this.records = records;
        this.signatures = signatures;
        this.verifier = verifier;
        this.seals = seals;
        this.notices = notices;
        this.jdbc = jdbc;
        this.staff = staff;
        this.units = units;
    }

    /** The public page where anyone checks the record's result. */
    String verifyUrl(String code) {
        return notices.publicUrl() + "/verify/" + code;
    }

    /**
     * The record reaches approval with appraisal's proposal to approve (or to reject): the result
     * (or the reasoned rejection) is drafted for the leader to sign, with every variable the record
     * has by then — a consultation's opinion included. The variables fill the template as
     * {@code ${extra.<name>}} (e.g. {@code ${extra.childFullName}} in
     * {@code templates/result-birth-registration.html}); see {@link #extra}.
     */
    void draft(RecordRow record, Map<String, Object> variables, boolean rejection, String actor) {
        Map<String, String> extra = extra(record, variables);
        String reasons = rejection ? rejectionReasons(extra) : extra.getOrDefault("appraisalNotes", "");
        issued.issue(record, rejection ? LegalForm.REJECTION : LegalForm.RESULT, DocumentKind.RESULT_DRAFT, reasons,
                extra, "appraisal", actor);
    }

    /**
     * The template's {@code extra}: every variable that is text, a number or true/false under its own
     * name except the system's ({@link vn.motcua.procedure.SystemVariables}: the document's title,
     * signer's title and number are the system's, whatever a form said), and {@code verifyUrl}, the
     * public verification page. {@code decision} is the variable {@code decision} when the process sets one, else appraisal's notes ({@code appraisalNotes}).
     */
    Map<String, String> extra(RecordRow record, Map<String, Object> variables) {
        Map<String, String> extra = new java.util.HashMap<>();
        variables.forEach((name, value) -> {
            // what the system prints (title, signer's title, number, heading …) never comes from a variable
            if ((value instanceof String || value instanceof Number || value instanceof Boolean)
                    && !vn.motcua.procedure.SystemVariables.isSystemOwned(name)) {
                extra.put(name, value.toString());
            }
        });
        extra.put("verifyUrl", verifyUrl(record.code()));
        String notes = extra.getOrDefault("appraisalNotes", "");
        if (extra.getOrDefault("decision", "").isBlank() && !notes.isBlank()) {
            extra.put("decision", notes);
        }
        return extra;
    }

    /** Why the application is rejected: {@code rejectionReasons} when the process sets it, else appraisal's notes. */
    private static String rejectionReasons(Map<String, String> extra) {
        String reasons = extra.getOrDefault("rejectionReasons", "");
        return reasons.isBlank() ? extra.getOrDefault("appraisalNotes", "") : reasons;
    }

    /** The leader signs the current draft with the PIN of their signing credential. */
    RecordSignature signWithPin(RecordRow record, String userId, String pin) {
        byte[] draft = currentDraft(record);
        SigningRequest request = SigningRequest.remote(draft, userId, SignatureKind.PERSONAL, pin);
        if (SigningFields.has(draft, SigningFields.LEADER_SIGNATURE)) {
            String name = staff.fullName(userId);
            // the leader's name in the leader's own revision: the signature covers it
            request = SigningRequest.remote(SigningFields.fill(draft, Map.of(SigningFields.SIGNER_NAME, name)), userId,
                    SignatureKind.PERSONAL, pin).withAppearance(SignatureAppearance.text(SigningFields.LEADER_SIGNATURE,
                            "Ký bởi: " + name, "Chức vụ: " + position(record.unit())));
        }
        return keep(record, signatures.sign(request), userId, SignatureKind.PERSONAL, userId);
    }

    /** The leader's position as the signature shows it: the last line of the unit's signer title, "Chủ tịch". */
    private String position(String unit) {
        List<String> lines = issued.headTitle(unit).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).toLowerCase(java.util.Locale.forLanguageTag("vi-VN"));
        return last.isEmpty() ? "" : Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }

    /** The leader uploads the draft signed elsewhere (a USB token's tool): accepted only if it verifies. */
    RecordSignature signByUpload(RecordRow record, String userId, byte[] signedPdf) {
        byte[] draft = currentDraft(record);
        return keep(record, signatures.acceptUpload(draft, signedPdf, userId, SignatureKind.PERSONAL), userId,
                SignatureKind.PERSONAL, userId);
    }

    /**
     * Approval may be completed only when the current draft carries a valid signature by the
     * approving leader; otherwise Tasklist and the REST API get a 400 with what to do.
     */
    void requireSignedBy(String code, String userId) {
        var draft = documents.latest(code, DocumentKind.RESULT_DRAFT);
        var signed = documents.latest(code, DocumentKind.RESULT_SIGNED);
        String how = "Ký số kết quả trước khi phê duyệt / Sign the result before approving: POST /api/records/"
                + code + "/signature with your PIN, or upload the PDF signed with your token (docs/signatures.md).";
        if (draft.isEmpty()) {
            throw new BadUserRequestException("Hồ sơ " + code + " chưa có dự thảo kết quả / record " + code
                    + " has no drafted result to approve; appraisal drafts it when proposing to approve");
        }
        if (signed.isEmpty() || signed.get().createdAt().isBefore(draft.get().createdAt())) {
            throw new BadUserRequestException("Kết quả của hồ sơ " + code + " chưa được " + userId
                    + " ký số / the result of record " + code + " is not signed by " + userId + ". " + how);
        }
        try {
            verifier.expectSigner(verifier.verify(signed.get().content()), userId);
        } catch (SignatureException e) {
            throw new BadUserRequestException("Chữ ký trên kết quả của hồ sơ " + code + " không hợp lệ / the signature "
                    + "on the result of record " + code + " is not valid: " + e.getMessage() + ". " + how);
        }
    }

    /** Issuing: the next document number of the unit, and the unit's seal over the signed result. */
    String sealAndNumber(String code, String actor) {
        RecordRow record = records.find(code).orElseThrow(() -> new IllegalStateException("no record " + code));
        var signedDocument = documents.latest(record.code(), DocumentKind.RESULT_SIGNED)
                .orElseThrow(() -> new BadUserRequestException("record " + record.code()
                        + " has no signed result to issue; the leader signs it at approval"));
        byte[] signed = signedDocument.content();
        ZonedDateTime now = ZonedDateTime.now(IssuedDocuments.VIETNAM);
        int year = now.getYear();
        String number = "%d/%d/%s".formatted(records.nextDocumentNumber(record.unit(), year), year, record.unit());
        String pin = seals.pinOf(record.unit());
        if (pin == null) {
            throw new BadUserRequestException("no seal PIN is configured for unit " + record.unit()
                    + " (motcua.records.seal.pin or motcua.records.seal.units." + record.unit() + ")");
        }
        SigningRequest request = SigningRequest.remote(signed, record.unit(), SignatureKind.SEAL, pin);
        if (SigningFields.has(signed, SigningFields.UNIT_SEAL)) {
            // number and date on the face, in an incremental update after the leader's signature (số, ngày ban hành)
            Map<String, String> values = new java.util.HashMap<>(Map.of(SigningFields.DOCUMENT_NUMBER, number,
                    SigningFields.ISSUED_ON, Formats.plain().placeAndDate(issued.place(record.unit()), now)));
            if (SigningFields.value(signed, SigningFields.SIGNER_NAME).isEmpty()) {
                // signed from an upload of the bare draft: the approving leader's name, from the record's signatures
                of(record.code()).stream().filter(s -> s.kind().equals("personal")).reduce((a, b) -> b)
                        .ifPresent(leader -> values.put(SigningFields.SIGNER_NAME, staff.fullName(leader.signer())));
            }
            request = SigningRequest.remote(SigningFields.fill(signed, values), record.unit(), SignatureKind.SEAL, pin)
                    .withAppearance(new SignatureAppearance(SigningFields.UNIT_SEAL, List.of(units.name(record.unit())),
                            issued.sealImage(record.unit()).orElse(null)));
        }
        byte[] sealed;
        try {
            sealed = signatures.sign(request);
        } catch (SignatureException e) {
            throw new BadUserRequestException("the seal of unit " + record.unit() + " could not be applied: "
                    + e.getMessage());
        }
        keep(record, sealed, record.unit(), SignatureKind.SEAL, actor, DocumentKind.RESULT, "issuing", number);
        return number;
    }

    private byte[] currentDraft(RecordRow record) {
        return documents.latest(record.code(), DocumentKind.RESULT_DRAFT)
                .orElseThrow(() -> Problem.conflict("state", "record " + record.code()
                        + " has no drafted result to sign; appraisal drafts it when proposing to approve"))
                .content();
    }

    private RecordSignature keep(RecordRow record, byte[] pdf, String signer, SignatureKind kind, String actor) {
        return keep(record, pdf, signer, kind, actor, DocumentKind.RESULT_SIGNED, "approval", null);
    }

    /**
     * Verifies the signed PDF again, stores it and lists the signature with a compact validation
     * summary (indication, signer, certificate, time); the full DSS report is made again on request
     * ({@link #report}), not stored.
     */
    private RecordSignature keep(RecordRow record, byte[] pdf, String signer, SignatureKind kind, String actor,
            DocumentKind documentKind, String step, String documentNumber) {
        VerificationReport report = verifier.verify(pdf);
        VerifiedSignature signature = verifier.expectSigner(report, signer, kind);
        StoredDocument document = documents.storeIssued(record.code(), documentKind.id() + "-" + record.code() + ".pdf",
                pdf, documentKind, step, actor);
        RecordSignature kept = new RecordSignature(UUID.randomUUID().toString(), document.id(),
                kind.name().toLowerCase(java.util.Locale.ROOT), signer, signature.signerName(), signature.signingTime(),
                signature.indication(), signature.subIndication(), signature.valid(), documentNumber, actor,
                Instant.now());
        jdbc.sql("""
                insert into record_signature (id, record_code, document_id, signature_kind, signer, signer_name, signed_at,
                  indication, sub_indication, valid, document_number, certificate_sha256, certificate_subject,
                  created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(kept.id(), record.code(), kept.documentId(), kept.kind(), kept.signer(), kept.signerName(),
                        RecordRepository.ts(kept.signedAt()), kept.indication(), kept.subIndication(), kept.valid(),
                        documentNumber, signature.certificateSha256(), signature.subject(), actor,
                        RecordRepository.ts(kept.createdAt()))
                .update();
        return kept;
    }

    /**
     * The EU DSS simple report of a signature, made again from the signed PDF it is on — or, once that
     * copy was superseded (the leader-signed copy after sealing), from the issued result, which
     * contains it. Empty when the signature is unknown or its document is gone (a draft sent back).
     */
    java.util.Optional<String> report(String code, String signatureId) {
        return of(code).stream().filter(s -> s.id().equals(signatureId)).findFirst().flatMap(signature ->
                documents.content(code, signature.documentId())
                        .or(() -> isInIssuedResult(code, signature)
                                ? documents.latest(code, DocumentKind.RESULT).map(DocumentStore.Latest::content)
                                : java.util.Optional.empty()))
                .map(pdf -> verifier.verify(pdf).simpleReportXml());
    }

    /** The newest signature of its kind before the seal is the one the issued result carries. */
    private boolean isInIssuedResult(String code, RecordSignature signature) {
        List<RecordSignature> all = of(code);
        return all.stream().filter(s -> s.kind().equals(signature.kind())).reduce((a, b) -> b)
                .map(latest -> latest.id().equals(signature.id())).orElse(false);
    }

    List<RecordSignature> of(String code) {
        return jdbc.sql("""
                select id, document_id, signature_kind, signer, signer_name, signed_at, indication, sub_indication, valid,
                       document_number, created_by, created_at
                  from record_signature where record_code = ? order by created_at, id""")
                .param(code)
                .query((rs, n) -> new RecordSignature(rs.getString("id"), rs.getString("document_id"),
                        rs.getString("signature_kind"), rs.getString("signer"), rs.getString("signer_name"),
                        RecordRepository.instant(rs, "signed_at"), rs.getString("indication"),
                        rs.getString("sub_indication"), rs.getBoolean("valid"), rs.getString("document_number"),
                        rs.getString("created_by"),
                        RecordRepository.instant(rs, "created_at")))
                .list();
    }

    /** A signature on the record's result, with its validation outcome (the evidence is a document). */
    record RecordSignature(String id, String documentId, String kind, String signer, String signerName,
            Instant signedAt, String indication, String subIndication, boolean valid, String documentNumber,
            String createdBy, Instant createdAt) {
    }
}
