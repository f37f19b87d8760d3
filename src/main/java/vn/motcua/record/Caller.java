package vn.motcua.record;

import java.util.Set;

/**
 * Who is asking: a logged-in user with their Spring roles (e.g. {@code ROLE_PORTAL}), or nobody
 * ({@code userId} null) with perhaps the record's tracking secret.
 */
public record Caller(String userId, Set<String> roles, String trackingSecret) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** The signed-in user (or nobody: anonymous, none) with their Spring roles, and perhaps the tracking secret. */
    public static Caller of(org.springframework.security.core.Authentication user, String trackingSecret) {
        if (user == null || !user.isAuthenticated()
                || user instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return new Caller(null, Set.of(), trackingSecret);
        }
        return new Caller(user.getName(), user.getAuthorities().stream()
                .map(org.springframework.security.core.GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet()), trackingSecret);
    }

    boolean isPortal() {
        return roles.contains("ROLE_PORTAL");
    }

    /** Logged-in staff (not the portal, not an applicant with the secret): they may see a result held for a fee. */
    boolean isStaffLike() {
        return userId != null && !isPortal();
    }

    boolean isAdmin() {
        return roles.contains("ROLE_ADMIN");
    }

    String actor() {
        return userId != null ? userId : "applicant";
    }
}
