package vn.motcua.deadline;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** The deadlines on the engine of an app on a real PostgreSQL (embedded binaries). */
class DeadlinesOnTheEnginePostgresTest extends DeadlinesOnTheEngineTest {

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
