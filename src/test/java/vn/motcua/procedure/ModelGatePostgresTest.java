package vn.motcua.procedure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.AppInstance;

/** The model gate on a real PostgreSQL (embedded binaries). */
class ModelGatePostgresTest extends ModelGateTest {

    EmbeddedPostgres postgres;

    @Override
    AppInstance startApp(String... settings) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AppInstance.start(postgres, processes, Path.of("forms"), settings);
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
