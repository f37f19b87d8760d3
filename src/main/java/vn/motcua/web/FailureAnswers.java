package vn.motcua.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outermost filter: a failure no controller answered that is the client's or a passing one
 * ({@link Failures}: concurrent change 409, unknown 404, refused 400, database unreachable 503 with
 * {@code Retry-After}) is answered as an RFC 9457 problem instead of the generic 500, in the shape of
 * every {@link Problem} — also when it happens while logging in (the users are in the database),
 * before any controller runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FailureAnswers extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureAnswers.class);

    private final ObjectMapper json;

    FailureAnswers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<Failures.Classified> classified = Failures.classify(e);
            if (classified.isEmpty() || response.isCommitted()) {
                throw e;
            }
            Failures.Classified failure = classified.get();
            log.warn("{} {} answered {}: {}", request.getMethod(), request.getRequestURI(), failure.status().value(),
                    e.toString());
            response.resetBuffer();
            response.setStatus(failure.status().value());
            if (failure.status().value() == 503) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Failures.RETRY_AFTER_SECONDS));
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            ProblemDetail problem = Problem.of(failure.status(), null, failure.message()).body();
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.getWriter().write(json.writeValueAsString(problem));
        }
    }
}
