package vn.motcua.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The lateness forecast on a real PostgreSQL (embedded binaries). */
class LatenessForecastPostgresTest extends LatenessForecastTest {

    EmbeddedPostgres postgres;

    @Override
    DataSource dataSource() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postgres.getPostgresDatabase();
    }

    @AfterAll
    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
