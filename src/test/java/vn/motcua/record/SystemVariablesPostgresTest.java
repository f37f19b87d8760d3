package vn.motcua.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.AppInstance;

/** Who may change what, on a real PostgreSQL (embedded binaries). */
class SystemVariablesPostgresTest extends SystemVariablesTest {

    EmbeddedPostgres postgres;

    @Override
    AppInstance startApp() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AppInstance.start(postgres, Path.of("processes"), Path.of("forms"));
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
