package vn.motcua.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.function.Predicate;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.springframework.beans.factory.ObjectProvider;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine REST API ({@code /engine-rest}) answers a client's mistake with a 4xx, not the 500
 * Camunda gives whenever the engine throws inside a call: two users completing the same task at
 * once (409 for the loser), an unknown task id (404), a listener's refusal such as approving an
 * unsigned result or issuing without a signed one (400), a NUL character PostgreSQL cannot store
 * (400), the database briefly unreachable (503 with {@code Retry-After}); see {@link Failures}.
 * Camunda's answer shape {@code {type, message}} is kept (Tasklist shows {@code message}).
 * Registered in Camunda's Jersey application ahead of its own mappers for the same types, and in the
 * webapps' copy of the engine API that Tasklist and Cockpit call.
 */
@Configuration
class EngineRestFailures {

    @Bean
    ResourceConfigCustomizer engineRestFailureMappers(ObjectProvider<TaskService> tasks,
            ObjectProvider<IdentityService> identities) {
        Predicate<String> taskGone = id -> {
            TaskService taskService = tasks.getIfAvailable();
            IdentityService identity = identities.getIfAvailable();
            if (taskService == null || identity == null) {
                return false;
            }
            // Asked without the caller's identity: a task they may not see is not gone.
            Authentication caller = identity.getCurrentAuthentication();
            identity.clearAuthentication();
            try {
                return taskService.createTaskQuery().taskId(id).count() == 0;
            } finally {
                if (caller != null) {
                    identity.setAuthentication(caller);
                }
            }
        };
        webappTaskGone = taskGone;
        return config -> config.register(new RestExceptions(taskGone)).register(new EngineExceptions(taskGone))
                .register(new OtherExceptions(taskGone));
    }

    /**
     * The webapps' own copy of the engine API ({@code /camunda/api/engine}, what Tasklist calls with its
     * session) is a Jersey servlet the Camunda starter registers as "Engine Api"; Jersey makes its
     * providers from class names, so it gets the same mappers through that servlet's provider list.
     */
    @Bean
    ServletContextInitializer webappEngineApiFailureMappers() {
        return servletContext -> servletContext.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                // the context the initializer was given: a listener's own view may not read registrations,
                // and by now the starter's initializer has registered the servlet, which Jersey starts later
                ServletRegistration engineApi = servletContext.getServletRegistration("Engine Api");
                if (engineApi != null) {
                    engineApi.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES, String.join(",",
                            WebappRestExceptions.class.getName(), WebappEngineExceptions.class.getName(),
                            WebappOtherExceptions.class.getName()));
                }
            }
        });
    }

    /** Set when the engine REST mappers are made: Jersey makes the webapp's from their class names. */
    private static volatile Predicate<String> webappTaskGone = id -> false;

    @Priority(1)
    public static class WebappRestExceptions extends RestExceptions {
        public WebappRestExceptions() {
            super(id -> webappTaskGone.test(id));
        }
    }

    @Priority(1)
    public static class WebappEngineExceptions extends EngineExceptions {
        public WebappEngineExceptions() {
            super(id -> webappTaskGone.test(id));
        }
    }

    @Priority(1)
    public static class WebappOtherExceptions extends OtherExceptions {
        public WebappOtherExceptions() {
            super(id -> webappTaskGone.test(id));
        }
    }

    /** Camunda's resources wrap engine exceptions in a {@link RestException} with status 500. */
    @Priority(1)
    public static class RestExceptions implements ExceptionMapper<RestException> {
        private final Predicate<String> taskGone;

        RestExceptions(Predicate<String> taskGone) {
            this.taskGone = taskGone;
        }

        @Override
        public Response toResponse(RestException e) {
            if (e.getStatus() != null && e.getStatus().getStatusCode() < 500) {
                return ExceptionHandlerHelper.getInstance().getResponse(e);
            }
            return answer(e, taskGone);
        }
    }

    @Priority(1)
    public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
        private final Predicate<String> taskGone;

        EngineExceptions(Predicate<String> taskGone) {
            this.taskGone = taskGone;
        }

        @Override
        public Response toResponse(ProcessEngineException e) {
            return answer(e, taskGone);
        }
    }

    @Priority(1)
    public static class OtherExceptions implements ExceptionMapper<Throwable> {
        private final Predicate<String> taskGone;

        OtherExceptions(Predicate<String> taskGone) {
            this.taskGone = taskGone;
        }

        @Override
        public Response toResponse(Throwable e) {
            return answer(e, taskGone);
        }
    }

    /**
     * The loser of two completions of one task fails in whatever way the winner's changes make it
     * fail midway: an optimistic lock (classified already), an authorization check run after the
     * winner removed the task's candidate groups, or even an engine error on a half-gone execution.
     * When a completion fails and its task no longer exists, someone else took it: that is the
     * conflict, not a lack of permission nor a server error.
     */
    static Optional<Failures.Classified> taskTakenMeanwhile(Throwable e, Predicate<String> taskGone) {
        String taskId = null;
        if (e instanceof AuthorizationException denied) {
            for (MissingAuthorization missing : denied.getMissingAuthorizations()) {
                if ("Task".equals(missing.getResourceType()) && missing.getResourceId() != null) {
                    taskId = missing.getResourceId();
                }
            }
        }
        if (taskId == null) {
            taskId = completedTask();
        }
        if (taskId != null && taskGone.test(taskId)) {
            return Optional.of(new Failures.Classified(HttpStatus.CONFLICT,
                    "OptimisticLockingException", "task " + taskId + " was completed or deleted by someone else at "
                            + "the same moment; nothing of this request was stored"));
        }
        return Optional.empty();
    }

    private static final Pattern COMPLETION = Pattern.compile(
            ".*/task/([^/;]+)(;[^/]*)?/(complete|submit-form|resolve)(;[^/]*)?/?$");

    /** The task the current request completes, if it is a completion. */
    private static String completedTask() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && "POST".equals(attributes.getRequest().getMethod())) {
            Matcher matcher = COMPLETION.matcher(attributes.getRequest().getRequestURI());
            return matcher.matches() ? matcher.group(1) : null;
        }
        return null;
    }

    static Response answer(Throwable e, Predicate<String> taskGone) {
        return Failures.classify(e).or(() -> taskTakenMeanwhile(e, taskGone)).map(failure -> {
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
