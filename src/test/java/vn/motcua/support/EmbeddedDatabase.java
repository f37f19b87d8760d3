package vn.motcua.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (zonky's embedded binaries) for a test's PostgreSQL variant: under its app (started
 * with the app, closed after it) or under its own queries. The H2 and PostgreSQL variants of a test share everything else.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private EmbeddedPostgres postgres;

    /** Starts a fresh database and the app (demo profile) on it, with {@code processes} and {@code forms/}. */
    public AppInstance startApp(Path processes, String... settings) {
        return AppInstance.start(start(), processes, Path.of("forms"), settings);
    }

    /** Starts a fresh database, for a test that works on its tables without the app. */
    public DataSource startDataSource() {
        return start().getPostgresDatabase();
    }

    private EmbeddedPostgres start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postgres;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
