package vn.motcua.signature;

import java.time.Instant;
import java.util.List;

/**
 * What verifying a signed PDF found: each signature in document order (the first signer first),
 * and DSS's simple report as XML, the evidence to keep with the document.
 */
public record VerificationReport(Instant verifiedAt, List<VerifiedSignature> signatures, String simpleReportXml) {

    /** Every signature is valid. */
    public boolean allValid() {
        return !signatures.isEmpty() && signatures.stream().allMatch(VerifiedSignature::valid);
    }

    /** The signature made last (the outermost revision). */
    public VerifiedSignature latest() {
        return signatures.get(signatures.size() - 1);
    }
}
