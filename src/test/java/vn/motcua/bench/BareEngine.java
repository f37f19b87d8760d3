package vn.motcua.bench;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A bare Camunda 7 engine (no Spring, none of the product's features) on its own PostgreSQL
 * database: history full, strong UUIDs like the product, no authorization checks. Its job executor
 * is configured like the Camunda Spring Boot starter's defaults (which the product uses) but not
 * started: {@link #startJobExecutor()} / {@link #stopJobExecutor()} (the open-work benchmark).
 */
final class BareEngine implements AutoCloseable {

    static final String CASE = "bare-case";
    /** The product's step: a user task with a non-interrupting deadline timer and an escalation. */
    static final String OPEN_STEP = "open-step";

    /** Escalations that ran (delegate of Escalate_Step_Leaders): business key, else process instance id → epoch ms. */
    static final Map<String, Long> ESCALATED = new ConcurrentHashMap<>();
    /** Deadline timers that fired (start listener of Timer_Step_Overdue), keyed the same way. */
    static final Map<String, Long> TIMER_FIRED = new ConcurrentHashMap<>();
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
        // the Camunda Spring Boot starter's defaults (camunda.bpm.job-execution.*, unset in application.yaml):
        // pool core 3 / max 10 / queue 3, 3 jobs per acquisition, idle wait 5 s growing ×2 up to 60 s,
        // lock 5 min, rejected jobs handed back to acquisition
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setCorePoolSize(3);
        jobExecutor.setMaxPoolSize(10);
        jobExecutor.setQueueSize(3);
        jobExecutor.setMaxJobsPerAcquisition(3);
        jobExecutor.setWaitTimeInMillis(5000);
        jobExecutor.setWaitIncreaseFactor(2);
        jobExecutor.setMaxWait(60_000);
        jobExecutor.setLockTimeInMillis(300_000);
        jobExecutor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        configuration.setJobExecutor(jobExecutor);
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
                .enableDuplicateFiltering(true).deploy();
        return bare;
    }

    /** A bare engine with only the {@link #openStepModel()} deployed (job executor configured, not started). */
    static BareEngine startOpenWork(String name, String jdbcUrl, String history) {
        BareEngine bare = new BareEngine(name, jdbcUrl, history);
        bare.engine.getRepositoryService().createDeployment().name("bench-open-work")
                .addModelInstance(OPEN_STEP + ".bpmn", openStepModel()).enableDuplicateFiltering(true).deploy();
        return bare;
    }

    /**
     * The shape of a product step (processes/*.bpmn, e.g. Task_Reception): start → user task (candidate
     * group {@code ${group}}, due date {@code ${due}}) → end; on the task a NON-interrupting boundary
     * timer (timeDate {@code ${due}}, the same instant as the due date) → service task
     * {@code Escalate_Step_Leaders} with {@code camunda:asyncBefore="true"} (exclusive, as the product's)
     * → end. The product's escalation then waits for a next-level timer; here it ends.
     */
    static BpmnModelInstance openStepModel() {
        return Bpmn.createExecutableProcess(OPEN_STEP).camundaHistoryTimeToLive(3650)
                .startEvent("Start_Step")
                .userTask("Task_Step").camundaCandidateGroups("${group}").camundaDueDate("${due}")
                .endEvent("End_Step_Done")
                .moveToActivity("Task_Step")
                .boundaryEvent("Timer_Step_Overdue").cancelActivity(false).timerWithDate("${due}")
                .camundaExecutionListenerClass("start", TimerFired.class.getName())
                .serviceTask("Escalate_Step_Leaders").camundaAsyncBefore().camundaClass(Escalate.class.getName())
                .endEvent("End_Step_Notified")
                .done();
    }

    /**
     * Starts {@code count} instances of {@link #OPEN_STEP}, {@code batch} per transaction: group
     * {@code unit-<0..groups-1>:clerk} at random, due date {@code dueFrom} + a uniform share of {@code dueSpreadMillis}.
     */
    void createOpenSteps(int count, int batch, int groups, long seed, long dueFrom, long dueSpreadMillis) {
        var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        java.util.Random random = new java.util.Random(seed);
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            List<Map<String, Object>> variables = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                Map<String, Object> v = new HashMap<>();
                v.put("group", "unit-" + random.nextInt(groups) + ":clerk");
                v.put("due", new Date(dueFrom + (long) (random.nextDouble() * dueSpreadMillis)));
                variables.add(v);
            }
            config.getCommandExecutorTxRequired().execute((Command<Void>) context -> {
                for (Map<String, Object> v : variables) {
                    engine.getRuntimeService().startProcessInstanceByKey(OPEN_STEP, v);
                }
                return null;
            });
        }
    }

    org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration() {
        return (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    void startJobExecutor() {
        configuration().getJobExecutor().start();
    }

    void stopJobExecutor() {
        configuration().getJobExecutor().shutdown();
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

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }

    private static String key(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        return businessKey != null ? businessKey : execution.getProcessInstanceId();
    }

    /** The escalation of an overdue step: records when it ran. */
    public static class Escalate implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            ESCALATED.put(key(execution), System.currentTimeMillis());
        }
    }

    /** Start listener of the deadline timer: records when the timer fired (the timer job's transaction). */
    public static class TimerFired implements ExecutionListener {
        @Override
        public void notify(DelegateExecution execution) {
            TIMER_FIRED.put(key(execution), System.currentTimeMillis());
        }
    }

    public static class NoOp implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            // nothing: the bare engine's service task
        }
    }
}
