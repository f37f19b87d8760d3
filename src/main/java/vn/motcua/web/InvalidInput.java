package vn.motcua.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 answer as the product's APIs give it: an RFC 9457 problem whose {@code field} names the
 * parameter or field that was wrong and whose detail says why. Shared by the features' controllers.
 */
public final class InvalidInput {

    private InvalidInput() {
    }

    public static ErrorResponseException of(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid '" + field + "'");
        problem.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
