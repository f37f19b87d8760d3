package vn.motcua.record;

import java.io.IOException;
import java.nio.file.Path;

import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/** Retention and history cleanup on a real PostgreSQL (embedded binaries). */
class RetentionPostgresTest extends RetentionTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();

    @Override
    AppInstance startApp(Path processes) {
        return database.startApp(processes);
    }

    @Override
    void stopDatabase() throws IOException {
        database.close();
    }
}
