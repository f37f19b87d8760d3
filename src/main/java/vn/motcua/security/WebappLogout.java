package vn.motcua.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The webapps' logout call ({@code POST /camunda/api/admin/auth/user/default/logout}) ends the
 * staff session, but only when it carries the webapps' own XSRF token: Spring's logout runs before
 * Camunda's CSRF filter would see it, and another site must not sign a clerk out.
 */
record WebappLogout(RequestMatcher path) implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!path.matches(request)) {
            return false;
        }
        HttpSession session = request.getSession(false);
        String header = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return header != null && token != null && MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), token.toString().getBytes(StandardCharsets.UTF_8));
    }
}
