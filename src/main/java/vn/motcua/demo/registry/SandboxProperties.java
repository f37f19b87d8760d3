package vn.motcua.demo.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded sandbox registry's settings ({@code motcua.sandbox.*}); see {@code docs/sandbox-registry.md}.
 *
 * @param enabled  whether the app starts the sandbox registry (true in the {@code demo} profile)
 * @param port     its port (8091; 0 = any free port, for tests)
 * @param username the HTTP Basic user the connectors present ({@code motcua})
 * @param password its password ({@code sandbox})
 */
@ConfigurationProperties(prefix = "motcua.sandbox")
public record SandboxProperties(boolean enabled, Integer port, String username, String password) {

    public SandboxProperties {
        port = port == null ? SandboxRegistry.DEFAULT_PORT : port;
        username = username == null || username.isBlank() ? SandboxRegistry.DEFAULT_USERNAME : username;
        password = password == null ? SandboxRegistry.DEFAULT_PASSWORD : password;
    }
}
