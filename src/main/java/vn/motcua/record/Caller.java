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

    boolean isPortal() {
        return roles.contains("ROLE_PORTAL");
    }

    boolean isAdmin() {
        return roles.contains("ROLE_ADMIN");
    }

    String actor() {
        return userId != null ? userId : "applicant";
    }
}
