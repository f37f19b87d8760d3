package vn.motcua.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.AppInstance;

/** A client's mistakes on a real PostgreSQL (embedded binaries). */
class ClientMistakesPostgresTest extends ClientMistakesTest {

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
    boolean postgres() {
        return true;
    }

    @Override
    void stopDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
