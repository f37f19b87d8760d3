package vn.motcua.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff by name, not by login: documents and pages name the person who received or issued
 * something ("Nguyễn Thị Hoa"), as the identity store (Camunda's users; the demo organisation in
 * the demo) holds them.
 */
@Component
public class StaffDirectory {

    private final IdentityService identityService;

    public StaffDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    /**
     * The user's full name (first name, then last name: Vietnamese order), or the id itself when the
     * store has no such user or no name (the system, an API client).
     */
    public String fullName(String userId) {
        if (userId == null || userId.isBlank()) {
            return userId;
        }
        // asked as the product: whoever is acting may not be allowed to read other users' profiles
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            if (user == null) {
                return userId;
            }
            String name = (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip();
            return name.isEmpty() ? userId : name;
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
