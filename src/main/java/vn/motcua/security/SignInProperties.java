package vn.motcua.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How staff sign in ({@code motcua.security.*}, docs/keycloak.md): with the product's own login
 * page against the users of Camunda's identity store ({@code form}, the default and the demo's),
 * or through the province's OpenID Connect provider ({@code oidc}), whose client is configured with
 * Spring Boot's standard {@code spring.security.oauth2.client.*} properties.
 *
 * @param signIn {@code form} or {@code oidc}
 * @param oidc   what the provider's tokens say, when {@code signIn} is {@code oidc}
 */
@ConfigurationProperties(prefix = "motcua.security")
public record SignInProperties(String signIn, Oidc oidc) {

    public SignInProperties {
        signIn = signIn == null || signIn.isBlank() ? "form" : signIn.trim().toLowerCase(java.util.Locale.ROOT);
        if (!signIn.equals("form") && !signIn.equals("oidc")) {
            throw new IllegalArgumentException("motcua.security.sign-in must be 'form' or 'oidc', not '" + signIn + "'");
        }
        oidc = oidc == null ? new Oidc(null, null, null) : oidc;
    }

    boolean usesOidc() {
        return signIn.equals("oidc");
    }

    /**
     * @param registrationId the client registration under {@code spring.security.oauth2.client.registration}
     *                       (default {@code motcua})
     * @param groupsClaim    the claim that lists the user's groups, named as the product's groups
     *                       ({@code <unit>:<role>}, {@code analysts}, {@code camunda-admin}); default {@code groups}
     * @param usernameClaim  the claim that is the user id in the product (default {@code preferred_username})
     */
    public record Oidc(String registrationId, String groupsClaim, String usernameClaim) {
        public Oidc {
            registrationId = registrationId == null || registrationId.isBlank() ? "motcua" : registrationId;
            groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        }
    }
}
