package vn.motcua.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.MotcuaApplication;

/**
 * One node of the product, started as operators start it, on a real PostgreSQL (embedded
 * binaries) with the demo organisation. Several instances may share one database.
 */
public final class AppInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Api api;

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.api = new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /**
     * Starts a node. Settings are passed as command-line arguments, so they win over
     * application*.yaml (properties on the builder would not).
     */
    public static AppInstance start(EmbeddedPostgres postgres, Path processes, Path forms, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--motcua.processes-dir=" + processes,
                "--motcua.forms-dir=" + forms));
        if (java.util.Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith("--server.port="))) {
            args.add("--server.port=0"); // a free port, unless the test chose one (an address it must know before)
        }
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MotcuaApplication.class)
                .profiles("demo").run(args.toArray(String[]::new));
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                context.close();
                throw new IllegalStateException("the app did not start on PostgreSQL");
            }
        } catch (SQLException e) {
            context.close();
            throw new IllegalStateException(e);
        }
        return new AppInstance(context);
    }

    /**
     * Starts a node on the embedded default as {@code mvn spring-boot:run} runs it (H2 — here in
     * memory, a database of its own — and the demo profile), on a free port.
     */
    public static AppInstance startEmbedded(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:app-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--server.port=0"));
        args.addAll(List.of(extraArgs));
        return new AppInstance(new SpringApplicationBuilder(MotcuaApplication.class)
                .profiles("demo").run(args.toArray(String[]::new)));
    }

    public Api api() {
        return api;
    }

    /** The HTTP port the node listens on. */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The node's Spring context, e.g. for every bean of a type. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
