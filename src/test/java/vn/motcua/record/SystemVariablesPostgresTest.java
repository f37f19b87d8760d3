package vn.motcua.record;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** Who may change what, on a real PostgreSQL (embedded binaries). */
class SystemVariablesPostgresTest extends SystemVariablesTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp() {
        return database.startApp(Path.of("processes"));
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }
}
