package vn.motcua.monitor;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the monitoring API as RFC 9457 problems naming the field to blame, like the other APIs' 400s. */
@RestControllerAdvice(assignableTypes = MonitorController.class)
class MonitorProblems {

    @ExceptionHandler(MonitorException.class)
    ResponseEntity<ProblemDetail> refused(MonitorException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
            if (e.status().value() == 400) {
                problem.setTitle("Invalid '" + e.field() + "'"); // as vn.motcua.web.InvalidInput words it
            }
        }
        return ResponseEntity.status(e.status()).body(problem);
    }
}
