package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Running the clock again after a pause moves the appointment and the record's open deadlines — its
 * task's due and follow-up dates and the timer that escalates it — by the working time paused, on a
 * real engine and the national office calendar.
 */
class StatutoryClockTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static ProcessEngine engine;

    static Instant vietnam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    @BeforeAll
    static void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("statutory-clock-test");
        configuration.setJdbcUrl("jdbc:h2:mem:statutory-clock-test;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        engine = configuration.buildProcessEngine();
        BpmnModelInstance model = Bpmn.createExecutableProcess("paused").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Appraisal")
                .camundaDueDate("${dueDate}").camundaFollowUpDate("${followUp}")
                .camundaTaskListenerExpressionTimeoutWithDate("Escalate_Appraisal_Leaders", "${true}", "${dueDate}")
                .endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("paused.bpmn", model).deploy();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void resumingMovesTheAppointmentAndEveryOpenDeadlineByTheWorkingTimePaused() {
        // stopped on Monday at 09:00, resumed on Tuesday at 10:00: 9 working hours paused (office hours
        // 07:30–11:30 and 13:00–17:00: 2.5 + 4 on Monday, 2.5 on Tuesday)
        Instant pausedAt = vietnam("2026-11-23T09:00");
        ClockUtil.setCurrentTime(Date.from(pausedAt));
        ProcessInstance record = engine.getRuntimeService().startProcessInstanceByKey("paused",
                java.util.Map.of("dueDate", Date.from(vietnam("2026-11-25T15:00")),
                        "followUp", Date.from(vietnam("2026-11-25T10:00"))));
        Instant now = vietnam("2026-11-24T10:00");
        ClockUtil.setCurrentTime(Date.from(now));
        Deadlines deadlines = new Deadlines(DeadlinesTest.OFFICE, () -> now);
        StatutoryClock clock = new StatutoryClock(deadlines, engine.getTaskService(), engine.getManagementService());

        StatutoryClock.Resumption resumed = clock.resume(record.getId(), pausedAt, vietnam("2026-11-26T15:00"));

        assertThat(resumed.paused()).isEqualTo(Duration.ofHours(9));
        assertThat(resumed.pausedHours()).isEqualTo("9.0 working hours");
        assertThat(resumed.appointment()).isEqualTo(vietnam("2026-11-27T16:00")); // Thursday 15:00: 2 h, Friday 4 h + 3 h
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(record.getId()).singleResult();
        assertThat(task.getDueDate().toInstant()).isEqualTo(vietnam("2026-11-26T16:00"));
        assertThat(task.getFollowUpDate().toInstant()).isEqualTo(vietnam("2026-11-26T11:00"));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(record.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).as("the escalation timer moves with the task")
                .isEqualTo(vietnam("2026-11-26T16:00"));
    }

    @Test
    void aRecordWhoseProcessHasEndedOnlyMovesItsAppointment() {
        Instant pausedAt = vietnam("2026-11-23T09:00");
        Instant now = vietnam("2026-11-23T11:00");
        StatutoryClock clock = new StatutoryClock(new Deadlines(DeadlinesTest.OFFICE, () -> now),
                engine.getTaskService(), engine.getManagementService());

        StatutoryClock.Resumption resumed = clock.resume(null, pausedAt, vietnam("2026-11-26T16:00"));

        assertThat(resumed.paused()).isEqualTo(Duration.ofHours(2));
        assertThat(resumed.appointment()).isEqualTo(vietnam("2026-11-27T08:30")); // 1 h on Thursday, 1 h on Friday
        assertThat(clock.resume(null, pausedAt, null).appointment()).as("no appointment, none moved").isNull();
    }
}
