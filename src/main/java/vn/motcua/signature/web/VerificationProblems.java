package vn.motcua.signature.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import vn.motcua.signature.SignatureException;

/**
 * Refusals of the verification endpoint as RFC 9457 problems naming the field to blame; before
 * Spring's generic problem details, so a missing part also names {@code file}.
 */
@RestControllerAdvice(assignableTypes = VerificationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class VerificationProblems {

    @ExceptionHandler(SignatureException.class)
    ResponseEntity<ProblemDetail> refused(SignatureException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_A_PDF, NO_SIGNATURE -> HttpStatus.BAD_REQUEST;
            case INVALID_SIGNATURE, UNEXPECTED_SIGNER -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return problem(status, e.getMessage(), e.reason().name());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestPartException e) {
        return problem(HttpStatus.BAD_REQUEST, "the multipart part 'file' (the PDF) is missing", null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE,
                "the file is larger than the server accepts: " + e.getMaxUploadSize() + " bytes", null);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "send the PDF as multipart/form-data in the part 'file'", null);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("field", "file");
        if (reason != null) {
            problem.setProperty("reason", reason);
        }
        return ResponseEntity.status(status).body(problem);
    }
}
