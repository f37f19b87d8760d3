package vn.motcua.deadline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the jobs' due date. The job executor's poll (every 5 s while busy, at least every
 * minute when idle, on every node) filters ACT_RU_JOB on DUEDATE_, which Camunda 7.24 does not
 * index; every open record holds a deadline timer, so each poll scanned all of them: 350 ms per poll
 * at 1 M open records, 0.5 ms with this index (issue #8's benchmark, docs/performance.md).
 * Created once the engine has made its tables (a Flyway migration can run before that on a fresh
 * database). Several nodes starting at once: the loser of the race finds the index made.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "motcua_idx_job_duedate";
    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ensure(engine.getProcessEngineConfiguration().getDataSource());
    }

    static void ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                if (!exists(c)) {
                    // on a large live database, build it first by hand with CREATE INDEX CONCURRENTLY under this name
                    s.execute("create index if not exists " + NAME + " on act_ru_job (duedate_)");
                    log.info("created index {} on act_ru_job (duedate_)", NAME);
                }
            } catch (SQLException racedWithAnotherNode) {
                if (!exists(c)) {
                    throw racedWithAnotherNode;
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create index " + NAME + " on act_ru_job: " + e.getMessage(), e);
        }
    }

    static boolean exists(Connection c) throws SQLException {
        String table = c.getMetaData().storesUpperCaseIdentifiers() ? "ACT_RU_JOB" : "act_ru_job";
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                if (NAME.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
