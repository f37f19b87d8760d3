package vn.motcua.monitor;

import java.io.IOException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;

import vn.motcua.support.EmbeddedDatabase;

/** The KPI formulas, the migration and every dashboard query on a real PostgreSQL (embedded binaries). */
class KpiFormulasPostgresTest extends KpiFormulasTest {

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
