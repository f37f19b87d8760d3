package vn.motcua.signature;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.dss.DssVerification;

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

    public SignatureVerifier(DssVerification dss, CredentialStore credentials) {
        this.dss = dss;
        this.credentials = credentials;
    }

    /**
     * Verifies every signature of the PDF.
     *
     * @throws SignatureException {@link Reason#NOT_A_PDF} for anything but a readable PDF,
     *                            {@link Reason#NO_SIGNATURE} for a PDF without signature
     */
    public VerificationReport verify(byte[] pdf) {
        return dss.verify(pdf, sha256 -> credentials.registeredKind(sha256));
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
