package vn.motcua.signature.csc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.signature.config.SignatureSettings.CscService;

/**
 * A client of the Cloud Signature Consortium API v2: {@code oauth2/token} (client credentials),
 * {@code credentials/list}, {@code credentials/info}, {@code credentials/authorize} (PIN → SAD) and
 * {@code signatures/signHash}. A service without a base URL is this product's own CSC server, reached
 * over HTTP on this node's port.
 */
@Component
public class CscClient {

    /** A service to talk to: where, and the bearer token to present. */
    public record Connection(String baseUrl, String bearerToken) {
    }

    /** What {@code credentials/info} says about a credential. */
    public record CredentialInfo(String credentialId, List<X509Certificate> chain, List<String> keyAlgorithms) {
    }

    private record CachedToken(String token, Instant expires) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final SignatureSettings settings;
    private final Environment environment;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    public CscClient(SignatureSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Connects to the service: resolves the base URL and gets an access token if needed. */
    public Connection connect(CscService service) {
        String baseUrl = service.getBaseUrl().isBlank() ? ownBaseUrl() : strip(service.getBaseUrl());
        if (!service.getToken().isBlank()) {
            return new Connection(baseUrl, service.getToken());
        }
        if (service.getClientId().isBlank()) {
            throw new SignatureException(Reason.PROVIDER_FAILED, "no credentials for the CSC service " + baseUrl
                    + ": set motcua.signature.csc.client-id/client-secret or token");
        }
        String cacheKey = baseUrl + "|" + service.getClientId();
        CachedToken cached = tokens.get(cacheKey);
        if (cached != null && cached.expires().isAfter(Instant.now().plusSeconds(30))) {
            return new Connection(baseUrl, cached.token());
        }
        String form = "grant_type=client_credentials&client_id=" + url(service.getClientId()) + "&client_secret="
                + url(service.getClientSecret());
        JsonNode answer = send("oauth2/token", HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "oauth2/token");
        String token = answer.path("access_token").asText(null);
        if (token == null) {
            throw new SignatureException(Reason.PROVIDER_FAILED, "the CSC service gave no access token");
        }
        long expiresIn = answer.path("expires_in").asLong(300);
        tokens.put(cacheKey, new CachedToken(token, Instant.now().plusSeconds(expiresIn)));
        return new Connection(baseUrl, token);
    }

    public List<String> listCredentials(Connection connection, String userId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userID", userId);
        JsonNode answer = post(connection, "credentials/list", request);
        List<String> ids = new ArrayList<>();
        answer.path("credentialIDs").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public CredentialInfo info(Connection connection, String credentialId, String userId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentialID", credentialId);
        request.put("userID", userId);
        request.put("certificates", "chain");
        request.put("certInfo", true);
        request.put("authInfo", true);
        JsonNode answer = post(connection, "credentials/info", request);
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode certificate : answer.path("cert").path("certificates")) {
            try {
                chain.add(CertificateAuthority.certificate(Base64.getDecoder().decode(certificate.asText())));
            } catch (IllegalArgumentException e) {
                throw new SignatureException(Reason.PROVIDER_FAILED,
                        "the CSC service answered a certificate that cannot be read", e);
            }
        }
        if (chain.isEmpty()) {
            throw new SignatureException(Reason.PROVIDER_FAILED,
                    "the CSC service gave no certificate for credential " + credentialId);
        }
        List<String> algorithms = new ArrayList<>();
        answer.path("key").path("algo").forEach(algo -> algorithms.add(algo.asText()));
        return new CredentialInfo(credentialId, chain, algorithms);
    }

    /** {@code credentials/authorize}: the PIN for these hashes → the SAD. */
    public String authorize(Connection connection, String credentialId, String userId, List<String> hashes,
            String hashAlgorithmOid, String pin) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentialID", credentialId);
        request.put("userID", userId);
        request.put("numSignatures", hashes.size());
        request.put("hashes", hashes);
        request.put("hashAlgorithmOID", hashAlgorithmOid);
        request.put("authData", List.of(Map.of("id", "PIN", "value", pin == null ? "" : pin)));
        request.put("description", "motcua");
        String sad = post(connection, "credentials/authorize", request).path("SAD").asText(null);
        if (sad == null) {
            throw new SignatureException(Reason.PROVIDER_FAILED, "the CSC service gave no SAD");
        }
        return sad;
    }

    /** {@code signatures/signHash} with a SAD: the signature values, in the order of the hashes. */
    public List<byte[]> signHash(Connection connection, String credentialId, String userId, String sad,
            List<String> hashes, String hashAlgorithmOid, String signAlgo) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentialID", credentialId);
        request.put("userID", userId);
        request.put("SAD", sad);
        request.put("hashes", hashes);
        request.put("hashAlgorithmOID", hashAlgorithmOid);
        request.put("signAlgo", signAlgo);
        request.put("operationMode", "S");
        JsonNode answer = post(connection, "signatures/signHash", request);
        List<byte[]> signatures = new ArrayList<>();
        answer.path("signatures").forEach(value -> signatures.add(Base64.getDecoder().decode(value.asText())));
        if (signatures.size() != hashes.size()) {
            throw new SignatureException(Reason.PROVIDER_FAILED,
                    "the CSC service answered " + signatures.size() + " signatures for " + hashes.size() + " hashes");
        }
        return signatures;
    }

    private JsonNode post(Connection connection, String method, Map<String, Object> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.baseUrl() + "/" + method))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (connection.bearerToken() != null) {
                request.header("Authorization", "Bearer " + connection.bearerToken());
            }
            return send(method, request, method);
        } catch (IOException e) {
            throw new SignatureException(Reason.PROVIDER_FAILED, "cannot write the CSC request", e);
        }
    }

    private JsonNode send(String method, HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(settings.getCsc().getTimeout()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SignatureException(Reason.PROVIDER_FAILED,
                    "the CSC signing service cannot be reached (" + what + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignatureException(Reason.PROVIDER_FAILED, "interrupted while calling the CSC service", e);
        }
        JsonNode answer;
        try {
            answer = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SignatureException(Reason.PROVIDER_FAILED,
                    "the CSC service answered " + response.statusCode() + " with something other than JSON (" + what + ")");
        }
        if (response.statusCode() / 100 == 2) {
            return answer;
        }
        String description = answer.path("error_description").asText(answer.path("error").asText("HTTP "
                + response.statusCode()));
        if (response.statusCode() == 429) {
            // The credential is locked after wrong PINs (our server; a remote service may do the same).
            java.time.Duration retryAfter = response.headers().firstValue("Retry-After")
                    .filter(v -> v.matches("\\d{1,9}")).map(v -> java.time.Duration.ofSeconds(Long.parseLong(v)))
                    .orElse(null);
            throw new SignatureException(Reason.CREDENTIAL_LOCKED, "the signing service refused " + what + ": "
                    + description, null, retryAfter);
        }
        if (response.statusCode() == 401 || response.statusCode() >= 500) {
            throw new SignatureException(Reason.PROVIDER_FAILED, "the CSC service refused " + what + ": " + description);
        }
        // 400/403 on authorize and signHash: wrong PIN or OTP, SAD replayed or expired, credential not usable.
        throw new SignatureException(Reason.AUTHORISATION_REFUSED, "the signing service refused " + what + ": "
                + description);
    }

    private String ownBaseUrl() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://localhost:" + port + strip(contextPath) + "/api/csc/v2";
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
