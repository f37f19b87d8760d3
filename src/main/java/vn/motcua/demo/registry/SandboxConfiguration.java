package vn.motcua.demo.registry;

import java.net.BindException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the sandbox registry inside the app when {@code motcua.sandbox.enabled=true} (the demo
 * profile), so the embedded default has registries to look data up in. The bean
 * {@value #BEAN_NAME} is the running {@link SandboxRegistry} (its {@code port()} and
 * {@code baseUrl()} for tests); the connectors find it as the lookups'
 * {@link vn.motcua.lookup.EmbeddedRegistry}, for base URLs {@code sandbox:/…}. It is stopped when the
 * app shuts down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "motcua.sandbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

    static final String BEAN_NAME = "sandboxRegistry";

    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(name = BEAN_NAME, destroyMethod = "stop")
    SandboxRegistry sandboxRegistry(SandboxProperties properties) {
        SandboxRegistry registry = new SandboxRegistry(properties.port(), properties.username(), properties.password());
        try {
            registry.start();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            // The port is taken: most likely another node on this machine, or a sandbox started alone,
            // already serves it. The app runs on; an admin may start this one later (POST /api/admin/sandbox/start).
            log.warn("Sandbox registry not started: port {} is already in use ({}). The registry answering there, "
                    + "if any, serves the lookups.", properties.port(), e.getCause().getMessage());
        }
        return registry;
    }
}
