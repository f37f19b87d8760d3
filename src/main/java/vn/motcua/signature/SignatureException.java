package vn.motcua.signature;

/**
 * A signature refused or a signing that could not be done, with the {@link Reason} and a message
 * meant for the person who asked (what is wrong and, where it helps, what to do).
 */
public class SignatureException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** The file is not a PDF (HTTP 400). */
        NOT_A_PDF,
        /** A PDF without any signature (HTTP 400). */
        NO_SIGNATURE,
        /** A signature is there but is not valid: changed after signing, untrusted, expired… (HTTP 422). */
        INVALID_SIGNATURE,
        /** Valid, but made by someone other than the expected signer (HTTP 422). */
        UNEXPECTED_SIGNER,
        /** The signer has no signing credential of that kind (HTTP 409). */
        NO_CREDENTIAL,
        /** The signing service refused the authorisation: wrong PIN or OTP, replayed or expired SAD (HTTP 403). */
        AUTHORISATION_REFUSED,
        /** The signing service could not be reached or answered nonsense (HTTP 502). */
        PROVIDER_FAILED,
        /** Too many wrong PINs: the credential is locked for a while, see {@link #retryAfter()} (HTTP 429). */
        CREDENTIAL_LOCKED
    }

    private final Reason reason;
    private final java.time.Duration retryAfter;

    public SignatureException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public SignatureException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    /** A refusal that may succeed later: {@link Reason#CREDENTIAL_LOCKED}, after {@code retryAfter}. */
    public SignatureException(Reason reason, String message, Throwable cause, java.time.Duration retryAfter) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** How long until trying again makes sense (a locked credential); null when never or unknown. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public Reason reason() {
        return reason;
    }
}
