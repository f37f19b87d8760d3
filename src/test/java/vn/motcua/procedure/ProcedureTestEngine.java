package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
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

import vn.motcua.deadline.Deadlines;

/**
 * A plain in-memory Camunda engine (no Spring) with ONE procedure deployed the way the app
 * deploys it: the BPMN file from {@code processes/} together with every Camunda Form from
 * {@code forms/} that it references with {@code camunda:formRef}. Step deadlines come from a
 * {@link Deadlines} bean on a fixed clock (Monday 23 November 2026, 09:00 in Vietnam), so a
 * task's due date can be compared exactly.
 *
 * <p>Usage in a process test:
 * <pre>{@code
 * static final ProcedureTestEngine procedure = ProcedureTestEngine.deploy("birth-registration");
 * @RegisterExtension static final ProcessEngineExtension extension = procedure.extension();
 * @BeforeEach void initAssertions() { procedure.initAssertions(); }
 * @AfterAll static void closeEngine() { procedure.close(); }
 * }</pre>
 */
final class ProcedureTestEngine {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Monday 2026-11-23 09:00 in Vietnam: the "now" of every deadline computed in these tests. */
    static final Clock MONDAY_9AM = Clock.fixed(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, VIETNAM).toInstant(), VIETNAM);

    static final Path PROCESSES_DIR = Path.of("processes");
    static final Path FORMS_DIR = Path.of("forms");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String procedureKey;
    private final ProcessEngine engine;
    private final Deadlines deadlines;
    private final Deployment deployment;
    private final List<String> formIds;

    private ProcedureTestEngine(String procedureKey, ProcessEngine engine, Deadlines deadlines, Deployment deployment,
            List<String> formIds) {
        this.procedureKey = procedureKey;
        this.engine = engine;
        this.deadlines = deadlines;
        this.deployment = deployment;
        this.formIds = formIds;
    }

    /** Builds a fresh engine and deploys {@code processes/<key>.bpmn} with the forms it references. */
    static ProcedureTestEngine deploy(String procedureKey) {
        Deadlines deadlines = new Deadlines(MONDAY_9AM);
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
        return new ProcedureTestEngine(procedureKey, engine, deadlines, builder.deploy(), formIds);
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

    /** camunda-bpm-assert must use this engine even when other test classes built engines of their own. */
    void initAssertions() {
        BpmnAwareTests.init(engine);
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

    /** The deadline of a step with the given budget, as the BPMN's due-date expression computes it. */
    Date dueAfterWorkingDays(double days) {
        return deadlines.afterWorkingDays(days);
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
     * the deadline of the step's budget, with the step's form.
     */
    Task assertStep(ProcessInstance record, String taskId, String candidateGroup, double budgetDays, String formId) {
        assertThat(record).isWaitingAt(taskId);
        Task task = task();
        assertThat(task)
                .hasDefinitionKey(taskId)
                .isNotAssigned()
                .hasCandidateGroup(candidateGroup)
                .hasDueDate(dueAfterWorkingDays(budgetDays));
        Assertions.assertThat(candidateGroups(task)).as("candidate groups of %s", taskId).containsExactly(candidateGroup);
        Assertions.assertThat(formIdOf(task)).as("form of %s", taskId).isEqualTo(formId);
        return task;
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
