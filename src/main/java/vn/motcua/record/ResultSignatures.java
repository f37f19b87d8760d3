package vn.motcua.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;

/**
 * The signatures on a record's result ({@code record_signature}): each signed PDF is verified
 * again, stored, and listed with a compact validation summary; the full DSS report is made again
 * on request ({@link #report}), not stored.
 */
@Component
class ResultSignatures {

    private final DocumentStore documents;
    private final SignatureVerifier verifier;
    private final JdbcClient jdbc;

    ResultSignatures(DocumentStore documents, SignatureVerifier verifier, JdbcClient jdbc) {
        this.documents = documents;
        this.verifier = verifier;
        this.jdbc = jdbc;
    }

    /** The leader's signature at approval: the signed copy of the draft. */
    RecordSignature keep(RecordRow record, byte[] pdf, String signer, SignatureKind kind, String actor) {
        return keep(record, pdf, signer, kind, actor, DocumentKind.RESULT_SIGNED, "approval", null);
    }

    /**
     * Verifies the signed PDF again, stores it and lists the signature with a compact validation
     * summary (indication, signer, certificate, time); the full DSS report is made again on request
     * ({@link #report}), not stored.
     */
    RecordSignature keep(RecordRow record, byte[] pdf, String signer, SignatureKind kind, String actor,
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
