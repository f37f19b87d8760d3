package vn.motcua.record;

import org.springframework.http.HttpStatus;

/**
 * A request about a record that cannot be done, with the HTTP status and the field to blame.
 * Answered as an RFC 9457 problem by {@link RecordProblems}; thrown before anything is stored,
 * or inside the transaction that is then rolled back.
 */
public abstract class RecordException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    RecordException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field, header or part that was wrong; null when none is to blame. */
    public String field() {
        return field;
    }

    public static final class BadInput extends RecordException {
        public BadInput(String field, String message) {
            super(HttpStatus.BAD_REQUEST, field, message);
        }
    }

    public static final class NotFound extends RecordException {
        public NotFound(String message) {
            super(HttpStatus.NOT_FOUND, null, message);
        }
    }

    public static final class Conflict extends RecordException {
        public Conflict(String field, String message) {
            super(HttpStatus.CONFLICT, field, message);
        }
    }

    public static final class TooLarge extends RecordException {
        public TooLarge(String field, String message) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, field, message);
        }
    }

    public static final class UnsupportedMedia extends RecordException {
        public UnsupportedMedia(String field, String message) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, field, message);
        }
    }

    public static final class Unauthorized extends RecordException {
        public Unauthorized(String message) {
            super(HttpStatus.UNAUTHORIZED, null, message);
        }
    }

    /** Refused for now, e.g. a signing credential locked after wrong PINs: 429 with {@code Retry-After}. */
    public static final class TooManyAttempts extends RecordException {
        private final java.time.Duration retryAfter;

        public TooManyAttempts(String field, String message, java.time.Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, field, message);
            this.retryAfter = retryAfter;
        }

        /** When to try again; null when unknown. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    public static final class Forbidden extends RecordException {
        public Forbidden(String message) {
            super(HttpStatus.FORBIDDEN, null, message);
        }
    }
}
