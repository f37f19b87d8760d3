package vn.motcua.procedure;

import java.io.IOException;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** The model gate on a real PostgreSQL (embedded binaries). */
class ModelGatePostgresTest extends ModelGateTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp(String... settings) {
        return database.startApp(processes, settings);
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }
}
