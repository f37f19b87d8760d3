package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.support.Applications;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;

/**
 * Deadlines on the real engine of the app (demo profile; on H2 and on PostgreSQL in the
 * subclasses), records worked over the public API
 * and the engine's REST API, the engine's clock set by the test: the paused clock moving open
 * deadlines ({@link Deadlines#shift}) and the colour sweep ({@link TaskColours#sweep}). The job
 * executor is off and the periodic sweep waits a day, so that nothing runs but what the test runs
 * (registry lookups and timers as the job executor would, the sweep as its schedule would).
 *
 * <p>Birth registration takes 1 working day, 0.2 (1 h 36 min) per step; office hours are 07:30–11:30
 * and 13:00–17:00 in Vietnam.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeadlinesOnTheEngineTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Settings of the app under test: no job executor, the periodic sweep a day away. */
    static final String[] SETTINGS = {"--camunda.bpm.job-execution.enabled=false",
            "--motcua.deadlines.colour-sweep-interval=P1D"};

    AppInstance app;
    Api api;
    TaskService taskService;
    RuntimeService runtimeService;
    ManagementService managementService;
    Deadlines deadlines;
    TaskColours colours;

    /** Starts the app (demo profile) with these settings, on the database of the subclass. */
    abstract AppInstance startApp(String... settings);

    @BeforeAll
    void start() {
        app = startApp(SETTINGS);
        api = app.api();
        taskService = app.bean(TaskService.class);
        runtimeService = app.bean(RuntimeService.class);
        managementService = app.bean(ManagementService.class);
        deadlines = app.bean(Deadlines.class);
        colours = app.bean(TaskColours.class);
    }

    /** Stops the subclass's database, after the app. */
    void stopDatabase() throws IOException {
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    /**
     * Processing stopped at appraisal (state 8) pauses the clock from Monday 11:00 to Wednesday
     * 15:00: 4 h 30 min on Monday, 8 h on Tuesday, 6 h on Wednesday, 18 h 30 min of working time.
     * What is open in the record's process meanwhile — the appraisal's next-level escalation timer,
     * and a result step an administrator started in Cockpit (instance modification), with its task's
     * due and follow-up dates and its overdue timer — moves by exactly that when the specialist
     * resumes; so does the appointment date. The appraisal that starts again on resumption gets its
     * own fresh deadline, not moved a second time.
     */
    @Test
    void resumingAfterAStopMovesOpenDeadlinesAndTimersByTheWorkingTimePaused() {
        setClock(at(23, 9, 0)); // Monday 23 November 2026
        String code = submit(api, "commune-a", "001190012345");
        work(api, "clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        String instance = processInstance(code);
        runLookups(instance);
        Instant appointment = Instant.parse(record(api, code).get("appointmentAt").asText());
        assertThat(appointment).as("1 working day after acceptance").isEqualTo(at(24, 9, 0));

        // Appraisal goes overdue at 10:36; at 11:00 its leaders are notified and the next level waits.
        setClock(at(23, 11, 0));
        managementService.executeJob(escalationTimers(instance, "Task_Appraisal").get(0).getId());
        assertThat(escalationTimers(instance, "Task_Appraisal")).singleElement().extracting(Job::getDuedate)
                .as("the next level, 1 working day after the deadline").isEqualTo(Date.from(at(24, 10, 36)));

        work(api, "specialist-a", code, "Task_Appraisal",
                "{\"proposal\": {\"value\": \"stop\"}, \"stopReasons\": {\"value\": \"Chờ xác minh\"}}");
        assertThat(record(api, code).at("/state/code").asInt()).isEqualTo(8);
        assertThat(escalationTimers(instance, "Task_Appraisal")).as("the step's timers went with it").isEmpty();
        runtimeService.createProcessInstanceModification(instance).startBeforeActivity("Task_Result").execute();
        Task result = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Result")
                .singleResult();
        Instant resultDue = result.getDueDate().toInstant();
        Instant resultFollowUp = result.getFollowUpDate().toInstant();
        List<Job> resultTimers = escalationTimers(instance, "Task_Result");
        Instant resultTimer = resultTimers.get(0).getDuedate().toInstant();
        Instant resultNextLevel = resultTimers.get(1).getDuedate().toInstant();
        assertThat(resultDue).as("11:00 + 1 h 36 min, over the lunch break").isEqualTo(at(23, 14, 6));
        assertThat(resultTimer).isEqualTo(resultDue);
        assertThat(resultFollowUp).as("under 20 %% of the budget left").isEqualTo(at(23, 13, 46).plusSeconds(48));

        setClock(at(25, 15, 0)); // Wednesday
        Api.Response resumed = api.post("specialist-a", "/api/records/" + code + "/resumption", "");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().at("/state/code").asInt()).isEqualTo(4);

        Duration paused = Duration.ofHours(18).plusMinutes(30);
        WorkingCalendar calendar = deadlines.calendar();
        assertThat(calendar.workingTimeBetween(at(23, 11, 0), at(25, 15, 0))).isEqualTo(paused);
        Task moved = taskService.createTaskQuery().taskId(result.getId()).singleResult();
        assertMovedBy(paused, "the result task's due date", resultDue, moved.getDueDate().toInstant());
        assertMovedBy(paused, "its follow-up date", resultFollowUp, moved.getFollowUpDate().toInstant());
        List<Job> movedTimers = escalationTimers(instance, "Task_Result");
        assertMovedBy(paused, "its overdue timer", resultTimer, movedTimers.get(0).getDuedate().toInstant());
        assertMovedBy(paused, "its next-level timer", resultNextLevel, movedTimers.get(1).getDuedate().toInstant());
        assertMovedBy(paused, "the appointment date", appointment,
                Instant.parse(resumed.json().get("appointmentAt").asText()));
        assertThat(resumed.json().get("history")).anySatisfy(change ->
                assertThat(change.path("note").asText()).contains("clock resumed after 18.5 working hours paused"));

        Task appraisal = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Appraisal")
                .singleResult();
        Instant fresh = calendar.addWorkingDays(at(25, 15, 0), 0.2);
        assertThat(appraisal.getDueDate().toInstant()).as("the new appraisal's own deadline, not moved again")
                .isEqualTo(fresh).isEqualTo(at(25, 16, 36));
        assertThat(escalationTimers(instance, "Task_Appraisal").get(0).getDuedate().toInstant()).isEqualTo(fresh);
    }

    /**
     * Two reception tasks of commune B, started 40 minutes apart: the sweep paints each yellow past
     * its follow-up date (under 20 % of its 0.2-day budget left, 09:16:48 for the first) and red
     * past its due date (09:36), each in its own time, and nothing before the sweep runs.
     */
    @Test
    void theSweepTurnsTasksYellowThenRedAsTheirDeadlinesPass() {
        setClock(at(30, 8, 0)); // Monday 30 November 2026
        String first = submit(api, "commune-b", "001190012360");
        setClock(at(30, 8, 40));
        String second = submit(api, "commune-b", "001190012361");
        Task firstTask = receptionOf(first);
        Task secondTask = receptionOf(second);
        assertThat(firstTask.getFollowUpDate().toInstant()).isEqualTo(at(30, 9, 16).plusSeconds(48));
        assertThat(firstTask.getDueDate().toInstant()).isEqualTo(at(30, 9, 36));
        assertThat(colourOf(firstTask)).isEqualTo("green");
        assertThat(colourOf(secondTask)).isEqualTo("green");

        setClock(at(30, 9, 0));
        colours.sweep();
        assertThat(colourOf(firstTask)).as("16 minutes before its follow-up date").isEqualTo("green");

        setClock(at(30, 9, 20));
        assertThat(colourOf(firstTask)).as("not before the sweep").isEqualTo("green");
        colours.sweep();
        assertThat(colourOf(firstTask)).isEqualTo("yellow");
        assertThat(colourOf(secondTask)).as("due at 10:16").isEqualTo("green");

        setClock(at(30, 9, 40));
        colours.sweep();
        assertThat(colourOf(firstTask)).isEqualTo("red");
        assertThat(colourOf(secondTask)).isEqualTo("green");

        setClock(at(30, 10, 0));
        colours.sweep();
        assertThat(colourOf(firstTask)).isEqualTo("red");
        assertThat(colourOf(secondTask)).as("past 09:56:48").isEqualTo("yellow");

        setClock(at(30, 10, 20));
        colours.sweep();
        colours.sweep(); // sweeping again changes nothing
        assertThat(colourOf(firstTask)).isEqualTo("red");
        assertThat(colourOf(secondTask)).isEqualTo("red");
        assertThat(record(api, second).get("colour").asText()).as("the record is as red as its step").isEqualTo("red");
    }

    // --- helpers ---------------------------------------------------------------------------------

    static Instant at(int dayOfNovember2026, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, dayOfNovember2026, hour, minute, 0, 0, VIETNAM).toInstant();
    }

    static void setClock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** {@code after} is {@code before} moved by exactly {@code paused} of working time, by the product's calendar. */
    void assertMovedBy(Duration paused, String what, Instant before, Instant after) {
        WorkingCalendar calendar = deadlines.calendar();
        assertThat(after).as("%s: %s moved by %s of working time", what, before, paused)
                .isEqualTo(calendar.addWorkingTime(before, paused));
        assertThat(calendar.workingTimeBetween(before, after)).as(what).isEqualTo(paused);
    }

    static String submit(Api api, String unit, String personalId) {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration(unit, 2, personalId, "Trần Minh An"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    static JsonNode record(Api api, String code) {
        Api.Response record = api.get("portal", "/api/records/" + code);
        assertThat(record.status()).as(record.body()).isEqualTo(200);
        return record.json();
    }

    static void work(Api api, String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }

    String processInstance(String code) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
    }

    Task receptionOf(String code) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_Reception")
                .singleResult();
    }

    String colourOf(Task task) {
        return (String) taskService.getVariableLocal(task.getId(), TaskColours.VARIABLE);
    }

    Job job(String instance, String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult();
        assertThat(job).as("a job at %s", activityId).isNotNull();
        return job;
    }

    /** The step's escalation timers (its timeout listeners'), earliest first. */
    List<Job> escalationTimers(String instance, String taskId) {
        return managementService.createJobQuery().processInstanceId(instance).activityId(taskId).timers()
                .orderByJobDuedate().asc().list();
    }

    /** Runs the registry lookups (asynchronous jobs) as the job executor would, until appraisal is reached. */
    void runLookups(String instance) {
        for (int i = 0; i < 20; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instance).messages().list();
            if (due.isEmpty()) {
                break;
            }
            due.forEach(j -> managementService.executeJob(j.getId()));
        }
        assertThat(taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Appraisal")
                .count()).as("the lookups done, appraisal is open").isEqualTo(1);
    }
}
