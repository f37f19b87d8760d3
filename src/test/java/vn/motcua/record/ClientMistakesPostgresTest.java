package vn.motcua.record;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** A client's mistakes on a real PostgreSQL (embedded binaries). */
class ClientMistakesPostgresTest extends ClientMistakesTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp(String... settings) {
        return database.startApp(Path.of("processes"), settings);
    }

    @Override
    boolean postgres() {
        return true;
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }
}
