package vn.motcua.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A completion that fails while its task disappears was lost to a concurrent one: 409, whatever the engine threw. */
class EngineRestFailuresTest {

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    static void request(String method, String uri) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(method, uri)));
    }

    @Test
    void anEngineErrorDuringACompletionOfATaskGoneMeanwhileIsAConflict() {
        request("POST", "/engine-rest/task/t-1/complete/");
        NullPointerException halfGone = new NullPointerException("getParent() is null");
        assertThat(EngineRestFailures.taskTakenMeanwhile(halfGone, "t-1"::equals))
                .hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(EngineRestFailures.answer(halfGone, "t-1"::equals).getStatus()).isEqualTo(409);
    }

    @Test
    void aFailureOnATaskThatStillExistsStaysWhatItIs() {
        request("POST", "/engine-rest/task/t-1/complete");
        assertThat(EngineRestFailures.taskTakenMeanwhile(new NullPointerException(), id -> false)).isEmpty();
        assertThat(EngineRestFailures.answer(new IllegalStateException("bug"), id -> false).getStatus()).isEqualTo(500);
        request("GET", "/engine-rest/task/t-1");
        assertThat(EngineRestFailures.taskTakenMeanwhile(new NullPointerException(), id -> true)).isEmpty();
    }
}
