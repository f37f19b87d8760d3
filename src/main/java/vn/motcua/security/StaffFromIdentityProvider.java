package vn.motcua.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A staff member signed in through the province's OpenID Connect provider: their user id, name,
 * e-mail and groups come from the token ({@link SignInProperties.Oidc}), and are written into
 * Camunda's identity store at every sign-in, so the engine's authorizations, Tasklist's candidate
 * groups and the names on documents ({@link StaffDirectory}) see the same person as the provider.
 * Groups the product does not know (not a configured unit's role, not a staff system group) are
 * ignored; a user left with none is refused.
 */
class StaffFromIdentityProvider implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(StaffFromIdentityProvider.class);

    /** System groups a person may hold through the provider; the portal's API clients never sign in here. */
    private static final Set<String> STAFF_SYSTEM_GROUPS = Set.of(SystemGroups.ADMINS, SystemGroups.ANALYSTS);

    private final OidcUserService provider = new OidcUserService();
    private final SignInProperties.Oidc claims;
    private final IdentityService identityService;

    StaffFromIdentityProvider(SignInProperties.Oidc claims, IdentityService identityService) {
        this.claims = claims;
        this.identityService = identityService;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser signedIn = provider.loadUser(request);
        String userId = signedIn.getClaimAsString(claims.usernameClaim());
        if (userId == null || userId.isBlank() || !userId.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw refused("the token's claim '" + claims.usernameClaim() + "' is missing or not a user id");
        }
        List<String> groups = knownGroups(signedIn.getClaim(claims.groupsClaim()));
        if (groups.isEmpty()) {
            throw refused("user " + userId + " holds none of the product's groups in the claim '"
                    + claims.groupsClaim() + "' (expected e.g. commune-a:clerk, analysts)");
        }
        provision(userId, signedIn.getGivenName(), signedIn.getFamilyName(), signedIn.getEmail(), groups);
        return new DefaultOidcUser(CamundaIdentityAuthenticationProvider.authorities(groups), signedIn.getIdToken(),
                signedIn.getUserInfo(), claims.usernameClaim());
    }

    private List<String> knownGroups(Object claim) {
        List<String> named = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> named.add(String.valueOf(value)));
        } else if (claim instanceof String value) {
            named.addAll(List.of(value.split("[,\\s]+")));
        }
        Set<String> known = new LinkedHashSet<>();
        for (String group : named) {
            String id = group.startsWith("/") ? group.substring(1) : group;
            boolean staffGroup = STAFF_SYSTEM_GROUPS.contains(id) || UnitRole.parse(id).isPresent();
            if (staffGroup && identityService.createGroupQuery().groupId(id).count() > 0) {
                known.add(id);
            } else {
                log.info("Sign-in: group '{}' from the identity provider is not one of the product's; ignored", group);
            }
        }
        return List.copyOf(known);
    }

    /** The provider is the source of truth: name, e-mail and memberships follow it at each sign-in. */
    private void provision(String userId, String givenName, String familyName, String email, List<String> groups) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identityService.newUser(userId);
            // A password nobody knows: this person signs in only through the provider, never with HTTP Basic.
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            user.setPassword(java.util.Base64.getEncoder().encodeToString(secret));
        }
        user.setFirstName(givenName);
        user.setLastName(familyName);
        user.setEmail(email);
        identityService.saveUser(user);
        Set<String> current = new LinkedHashSet<>();
        for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
            current.add(group.getId());
        }
        for (String group : current) {
            if (!groups.contains(group)) {
                identityService.deleteMembership(userId, group);
            }
        }
        for (String group : groups) {
            if (!current.contains(group)) {
                identityService.createMembership(userId, group);
            }
        }
    }

    private static OAuth2AuthenticationException refused(String why) {
        log.warn("Sign-in refused: {}", why);
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", why, null), why);
    }
}
