package vn.motcua.monitor;

import java.io.IOException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import vn.motcua.support.EmbeddedDatabase;

/** A reengineering card's record figures on a real PostgreSQL (embedded binaries). */
class CardFiguresPostgresTest extends CardFiguresTest {

    final EmbeddedDatabase postgres = new EmbeddedDatabase();

    @Override
    DataSource dataSource() {
        return postgres.startDataSource();
    }

    @AfterAll
    void stop() throws IOException {
        postgres.close();
    }
}
