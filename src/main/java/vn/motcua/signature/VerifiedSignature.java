package vn.motcua.signature;

import java.time.Instant;
import java.util.List;

/**
 * One signature of a PDF as verified.
 *
 * @param id                  DSS's id of the signature
 * @param signerName          the signing certificate's subject common name (CN), e.g. {@code leader-a}
 * @param subject             the signing certificate's full subject DN
 * @param organisation        the certificate's O, if any
 * @param organisationalUnit  the certificate's OU, if any (the demo CA puts the unit id there)
 * @param kind                personal signature or organisation seal (from the certificate's QC type)
 * @param signingTime         the signing time: the timestamp's time (B-T), else the time the signer claims
 * @param timestamped         whether a signature timestamp proves the signing time (PAdES B-T)
 * @param intact              the signed byte ranges are unchanged and the cryptographic signature checks out
 * @param trusted             the certificate chain ends at a configured trust anchor
 * @param validAtSigningTime  the signing certificate was valid at the signing time
 * @param indication          DSS's indication: {@code TOTAL_PASSED}, {@code INDETERMINATE} or {@code TOTAL_FAILED}
 * @param subIndication       DSS's sub-indication when not passed (e.g. {@code HASH_FAILURE}), else null
 * @param certificateSha256   SHA-256 of the signing certificate (hex), to compare with registered certificates
 * @param errors              DSS's validation errors, in English
 * @param warnings            DSS's validation warnings, in English
 */
public record VerifiedSignature(String id, String signerName, String subject, String organisation,
        String organisationalUnit, SignatureKind kind, Instant signingTime, boolean timestamped, boolean intact,
        boolean trusted, boolean validAtSigningTime, String indication, String subIndication,
        String certificateSha256, List<String> errors, List<String> warnings) {

    /** Passed DSS's validation and every check of ours. */
    public boolean valid() {
        return "TOTAL_PASSED".equals(indication) && intact && trusted && validAtSigningTime;
    }

    /** Why it is not valid, in one sentence; null when it is. */
    public String problem() {
        if (valid()) {
            return null;
        }
        String who = "signature by '" + signerName + "'";
        if (!intact) {
            return who + " is broken: the document was changed after signing or the signature value is wrong ("
                    + indication + (subIndication == null ? "" : "/" + subIndication) + ")";
        }
        if (!trusted) {
            return who + " is not trusted: its certificate does not chain to a trusted certification authority";
        }
        if (!validAtSigningTime) {
            return who + " was made with a certificate that was not valid at the signing time (expired or not yet valid)";
        }
        return who + " did not pass validation: " + indication + (subIndication == null ? "" : "/" + subIndication)
                + (errors.isEmpty() ? "" : " — " + String.join("; ", errors));
    }
}
