package vn.motcua.lookup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP JSON connector to the registries: one GET per lookup, with the registry's base URL,
 * credentials and timeouts, and the request id in {@code X-Request-Id} so the registry can tie
 * a retried call to the first. "Not found" is an answer; anything else that is not a well-formed
 * answer throws {@link RegistryUnavailableException}.
 */
@Component
public class RegistryClient {

    static final String REQUEST_ID = "X-Request-Id";

    /** A base URL {@code sandbox:/population} means the embedded sandbox registry, on whatever port it listens. */
    static final String SANDBOX = "sandbox:";

    private final RegistryProperties properties;
    private final ObjectMapper json;
    private final Supplier<String> sandboxUrl;
    private final Map<Registry, HttpClient> clients = new EnumMap<>(Registry.class);

    @Autowired
    public RegistryClient(RegistryProperties properties, ObjectMapper json,
            ObjectProvider<EmbeddedRegistry> sandbox) {
        this(properties, json, () -> {
            EmbeddedRegistry registry = sandbox.getIfAvailable();
            if (registry == null) {
                throw new RegistryUnavailableException("a registry's base URL says " + SANDBOX
                        + " but the sandbox registry is not enabled (motcua.sandbox.enabled)");
            }
            return registry.baseUrl();
        });
    }

    public RegistryClient(RegistryProperties properties, ObjectMapper json) {
        this(properties, json, () -> {
            throw new RegistryUnavailableException("no sandbox registry here for a " + SANDBOX + " base URL");
        });
    }

    RegistryClient(RegistryProperties properties, ObjectMapper json, Supplier<String> sandboxUrl) {
        this.properties = properties;
        this.json = json;
        this.sandboxUrl = sandboxUrl;
        for (Registry registry : Registry.values()) {
            clients.put(registry, HttpClient.newBuilder().connectTimeout(properties.of(registry).connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build());
        }
    }

    /** The registry's answer; the key must already be valid for the lookup. */
    public RegistryAnswer fetch(LookupType type, Map<String, String> key, String requestId) {
        RegistryProperties.Connection connection = properties.of(type.registry());
        String where = type.registry().id() + " registry";
        if (connection.baseUrl() == null) {
            throw new RegistryUnavailableException(where + " is not configured: set motcua.registries."
                    + type.registry().id() + ".base-url");
        }
        String baseUrl = connection.baseUrl().startsWith(SANDBOX)
                ? sandboxUrl.get() + connection.baseUrl().substring(SANDBOX.length())
                : connection.baseUrl();
        URI uri = URI.create(baseUrl + type.path(key));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(connection.readTimeout())
                .header("Accept", "application/json").header(REQUEST_ID, requestId);
        if (connection.username() != null && !connection.username().isBlank()) {
            String credentials = connection.username() + ":" + (connection.password() == null ? "" : connection.password());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = clients.get(type.registry()).send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RegistryUnavailableException(where + " did not answer within its timeout (" + uri + ")", e);
        } catch (ConnectException e) {
            throw new RegistryUnavailableException(where + " cannot be reached at " + baseUrl, e);
        } catch (IOException e) {
            throw new RegistryUnavailableException(where + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(where + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                JsonNode answer = json.readTree(response.body());
                if (answer == null || !answer.isObject()) {
                    throw new RegistryUnavailableException(where + " sent a malformed answer: not a JSON object");
                }
                return RegistryAnswer.found(type.fields(answer), requestId);
            } catch (JacksonException e) {
                throw new RegistryUnavailableException(where + " sent a malformed answer: not JSON", e);
            } catch (RegistryUnavailableException e) {
                throw new RegistryUnavailableException(where + " sent a " + e.getMessage(), e);
            }
        }
        if (status == 404 && "not-found".equals(errorOf(response.body()))) {
            return RegistryAnswer.notFound(requestId, where + " has no entry for " + key);
        }
        if (status == 401 || status == 403) {
            throw new RegistryUnavailableException(where + " refused our credentials (HTTP " + status
                    + "); check motcua.registries." + type.registry().id() + ".username and password");
        }
        throw new RegistryUnavailableException(where + " answered HTTP " + status + " for " + uri);
    }

    /** The {@code error} of a JSON error body, or null when the body is not one. */
    private String errorOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.hasNonNull("error") ? node.get("error").asText() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
