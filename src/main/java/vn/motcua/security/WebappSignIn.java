package vn.motcua.security;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Camunda's webapps trust the staff session (container-based authentication): the user Spring
 * Security signed in, with the groups of the sign-in, is the user of Tasklist, Cockpit and Admin.
 * Instantiated by Camunda's {@code ContainerBasedAuthenticationFilter} by its class name, hence
 * public with a no-argument constructor ({@link SecurityConfig#webappSignIn()}).
 */
public class WebappSignIn implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(user.getName());
        result.setGroups(groups(user));
        return result;
    }

    /** The user's groups: the {@code GROUP_<id>} authorities every sign-in gives. */
    static List<String> groups(Authentication user) {
        return user.getAuthorities().stream().map(Object::toString)
                .filter(authority -> authority.startsWith("GROUP_"))
                .map(authority -> authority.substring("GROUP_".length())).toList();
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // No challenge: the webapps send the browser to the sign-in page themselves (webapps' config.js).
    }
}
