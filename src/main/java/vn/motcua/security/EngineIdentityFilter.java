package vn.motcua.security;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Hands the Spring-authenticated user to the engine for the length of one API request, so
 * Camunda's authorization checks apply to {@code /engine-rest} and our own {@code /api} alike.
 */
class EngineIdentityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    EngineIdentityFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        List<String> groupIds = WebappSignIn.groups(authentication);
        identityService.setAuthentication(authentication.getName(), groupIds);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
