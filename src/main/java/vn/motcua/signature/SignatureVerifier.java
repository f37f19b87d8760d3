package vn.motcua.signature;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.signature.dss.DssVerification;
import vn.motcua.web.DocumentContent;

/**
 * Verifies the signatures of a PDF with EU DSS (ETSI EN 319 102-1):
 * <ul>
 * <li>integrity: the signed byte ranges are unchanged and the signature value matches;</li>
 * <li>trust: the certificate chain reaches a trust anchor — the demo root CA and the PEM files of
 * {@code motcua.signature.trust-anchors};</li>
 * <li>the signing certificate was valid at the signing time (the timestamp's time for B-T);</li>
 * <li>revocation, when the certificate names a CRL or OCSP responder that answers (a revoked
 * certificate fails; an unreachable one is a warning).</li>
 * </ul>
 * Then {@link #expectSigner} says whether the document is signed by whom it should be.
 *
 * <pre>{@code
 * VerificationReport report = verifier.verify(pdf);          // 400-type refusals as SignatureException
 * verifier.expectSigner(report, "leader-a");                 // a valid personal signature of leader-a
 * verifier.expectSigner(report, "commune-a", SignatureKind.SEAL);
 * String evidence = report.simpleReportXml();                // keep with the document
 * }</pre>
 */
@Component
public class SignatureVerifier {

    private final DssVerification dss;
    private final CredentialStore credentials;
    /**
     * Reports by the PDF's SHA-256. A signed result is verified when signed, when kept, at approval and
     * on the public verification page; DSS validation was most of a case's time (issue #8's benchmark).
     * Kept briefly, so that a revocation or a newly registered certificate counts within that time.
     */
    private final Cache<String, VerificationReport> reports;

    @Autowired
    public SignatureVerifier(DssVerification dss, CredentialStore credentials, SignatureSettings settings) {
        this(dss, credentials, settings.getVerificationCacheTtl());
    }

    SignatureVerifier(DssVerification dss, CredentialStore credentials, Duration cacheTtl) {
        this.dss = dss;
        this.credentials = credentials;
        this.reports = Caffeine.newBuilder().maximumSize(500).expireAfterWrite(cacheTtl).build();
    }

    /**
     * Verifies every signature of the PDF (the same bytes again within the cache's time: the same report).
     *
     * @throws SignatureException {@link Reason#NOT_A_PDF} for anything but a readable PDF,
     *                            {@link Reason#NO_SIGNATURE} for a PDF without signature
     */
    public VerificationReport verify(byte[] pdf) {
        if (pdf == null) {
            return validate(null);
        }
        return reports.get(sha256(pdf), key -> {
            // A PDF from outside (public verification, uploads) is opened only within bounded memory.
            String problem = pdf.length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F'
                    ? UPLOADED.problem(pdf, "application/pdf") : null;
            if (problem != null) {
                throw new SignatureException(SignatureException.Reason.NOT_A_PDF, "the file " + problem);
            }
            return validate(pdf);
        });
    }

    /** What a PDF to verify may expand to (a compression bomb is refused before DSS reads it). */
    private static final DocumentContent UPLOADED = new DocumentContent(128L << 20, 0);

    private VerificationReport validate(byte[] pdf) {
        return dss.verify(pdf, sha256 -> credentials.registeredKind(sha256));
    }

    /** Forgets the cached reports: a signer's certificate was registered. */
    public void forgetReports() {
        reports.invalidateAll();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #expectSigner(VerificationReport, String, SignatureKind)} for a personal signature. */
    public VerifiedSignature expectSigner(VerificationReport report, String userId) {
        return expectSigner(report, userId, SignatureKind.PERSONAL);
    }

    /**
     * Requires every signature of the report to be valid and the latest signature of that kind to
     * be the signer's: their registered certificate, or (for the demo CA) a certificate whose subject
     * common name is the user or unit id.
     *
     * @return that signature
     * @throws SignatureException {@link Reason#INVALID_SIGNATURE} or {@link Reason#UNEXPECTED_SIGNER}
     */
    public VerifiedSignature expectSigner(VerificationReport report, String signer, SignatureKind kind) {
        for (VerifiedSignature signature : report.signatures()) {
            if (!signature.valid()) {
                throw new SignatureException(Reason.INVALID_SIGNATURE, "the document's " + signature.problem());
            }
        }
        List<VerifiedSignature> ofKind = report.signatures().stream().filter(s -> s.kind() == kind).toList();
        if (ofKind.isEmpty()) {
            throw new SignatureException(Reason.UNEXPECTED_SIGNER, "the document has no " + describe(kind)
                    + "; expected one by '" + signer + "'");
        }
        VerifiedSignature latest = ofKind.get(ofKind.size() - 1);
        if (!isBy(latest, signer)) {
            throw new SignatureException(Reason.UNEXPECTED_SIGNER, "the " + describe(kind) + " is by '"
                    + latest.signerName() + "' (" + latest.subject() + "), not by the expected signer '" + signer + "'");
        }
        return latest;
    }

    /** Whether the signature was made by the signer (registered certificate, else common name). */
    public boolean isBy(VerifiedSignature signature, String signer) {
        Optional<String> registered = signature.certificateSha256() == null ? Optional.empty()
                : credentials.registeredOwner(signature.certificateSha256());
        if (registered.isPresent()) {
            return registered.get().equals(signer);
        }
        return signer != null && signer.equals(signature.signerName());
    }

    private static String describe(SignatureKind kind) {
        return kind == SignatureKind.SEAL ? "organisation seal" : "personal signature";
    }
}
