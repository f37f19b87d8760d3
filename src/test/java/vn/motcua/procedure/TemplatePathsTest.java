package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The paths every procedure shares because it follows the five-step template (reception → appraisal →
 * approval → issuing → result, with supplement, refusal, return to appraisal and withdrawal), run over
 * <em>every</em> model in {@code processes/}: a procedure an analyst adds is tested by being there. Each
 * record is walked as the staff would walk it: every open task is completed with the values its own
 * form asks for (generated from the form: a text for a text field, the first option of a choice …,
 * never overwriting what the record already holds), the template's decisions set as the path needs.
 * The procedure's own paths (its registries, its consultation) stay in its own test class.
 */
class TemplatePathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ProcedureTestEngine> ENGINES = new ConcurrentHashMap<>();
    /** The template's steps, in order. */
    static final List<String> STEPS = List.of("Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing",
            "Task_Result");
    /** Who works each step: a role of the record's unit (its Camunda group {@code <unit>:<role>}). */
    static final Map<String, String> ROLES = Map.of("Task_Reception", "clerk", "Task_Appraisal", "specialist",
            "Task_Approval", "leader", "Task_Issuing", "records", "Task_Result", "clerk");

    static Stream<String> procedures() throws IOException {
        try (Stream<Path> files = Files.list(ProcedureTestEngine.PROCESSES_DIR)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".bpmn"))
                    .map(name -> name.substring(0, name.length() - ".bpmn".length())).sorted().toList().stream();
        }
    }

    /** The procedure's engine, built once for all the tests of this class. */
    private static ProcedureTestEngine engine(String key) {
        ProcedureTestEngine procedure = ENGINES.computeIfAbsent(key, ProcedureTestEngine::deploy);
        procedure.initAssertions();
        return procedure;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void closeEngines() {
        ENGINES.values().forEach(ProcedureTestEngine::close);
        ENGINES.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void deploysWithEveryFormItReferencesAndHasTheFiveSteps(String key) {
        ProcedureTestEngine procedure = engine(key);
        Assertions.assertThat(procedure.startFormId()).isEqualTo(key + "-application");
        Assertions.assertThat(procedure.formIds()).contains(key + "-application", key + "-reception",
                key + "-appraisal", "approval", "issuing", "result");
        var model = procedure.engine().getRepositoryService().getBpmnModelInstance(procedure.processDefinitionId());
        for (String step : STEPS) {
            Assertions.assertThat((Object) model.getModelElementById(step)).as("%s has %s", key, step).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void anAcceptedRecordIsAppraisedApprovedIssuedAndReturned(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance record = submit(procedure, key, "0001");

        walk(procedure, record, decisions("approve"));

        assertThat(record).isEnded().hasPassedInOrder(STEPS.toArray(String[]::new));
        // what the steps do besides their tasks is drawn: the receipt after reception, the draft before
        // approval, the number and seal after issuing (asynchronous: the clerk's completion leaves it to a job)
        assertThat(record).hasPassedInOrder("Task_Reception", "Service_Receipt", "Task_Appraisal", "Service_DraftResult",
                "Task_Approval", "Task_Issuing", "Service_Seal", "Task_Result");
        Assertions.assertThat(procedure.work().calls()).filteredOn(call -> !call.startsWith("payment"))
                .containsExactly("receipt@Service_Receipt", "resultDraft@Service_DraftResult", "seal@Service_Seal");
        boolean fee = !"0".equals(procedure.processProperties().get("procedure.fee"));
        Assertions.assertThat(procedure.work().calls()).as("the fee asked for and paid, once").filteredOn(call -> call.startsWith("payment"))
                .isEqualTo(fee ? java.util.List.of("paymentRequest@Service_PaymentRequest", "paymentReceipt@Service_PaymentReceipt")
                        : java.util.List.of());
        assertThat(record).hasNotPassed("Event_SupplementReceived", "End_Refused", "End_Withdrawn");
        STEPS.forEach(step -> procedure.assertCompletedNotCancelled(record, step));
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void aRefusedApplicationEndsRefused(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance record = submit(procedure, key, "0002");

        complete(procedure, record, "Task_Reception", Map.of("receptionDecision", "refuse",
                "refusalReasons", "Hồ sơ không thuộc thẩm quyền / not within our competence"));
        Assertions.assertThat(procedure.work().calls()).as("no receipt for a refused record").isEmpty();

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "End_Refused");
        assertThat(record).hasNotPassed("Task_Appraisal");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void anIncompleteApplicationWaitsForTheSupplementThenIsAccepted(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance record = submit(procedure, key, "0003");

        complete(procedure, record, "Task_Reception", Map.of("receptionDecision", "supplement",
                "missingDocuments", "Bản sao giấy tờ / a copy of the document"));
        assertThat(record).isWaitingAt("Event_SupplementReceived").isWaitingFor("RecordSupplemented");
        Assertions.assertThat(procedure.openTasks(record)).isZero();

        procedure.supplementReceived(record.getBusinessKey());
        walk(procedure, record, decisions("approve"));

        assertThat(record).isEnded().hasPassedInOrder("Task_Reception", "Event_SupplementReceived", "Task_Reception",
                "Task_Appraisal", "Task_Approval", "Task_Issuing", "Task_Result");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void aRejectionProposalStillGoesThroughApprovalIssuingAndResult(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance record = submit(procedure, key, "0004");

        walk(procedure, record, decisions("reject"));

        assertThat(record).isEnded().hasPassed("Task_Approval", "Task_Issuing", "Task_Result");
        Assertions.assertThat(procedure.engine().getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(record.getId()).variableName("proposal").singleResult().getValue()).isEqualTo("reject");
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void theLeaderReturnsTheRecordToAppraisalThenApproves(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance record = submit(procedure, key, "0005");
        walkTo(procedure, record, "Task_Approval", "approve");

        complete(procedure, record, "Task_Approval", Map.of("approvalDecision", "return"));
        walkTo(procedure, record, "Task_Approval", "approve");
        complete(procedure, record, "Task_Approval", Map.of("approvalDecision", "approve"));

        assertThat(record).isWaitingAt("Task_Issuing")
                .hasPassedInOrder("Task_Appraisal", "Task_Approval", "Task_Appraisal", "Task_Approval");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void theApplicantWithdrawsAtReceptionOrAtApproval(String key) {
        ProcedureTestEngine procedure = engine(key);
        ProcessInstance atReception = submit(procedure, key, "0006");
        assertThat(atReception).isWaitingAt("Task_Reception");
        ProcessInstance atApproval = submit(procedure, key, "0007");
        walkTo(procedure, atApproval, "Task_Approval", "approve");

        for (ProcessInstance record : List.of(atReception, atApproval)) {
            procedure.withdrawn(record.getBusinessKey());

            assertThat(record).isEnded().hasPassed("End_Withdrawn");
            assertThat(record).hasNotPassed("Task_Issuing", "End_ResultReturned", "End_Refused");
            Assertions.assertThat(procedure.openTasks(record)).isZero();
            Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
        }
    }

    // --- walking a record as the staff would -------------------------------------------------------

    /** Submits the application form, with the values the form asks for, at the procedure's unit. */
    private static ProcessInstance submit(ProcedureTestEngine procedure, String key, String number) {
        String unit = procedure.processProperties().getOrDefault("procedure.unit", "commune-a");
        Map<String, Object> data = valuesFor(form(procedure.engine().getFormService()
                .getDeployedStartForm(procedure.processDefinitionId())), Map.of());
        ProcessInstance record = procedure.submitApplication(unit + "-20261123-" + number, unit, data);
        assertThat(record).isStarted().isWaitingAt("Task_Reception");
        return record;
    }

    /** The template's decisions on the way to the result: accepted, the specialist's proposal, approved. */
    static Map<String, Map<String, Object>> decisions(String proposal) {
        return Map.of("Task_Reception", Map.of("receptionDecision", "accept"),
                "Task_Appraisal", Map.of("proposal", proposal),
                "Task_Approval", Map.of("approvalDecision", "approve"));
    }

    /** Walks the record's open tasks, completing each as its form asks, until it waits at {@code stepId}. */
    private static void walkTo(ProcedureTestEngine procedure, ProcessInstance record, String stepId, String decisions) {
        Map<String, Map<String, Object>> choices = decisions(decisions);
        for (int i = 0; i < 20; i++) {
            Task task = openTask(procedure, record);
            if (task.getTaskDefinitionKey().equals(stepId)) {
                return;
            }
            complete(procedure, record, task.getTaskDefinitionKey(), choices.getOrDefault(task.getTaskDefinitionKey(), Map.of()));
        }
        throw new AssertionError(record.getBusinessKey() + " never reached " + stepId);
    }

    /** Walks the record's open tasks, completing each as its form asks, until the record ends. */
    private static void walk(ProcedureTestEngine procedure, ProcessInstance record,
            Map<String, Map<String, Object>> decisions) {
        for (int i = 0; i < 20; i++) {
            if (procedure.engine().getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(record.getId()).count() == 0) {
                return;
            }
            Task task = openTask(procedure, record);
            complete(procedure, record, task.getTaskDefinitionKey(),
                    decisions.getOrDefault(task.getTaskDefinitionKey(), Map.of()));
        }
        throw new AssertionError(record.getBusinessKey() + " does not end after 20 tasks");
    }

    private static Task openTask(ProcedureTestEngine procedure, ProcessInstance record) {
        List<Task> open = procedure.engine().getTaskService().createTaskQuery().processInstanceId(record.getId())
                .orderByTaskCreateTime().asc().list();
        Assertions.assertThat(open).as("open tasks of %s (waiting at %s)", record.getBusinessKey(),
                procedure.engine().getRuntimeService().getActiveActivityIds(record.getId())).isNotEmpty();
        return open.get(0);
    }

    /** Completes the open task {@code taskId} with what its form asks, {@code decisions} taking precedence. */
    private static void complete(ProcedureTestEngine procedure, ProcessInstance record, String taskId,
            Map<String, Object> decisions) {
        Task task = procedure.engine().getTaskService().createTaskQuery().processInstanceId(record.getId())
                .taskDefinitionKey(taskId).singleResult();
        Assertions.assertThat(task).as("%s waits at %s", record.getBusinessKey(), taskId).isNotNull();
        Map<String, Object> held = procedure.engine().getRuntimeService().getVariables(record.getId());
        if (ROLES.containsKey(taskId)) {
            Assertions.assertThat(procedure.candidateGroups(task)).as("who works %s", taskId)
                    .containsExactly(held.get("unit") + ":" + ROLES.get(taskId));
        }
        Map<String, Object> values = valuesFor(form(procedure.engine().getFormService().getDeployedTaskForm(task.getId())), held);
        values.putAll(decisions);
        procedure.complete(task, values);
        procedure.runLookups(record);
    }

    private static JsonNode form(InputStream form) {
        try (form) {
            return JSON.readTree(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value for every field of the form a person fills in — not the read-only ones, not the ones the
     * record already holds: a text, the first option of a choice, a ticked box, a number, a date.
     */
    static Map<String, Object> valuesFor(JsonNode form, Map<String, Object> held) {
        Map<String, Object> values = new HashMap<>();
        collect(form, held, values);
        return values;
    }

    private static void collect(JsonNode node, Map<String, Object> held, Map<String, Object> values) {
        for (JsonNode component : node.path("components")) {
            collect(component, held, values);
            String key = component.path("key").asText(null);
            if (key == null || held.containsKey(key) || component.path("disabled").asBoolean()
                    || component.path("readonly").asBoolean()) {
                continue;
            }
            Object value = switch (component.path("type").asText()) {
                case "textfield", "textarea" -> component.path("validate").path("validationType").asText().equals("email")
                        ? "mau@example.vn" : "Mẫu / sample";
                case "number" -> 1;
                case "checkbox" -> true;
                case "datetime" -> "2026-11-20";
                case "radio", "select" -> component.path("values").path(0).path("value").asText(null);
                default -> null;
            };
            if (value != null) {
                values.put(key, value);
            }
        }
    }
}
