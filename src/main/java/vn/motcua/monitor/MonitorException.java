package vn.motcua.monitor;

import org.springframework.http.HttpStatus;

/** A refused monitoring request: 400 naming the field, 403 outside the caller's units, 404. */
class MonitorException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    MonitorException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }

    static final class BadInput extends MonitorException {
        BadInput(String field, String message) {
            super(HttpStatus.BAD_REQUEST, field, message);
        }
    }

    static final class Forbidden extends MonitorException {
        Forbidden(String field, String message) {
            super(HttpStatus.FORBIDDEN, field, message);
        }
    }

    static final class NotFound extends MonitorException {
        NotFound(String message) {
            super(HttpStatus.NOT_FOUND, null, message);
        }
    }
}
