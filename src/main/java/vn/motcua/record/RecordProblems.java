package vn.motcua.record;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Refusals of the records API as RFC 9457 problems naming the field to blame. */
@RestControllerAdvice(assignableTypes = RecordController.class)
class RecordProblems {

    @ExceptionHandler(RecordException.class)
    ResponseEntity<ProblemDetail> refused(RecordException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e instanceof RecordException.TooManyAttempts tooMany && tooMany.retryAfter() != null) {
            response.header(org.springframework.http.HttpHeaders.RETRY_AFTER,
                    Long.toString(tooMany.retryAfter().toSeconds()));
        }
        return response.body(problem);
    }

    /** The engine refused a variable write (a records API call acting as the user): 400 naming it. */
    @ExceptionHandler(VariableRefused.class)
    ResponseEntity<ProblemDetail> variableRefused(VariableRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the request is larger than the server accepts: " + e.getMaxUploadSize() + " bytes");
        problem.setProperty("field", "documents");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }
}
