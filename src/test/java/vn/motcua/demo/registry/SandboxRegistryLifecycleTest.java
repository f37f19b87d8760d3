package vn.motcua.demo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A registry that is down refuses connections, like a real one, and comes back on the same port. */
class SandboxRegistryLifecycleTest {

    private final SandboxRegistry registry = new SandboxRegistry(0, "motcua", "sandbox");

    @AfterEach
    void stop() {
        registry.stop();
    }

    /** A new client each time, so no pooled connection blurs "connection refused". */
    private int health() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void stopRefusesConnectionsAndStartServesAgainOnTheSamePort() throws Exception {
        assertThat(registry.isRunning()).isFalse();
        registry.start();
        assertThat(registry.isRunning()).isTrue();
        int port = registry.port();
        assertThat(port).isPositive();
        assertThat(registry.baseUrl()).isEqualTo("http://localhost:" + port);
        assertThat(health()).isEqualTo(200);

        registry.stop();
        assertThat(registry.isRunning()).isFalse();
        assertThat(registry.port()).isEqualTo(port);
        assertThatThrownBy(this::health).isInstanceOf(ConnectException.class);

        registry.start();
        assertThat(registry.isRunning()).isTrue();
        assertThat(registry.port()).isEqualTo(port);
        assertThat(health()).isEqualTo(200);
    }

    @Test
    void startAndStopAreIdempotent() throws Exception {
        registry.stop();
        registry.start();
        registry.start();
        assertThat(health()).isEqualTo(200);
        registry.stop();
        registry.stop();
        assertThat(registry.isRunning()).isFalse();
    }

    @Test
    void aTakenPortFailsToStart() {
        registry.start();
        SandboxRegistry second = new SandboxRegistry(registry.port(), "motcua", "sandbox");
        assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class).hasMessageContaining(
                String.valueOf(registry.port()));
        assertThat(second.isRunning()).isFalse();
    }
}
