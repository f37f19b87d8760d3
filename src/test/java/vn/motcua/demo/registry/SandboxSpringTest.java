package vn.motcua.demo.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;

/**
 * The Spring wiring on a bare context (no engine, no web server): cheap. The admin controller is
 * exercised as a plain object; its URL's security is the existing {@code /api/admin/**} rule.
 */
class SandboxSpringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SandboxConfiguration.class, SandboxAdminController.class);

    @Test
    void offByDefault() {
        context.run(app -> {
            assertThat(app).doesNotHaveBean(SandboxRegistry.class);
            assertThat(app).doesNotHaveBean(SandboxAdminController.class);
        });
        context.withPropertyValues("motcua.sandbox.enabled=false")
                .run(app -> assertThat(app).doesNotHaveBean(SandboxRegistry.class));
    }

    @Test
    void enabledItRunsWithTheConfiguredCredentialsAndStopsWithTheApp() {
        SandboxRegistry[] seen = new SandboxRegistry[1];
        context.withPropertyValues("motcua.sandbox.enabled=true", "motcua.sandbox.port=0",
                "motcua.sandbox.username=tester", "motcua.sandbox.password=secret").run(app -> {
                    SandboxRegistry registry = app.getBean(SandboxConfiguration.BEAN_NAME, SandboxRegistry.class);
                    seen[0] = registry;
                    assertThat(registry.isRunning()).isTrue();
                    assertThat(registry.port()).isPositive();
                    assertThat(app).hasSingleBean(SandboxAdminController.class);
                    HttpClient http = HttpClient.newHttpClient();
                    HttpRequest.Builder citizen = HttpRequest.newBuilder(URI.create(registry.baseUrl()
                            + "/population/v1/citizens/" + SandboxSamples.MOTHER_ID));
                    assertThat(http.send(citizen.copy().header("Authorization", SandboxRegistryHttpTest.basic("tester", "secret"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    assertThat(http.send(citizen.copy().header("Authorization", SandboxRegistryHttpTest.basic("motcua", "sandbox"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                });
        assertThat(seen[0].isRunning()).isFalse();
    }

    @Test
    void defaults() {
        SandboxProperties defaults = new SandboxProperties(false, null, null, null);
        assertThat(defaults.port()).isEqualTo(8091);
        assertThat(defaults.username()).isEqualTo("motcua");
        assertThat(defaults.password()).isEqualTo("sandbox");
    }

    /** Another node (or a sandbox run alone) on the port: the app starts all the same. */
    @Test
    void aTakenPortDoesNotStopTheApp() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            context.withPropertyValues("motcua.sandbox.enabled=true", "motcua.sandbox.port=" + taken.getLocalPort())
                    .run(app -> {
                        assertThat(app).hasNotFailed();
                        assertThat(app.getBean(SandboxRegistry.class).isRunning()).isFalse();
                        // …and an admin's start says why it cannot.
                        var answer = app.getBean(SandboxAdminController.class).start();
                        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(answer.getBody().running()).isFalse();
                        assertThat(answer.getBody().message()).contains(String.valueOf(taken.getLocalPort()));
                    });
        }
    }

    @Test
    void adminControllerStopsAndStarts() {
        SandboxRegistry registry = new SandboxRegistry(0, "motcua", "sandbox");
        SandboxAdminController controller = new SandboxAdminController(registry);
        try {
            assertThat(controller.status().running()).isFalse();
            var started = controller.start();
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(started.getBody().running()).isTrue();
            assertThat(started.getBody().baseUrl()).isEqualTo("http://localhost:" + registry.port());
            assertThat(started.getBody().message()).isNull();
            assertThat(controller.stop()).isEqualTo(new SandboxAdminController.SandboxStatus(false, registry.baseUrl(), null));
            assertThat(registry.isRunning()).isFalse();
            assertThat(controller.start().getBody().running()).isTrue();
            assertThat(controller.status()).isEqualTo(new SandboxAdminController.SandboxStatus(true, registry.baseUrl(), null));
        } finally {
            registry.stop();
        }
    }
}
