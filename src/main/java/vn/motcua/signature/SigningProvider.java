package vn.motcua.signature;

/**
 * One way of getting a PDF signed. Three ways exist:
 * <ol>
 * <li><b>upload</b>: the signer signed the PDF elsewhere (a USB token and its tool); the provider
 * only verifies it — valid, by the expected signer, and made over the draft it was given;</li>
 * <li><b>remote signing</b> through a Cloud Signature Consortium API v2 service configured for the
 * signer ({@code motcua.signature.csc.users.<id>});</li>
 * <li><b>the built-in soft tokens</b> of the demo CA, reached the same way: through the product's own
 * CSC v2 server ({@code /api/csc/v2}).</li>
 * </ol>
 * Whatever the way, the answer is a PDF whose new signature has been verified.
 */
public interface SigningProvider {

    /** Whether this way signs the request (an upload, or a remote signing). */
    boolean handles(SigningRequest request);

    /**
     * @return the signed PDF
     * @throws SignatureException when it cannot be signed or the result is not a valid signature of the signer
     */
    byte[] sign(SigningRequest request);
}
