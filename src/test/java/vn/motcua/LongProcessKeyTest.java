package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;
import vn.motcua.support.AppInstance;

/**
 * A procedure whose key is too long for Camunda's {@code key:version:uuid} definition ids (it gets
 * a bare UUID) runs through every feature that needs its model: catalogue, record, appointment
 * date, step deadlines (budgets shared from the processing time), escalation and monitoring.
 * Nothing may derive the process key from a definition id's text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongProcessKeyTest {

    static final String LONG_KEY = "commune-level-certificate-of-residence-confirmation";
    static final String CODE = "9.990001";
    static final int PROCESSING_DAYS = 3;
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Monday 2 November 2026, 08:00 in Vietnam: a working morning, no holiday near. */
    static final Instant MONDAY_MORNING = LocalDateTime.of(2026, 11, 2, 8, 0).atZone(VIETNAM).toInstant();

    @TempDir
    static Path dir;
    EmbeddedPostgres postgres;
    AppInstance node;
    Api api;

    @BeforeAll
    void start() throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        try (var shipped = Files.list(Path.of("processes"))) {
            for (Path model : shipped.toList()) {
                Files.copy(model, processes.resolve(model.getFileName()));
            }
        }
        // Birth registration under a long key, another catalogue code, 3 days and no step budgets:
        // every step's budget is its even share of the processing time.
        String model = Files.readString(Path.of("processes/birth-registration.bpmn"), StandardCharsets.UTF_8)
                .replace("id=\"birth-registration\"", "id=\"" + LONG_KEY + "\"")
                .replace("bpmnElement=\"birth-registration\"", "bpmnElement=\"" + LONG_KEY + "\"")
                .replace("value=\"1.001193\"", "value=\"" + CODE + "\"")
                .replaceFirst("(name=\"procedure.processingDays\" value=\")[^\"]*", "$1" + PROCESSING_DAYS)
                .replaceAll("\\s*<camunda:property name=\"step.budgetDays\" value=\"[^\"]*\" />", "");
        assertThat(model).contains(LONG_KEY).doesNotContain("step.budgetDays");
        Files.writeString(processes.resolve(LONG_KEY + ".bpmn"), model, StandardCharsets.UTF_8);

        postgres = EmbeddedPostgres.builder().start();
        node = AppInstance.start(postgres, processes, Path.of("forms"), "--camunda.bpm.job-execution.enabled=false");
        api = node.api();
    }

    @AfterAll
    void stop() throws IOException {
        ClockUtil.reset();
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aProcedureWithABareUuidDefinitionIdKeepsItsStatutoryDatesDeadlinesNoticesAndFigures() {
        ProcessDefinition definition = node.bean(RepositoryService.class).createProcessDefinitionQuery()
                .processDefinitionKey(LONG_KEY).latestVersion().singleResult();
        assertThat(definition.getId()).as("the premise: a bare UUID, no key in the id").doesNotContain(":");

        JsonNode catalogue = api.get(null, "/api/procedures").json();
        assertThat(catalogue.findValuesAsText("processKey")).contains(LONG_KEY);
        assertThat(catalogue.findValuesAsText("code")).contains(CODE);

        WorkingCalendar calendar = node.bean(WorkingCalendars.class).standard();
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        Api.Response submitted = api.postMultipart("portal", "/api/records", List.of(Part.json("record", """
                {"procedureCode": "%s", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678",
                               "email": "lan@example.vn", "address": "Thôn 1, xã A"},
                 "formData": {"applicantRelationship": "mother", "childFullName": "Trần Minh An",
                              "childDateOfBirth": "2026-10-20", "childSex": "male",
                              "childPlaceOfBirth": "Trạm y tế xã A",
                              "motherPersonalId": "001190012345", "fatherPersonalId": "001089023456"}}"""
                .formatted(CODE))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();

        TaskService tasks = node.bean(TaskService.class);
        Task reception = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        assertThat(reception.getDueDate().toInstant()).as("reception: a fifth of 3 working days")
                .isEqualTo(calendar.addWorkingDays(MONDAY_MORNING, PROCESSING_DAYS / 5.0));
        tasks.claim(reception.getId(), "clerk-a");
        Api.Response accepted = api.post("clerk-a", "/engine-rest/task/" + reception.getId() + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        runAsyncJobs();

        JsonNode record = api.get("clerk-a", "/api/records/" + code).json();
        assertThat(record.at("/procedure/code").asText()).isEqualTo(CODE);
        assertThat(record.at("/state/code").asInt()).isEqualTo(4);
        assertThat(Instant.parse(record.get("appointmentAt").asText()))
                .as("the appointment: acceptance plus the procedure's 3 working days")
                .isEqualTo(calendar.addWorkingDays(MONDAY_MORNING, PROCESSING_DAYS));
        assertThat(node.bean(JdbcClient.class).sql("select process_key from record where code = ?").param(code)
                .query(String.class).single()).isEqualTo(LONG_KEY);

        Task appraisal = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_Appraisal")
                .singleResult();
        Instant appraisalDue = calendar.addWorkingDays(MONDAY_MORNING, PROCESSING_DAYS / 5.0);
        assertThat(appraisal.getDueDate().toInstant()).isEqualTo(appraisalDue);

        // the appraisal goes overdue: its timer fires and the unit's leaders get a notice
        ManagementService jobs = node.bean(ManagementService.class);
        Job timer = jobs.createJobQuery().processInstanceId(appraisal.getProcessInstanceId()).timers()
                .activityId("Task_Appraisal").orderByJobDuedate().asc().list().get(0);
        assertThat(timer.getDuedate().toInstant()).isEqualTo(appraisalDue);
        ClockUtil.setCurrentTime(Date.from(appraisalDue.plusSeconds(60)));
        jobs.executeJob(timer.getId());
        runAsyncJobs();
        List<String> notified = node.bean(JdbcClient.class).sql(
                "select notified_group from escalation_notice where process_instance_id = ? order by notice_level")
                .param(appraisal.getProcessInstanceId()).query(String.class).list();
        assertThat(notified).containsExactly("commune-a:leader");
        Task notice = tasks.createTaskQuery().taskCandidateGroup("commune-a:leader")
                .taskVariableValueEquals("recordCode", code).singleResult();
        assertThat(notice).as("the leader's notice task names the record").isNotNull();

        // the monitoring centre counts it under its procedure
        JsonNode kpis = api.get("leader-a", "/api/monitor/kpis?by=procedure&period=month&date=2026-11-02").json();
        JsonNode row = null;
        for (JsonNode candidate : kpis.get("rows")) {
            if (CODE.equals(candidate.get("key").asText())) {
                row = candidate;
            }
        }
        assertThat(row).as(kpis.toString()).isNotNull();
        assertThat(row.at("/figures/received").asInt()).as(row.toString()).isEqualTo(1);
    }

    /**
     * Removing a model's file retires its procedure: out of the catalogue, no new record, while a
     * running record goes on (its lookups, tasks and deadline timers still run); the file coming
     * back brings it back. Household business registration also has a bare-UUID definition id.
     */
    @Test
    void aProcedureWhoseFileIsRemovedTakesNoNewRecordsWhileRunningOnesFinish() throws IOException {
        String household = "2.000575";
        String householdRecord = """
                {"procedureCode": "2.000575", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012346", "name": "Lê Văn Hùng", "phone": "0912345679",
                               "email": "hung@example.vn", "address": "Thôn 2, xã A"},
                 "formData": {"ownerPersonalId": "001190012346", "ownerFullName": "Lê Văn Hùng",
                              "businessName": "Tạp hóa Hùng Lan", "businessAddress": "Thôn 2, xã A",
                              "businessLines": "Bán lẻ tạp hóa / Grocery retail", "capital": 50000000}}""";
        Api.Response running = api.postMultipart("portal", "/api/records", List.of(Part.json("record", householdRecord)));
        assertThat(running.status()).as(running.body()).isEqualTo(201);
        String code = running.json().at("/record/code").asText();

        Path file = dir.resolve("processes/household-business-registration.bpmn");
        Path aside = dir.resolve("household-business-registration.bpmn");
        Files.move(file, aside);
        Api.Response reload = api.post("analyst", "/api/admin/deployments/reload", "");
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        assertThat(reload.json().get("retired").toString()).isEqualTo("[\"household-business-registration\"]");
        assertThat(api.get(null, "/api/procedures").json().findValuesAsText("code")).doesNotContain(household)
                .contains(CODE);
        assertThat(api.get(null, "/api/procedures/" + household).status()).isEqualTo(404);
        Api.Response refused = api.postMultipart("portal", "/api/records", List.of(Part.json("record", householdRecord)));
        assertThat(refused.status()).as(refused.body()).isBetween(400, 404);
        assertThat(refused.body()).contains(household);
        // a second pass retires nothing more
        assertThat(api.post("analyst", "/api/admin/deployments/reload", "").json().get("retired")).isEmpty();

        // the running record goes on: reception, its registry lookups, appraisal with its deadline timer
        TaskService tasks = node.bean(TaskService.class);
        Task reception = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        tasks.claim(reception.getId(), "clerk-a");
        Api.Response accepted = api.post("clerk-a", "/engine-rest/task/" + reception.getId() + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        runAsyncJobs(); // the fee is asked for (state 6) …
        vn.motcua.support.Payments.pay(api, code); // … and paid
        runAsyncJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_Appraisal")
                .count()).isEqualTo(1);
        assertThat(node.bean(ManagementService.class).createJobQuery().processInstanceId(reception.getProcessInstanceId())
                .timers().active().count()).as("the deadline timers run").isPositive();
        assertThat(api.get("clerk-a", "/api/records/" + code).json().at("/state/code").asInt()).isEqualTo(4);

        Files.move(aside, file);
        Api.Response back = api.post("analyst", "/api/admin/deployments/reload", "");
        assertThat(back.json().get("retired")).isEmpty();
        assertThat(api.get(null, "/api/procedures").json().findValuesAsText("code")).contains(household);
    }

    /** Runs the due asynchronous jobs (lookups, escalations) as the job executor would. */
    void runAsyncJobs() {
        ManagementService jobs = node.bean(ManagementService.class);
        for (int round = 0; round < 20; round++) {
            List<Job> due = jobs.createJobQuery().messages().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> jobs.executeJob(job.getId()));
        }
        throw new AssertionError("asynchronous jobs keep coming");
    }
}
