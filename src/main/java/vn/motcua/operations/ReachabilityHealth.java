package vn.motcua.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code outsideServices}: whether this node reaches the services outside the product —
 * the national registries ({@code motcua.registries.*.base-url}) and the remote signing services
 * ({@code motcua.signature.csc.base-url} and each user's or unit's own). Any HTTP answer below 500 means
 * reachable (a registry answers an anonymous probe with 401 or 404); a refused connection, a timeout
 * or a 5xx makes the status {@code DEGRADED}: the node still serves, but lookups and signing will fail
 * and retry. Each address is probed at most every {@link #EVERY} (a load balancer's health checks must
 * not hammer national services), in parallel, within {@link #TIMEOUT}.
 */
@Component("outsideServices")
class ReachabilityHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "a registry or signing service cannot be reached");
    static final Duration EVERY = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Environment environment;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    ReachabilityHealth(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    ReachabilityHealth(Environment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    /** What the node was told to reach, by name ({@code registry population}, {@code signing service} …). */
    Map<String, String> services() {
        Binder binder = Binder.get(environment);
        Map<String, String> services = new TreeMap<>();
        for (vn.motcua.lookup.Registry each : vn.motcua.lookup.Registry.values()) {
            String registry = each.name().toLowerCase(java.util.Locale.ROOT);
            binder.bind("motcua.registries." + registry + ".base-url", String.class)
                    .ifBound(url -> putUnlessBlank(services, "registry " + registry, url));
        }
        binder.bind("motcua.signature.csc.base-url", String.class)
                .ifBound(url -> putUnlessBlank(services, "signing service", url));
        // each user's or unit's own service: users.<who>.base-url, flattened to "<who>.base-url"
        binder.bind("motcua.signature.csc.users", Bindable.mapOf(String.class, String.class))
                .ifBound(users -> users.forEach((key, url) -> {
                    for (String suffix : new String[] {".base-url", ".baseUrl"}) {
                        if (key.endsWith(suffix)) {
                            putUnlessBlank(services, "signing service of " + key.substring(0, key.length() - suffix.length()), url);
                        }
                    }
                }));
        return services;
    }

    private static void putUnlessBlank(Map<String, String> services, String name, String url) {
        if (url != null && !url.isBlank()) {
            services.put(name, url.strip());
        }
    }

    @Override
    public Health health() {
        Map<String, String> services = services();
        Map<String, CompletableFuture<Probe>> running = new LinkedHashMap<>();
        services.values().stream().distinct().forEach(url -> running.put(url, probe(url)));
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allReached = true;
        for (Map.Entry<String, String> service : services.entrySet()) {
            Probe probe = running.get(service.getValue()).join();
            allReached &= probe.reached();
            details.put(service.getKey(), Map.of("url", service.getValue(), "reached", probe.reached(),
                    "answer", probe.answer(), "checkedAt", probe.at().toString()));
        }
        return (allReached ? Health.up() : Health.status(DEGRADED)).withDetails(details).build();
    }

    /** The last probe of the address while it is fresh, else a new one. */
    private CompletableFuture<Probe> probe(String url) {
        Probe last = probes.get(url);
        Instant now = clock.instant();
        if (last != null && last.at().plus(EVERY).isAfter(now)) {
            return CompletableFuture.completedFuture(last);
        }
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(java.util.Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https") && url.contains(":") && !url.contains(" ")) {
            // the demo's sandbox:/population: a stand-in inside this process, nothing to reach
            return CompletableFuture.completedFuture(remember(url, new Probe(true, "in this process, not probed", now)));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(remember(url, new Probe(false, "not an address: " + e.getMessage(), now)));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> remember(url, error == null
                        ? new Probe(response.statusCode() < 500, "HTTP " + response.statusCode(), now)
                        : new Probe(false, describe(error), now)));
    }

    private Probe remember(String url, Probe probe) {
        probes.put(url, probe);
        return probe;
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    record Probe(boolean reached, String answer, Instant at) {
    }
}
