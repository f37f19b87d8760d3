package vn.motcua.bench;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A bare Camunda 7 engine (no Spring, none of the product's features) on its own PostgreSQL
 * database: history full, strong UUIDs like the product, no job executor, no authorization checks.
 */
final class BareEngine implements AutoCloseable {

    static final String CASE = "bare-case";
    static final String OPEN_TASK = "bare-open-task";
    static final String[] STEPS = {"reception", "appraisal", "approval", "issuing", "result"};

    final ProcessEngine engine;
    private final HikariDataSource dataSource;

    private BareEngine(String name, String jdbcUrl, String history) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(10); // as Spring Boot's default pool in the product
        pool.setAutoCommit(false);
        dataSource = new HikariDataSource(pool);
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setDataSource((DataSource) dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(history);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        engine = configuration.buildProcessEngine();
    }

    static BareEngine start(String name, String jdbcUrl) {
        return start(name, jdbcUrl, ProcessEngineConfiguration.HISTORY_FULL);
    }

    static BareEngine start(String name, String jdbcUrl, String history) {
        BareEngine bare = new BareEngine(name, jdbcUrl, history);
        bare.engine.getRepositoryService().createDeployment().name("bench")
                .addModelInstance(CASE + ".bpmn", caseModel())
                .addModelInstance(OPEN_TASK + ".bpmn", openTaskModel())
                .enableDuplicateFiltering(true).deploy();
        return bare;
    }

    /** start → service task (no-op) → reception → appraisal → approval → issuing → result → end. */
    static BpmnModelInstance caseModel() {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(CASE).camundaHistoryTimeToLive(3650)
                .startEvent().serviceTask("Service").camundaClass(NoOp.class.getName());
        for (String step : STEPS) {
            flow = flow.userTask("Task_" + step).camundaCandidateGroups("commune-a:" + step);
        }
        return flow.endEvent().done();
    }

    /** One user task with a candidate group and a due date: the open records of the tasklist query. */
    static BpmnModelInstance openTaskModel() {
        return Bpmn.createExecutableProcess(OPEN_TASK).camundaHistoryTimeToLive(3650).startEvent()
                .userTask("Task_Open").camundaCandidateGroups("${group}").camundaDueDate("${due}")
                .endEvent().done();
    }

    /** One case through the Java API: start, then each user task queried, claimed and completed. */
    void runCase(int n, Phases phases) {
        var runtime = engine.getRuntimeService();
        var tasks = engine.getTaskService();
        long t = System.nanoTime();
        String pi = runtime.startProcessInstanceByKey(CASE, "bare-" + n, Map.of("unit", "commune-a")).getId();
        t = phases.add("start+service", t);
        for (String step : STEPS) {
            Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            tasks.claim(task.getId(), "user-" + step);
            tasks.complete(task.getId(), Map.of(step + "Done", true));
            t = phases.add(step, t);
        }
    }

    /** Starts {@code count} instances of the one-task process, {@code batch} per transaction. */
    void createOpenTasks(int count, int batch, int groups, long seed) {
        var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        java.util.Random random = new java.util.Random(seed);
        long now = System.currentTimeMillis();
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            List<Map<String, Object>> variables = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                Map<String, Object> v = new HashMap<>();
                v.put("group", "unit-" + random.nextInt(groups) + ":clerk");
                v.put("due", new Date(now + (long) (random.nextDouble() * 30 * 86_400_000L)));
                variables.add(v);
            }
            config.getCommandExecutorTxRequired().execute((Command<Void>) context -> {
                for (Map<String, Object> v : variables) {
                    engine.getRuntimeService().startProcessInstanceByKey(OPEN_TASK, v);
                }
                return null;
            });
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }

    public static class NoOp implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            // nothing: the bare engine's service task
        }
    }
}
