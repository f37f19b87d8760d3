package vn.motcua.security;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one sign-in page of the staff ({@code /login}): user name and password against the
 * product's users, or a button to the province's identity provider when sign-in is OpenID Connect.
 * The browser comes here whenever the session is missing or expired, whatever page it asked for.
 */
@Controller
class SignInPage {

    private final SignInProperties signIn;
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final boolean demo;

    SignInPage(SignInProperties signIn, ObjectProvider<ClientRegistrationRepository> registrations,
            Environment environment) {
        this.signIn = signIn;
        this.registrations = registrations;
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
    }

    @GetMapping("/login")
    String login(Model model, HttpServletRequest request, HttpServletResponse response,
            @CookieValue(name = SignedOut.COOKIE, required = false) String signedOut) {
        if (signIn.usesOidc() && signedOut != null) {
            // The webapps' logout ended our session; now end the provider's, then come back here.
            Cookie done = new Cookie(SignedOut.COOKIE, "");
            done.setPath(request.getContextPath() + "/login");
            done.setMaxAge(0);
            response.addCookie(done);
            String endSession = providerLogout(request);
            if (endSession != null) {
                return "redirect:" + endSession;
            }
        }
        // Why the last sign-in failed, in words (the provider's refusal, a person with no group of ours).
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        Object failure = session == null ? null
                : session.getAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException refused) {
            model.addAttribute("reason", refused.getError().getDescription() != null
                    ? refused.getError().getDescription() : refused.getMessage());
        } else if (signIn.usesOidc() && failure instanceof Exception refused) {
            model.addAttribute("reason", refused.getMessage());
        }
        model.addAttribute("oidc", signIn.usesOidc());
        model.addAttribute("oidcStart", "/oauth2/authorization/" + signIn.oidc().registrationId());
        model.addAttribute("demo", demo);
        return "login";
    }

    /** The provider's end-session address (RP-initiated logout), or null when it publishes none. */
    private String providerLogout(HttpServletRequest request) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        ClientRegistration registration = repository == null ? null
                : repository.findByRegistrationId(signIn.oidc().registrationId());
        Map<String, Object> metadata = registration == null ? Map.of()
                : registration.getProviderDetails().getConfigurationMetadata();
        Object endpoint = metadata.get("end_session_endpoint");
        if (endpoint == null) {
            return null;
        }
        String back = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replaceQuery("logout").build().toUriString();
        return UriComponentsBuilder.fromUriString(endpoint.toString())
                .queryParam("client_id", registration.getClientId())
                .queryParam("post_logout_redirect_uri", back).encode().build().toUriString();
    }
}
