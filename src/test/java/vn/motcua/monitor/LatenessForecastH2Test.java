package vn.motcua.monitor;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The lateness forecast on H2, the embedded default's database. */
class LatenessForecastH2Test extends LatenessForecastTest {

    @Override
    DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:monitor-forecast;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
