package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The jobs' due-date index is made when the engine is built, on H2 and PostgreSQL, by one node of several. */
class JobDueDateIndexTest {

    @Test
    void theEngineGetsTheIndexOnH2() throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:job-index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ProcessEngine engine = engine(h2);
        try (Connection c = h2.getConnection()) {
            assertThat(JobDueDateIndex.exists(c)).isTrue();
        } finally {
            engine.close();
        }
    }

    @Test
    void severalNodesStartingAtOnceOnPostgresMakeOneIndex() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            ProcessEngine engine = engine(dataSource);
            try {
                try (Connection c = dataSource.getConnection()) {
                    c.createStatement().execute("drop index " + JobDueDateIndex.NAME);
                    assertThat(JobDueDateIndex.exists(c)).isFalse();
                }
                ExecutorService nodes = Executors.newFixedThreadPool(4);
                List<Future<?>> starts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    starts.add(nodes.submit(() -> JobDueDateIndex.ensure(dataSource)));
                }
                for (Future<?> start : starts) {
                    start.get(); // none fails
                }
                nodes.shutdown();
                try (Connection c = dataSource.getConnection()) {
                    ResultSet rs = c.createStatement().executeQuery("select indexdef from pg_indexes where indexname = '"
                            + JobDueDateIndex.NAME + "'");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).contains("act_ru_job").contains("(duedate_)");
                    assertThat(rs.next()).isFalse();
                }
            } finally {
                engine.close();
            }
        }
    }

    private static ProcessEngine engine(DataSource dataSource) {
        ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("job-index-" + UUID.randomUUID());
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.getProcessEnginePlugins().add(new JobDueDateIndex());
        return configuration.buildProcessEngine();
    }
}
