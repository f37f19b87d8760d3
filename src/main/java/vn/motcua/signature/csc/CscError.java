package vn.motcua.signature.csc;

import org.springframework.http.HttpStatus;

/** A refusal of the CSC server, answered as CSC's {@code {"error", "error_description"}}. */
public class CscError extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public CscError(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
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
