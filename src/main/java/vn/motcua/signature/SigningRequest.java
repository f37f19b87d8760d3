package vn.motcua.signature;

/**
 * A request to sign a PDF.
 *
 * @param pdf             the document to sign (the draft; for an upload, the draft the signer was given)
 * @param signer          who signs: a user id for {@link SignatureKind#PERSONAL}, a unit id for {@link SignatureKind#SEAL}
 * @param kind            personal signature or the unit's seal
 * @param authorisation   the PIN (or OTP) that authorises the signing service to use the signer's key; null for an upload
 * @param signedElsewhere for an upload: the PDF as signed with the signer's own tools (USB token); null otherwise
 * @param appearance      where and how the signature shows on the page; null for an invisible signature
 */
public record SigningRequest(byte[] pdf, String signer, SignatureKind kind, String authorisation,
        byte[] signedElsewhere, SignatureAppearance appearance) {

    public static SigningRequest remote(byte[] pdf, String signer, SignatureKind kind, String pin) {
        return new SigningRequest(pdf, signer, kind, pin, null, null);
    }

    public static SigningRequest upload(byte[] draft, String signer, SignatureKind kind, byte[] signedPdf) {
        return new SigningRequest(draft, signer, kind, null, signedPdf, null);
    }

    /** The same request, signing visibly into a field. */
    public SigningRequest withAppearance(SignatureAppearance visible) {
        return new SigningRequest(pdf, signer, kind, authorisation, signedElsewhere, visible);
    }

    public boolean isUpload() {
        return signedElsewhere != null;
    }
}
