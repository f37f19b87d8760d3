package vn.motcua.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

import com.sun.net.httpserver.HttpServer;

/** The outside services' reachability, probed over real HTTP against servers started here. */
class ReachabilityHealthTest {

    private HttpServer registry;
    private HttpServer signing;
    private final AtomicInteger registryProbes = new AtomicInteger();
    private volatile int signingStatus = 404;
    private Instant now = Instant.parse("2026-12-07T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void startServers() throws IOException {
        registry = server(exchange -> {
            registryProbes.incrementAndGet();
            exchange.sendResponseHeaders(401, -1); // asks for credentials: reached
            exchange.close();
        });
        signing = server(exchange -> {
            exchange.sendResponseHeaders(signingStatus, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stopServers() {
        registry.stop(0);
        signing.stop(0);
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String service) {
        return (Map<String, Object>) health.getDetails().get(service);
    }

    private String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void everyConfiguredServiceReachedIsUpAndNamedInTheDetails() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("motcua.registries.population.base-url", url(registry, "/population"))
                .withProperty("motcua.registries.land.base-url", url(registry, "/land/"))
                .withProperty("motcua.signature.csc.base-url", url(signing, "/csc/v2"));
        Health health = new ReachabilityHealth(environment, clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("registry population", "registry land", "signing service");
        assertThat(detail(health, "registry population"))
                .containsEntry("reached", true).containsEntry("answer", "HTTP 401");
        assertThat(detail(health, "signing service")).containsEntry("answer", "HTTP 404");
    }

    @Test
    void aServiceThatRefusesOrFailsMakesItDegradedNamingItAndTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        signingStatus = 503;
        MockEnvironment environment = new MockEnvironment()
                .withProperty("motcua.registries.population.base-url", url(registry, "/population"))
                .withProperty("motcua.registries.residence.base-url", "http://127.0.0.1:" + closedPort + "/residence")
                .withProperty("motcua.signature.csc.base-url", url(signing, "/csc/v2"))
                .withProperty("motcua.signature.csc.users.commune-a.base-url", "not a url");
        Health health = new ReachabilityHealth(environment, clock).health();

        assertThat(health.getStatus()).isEqualTo(ReachabilityHealth.DEGRADED);
        assertThat(detail(health, "registry population")).containsEntry("reached", true);
        assertThat(detail(health, "registry residence")).containsEntry("reached", false)
                .extractingByKey("answer").asString().contains("ConnectException");
        assertThat(detail(health, "signing service")).containsEntry("reached", false)
                .containsEntry("answer", "HTTP 503");
        assertThat(detail(health, "signing service of commune-a")).containsEntry("reached", false)
                .extractingByKey("answer").asString().startsWith("not an address");
    }

    @Test
    void eachAddressIsProbedAtMostOnceInThirtySecondsHoweverOftenHealthIsAsked() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("motcua.registries.population.base-url", url(registry, "/a"))
                .withProperty("motcua.registries.residence.base-url", url(registry, "/a"));
        ReachabilityHealth health = new ReachabilityHealth(environment, clock);

        for (int i = 0; i < 5; i++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
        assertThat(registryProbes).as("one address, five health checks").hasValue(1);

        now = now.plus(ReachabilityHealth.EVERY).plusSeconds(1);
        health.health();
        assertThat(registryProbes).hasValue(2);
    }

    @Test
    void theDemosInProcessSandboxIsNotProbed() {
        Health health = new ReachabilityHealth(new MockEnvironment()
                .withProperty("motcua.registries.population.base-url", "sandbox:/population"), clock).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(health, "registry population")).containsEntry("answer", "in this process, not probed");
    }

    @Test
    void nothingConfiguredIsUpWithNothingToReach() {
        Health health = new ReachabilityHealth(new MockEnvironment()
                .withProperty("motcua.signature.csc.base-url", ""), clock).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEmpty();
    }
}
