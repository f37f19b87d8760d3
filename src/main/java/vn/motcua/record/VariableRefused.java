package vn.motcua.record;

import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

import vn.motcua.web.Problem;

/**
 * A user asked the engine to set (or remove) a variable they may not: a system variable, a field
 * that is not in the form they submit, a value of the wrong type. Thrown before the command runs,
 * so nothing changes. A REST exception, so that engine-rest and Tasklist answer 400 with the
 * message (they keep a REST exception's status; the engine's own exceptions become 500 there).
 * Its cause is the {@link Problem} our APIs answer should it reach one of them: 400 naming the field.
 */
public class VariableRefused extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    VariableRefused(String field, String message) {
        super(Response.Status.BAD_REQUEST, Problem.badRequest(field, message), message);
    }

    /** The variable (or request field, e.g. {@code businessKey}) refused. */
    public String field() {
        return ((Problem) getCause()).field();
    }
}
