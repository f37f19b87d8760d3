package vn.motcua.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.AppInstance;

/** The engine REST API by role on a real PostgreSQL (embedded binaries). */
class EngineRestDoorsPostgresTest extends EngineRestDoorsTest {

    EmbeddedPostgres postgres;

    @Override
    AppInstance startApp(String... settings) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), settings);
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
