package vn.motcua.lookup;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.demo.registry.SandboxRegistry;

/**
 * The real {@code lookup} bean outside Spring, for plain-engine process tests: our tables migrated
 * into the engine's database, and every registry pointing at one sandbox registry (real HTTP on a
 * free port) shared by the whole test JVM.
 */
public final class LookupTestSupport {

    private static SandboxRegistry sandbox;

    private LookupTestSupport() {
    }

    /** The shared sandbox, started on first use. */
    public static synchronized SandboxRegistry sandbox() {
        if (sandbox == null) {
            sandbox = new SandboxRegistry(0, SandboxRegistry.DEFAULT_USERNAME, SandboxRegistry.DEFAULT_PASSWORD);
            sandbox.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop));
        }
        return sandbox;
    }

    /** Every registry at the sandbox, with a short retry cycle. */
    public static RegistryProperties sandboxRegistries(String baseUrl) {
        return new RegistryProperties(connection(baseUrl + "/population"), connection(baseUrl + "/residence"),
                connection(baseUrl + "/enterprise"), connection(baseUrl + "/land"));
    }

    static RegistryProperties.Connection connection(String url) {
        return new RegistryProperties.Connection(url, SandboxRegistry.DEFAULT_USERNAME,
                SandboxRegistry.DEFAULT_PASSWORD, null, null, "PT1S,PT2S");
    }

    /** The events published, for assertions. */
    public static final class Events implements org.springframework.context.ApplicationEventPublisher {
        public final List<Object> published = new ArrayList<>();

        @Override
        public void publishEvent(Object event) {
            published.add(event);
        }
    }

    /** The lookup bean on {@code dataSource} (migrated here) against the shared sandbox. */
    public static Lookup lookupBean(DataSource dataSource, Events events) {
        Flyway.configure().dataSource(dataSource).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        RegistryProperties registries = sandboxRegistries(sandbox().baseUrl());
        LookupService service = new LookupService(new RegistryClient(registries, new ObjectMapper()),
                new RegistryValues(new org.springframework.jdbc.core.JdbcTemplate(dataSource)),
                new LookupLog(jdbc, new DataSourceTransactionManager(dataSource)), events);
        return new Lookup(service, registries, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
