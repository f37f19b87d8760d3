package vn.motcua.monitor;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** A reengineering card's record figures on H2, the embedded default's database. */
class CardFiguresH2Test extends CardFiguresTest {

    @Override
    DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:monitor-card;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
