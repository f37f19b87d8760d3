package vn.motcua.procedure;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Đăng ký khai sinh: every path through {@code processes/birth-registration.bpmn}. */
class BirthRegistrationProcessTest {

    static final String KEY = "birth-registration";
    /** Sample budget of every step: 1 working day split in five. */
    static final double STEP_BUDGET = 0.2;
    static final List<String> STEPS = List.of("Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing", "Task_Result");

    static final ProcedureTestEngine procedure = ProcedureTestEngine.deploy(KEY);

    @RegisterExtension
    static final ProcessEngineExtension extension = procedure.extension();

    @BeforeEach
    void initAssertions() {
        procedure.initAssertions();
    }

    @AfterAll
    static void closeEngine() {
        procedure.close();
    }

    static Map<String, Object> application() {
        return Map.of(
                "applicantName", "Nguyễn Thị Lan",
                "applicantPersonalId", "001190012345",
                "applicantPhone", "0912345678",
                "applicantEmail", "lan.nguyen@example.vn",
                "applicantRelationship", "mother",
                "childFullName", "Trần Minh An",
                "childDateOfBirth", "2026-11-20",
                "childSex", "male",
                "motherFullName", "Nguyễn Thị Lan",
                "motherPersonalId", "001190012345");
    }

    ProcessInstance submit(String businessKey, String unit) {
        ProcessInstance record = procedure.submitApplication(businessKey, unit, application());
        assertThat(record).isStarted().hasBusinessKey(businessKey).hasProcessDefinitionKey(KEY);
        return record;
    }

    void reception(ProcessInstance record, String unit, String decision, Map<String, Object> more) {
        Task task = procedure.assertStep(record, "Task_Reception", unit + ":clerk", STEP_BUDGET, KEY + "-reception");
        Map<String, Object> variables = new HashMap<>(more);
        variables.putAll(withVariables("receptionDecision", decision, "receivedBirthCertificate", true,
                "documentsDigitised", true));
        complete(task, variables);
        if (decision.equals("accept")) {
            procedure.runLookups(record);
        }
    }

    void appraisal(ProcessInstance record, String unit, String proposal) {
        Task task = procedure.assertStep(record, "Task_Appraisal", unit + ":specialist", STEP_BUDGET, KEY + "-appraisal");
        complete(task, withVariables("proposal", proposal, "appraisalNotes", "Đủ điều kiện / eligible",
                "populationDataChecked", true));
    }

    void approval(ProcessInstance record, String unit, String decision) {
        Task task = procedure.assertStep(record, "Task_Approval", unit + ":leader", STEP_BUDGET, "approval");
        complete(task, withVariables("approvalDecision", decision, "approvalNotes", "—"));
    }

    void issuing(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Issuing", unit + ":records", STEP_BUDGET, "issuing");
        complete(task, withVariables("documentNumber", "123/GCNKS", "issuedOn", "2026-11-23"));
    }

    void result(ProcessInstance record, String unit) {
        Task task = procedure.assertStep(record, "Task_Result", unit + ":clerk", STEP_BUDGET, "result");
        complete(task, withVariables("deliveryChannel", "portal", "resultDelivered", true));
    }

    /** Walks an accepted record (the clock standing still) up to the step, which is then open. */
    void walkTo(ProcessInstance record, String unit, String taskId) {
        for (String step : STEPS.subList(0, STEPS.indexOf(taskId))) {
            switch (step) {
                case "Task_Reception" -> reception(record, unit, "accept", Map.of());
                case "Task_Appraisal" -> appraisal(record, unit, "approve");
                case "Task_Approval" -> approval(record, unit, "approve");
                case "Task_Issuing" -> issuing(record, unit);
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    /** What completes a step on the happy path. */
    static Map<String, Object> happyPath(String taskId) {
        return switch (taskId) {
            case "Task_Reception" -> Map.of("receptionDecision", "accept", "receivedBirthCertificate", true);
            case "Task_Appraisal" -> Map.of("proposal", "approve", "populationDataChecked", true);
            case "Task_Approval" -> Map.of("approvalDecision", "approve");
            case "Task_Issuing" -> Map.of("documentNumber", "123/GCNKS", "issuedOn", "2026-11-24");
            case "Task_Result" -> Map.of("deliveryChannel", "portal", "resultDelivered", true);
            default -> throw new IllegalArgumentException(taskId);
        };
    }

    /** Accepts the application at reception, which runs the registry lookups against the sandbox. */
    ProcessInstance acceptedWith(String code, Map<String, Object> changes) {
        Map<String, Object> data = new HashMap<>(application());
        data.putAll(changes);
        data.values().removeIf(java.util.Objects::isNull);
        ProcessInstance record = procedure.submitApplication(code, "commune-a", data);
        reception(record, "commune-a", "accept", Map.of());
        return record;
    }

    @Test
    void theRegistriesFillInTheParentsAndTheResidenceBeforeAppraisal() {
        Map<String, Object> onlyIds = new HashMap<>();
        onlyIds.put("motherFullName", null);
        onlyIds.put("fatherPersonalId", "001089023456");
        ProcessInstance record = acceptedWith("commune-a-20261123-0200", onlyIds);

        assertThat(record).isWaitingAtExactly("Task_Appraisal")
                .hasPassedInOrder("Task_Reception", "Lookup_Mother", "Lookup_Father", "Lookup_Residence");
        assertThat(record).variables()
                .containsEntry("motherFullName", "Nguyễn Thị Lan").containsEntry("motherDateOfBirth", "1990-03-15")
                .containsEntry("motherSex", "female").containsEntry("motherDeceased", false)
                .containsEntry("fatherFullName", "Trần Văn Minh").containsEntry("fatherDateOfBirth", "1989-07-02")
                .containsEntry("householdAddress", "Thôn 3, xã A, tỉnh Demo")
                .containsEntry("registryMismatches", "Không có sai lệch / No differences")
                .doesNotContainKeys("motherFullNameDeclared", "motherNotFound", "fatherNotFound");
        Assertions.assertThat((String) procedure.variable(record, "registrySources"))
                .contains("motherFullName = Nguyễn Thị Lan — CSDLQG về dân cư / National population database")
                .contains("personalId=001190012345, request ")
                .contains("householdAddress = Thôn 3, xã A, tỉnh Demo — CSDL về cư trú");
        Assertions.assertThat((String) procedure.variable(record, "householdMembers"))
                .contains("Nguyễn Thị Lan (001190012345", "Trần Văn Minh (001089023456");
    }

    @Test
    void aDeclarationThatDiffersFromTheRegistryIsKeptBesideItAndShownToTheSpecialist() {
        ProcessInstance record = acceptedWith("commune-a-20261123-0201", Map.of("motherFullName", "Nguyễn Thị Lan Anh"));

        assertThat(record).isWaitingAtExactly("Task_Appraisal");
        assertThat(record).variables().containsEntry("motherFullName", "Nguyễn Thị Lan")
                .containsEntry("motherFullNameDeclared", "Nguyễn Thị Lan Anh");
        Assertions.assertThat((String) procedure.variable(record, "registryMismatches"))
                .isEqualTo("motherFullName: kê khai / declared 'Nguyễn Thị Lan Anh' ≠ CSDLQG về dân cư / "
                        + "National population database 'Nguyễn Thị Lan'");
    }

    @Test
    void aParentTheRegistryDoesNotKnowTakesTheNotFoundBranchToAppraisal() {
        ProcessInstance record = acceptedWith("commune-a-20261123-0202", Map.of("motherPersonalId", "099999999999"));

        assertThat(record).isWaitingAtExactly("Task_Appraisal")
                .hasPassed("Error_Lookup_Mother_NotFound", "Error_Lookup_Residence_NotFound")
                .hasNotPassed("Error_Lookup_Father_NotFound");
        Assertions.assertThat((String) procedure.variable(record, "motherNotFound"))
                .contains("population registry has no entry");
        assertThat(record).variables().containsEntry("motherFullName", "Nguyễn Thị Lan")
                .doesNotContainKeys("motherDateOfBirth", "householdAddress");
        Assertions.assertThat(procedure.incidents(record)).as("not found is no incident").isEmpty();
    }

    @Test
    void noFatherDeclaredSkipsHisLookup() {
        ProcessInstance record = acceptedWith("commune-a-20261123-0203", Map.of());

        assertThat(record).isWaitingAtExactly("Task_Appraisal").hasPassed("Lookup_Father")
                .hasNotPassed("Error_Lookup_Father_NotFound");
        assertThat(record).variables().doesNotContainKeys("fatherFullName", "fatherNotFound");
    }

    @Test
    void everyStepHasItsBudgetInTheModelAndTheyAddUpToTheProcessingTime() {
        double total = 0;
        for (String taskId : STEPS) {
            Assertions.assertThat(procedure.budgetOf(taskId)).as("step.budgetDays of %s", taskId).isEqualTo(STEP_BUDGET);
            total += procedure.budgetOf(taskId);
        }
        Assertions.assertThat(total).isCloseTo(Double.parseDouble(procedure.processProperties().get("procedure.processingDays")),
                Assertions.within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing", "Task_Result"})
    void everyStepEscalatesToItsLeadersThenTheNextLevelWhenOverdueAndStaysCompletable(String taskId) {
        ProcessInstance record = submit("commune-a-20261123-0100", "commune-a");
        walkTo(record, "commune-a", taskId);

        Task task = procedure.assertEscalatesWhenOverdue(record, taskId);

        // The notices interrupt nothing: the late step is still worked and completed as usual, and the record goes on.
        complete(task, happyPath(taskId));
        procedure.runLookups(record); // after reception
        procedure.assertCompletedNotCancelled(record, taskId);
        Assertions.assertThat(procedure.escalationTimers(record, taskId)).as("the step's timers went with it").isEmpty();
        if (taskId.equals("Task_Result")) {
            assertThat(record).isEnded().hasPassed("End_ResultReturned");
        } else {
            String next = STEPS.get(STEPS.indexOf(taskId) + 1);
            assertThat(record).isWaitingAtExactly(next);
            Assertions.assertThat(task(next, record).getDueDate())
                    .isEqualTo(procedure.dueAfterWorkingDays(STEP_BUDGET)); // a fresh deadline from now
        }
        Assertions.assertThat(procedure.escalation().calls()).hasSize(2);
    }

    @Test
    void receptionOverdueNotifiesTheLeadersOnceAtItsDeadlineThenTheNextLevelAWorkingDayLater() {
        ProcessInstance record = submit("commune-a-20261123-0101", "commune-a");
        Task task = procedure.assertStep(record, "Task_Reception", "commune-a:clerk", STEP_BUDGET, KEY + "-reception");
        Instant deadline = ZonedDateTime.of(2026, 11, 23, 10, 36, 0, 0, ProcedureTestEngine.VIETNAM).toInstant();
        Assertions.assertThat(task.getDueDate().toInstant()).isEqualTo(deadline);

        List<Job> timers = procedure.escalationTimers(record, "Task_Reception");
        ProcedureTestEngine.setClock(deadline.plusSeconds(60));
        execute(timers.get(0));

        Assertions.assertThat(procedure.escalation().calls()).singleElement().satisfies(call -> {
            Assertions.assertThat(call.step()).isEqualTo("Task_Reception");
            Assertions.assertThat(call.taskId()).isEqualTo(task.getId());
            Assertions.assertThat(call.level()).isEqualTo(1);
        });
        // Level 2 is due one working day after the deadline: Tuesday 10:36.
        Job nextLevel = timers.get(1);
        Assertions.assertThat(nextLevel.getDuedate().toInstant())
                .isEqualTo(ZonedDateTime.of(2026, 11, 24, 10, 36, 0, 0, ProcedureTestEngine.VIETNAM).toInstant());

        // The clerk finishes the late reception meanwhile: the record goes on, and the next level's timer goes
        // with the task, so the next level up is never told of a step already done.
        complete(task, withVariables("receptionDecision", "accept", "receivedBirthCertificate", true));
        procedure.runLookups(record);
        assertThat(record).isWaitingAtExactly("Task_Appraisal");
        procedure.assertCompletedNotCancelled(record, "Task_Reception");
        Assertions.assertThat(procedure.escalationTimers(record, "Task_Reception")).isEmpty();

        ProcedureTestEngine.setClock(nextLevel.getDuedate().toInstant().plusSeconds(1));
        Assertions.assertThat(procedure.dueJobs(record)).extracting(Job::getId).doesNotContain(nextLevel.getId());
        Assertions.assertThat(procedure.escalation().calls()).extracting(c -> c.level()).containsExactly(1);
    }

    @Test
    void stepCompletedBeforeItsDeadlineLeavesNoEscalation() {
        ProcessInstance record = submit("commune-a-20261123-0102", "commune-a");
        Task reception = procedure.assertStep(record, "Task_Reception", "commune-a:clerk", STEP_BUDGET, KEY + "-reception");
        Instant deadline = reception.getDueDate().toInstant();

        ProcedureTestEngine.setClock(deadline.minusSeconds(6 * 60)); // 10:30, six minutes early
        complete(reception, withVariables("receptionDecision", "accept", "receivedBirthCertificate", true));
        procedure.runLookups(record);
        Assertions.assertThat(procedure.escalationTimers(record, "Task_Reception")).as("the step's timers went with it").isEmpty();

        // Past reception's deadline: nothing is due; appraisal has its own, later deadline from 10:30.
        ProcedureTestEngine.setClock(deadline.plusSeconds(60));
        Assertions.assertThat(procedure.dueJobs(record)).isEmpty();
        Task appraisal = task("Task_Appraisal", record);
        Assertions.assertThat(appraisal.getDueDate().toInstant()) // 10:30 + 1 h 36 min, over the lunch break
                .isEqualTo(ZonedDateTime.of(2026, 11, 23, 13, 36, 0, 0, ProcedureTestEngine.VIETNAM).toInstant());
        Assertions.assertThat(procedure.escalationTimers(record, "Task_Appraisal").get(0).getDuedate())
                .isEqualTo(appraisal.getDueDate());

        for (String taskId : STEPS.subList(1, STEPS.size())) {
            complete(task(taskId, record), happyPath(taskId));
        }

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.activitiesOfType(record, "serviceTask")).as("the drawn work, no escalation")
                .containsExactly("Service_Receipt", "Lookup_Mother", "Lookup_Father", "Lookup_Residence",
                        "Service_DraftResult", "Service_Seal");
        Assertions.assertThat(procedure.escalation().calls()).isEmpty();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void firstStepIsDueTheSameDayAtTheStepBudget() {
        ProcessInstance record = submit("commune-a-20261123-0002", "commune-a");

        Task task = procedure.assertStep(record, "Task_Reception", "commune-a:clerk", STEP_BUDGET, KEY + "-reception");

        // Monday 09:00 + 0.2 working day (of 8 office hours: 1 h 36 min) = Monday 10:36 in Vietnam; yellow
        // 20 % of the budget (19 min 12 s) earlier, at 10:16:48.
        Assertions.assertThat(task.getDueDate().toInstant())
                .isEqualTo(java.time.ZonedDateTime.of(2026, 11, 23, 10, 36, 0, 0, ProcedureTestEngine.VIETNAM).toInstant());
        Assertions.assertThat(task.getFollowUpDate().toInstant())
                .isEqualTo(java.time.ZonedDateTime.of(2026, 11, 23, 10, 16, 48, 0, ProcedureTestEngine.VIETNAM).toInstant());
        assertThat(record).variables().containsEntry("unit", "commune-a").containsEntry("childFullName", "Trần Minh An");
    }

    @Test
    void recordOfAnotherCommuneGoesToThatCommunesGroups() {
        ProcessInstance record = submit("commune-b-20261123-0001", "commune-b");

        reception(record, "commune-b", "accept", Map.of());
        appraisal(record, "commune-b", "approve");
        approval(record, "commune-b", "approve");
        issuing(record, "commune-b");
        result(record, "commune-b");

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_ResultReturned");
    }

    @Test
    void declaresItsRequiredDocumentsAndIsFullyOnline() {
        Assertions.assertThat(procedure.processProperties())
                .containsEntry("procedure.code", "1.001193")
                .containsEntry("procedure.fullyOnline", "true")
                .containsEntry("procedure.document.1", "Tờ khai đăng ký khai sinh / Birth registration declaration")
                .containsEntry("procedure.document.2", "Giấy chứng sinh / Birth certificate from the hospital")
                .containsEntry("procedure.document.3",
                        "Giấy chứng nhận kết hôn của cha mẹ / Parents' marriage certificate|optional")
                .containsKey("procedure.document.4")
                .doesNotContainKey("procedure.document.5");
    }

    @Test
    void applicantWithdrawsWhileReceptionWaitsForTheSupplement() {
        String businessKey = "commune-a-20261123-0009";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "supplement", Map.of("missingDocuments", "Giấy chứng sinh / birth certificate"));
        assertThat(record).isWaitingAt("Event_SupplementReceived");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("withdrawn");
    }

    @Test
    void stoppedProcessingWaitsUntilResumedThenGoesBackToAppraisal() {
        String businessKey = "commune-a-20261123-0010";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());

        Task task = procedure.assertStep(record, "Task_Appraisal", "commune-a:specialist", STEP_BUDGET, KEY + "-appraisal");
        complete(task, withVariables("proposal", "stop",
                "stopReasons", "Chờ xác minh nơi sinh / waiting for the place of birth to be verified"));

        assertThat(record).isWaitingAt("Event_ProcessingResumed").isWaitingFor("RecordResumed");
        Assertions.assertThat(procedure.openTasks(record)).as("open tasks while processing is stopped").isZero();

        procedure.resumed(businessKey);

        appraisal(record, "commune-a", "approve");
        approval(record, "commune-a", "approve");
        issuing(record, "commune-a");
        result(record, "commune-a");

        assertThat(record).isEnded().hasPassedInOrder("Task_Appraisal", "Gateway_StopProcessing",
                "Event_ProcessingResumed", "Task_Appraisal", "Task_Approval", "End_ResultReturned");
        assertThat(record).variables().containsEntry("proposal", "approve");
        Assertions.assertThat(procedure.outcomeOf(record)).isEqualTo("success");
    }

    @Test
    void applicantMayWithdrawWhileProcessingIsStopped() {
        String businessKey = "commune-a-20261123-0011";
        ProcessInstance record = submit(businessKey, "commune-a");
        reception(record, "commune-a", "accept", Map.of());
        appraisal(record, "commune-a", "stop");
        assertThat(record).isWaitingAt("Event_ProcessingResumed");

        procedure.withdrawn(businessKey);

        assertThat(record).isEnded();
        Assertions.assertThat(procedure.endEventOf(record)).isEqualTo("End_Withdrawn");
    }

    /** Completes the task as its user would (and runs the seal's job after issuing, as the job executor would). */
    private void complete(Task task, Map<String, Object> variables) {
        procedure.complete(task, variables);
    }
}
