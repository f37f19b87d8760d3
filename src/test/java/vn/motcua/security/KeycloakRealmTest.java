package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.demo.organisation.DemoOrganisation;
import vn.motcua.demo.organisation.DemoOrganisation.Person;
import vn.motcua.support.KeycloakServer;

/**
 * The realm file {@code keycloak/motcua-realm.json} in a real Keycloak ({@link KeycloakServer}): the demo
 * organisation signs in with password {@code demo} and its tokens carry the product's group ids in the
 * {@code groups} claim and the names the product shows; the file holds exactly the demo's staff.
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Every test but the file's comparison with the demo talks to the server (one per JVM, started once). */
    private static KeycloakServer keycloak() {
        return KeycloakServer.start();
    }

    @Test
    void aUnitsLeaderSignsInWithTheUnitRoleAndTheDemoName() throws Exception {
        Person leader = person("leader-a");
        assertThat(leader.firstName()).isEqualTo("Lê Thị Thu");
        assertThat(leader.lastName()).isEqualTo("Hà");

        HttpResponse<String> response = passwordGrant("leader-a", DemoOrganisation.PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(response.body());

        for (String token : List.of("access_token", "id_token")) {
            JsonNode claims = payload(tokens.path(token).asText());
            assertThat(claims.path("iss").asText()).as(token).isEqualTo(keycloak().issuerUri());
            assertThat(strings(claims.path("groups"))).as(token).containsExactly("commune-a:leader");
            assertThat(claims.path("preferred_username").asText()).as(token).isEqualTo("leader-a");
            assertThat(claims.path("given_name").asText()).as(token).isEqualTo("Lê Thị Thu");
            assertThat(claims.path("family_name").asText()).as(token).isEqualTo("Hà");
            // Camunda's "first last", as the product names staff (StaffDirectory)
            assertThat(claims.path("name").asText()).as(token).isEqualTo("Lê Thị Thu Hà");
            assertThat(claims.path("email").asText()).as(token).isEqualTo("leader-a@demo.motcua.vn");
            assertThat(claims.path("email_verified").asBoolean()).as(token).isTrue();
        }
        assertThat(strings(payload(tokens.path("id_token").asText()).path("aud"))).containsExactly(keycloak().clientId());

        HttpResponse<String> userinfo = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak().issuerUri()
                        + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.path("access_token").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        JsonNode info = JSON.readTree(userinfo.body());
        assertThat(strings(info.path("groups"))).containsExactly("commune-a:leader");
        assertThat(info.path("name").asText()).isEqualTo("Lê Thị Thu Hà");
    }

    @Test
    void theAnalystAndTheAdminCarryTheSystemGroups() throws Exception {
        assertThat(strings(accessClaims("analyst").path("groups"))).containsExactly(SystemGroups.ANALYSTS);
        assertThat(strings(accessClaims("admin").path("groups"))).containsExactly(SystemGroups.ADMINS);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> response = passwordGrant("leader-a", "not-the-password");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void thePortalsApiClientIsNoSsoUser() throws Exception {
        assertThat(passwordGrant("portal", DemoOrganisation.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void theRealmHoldsExactlyTheDemoOrganisation() throws IOException {
        JsonNode realm = JSON.readTree(KeycloakServer.REALM_FILE.toFile());
        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakServer.REALM);

        Map<String, List<String>> expected = new TreeMap<>();
        for (Person person : DemoOrganisation.STAFF) {
            expected.put(person.id(), List.of(person.firstName(), person.lastName(),
                    "/" + new UnitRole(person.unit(), person.role()).groupId()));
        }
        // DemoOrganisation.run: the system users other than the API clients (portal, operator: HTTP Basic)
        expected.put("admin", List.of("Quản trị", "hệ thống", "/" + SystemGroups.ADMINS));
        expected.put("analyst", List.of("Phân tích", "quy trình", "/" + SystemGroups.ANALYSTS));

        Map<String, List<String>> actual = new TreeMap<>();
        for (JsonNode user : realm.path("users")) {
            String id = user.path("username").asText();
            List<String> row = new ArrayList<>(List.of(user.path("firstName").asText(), user.path("lastName").asText()));
            row.addAll(strings(user.path("groups")));
            actual.put(id, row);
            assertThat(user.path("enabled").asBoolean()).as(id).isTrue();
            assertThat(user.path("email").asText()).as(id).isEqualTo(id + "@demo.motcua.vn");
            assertThat(user.path("emailVerified").asBoolean()).as(id).isTrue();
            assertThat(user.path("requiredActions")).as(id).isEmpty();
            assertThat(user.path("credentials")).as(id).hasSize(1);
            assertThat(user.path("credentials").get(0).path("value").asText()).as(id).isEqualTo(DemoOrganisation.PASSWORD);
            assertThat(user.path("credentials").get(0).path("temporary").asBoolean()).as(id).isFalse();
        }
        assertThat(actual).isEqualTo(expected);

        // the groups are top-level ones named exactly like the product's group ids
        List<String> groups = new ArrayList<>();
        realm.path("groups").forEach(group -> {
            assertThat(group.path("subGroups")).isEmpty();
            groups.add("/" + group.path("name").asText());
        });
        assertThat(groups).containsExactlyInAnyOrderElementsOf(expected.values().stream()
                .map(row -> row.get(2)).collect(Collectors.toSet()));
    }

    @Test
    void theProductMaySignInAndOutOnAnyLocalPort() throws Exception {
        for (String allowed : List.of("http://localhost:8080/login/oauth2/code/motcua",
                "http://localhost:43127/login/oauth2/code/motcua", "http://127.0.0.1:43127/login/oauth2/code/motcua")) {
            assertThat(authorizationRequest(allowed)).as(allowed).isEqualTo(200);
        }
        for (String refused : List.of("http://localhost.example.org/login/oauth2/code/motcua",
                "http://localhost:8080@example.org/login/oauth2/code/motcua", "https://example.org/")) {
            assertThat(authorizationRequest(refused)).as(refused).isEqualTo(400);
        }

        String idToken = JSON.readTree(passwordGrant("clerk-a", DemoOrganisation.PASSWORD).body()).path("id_token").asText();
        HttpResponse<String> refused = logout(idToken, "https://example.org/");
        assertThat(refused.statusCode()).isEqualTo(400);
        String after = "http://localhost:43127/";
        HttpResponse<String> loggedOut = logout(idToken, after);
        assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(302);
        assertThat(loggedOut.headers().firstValue("Location")).hasValue(after);
    }

    private static Person person(String id) {
        return DemoOrganisation.STAFF.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode accessClaims(String user) throws Exception {
        HttpResponse<String> response = passwordGrant(user, DemoOrganisation.PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return payload(JSON.readTree(response.body()).path("access_token").asText());
    }

    /** The resource owner password grant that the realm's client allows for tests (direct access grants). */
    private static HttpResponse<String> passwordGrant(String username, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", keycloak().clientId());
        form.put("client_secret", keycloak().clientSecret());
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid profile email");
        return HTTP.send(HttpRequest.newBuilder(keycloak().tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of the authorization endpoint's answer to the product's request with this redirect URI. */
    private static int authorizationRequest(String redirectUri) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", keycloak().clientId());
        query.put("response_type", "code");
        query.put("scope", "openid profile email");
        query.put("state", "s");
        query.put("redirect_uri", redirectUri);
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak().issuerUri() + "/protocol/openid-connect/auth?"
                + encode(query))).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> logout(String idToken, String postLogoutRedirectUri) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("id_token_hint", idToken);
        query.put("post_logout_redirect_uri", postLogoutRedirectUri);
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak().issuerUri() + "/protocol/openid-connect/logout?"
                + encode(query))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A JWT's claims: its middle part, base64url-encoded JSON. */
    private static JsonNode payload(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a signed JWT").hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** A claim that is a string or an array of strings, as a list. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }
}
