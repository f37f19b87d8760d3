package vn.motcua.web;

import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The one place our APIs' refusals are answered: a {@link Problem}, thrown by any feature, as an RFC
 * 9457 problem ({@code application/problem+json}; Spring adds {@code instance}, the request's path),
 * with {@code Retry-After} when it says when to try again. Also a {@link Problem} carried as the
 * cause of another exception, e.g. an engine refusal that the engine's REST API answers its own way
 * but that our APIs answer like any other. And the multipart failures Spring finds before a
 * controller runs, in the same shape: a missing part names it as {@code field}, so does a file over
 * {@code spring.servlet.multipart.max-file-size}. Ahead of Spring's generic problem details, which
 * answer the rest of Spring MVC's own exceptions. A feature's HTML pages may answer a Problem as a
 * page of their own (an {@code @ExceptionHandler} in the page's controller comes first).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> refused(Problem problem) {
        if (problem.status().is5xxServerError()) {
            log.warn("answered {}: {}", problem.status().value(), problem.getMessage(), problem);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        if (problem.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return response.body(problem.body());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return refused(Problem.badRequest(e.getRequestPartName(),
                "the multipart part '" + e.getRequestPartName() + "' is missing"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FileSizeLimitExceededException file && file.getFieldName() != null) {
                return refused(Problem.tooLarge(file.getFieldName(), "the file in '" + file.getFieldName()
                        + "' is larger than the server accepts: " + file.getPermittedSize() + " bytes"));
            }
        }
        return refused(Problem.tooLarge(null, "the request is larger than the server accepts"
                + (e.getMaxUploadSize() > 0 ? ": " + e.getMaxUploadSize() + " bytes" : "")));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e) {
        return refused(Problem.badRequest(null, "the request is not readable as multipart/form-data: send the "
                + "files as parts of a multipart/form-data request"));
    }
}
