package vn.motcua.security;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** The engine REST API by role on a real PostgreSQL (embedded binaries). */
class EngineRestDoorsPostgresTest extends EngineRestDoorsTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp(String... settings) {
        return database.startApp(Path.of("processes"), settings);
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }
}
