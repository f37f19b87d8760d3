package vn.motcua.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the product refuses, in every feature: the HTTP status, a title, a detail meant for the
 * person who asked, and the request field, parameter, header or part at fault (null when none is).
 * {@link ProblemAnswers} answers it as an RFC 9457 problem ({@code application/problem+json}):
 *
 * <pre>{"type":"about:blank","title":"Invalid 'channel'","status":400,
 *  "detail":"channel must be 1 (in person), 2 (online) or 3 (postal)","instance":"/api/records","field":"channel"}</pre>
 *
 * A bad request naming its field is titled {@code Invalid '<field>'}; any other takes its status's
 * reason phrase ({@code Not Found}, {@code Conflict} …) unless {@link #titled(String) titled}.
 * Extra members ({@link #with}) and a {@code Retry-After} ({@link #tooManyRequests}) where an
 * answer needs them. Thrown before anything is stored, or inside the transaction that is then
 * rolled back; a feature's HTML pages may answer it as a page of their own
 * ({@code @ExceptionHandler(Problem.class)} in the page's controller).
 */
public final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final String field;
    private final transient Map<String, Object> properties;
    private final Duration retryAfter;

    private Problem(HttpStatus status, String title, String field, String detail, Map<String, Object> properties,
            Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.status = Objects.requireNonNull(status, "status");
        this.title = title;
        this.field = field;
        this.properties = Map.copyOf(properties);
        this.retryAfter = retryAfter;
    }

    /** Any status; the factories below read better where one fits. */
    public static Problem of(HttpStatus status, String field, String detail) {
        return new Problem(status, status == HttpStatus.BAD_REQUEST && field != null ? "Invalid '" + field + "'" : null,
                field, detail, Map.of(), null, null);
    }

    /** 400: the field is missing or wrong, the detail says why. */
    public static Problem badRequest(String field, String detail) {
        return of(HttpStatus.BAD_REQUEST, field, detail);
    }

    /** 401: the caller must say who they are (log in, or give a secret). */
    public static Problem unauthorized(String detail) {
        return of(HttpStatus.UNAUTHORIZED, null, detail);
    }

    /** 403: the caller may not; the field, when the request names what they may not reach (may be null). */
    public static Problem forbidden(String field, String detail) {
        return of(HttpStatus.FORBIDDEN, field, detail);
    }

    /** 404: no such thing, or none the caller may know of. */
    public static Problem notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, null, detail);
    }

    /** 409: not in this state, or someone did it already; the field whose state stands in the way. */
    public static Problem conflict(String field, String detail) {
        return of(HttpStatus.CONFLICT, field, detail);
    }

    /** 413: the field (a file) is larger than accepted. */
    public static Problem tooLarge(String field, String detail) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, field, detail);
    }

    /** 415: the field (a file) is not of a kind accepted. */
    public static Problem unsupportedMediaType(String field, String detail) {
        return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, field, detail);
    }

    /** 429: refused for now, e.g. a signing credential locked after wrong PINs; {@code Retry-After} when known. */
    public static Problem tooManyRequests(String field, String detail, Duration retryAfter) {
        return new Problem(HttpStatus.TOO_MANY_REQUESTS, null, field, detail, Map.of(), retryAfter, null);
    }

    /** The same problem under another title (e.g. {@code Procedure not found}). */
    public Problem titled(String newTitle) {
        return new Problem(status, newTitle, field, getMessage(), properties, retryAfter, getCause());
    }

    /** The same problem with one more member in the answer (e.g. a signature refusal's {@code reason}). */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new Problem(status, title, field, getMessage(), more, retryAfter, getCause());
    }

    /** The same problem caused by {@code cause} (logged when the status is a server's failure). */
    public Problem causedBy(Throwable cause) {
        return new Problem(status, title, field, getMessage(), properties, retryAfter, cause);
    }

    public HttpStatus status() {
        return status;
    }

    /** The title given; null for the status's reason phrase. */
    public String title() {
        return title;
    }

    /** What is wrong, for the person who asked. */
    public String detail() {
        return getMessage();
    }

    /** The request field, parameter, header or part at fault; null when none is. */
    public String field() {
        return field;
    }

    /** Members of the answer beyond the standard ones and {@code field}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** When trying again makes sense ({@code Retry-After}); null when never or unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The answer's body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code field}, the others. */
    public ProblemDetail body() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, getMessage());
        if (title != null) {
            body.setTitle(title);
        }
        if (field != null) {
            body.setProperty("field", field);
        }
        properties.forEach(body::setProperty);
        return body;
    }
}
