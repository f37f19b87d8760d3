package vn.motcua.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The one problem type as answered: the members of the body and the headers (the HTTP answers: RecordsApiTest). */
class ProblemAnswersTest {

    final ProblemAnswers answers = new ProblemAnswers();

    @Test
    void aBadRequestNamesItsFieldInTheTitle() {
        ResponseEntity<ProblemDetail> answer = answers.refused(Problem.badRequest("channel", "channel must be 1, 2 or 3"));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        ProblemDetail body = answer.getBody();
        assertThat(body.getTitle()).isEqualTo("Invalid 'channel'");
        assertThat(body.getDetail()).isEqualTo("channel must be 1, 2 or 3");
        assertThat(body.getProperties()).isEqualTo(Map.of("field", "channel"));
    }

    @Test
    void otherStatusesTakeTheirReasonPhraseAndNameAFieldOnlyWhenThereIsOne() {
        ProblemDetail notFound = answers.refused(Problem.notFound("no record x")).getBody();
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getTitle()).isEqualTo("Not Found");
        assertThat(notFound.getProperties()).isNull();

        ProblemDetail conflict = answers.refused(Problem.conflict("state", "closed")).getBody();
        assertThat(conflict.getTitle()).isEqualTo("Conflict");
        assertThat(conflict.getProperties()).isEqualTo(Map.of("field", "state"));

        assertThat(answers.refused(Problem.notFound("no procedure").titled("Procedure not found")).getBody().getTitle())
                .isEqualTo("Procedure not found");
    }

    @Test
    void extraMembersAndRetryAfter() {
        ProblemDetail verification = answers.refused(Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, "file", "not valid")
                .with("reason", "INVALID_SIGNATURE")).getBody();
        assertThat(verification.getProperties()).isEqualTo(Map.of("field", "file", "reason", "INVALID_SIGNATURE"));

        ResponseEntity<ProblemDetail> locked = answers.refused(
                Problem.tooManyRequests("pin", "locked", Duration.ofMinutes(15)));
        assertThat(locked.getStatusCode().value()).isEqualTo(429);
        assertThat(locked.getHeaders().getFirst("Retry-After")).isEqualTo("900");
    }

    @Test
    void multipartFailuresNameThePart() {
        ProblemDetail missing = answers.missingPart(new MissingServletRequestPartException("file")).getBody();
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getTitle()).isEqualTo("Invalid 'file'");
        assertThat(missing.getProperties()).isEqualTo(Map.of("field", "file"));

        // as Spring gets it from Tomcat: the file's part over spring.servlet.multipart.max-file-size
        FileSizeLimitExceededException tomcat = new FileSizeLimitExceededException("too big", 2048, 1024);
        tomcat.setFieldName("documents");
        ProblemDetail tooLarge = answers.tooLarge(new MaxUploadSizeExceededException(-1,
                new IllegalStateException(tomcat))).getBody();
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getProperties()).isEqualTo(Map.of("field", "documents"));
        assertThat(tooLarge.getDetail()).contains("1024 bytes");

        // the whole request over max-request-size: no part to name
        ProblemDetail request = answers.tooLarge(new MaxUploadSizeExceededException(-1)).getBody();
        assertThat(request.getStatus()).isEqualTo(413);
        assertThat(request.getProperties()).isNull();
    }
}
