package vn.motcua.record;

import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/**
 * A user asked the engine to set (or remove) a variable they may not: a system variable, a field
 * that is not in the form they submit, a value of the wrong type. Thrown before the command runs,
 * so nothing changes. A REST exception, so that engine-rest and Tasklist answer 400 with the
 * message (they keep a REST exception's status; the engine's own exceptions become 500 there).
 */
public class VariableRefused extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final String field;

    VariableRefused(String field, String message) {
        super(Response.Status.BAD_REQUEST, message);
        this.field = field;
    }

    /** The variable (or request field, e.g. {@code businessKey}) refused. */
    public String field() {
        return field;
    }
}
