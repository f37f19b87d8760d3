package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.deadline.Deadlines;
import vn.motcua.lookup.LookupTestSupport;

/**
 * A plain in-memory Camunda engine (no Spring) with ONE procedure deployed the way the app
 * deploys it: the BPMN file from {@code processes/} together with every Camunda Form from
 * {@code forms/} that it references with {@code camunda:formRef}. Step deadlines come from the
 * real {@link Deadlines} bean on the national office calendar (the computed holidays, office
 * hours 07:30–11:30 and 13:00–17:00, so 1 working day = 8 hours) and the engine's clock
 * ({@link ClockUtil}), which every test starts at Monday 23 November 2026, 09:00 in Vietnam, so
 * a task's due date can be compared exactly and tests can move the clock past a deadline. The
 * {@code escalation} bean is a {@link RecordingEscalation} (the real one needs the database); the
 * {@code lookup} bean is the real one, asking the sandbox registry over HTTP
 * ({@link LookupTestSupport}); lookups are asynchronous, so tests run them with {@link #runLookups}.
 *
 * <p>Usage in a process test:
 * <pre>{@code
 * static final ProcedureTestEngine procedure = ProcedureTestEngine.deploy("birth-registration");
 * @RegisterExtension static final ProcessEngineExtension extension = procedure.extension();
 * @BeforeEach void initAssertions() { procedure.initAssertions(); }   // also sets the clock, clears the escalations
 * @AfterAll static void closeEngine() { procedure.close(); }
 * }</pre>
 */
final class ProcedureTestEngine {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Monday 2026-11-23 09:00 in Vietnam: the engine's clock at the start of every test. */
    static final Instant MONDAY_9AM = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, VIETNAM).toInstant();
    /** Working days from level 1 to level 2, as {@code motcua.notices.next-level-after-working-days} by default. */
    static final double NEXT_LEVEL_AFTER_WORKING_DAYS = 1;

    static final Path PROCESSES_DIR = Path.of("processes");
    static final Path FORMS_DIR = Path.of("forms");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String procedureKey;
    private final ProcessEngine engine;
    private final WorkingCalendar calendar;
    private final Deadlines deadlines;
    private final RecordingEscalation escalation;
    private final RecordingWork work;
    private final Deployment deployment;
    private final List<String> formIds;

    private ProcedureTestEngine(String procedureKey, ProcessEngine engine, WorkingCalendar calendar, Deadlines deadlines,
            RecordingEscalation escalation, RecordingWork work, Deployment deployment, List<String> formIds) {
        this.work = work;
        this.procedureKey = procedureKey;
        this.engine = engine;
        this.calendar = calendar;
        this.deadlines = deadlines;
        this.escalation = escalation;
        this.deployment = deployment;
        this.formIds = formIds;
    }

    /** Builds a fresh engine and deploys {@code processes/<key>.bpmn} with the forms it references. */
    static ProcedureTestEngine deploy(String procedureKey) {
        WorkingCalendar calendar = new WorkingCalendars(CalendarProperties.defaults()).standard();
        Deadlines deadlines = new Deadlines(calendar, () -> ClockUtil.getCurrentTime().toInstant());
        RecordingEscalation escalation = new RecordingEscalation(deadlines);
        String name = "procedure-test-" + procedureKey + "-" + UUID.randomUUID();

        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(true); // as in application.yaml
        configuration.setMetricsEnabled(false);
        Map<Object, Object> beans = new HashMap<>();
        beans.put("deadlines", deadlines);
        beans.put("escalation", escalation);
        RecordingWork work = new RecordingWork();
        beans.put("receipt", work.delegate("receipt"));
        beans.put("resultDraft", work.delegate("resultDraft"));
        beans.put("seal", work.delegate("seal"));
        beans.put("paymentRequest", work.delegate("paymentRequest"));
        beans.put("paymentReceipt", work.delegate("paymentReceipt"));
        beans.put("paymentExpired", work.delegate("paymentExpired"));
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        beans.put("lookup", LookupTestSupport.lookupBean(dataSource, new LookupTestSupport.Events()));
        configuration.setBeans(beans);
        ProcessEngine engine = configuration.buildProcessEngine();

        String bpmnFile = procedureKey + ".bpmn";
        byte[] bpmn = read(PROCESSES_DIR.resolve(bpmnFile));
        List<String> formIds = referencedForms(Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn)));
        var builder = engine.getRepositoryService().createDeployment()
                .name(procedureKey)
                .addInputStream(bpmnFile, new ByteArrayInputStream(bpmn));
        for (String formId : formIds) {
            String formFile = formId + ".form";
            builder.addInputStream(formFile, new ByteArrayInputStream(read(FORMS_DIR.resolve(formFile))));
        }
        return new ProcedureTestEngine(procedureKey, engine, calendar, deadlines, escalation, work, builder.deploy(),
                formIds);
    }

    /** The form ids referenced by the start event and the user tasks, in document order, without repeats. */
    static List<String> referencedForms(BpmnModelInstance model) {
        Set<String> ids = new LinkedHashSet<>();
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (start.getCamundaFormRef() != null) {
                ids.add(start.getCamundaFormRef());
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null) {
                ids.add(task.getCamundaFormRef());
            }
        }
        return new ArrayList<>(ids);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(engine).build();
    }

    /**
     * Before each test: camunda-bpm-assert must use this engine even when other test classes built
     * engines of their own; the engine's clock starts at {@link #MONDAY_9AM} (the extension resets
     * it after each test); no escalation has been recorded.
     */
    void initAssertions() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM));
        escalation.clear();
        work.calls.clear();
    }

    void close() {
        BpmnAwareTests.reset();
        engine.close();
    }

    ProcessEngine engine() {
        return engine;
    }

    Deployment deployment() {
        return deployment;
    }

    List<String> formIds() {
        return formIds;
    }

    String processDefinitionId() {
        return engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).processDefinitionKey(procedureKey).singleResult().getId();
    }

    /** A local date-time in Vietnam ({@code 2026-11-23T09:00}) as an instant. */
    static Instant vietnam(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    /**
     * Walks the record through {@code steps} with the clock standing still, asserting at each that it
     * waits there, is due at {@code expected[0]} (and its budget in working days after now by the
     * calendar), follows up at {@code expected[1]} (local times in Vietnam) and has its overdue timer
     * at the due date; completes each with {@code completion}, running the lookups after it.
     */
    void assertDeadlinesAlong(ProcessInstance record, List<String> steps, Map<String, String[]> expected,
            java.util.function.Function<String, Map<String, Object>> completion) {
        for (String taskId : steps) {
            assertThat(record).isWaitingAtExactly(taskId);
            Task task = task(taskId, record);
            Assertions.assertThat(task.getDueDate().toInstant()).as("due date of %s", taskId)
                    .isEqualTo(vietnam(expected.get(taskId)[0]))
                    .isEqualTo(calendar.addWorkingDays(now(), budgetOf(taskId)));
            Assertions.assertThat(task.getFollowUpDate().toInstant()).as("follow-up date of %s", taskId)
                    .isEqualTo(vietnam(expected.get(taskId)[1]));
            Assertions.assertThat(escalationTimers(record, taskId).get(0).getDuedate())
                    .as("overdue timer of %s", taskId).isEqualTo(task.getDueDate());
            complete(task, completion.apply(taskId));
            runLookups(record);
        }
    }

    /** The engine's clock. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Moves the engine's clock (timers, due dates, {@code deadlines} and the escalation double all follow it). */
    static void setClock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    WorkingCalendar calendar() {
        return calendar;
    }

    RecordingEscalation escalation() {
        return escalation;
    }

    /** The deadline of a step with this budget entered now: what the calendar gives for now + budget. */
    Date dueAfterWorkingDays(double days) {
        return Date.from(calendar.addWorkingDays(now(), days));
    }

    /** When a step with this budget entered now turns yellow: its deadline less the yellow threshold. */
    Date followUpAfterWorkingDays(double days) {
        return Date.from(calendar.addWorkingDays(now(), days - deadlines.yellowThreshold(days)));
    }

    /** The record's job at an activity: a timer (boundary or intermediate) or an asynchronous continuation. */
    Job jobAt(ProcessInstance record, String activityId) {
        return engine.getManagementService().createJobQuery()
                .processInstanceId(record.getId()).activityId(activityId).singleResult();
    }

    /** The record's jobs whose due date has come by the engine's clock (what the job executor would run now). */
    List<Job> dueJobs(ProcessInstance record) {
        return engine.getManagementService().createJobQuery().processInstanceId(record.getId()).executable().list();
    }

    /** Runs a job as the job executor would (also before its due date: tests move the clock first). */
    void execute(Job job) {
        engine.getManagementService().executeJob(job.getId());
    }

    /** The ids of the activities the record has passed or is at, of one type, e.g. {@code serviceTask}. */
    List<String> activitiesOfType(ProcessInstance record, String activityType) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(record.getId()).activityType(activityType).orderPartiallyByOccurrence().asc().list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    /**
     * The {@code escalation} bean for these tests: its timeout listeners record each call (the task, its step
     * and the level) instead of writing notices; the next level comes {@link #NEXT_LEVEL_AFTER_WORKING_DAYS}
     * working day after the step's deadline, as in the app.
     */
    public static final class RecordingEscalation {

        record Call(String processInstanceId, String taskId, String step, int level, Instant at) {
        }

        private final Deadlines deadlines;
        private final List<Call> calls = new CopyOnWriteArrayList<>();

        RecordingEscalation(Deadlines deadlines) {
            this.deadlines = deadlines;
        }

        public TaskListener level(int level) {
            return task -> calls.add(new Call(task.getProcessInstanceId(), task.getId(), task.getTaskDefinitionKey(),
                    level, now()));
        }

        public Date nextLevelAfter(Date due) {
            return deadlines.afterWorkingDays(due.toInstant(), NEXT_LEVEL_AFTER_WORKING_DAYS);
        }

        List<Call> calls() {
            return List.copyOf(calls);
        }

        void clear() {
            calls.clear();
        }
    }

    /**
     * The record's work drawn in the model ({@code ${receipt}}, {@code ${resultDraft}}, {@code ${seal}}) for these
     * tests: each service task records that it ran, for which record; the seal also numbers the result as
     * the app's does ({@code documentNumber}).
     */
    public static final class RecordingWork {

        private final List<String> calls = new CopyOnWriteArrayList<>();

        JavaDelegate delegate(String bean) {
            return execution -> {
                calls.add(bean + "@" + execution.getCurrentActivityId());
                if (bean.equals("seal")) {
                    execution.setVariable("documentNumber", "1/2026/" + execution.getVariable("unit"));
                }
                if (bean.equals("paymentRequest")) { // as the app's: the expiry timer's date
                    execution.setVariable("paymentReference", "P" + calls.size());
                    execution.setVariable("paymentExpiresAt", Date.from(now().plus(java.time.Duration.ofDays(3))));
                }
            };
        }

        /** {@code bean@activity} in the order the service tasks ran. */
        List<String> calls() {
            return List.copyOf(calls);
        }

        void clear() {
            calls.clear();
        }
    }

    RecordingWork work() {
        return work;
    }

    /**
     * Completes the task as its user would; when that leaves the record at the seal's job (issuing done), runs
     * it as the job executor would, so the record goes on to its result.
     */
    void complete(Task task, Map<String, Object> variables) {
        Assertions.assertThat(task).as("the task to complete").isNotNull();
        engine.getTaskService().complete(task.getId(), variables);
        if (engine.getManagementService().createJobQuery().processInstanceId(task.getProcessInstanceId()).messages()
                .activityId("Service_Seal").count() > 0) {
            ProcessInstance record = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).singleResult();
            runSeal(record);
            payIfAsked(record); // a fee collected at the result
        }
    }

    /**
     * The platform confirms the fee of a record waiting at its payment step ({@code RecordPaid}), as the
     * applicant paying would: tests of other paths go on through it; the payment's own tests call {@link #paid}.
     */
    void payIfAsked(ProcessInstance record) {
        requestTheFee(record);
        if (engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(record.getId())
                .eventName("RecordPaid").count() > 0) {
            paid(record.getBusinessKey());
        }
    }

    /** Runs the payment request's job ({@code Service_PaymentRequest}, asynchronous), if the record is there. */
    void requestTheFee(ProcessInstance record) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(record.getId()).messages()
                .activityId("Service_PaymentRequest").singleResult();
        if (job != null) {
            engine.getManagementService().executeJob(job.getId());
        }
    }

    /** Correlates the platform's confirmation of the fee (state 6 ends) to the record waiting for it. */
    void paid(String businessKey) {
        engine.getRuntimeService().createMessageCorrelation("RecordPaid").processInstanceBusinessKey(businessKey)
                .correlate();
    }

    /** The payment request's expiry timer fires, as the job executor would once it is due. */
    void paymentExpires(ProcessInstance record) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(record.getId()).timers()
                .activityId("Event_PaymentExpired").singleResult();
        Assertions.assertThat(timer).as("the expiry timer of %s's payment request", record.getBusinessKey()).isNotNull();
        engine.getManagementService().executeJob(timer.getId());
        requestTheFee(record); // a model that asks again
    }

    /** Runs the record's seal job ({@code Service_Seal}, asynchronous), as the job executor would. */
    void runSeal(ProcessInstance record) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(record.getId()).messages()
                .activityId("Service_Seal").singleResult();
        Assertions.assertThat(job).as("the seal's job of %s", record.getBusinessKey()).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    /**
     * Starts a record the way Tasklist does: submits the start form with the receiving unit and
     * the applicant's data.
     */
    ProcessInstance submitApplication(String businessKey, String unit, Map<String, Object> applicationData) {
        Map<String, Object> variables = new HashMap<>(applicationData);
        variables.put("unit", unit);
        return engine.getFormService().submitStartForm(processDefinitionId(), businessKey, variables);
    }

    /** The id of the Camunda Form the start event resolves to in this deployment. */
    String startFormId() {
        return formId(engine.getFormService().getDeployedStartForm(processDefinitionId()));
    }

    /** The id of the Camunda Form the task resolves to in this deployment. */
    String formIdOf(Task task) {
        return formId(engine.getFormService().getDeployedTaskForm(task.getId()));
    }

    private static String formId(InputStream form) {
        try (form) {
            return JSON.readTree(form).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All candidate groups of the task. */
    List<String> candidateGroups(Task task) {
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }

    /**
     * Asserts that the record waits at the step, offered to exactly that candidate group, due at
     * the deadline of the step's budget (entered at the engine's current time), turning yellow
     * at its follow-up date, with its overdue timer set to the same deadline, and with the step's
     * form.
     */
    Task assertStep(ProcessInstance record, String taskId, String candidateGroup, double budgetDays, String formId) {
        assertThat(record).isWaitingAt(taskId);
        Task task = task(taskId, record);
        assertThat(task)
                .hasDefinitionKey(taskId)
                .isNotAssigned()
                .hasCandidateGroup(candidateGroup)
                .hasDueDate(dueAfterWorkingDays(budgetDays));
        Assertions.assertThat(task.getFollowUpDate()).as("follow-up of %s", taskId)
                .isEqualTo(followUpAfterWorkingDays(budgetDays));
        Assertions.assertThat(task.getFollowUpDate()).as("follow-up of %s", taskId).isBefore(task.getDueDate());
        Assertions.assertThat(escalationTimers(record, taskId)).as("escalation timers of %s", taskId).isNotEmpty()
                .first().extracting(Job::getDuedate).as("overdue timer of %s", taskId).isEqualTo(task.getDueDate());
        Assertions.assertThat(candidateGroups(task)).as("candidate groups of %s", taskId).containsExactly(candidateGroup);
        Assertions.assertThat(formIdOf(task)).as("form of %s", taskId).isEqualTo(formId);
        return task;
    }

    /**
     * Drives an open step past its deadline and through both levels of its escalation, asserting the
     * pattern on the way: the step's task carries two timers, at its due date and a working day later;
     * nothing is due a second before the deadline; just after it the first timer fires and its timeout
     * listener notifies level 1 about this task; a second before the next level nothing is due, after it
     * the second timer notifies level 2. Throughout, the step's task stays open, unchanged, and the record
     * waits at the step only (nothing is drawn beside it). Returns that task, for the test to complete it.
     */
    Task assertEscalatesWhenOverdue(ProcessInstance record, String taskId) {
        Task task = task(taskId, record);
        Instant due = task.getDueDate().toInstant();
        Instant nextLevelAt = calendar.addWorkingDays(due, NEXT_LEVEL_AFTER_WORKING_DAYS);
        List<Job> timers = escalationTimers(record, taskId);
        Assertions.assertThat(timers).extracting(Job::getDuedate).as("escalation timers of %s", taskId)
                .containsExactly(task.getDueDate(), Date.from(nextLevelAt));
        int before = escalation.calls().size();

        setClock(due.minusSeconds(1));
        Assertions.assertThat(dueJobs(record)).as("jobs due a second before the deadline of %s", taskId).isEmpty();

        setClock(due.plusSeconds(60));
        Assertions.assertThat(dueJobs(record)).extracting(Job::getId).as("jobs due after the deadline of %s", taskId)
                .containsExactly(timers.get(0).getId());
        execute(timers.get(0));
        Assertions.assertThat(escalation.calls().subList(before, escalation.calls().size()))
                .extracting(RecordingEscalation.Call::step, RecordingEscalation.Call::level,
                        RecordingEscalation.Call::taskId, RecordingEscalation.Call::processInstanceId)
                .containsExactly(Assertions.tuple(taskId, 1, task.getId(), record.getId()));
        assertThat(record).isWaitingAtExactly(taskId);
        assertStillOpen(task);

        setClock(nextLevelAt.minusSeconds(1));
        Assertions.assertThat(dueJobs(record)).as("jobs due a second before the next level of %s", taskId).isEmpty();
        setClock(nextLevelAt.plusSeconds(60));
        Assertions.assertThat(dueJobs(record)).extracting(Job::getId).containsExactly(timers.get(1).getId());
        execute(timers.get(1));
        Assertions.assertThat(escalation.calls().subList(before, escalation.calls().size()))
                .extracting(RecordingEscalation.Call::step, RecordingEscalation.Call::level)
                .containsExactly(Assertions.tuple(taskId, 1), Assertions.tuple(taskId, 2));
        assertThat(record).isWaitingAtExactly(taskId);
        Assertions.assertThat(dueJobs(record)).isEmpty();
        assertStillOpen(task);
        return task;
    }

    /** The timers of the step's timeout listeners (its escalation levels), earliest first. */
    List<Job> escalationTimers(ProcessInstance record, String taskId) {
        return engine.getManagementService().createJobQuery().processInstanceId(record.getId()).activityId(taskId)
                .timers().orderByJobDuedate().asc().list();
    }

    /** The task is still open, unchanged: same id, due date and follow-up date, nobody assigned. */
    void assertStillOpen(Task task) {
        Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
        Assertions.assertThat(now).as("task %s still open", task.getTaskDefinitionKey()).isNotNull();
        Assertions.assertThat(now.getDueDate()).isEqualTo(task.getDueDate());
        Assertions.assertThat(now.getFollowUpDate()).isEqualTo(task.getFollowUpDate());
        Assertions.assertThat(now.getAssignee()).isNull();
    }

    /** The step's task instance ended by completion (not cancelled by a timer or an event). */
    void assertCompletedNotCancelled(ProcessInstance record, String taskId) {
        List<HistoricActivityInstance> instances = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(record.getId()).activityId(taskId).finished().list();
        Assertions.assertThat(instances).as("finished instances of %s", taskId).isNotEmpty()
                .allSatisfy(instance -> Assertions.assertThat(instance.isCanceled()).isFalse());
    }

    /** The {@code step.budgetDays} extension property of a user task of the deployed model. */
    double budgetOf(String taskId) {
        BaseElement task = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId()).getModelElementById(taskId);
        return Double.parseDouble(ModelProperties.of(task).get(Deadlines.BUDGET));
    }

    /**
     * Runs the record's pending registry lookups (asynchronous jobs), one after the other, as the
     * job executor would; returns the ids of the lookups run.
     */
    List<String> runLookups(ProcessInstance record) {
        payIfAsked(record); // a fee collected at submission comes before the lookups
        List<String> run = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(record.getId()).messages()
                    .list().stream().filter(j -> lookupActivityOf(j) != null).findFirst().orElse(null);
            if (job == null) {
                return run;
            }
            run.add(lookupActivityOf(job));
            engine.getManagementService().executeJob(job.getId());
        }
        throw new AssertionError("lookups do not end: " + run);
    }

    private String lookupActivityOf(Job job) {
        var definition = engine.getManagementService().createJobDefinitionQuery()
                .jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition != null && definition.getActivityId().startsWith("Lookup_") ? definition.getActivityId() : null;
    }

    Object variable(ProcessInstance record, String name) {
        return engine.getRuntimeService().getVariable(record.getId(), name);
    }

    List<org.camunda.bpm.engine.runtime.Incident> incidents(ProcessInstance record) {
        return engine.getRuntimeService().createIncidentQuery().processInstanceId(record.getId()).list();
    }

    /** {@code Task_Reception} → {@code Reception}. */
    static String stepOf(String taskId) {
        return taskId.substring("Task_".length());
    }

    /** The id of the end event the record ended at. */
    String endEventOf(ProcessInstance record) {
        List<HistoricActivityInstance> ends = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(record.getId()).activityType("noneEndEvent").list();
        Assertions.assertThat(ends).as("end events reached").hasSize(1);
        return ends.get(0).getActivityId();
    }

    /** The {@code outcome} extension property of the end event the record ended at. */
    String outcomeOf(ProcessInstance record) {
        String endEventId = endEventOf(record);
        BaseElement endEvent = engine.getRepositoryService()
                .getBpmnModelInstance(record.getProcessDefinitionId()).getModelElementById(endEventId);
        return endEvent.getExtensionElements().getElementsQuery().filterByType(
                        org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
                .singleResult().getCamundaProperties().stream()
                .filter(p -> "outcome".equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }

    /** Correlates the applicant's supplement to the record waiting for it. */
    void supplementReceived(String businessKey) {
        engine.getRuntimeService().createMessageCorrelation("RecordSupplemented")
                .processInstanceBusinessKey(businessKey)
                .correlateWithResult();
    }

    /** Correlates the applicant's withdrawal (state 7) to the record, wherever it is. */
    void withdrawn(String businessKey) {
        engine.getRuntimeService().createMessageCorrelation("RecordWithdrawn")
                .processInstanceBusinessKey(businessKey)
                .correlate();
    }

    /** Correlates the resumption of a record whose processing was stopped (state 8). */
    void resumed(String businessKey) {
        engine.getRuntimeService().createMessageCorrelation("RecordResumed")
                .processInstanceBusinessKey(businessKey)
                .correlate();
    }

    /** Number of open tasks of the record. */
    long openTasks(ProcessInstance record) {
        return engine.getTaskService().createTaskQuery().processInstanceId(record.getId()).count();
    }

    /** The extension properties of the deployed process ({@code procedure.code}, {@code procedure.document.1} …), in order. */
    Map<String, String> processProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        org.camunda.bpm.model.bpmn.instance.Process process = engine.getRepositoryService()
                .getBpmnModelInstance(processDefinitionId()).getModelElementById(procedureKey);
        process.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
                .singleResult().getCamundaProperties()
                .forEach(p -> properties.put(p.getCamundaName(), p.getCamundaValue()));
        return properties;
    }
}
