package vn.motcua.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (zonky's embedded binaries) under the app of a test's PostgreSQL variant: started
 * with the app, closed after it. The H2 and PostgreSQL variants of a test share everything else.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private EmbeddedPostgres postgres;

    /** Starts a fresh database and the app (demo profile) on it, with {@code processes} and {@code forms/}. */
    public AppInstance startApp(Path processes, String... settings) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AppInstance.start(postgres, processes, Path.of("forms"), settings);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
