package vn.motcua.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API ({@code /engine-rest}) answers a client's mistake with a 4xx, not the 500
 * Camunda gives whenever the engine throws inside a call: two users completing the same task at
 * once (409 for the loser), an unknown task id (404), a listener's refusal such as approving an
 * unsigned result or issuing without a signed one (400), a NUL character PostgreSQL cannot store
 * (400), the database briefly unreachable (503 with {@code Retry-After}); see {@link Failures}.
 * Camunda's answer shape {@code {type, message}} is kept (Tasklist shows {@code message}).
 * Registered in Camunda's Jersey application ahead of its own mappers for the same types.
 */
@Configuration
class EngineRestFailures {

    @Bean
    ResourceConfigCustomizer engineRestFailureMappers() {
        return config -> config.register(RestExceptions.class).register(EngineExceptions.class)
                .register(OtherExceptions.class);
    }

    /** Camunda's resources wrap engine exceptions in a {@link RestException} with status 500. */
    @Priority(1)
    public static class RestExceptions implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException e) {
            if (e.getStatus() != null && e.getStatus().getStatusCode() < 500) {
                return ExceptionHandlerHelper.getInstance().getResponse(e);
            }
            return answer(e);
        }
    }

    @Priority(1)
    public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException e) {
            return answer(e);
        }
    }

    @Priority(1)
    public static class OtherExceptions implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return answer(e);
        }
    }

    static Response answer(Throwable e) {
        return Failures.classify(e).map(failure -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", failure.type());
            body.put("message", failure.message());
            Response.ResponseBuilder response = Response.status(failure.status().value())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(body);
            if (failure.status().value() == 503) {
                response.header("Retry-After", Failures.RETRY_AFTER_SECONDS);
            }
            return response.build();
        }).orElseGet(() -> ExceptionHandlerHelper.getInstance().getResponse(e));
    }
}
