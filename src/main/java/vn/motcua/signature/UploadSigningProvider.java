package vn.motcua.signature;

import java.util.Arrays;

import org.springframework.stereotype.Component;

import vn.motcua.signature.SignatureException.Reason;

/**
 * A PDF signed elsewhere (a USB token and its tool) and uploaded: accepted only when it verifies,
 * its latest signature of the kind is the expected signer's, and it was made over the draft — the
 * draft's bytes are the start of the signed file (the signature is an incremental update of it) and
 * it adds a signature the draft did not have.
 */
@Component
class UploadSigningProvider implements SigningProvider {

    private final SignatureVerifier verifier;

    UploadSigningProvider(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean handles(SigningRequest request) {
        return request.isUpload();
    }

    @Override
    public byte[] sign(SigningRequest request) {
        byte[] signed = request.signedElsewhere();
        VerificationReport report = verifier.verify(signed);
        verifier.expectSigner(report, request.signer(), request.kind());
        byte[] draft = request.pdf();
        if (draft != null) {
            boolean extendsDraft = signed.length > draft.length
                    && Arrays.equals(signed, 0, draft.length, draft, 0, draft.length);
            if (!extendsDraft) {
                throw new SignatureException(Reason.INVALID_SIGNATURE,
                        "the uploaded PDF is not the draft signed: sign the document you were given, without "
                                + "saving it as a new file first");
            }
            if (report.signatures().size() <= signaturesIn(draft)) {
                throw new SignatureException(Reason.NO_SIGNATURE, "the uploaded PDF adds no signature to the draft");
            }
        }
        return signed;
    }

    private int signaturesIn(byte[] draft) {
        try {
            return verifier.verify(draft).signatures().size();
        } catch (SignatureException e) {
            return 0;
        }
    }
}
