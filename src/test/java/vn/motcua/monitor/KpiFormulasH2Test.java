package vn.motcua.monitor;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The KPI formulas on H2, the embedded default's database. */
class KpiFormulasH2Test extends KpiFormulasTest {

    @Override
    DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:monitor-kpis;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
