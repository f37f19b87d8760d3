package vn.motcua.security;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies {@link EngineRestAccess} to requests: at {@code /engine-rest} to the HTTP Basic user,
 * at {@code /camunda/api} to the user logged in to the webapps (their session). Refusals answer
 * 403 in the engine REST API's own error format, {@code {type, message}}.
 */
final class EngineRestDoor {

    static final String ENGINE_REST = "/engine-rest";
    static final String WEBAPP_API = "/camunda/api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineRestDoor() {
    }

    /** {@code /engine-rest/**}: the Basic user's roles; nobody logged in is refused (then 401). */
    static AuthorizationManager<RequestAuthorizationContext> engineRest() {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationDecision check(Supplier<Authentication> authentication,
                    RequestAuthorizationContext context) {
                Authentication user = authentication.get();
                if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
                    return new AuthorizationDecision(false);
                }
                HttpServletRequest request = context.getRequest();
                return new AuthorizationDecision(EngineRestAccess.allows(roles(user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).toList()), request.getMethod(),
                        pathAfter(request, ENGINE_REST)));
            }
        };
    }

    /**
     * {@code /camunda/api/**}: the signed-in staff member's roles. Without a sign-in the webapps
     * answer for themselves (401 from their container-based authentication, or their public static
     * paths).
     */
    static AuthorizationManager<RequestAuthorizationContext> webappApi() {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationDecision check(Supplier<Authentication> authentication,
                    RequestAuthorizationContext context) {
                Authentication user = authentication.get();
                if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
                    return new AuthorizationDecision(true);
                }
                HttpServletRequest request = context.getRequest();
                return new AuthorizationDecision(EngineRestAccess.webappAllows(roles(user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).toList()), request.getMethod(),
                        pathAfter(request, WEBAPP_API)));
            }
        };
    }

    /** {@code ROLE_CLERK} → {@code CLERK}. */
    private static List<String> roles(List<String> authorities) {
        return authorities.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .toList();
    }

    /** The request's path after the context path and the prefix, still encoded. */
    static String pathAfter(HttpServletRequest request, String prefix) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** 403 with the engine REST API's error body: what was refused, and where the rules are. */
    static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().matches(".*/camunda/api/admin/auth/user/[^/]+/login/.*")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), java.util.Map.of("type", "Forbidden", "message",
                    "the webapps' own login is closed: staff sign in once at /login (README, Security)"));
            return;
        }
        String who = request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : "this user";
        JSON.writeValue(response.getOutputStream(), java.util.Map.of(
                "type", "Forbidden",
                "message", request.getMethod() + " " + request.getRequestURI() + " is not open to " + who
                        + ": the engine's REST API serves each role only what Tasklist or Cockpit needs;"
                        + " records change through the records API (README, Security)"));
    }
}
