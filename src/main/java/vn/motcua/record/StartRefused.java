package vn.motcua.record;

import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/**
 * A record cannot be started from these variables (no receiving unit, an unknown one). Thrown by
 * the process start listener, so the engine rolls the start back; the engine's REST API and
 * Tasklist answer 400 with the message (they turn the engine's own exceptions into 500 on a start,
 * {@code BadUserRequestException} included, but keep a REST exception's status).
 */
class StartRefused extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    StartRefused(String message) {
        super(Response.Status.BAD_REQUEST, message);
    }

    private StartRefused(Response.Status status, String message) {
        super(status, message);
    }

    /** The starter may not start records at this unit (403, as the records API answers). */
    static StartRefused forbidden(String message) {
        return new StartRefused(Response.Status.FORBIDDEN, message);
    }
}
