package vn.motcua.demo.signing;

import org.springframework.http.HttpStatus;

/** A refusal of the CSC server, answered as CSC's {@code {"error", "error_description"}}. */
public class CscError extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final java.time.Duration retryAfter;

    public CscError(HttpStatus status, String error, String description) {
        this(status, error, description, null);
    }

    CscError(HttpStatus status, String error, String description, java.time.Duration retryAfter) {
        super(description);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The credential is locked after too many wrong PINs: 429 with {@code Retry-After}. */
    static CscError locked(String description, java.time.Duration retryAfter) {
        return new CscError(HttpStatus.TOO_MANY_REQUESTS, "access_denied", description, retryAfter);
    }

    /** When to try again, for a lock; null otherwise. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    static CscError badRequest(String description) {
        return new CscError(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
