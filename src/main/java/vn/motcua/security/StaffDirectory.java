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
            return user == null ? userId : fullName(user);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    /** The user's full name (first name, then last name), or the id when the store has no name. */
    public static String fullName(User user) {
        String name = (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip();
        return name.isEmpty() ? user.getId() : name;
    }

    /**
     * The members of these groups, each once, by user id then group: id → full name (who may take
     * over a step of those groups). Asked as the product, like {@link #fullName(String)}.
     */
    public java.util.Map<String, String> membersOf(java.util.Collection<String> groupIds) {
        java.util.Map<String, String> people = new java.util.LinkedHashMap<>();
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            for (String group : groupIds) {
                identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()
                        .forEach(user -> people.putIfAbsent(user.getId(), fullName(user)));
            }
            return people;
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    /** The members of the group who have an e-mail address: address → full name, each address once. */
    public java.util.Map<String, String> addressesOf(String groupId) {
        java.util.Map<String, String> addresses = new java.util.LinkedHashMap<>();
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                    .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                    .forEach(user -> addresses.putIfAbsent(user.getEmail().strip(), fullName(user)));
            return addresses;
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
