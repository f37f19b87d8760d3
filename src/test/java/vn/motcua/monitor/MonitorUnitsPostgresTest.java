package vn.motcua.monitor;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** Every unit in scope on the monitoring centre, on a real PostgreSQL (embedded binaries). */
class MonitorUnitsPostgresTest extends MonitorUnitsTest {

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
