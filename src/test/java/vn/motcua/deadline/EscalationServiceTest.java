package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.deadline.EscalationTestModel.MONDAY_MORNING;
import static vn.motcua.deadline.EscalationTestModel.STEP;
import static vn.motcua.deadline.EscalationTestModel.notices;
import static vn.motcua.deadline.EscalationTestModel.outboxRecipients;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.deadline.EscalationTestModel.NoticeRow;

/**
 * The decisions of {@link EscalationService}: which group each level notifies, and when nothing
 * is sent. Runs against the app with the demo organisation (the notified groups are looked up).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:escalation;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "motcua.notices.mail-poll-interval=PT1H",
})
@ActiveProfiles("demo")
class EscalationServiceTest {

    static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    EscalationService escalationService;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void deploy() {
        EscalationTestModel.deploy(repositoryService);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** A record of the unit whose step was due at 10:00 and is looked at 11:00. */
    String overdue(String unit) {
        String code = unit + "-20300304-" + SEQUENCE.incrementAndGet();
        String pid = EscalationTestModel.start(runtimeService, code, unit, MONDAY_MORNING,
                MONDAY_MORNING.plus(Duration.ofHours(2)));
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plus(Duration.ofHours(3))));
        return pid;
    }

    @Test
    void level1NotifiesTheLeadersOfTheStepsUnit() {
        String pid = overdue("commune-a");
        List<EscalationNotice> made = escalationService.escalate(pid, STEP, 1);
        assertThat(made).singleElement().satisfies(notice -> {
            assertThat(notice.notifiedGroup()).isEqualTo("commune-a:leader");
            assertThat(notice.unit()).isEqualTo("commune-a");
            assertThat(notice.recipients()).containsExactly("leader-a@demo.motcua.vn");
            assertThat(notice.overdue()).isEqualTo(Duration.ofHours(1));
            assertThat(notice.procedureName()).isEqualTo("Thủ tục thử / Test procedure");
            assertThat(notice.stepName()).isEqualTo("Thẩm định / Appraisal");
        });
        assertThat(taskService.getIdentityLinksForTask(made.get(0).noticeTaskId()))
                .extracting(link -> link.getGroupId()).containsExactly("commune-a:leader");
    }

    @Test
    void theNoticeNamesTheStepsHolderByNameNotByLogin() {
        String pid = overdue("commune-a");
        String step = taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey(STEP).singleResult().getId();
        taskService.setAssignee(step, "specialist-a");
        EscalationNotice notice = escalationService.escalate(pid, STEP, 1).get(0);
        assertThat(notice.assignee()).as("kept as the login for the record").isEqualTo("specialist-a");
        String description = taskService.createTaskQuery().taskId(notice.noticeTaskId()).singleResult().getDescription();
        assertThat(description).contains("Trần Văn Nam").doesNotContain("specialist-a");
    }

    @Test
    void level2OfACommuneNotifiesTheProvincesLeaders() {
        String pid = overdue("commune-b");
        assertThat(escalationService.escalate(pid, STEP, 2)).singleElement()
                .satisfies(notice -> assertThat(notice.notifiedGroup()).isEqualTo("province:leader"));
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-p@demo.motcua.vn");
    }

    @Test
    void theProvincesOwnStepGoesToItsLeadersThenToTheAdministrators() {
        String pid = overdue("province");
        assertThat(escalationService.escalate(pid, STEP, 1)).extracting(EscalationNotice::notifiedGroup)
                .containsExactly("province:leader");
        assertThat(escalationService.escalate(pid, STEP, 2)).extracting(EscalationNotice::notifiedGroup)
                .containsExactly("camunda-admin");
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-p@demo.motcua.vn", "admin@demo.motcua.vn");
    }

    @Test
    void aUnitWithoutALeadersGroupIsReportedToTheAdministrators() {
        String pid = overdue("commune-z");
        assertThat(escalationService.escalate(pid, STEP, 1)).extracting(EscalationNotice::notifiedGroup)
                .containsExactly("camunda-admin");
    }

    @Test
    void aStepNoLongerOpenIsNotNotified() {
        String pid = overdue("commune-a");
        taskService.complete(taskService.createTaskQuery().processInstanceId(pid).singleResult().getId());
        assertThat(escalationService.escalate(pid, STEP, 1)).isEmpty();
        assertThat(notices(jdbc, pid)).isEmpty();
    }

    @Test
    void aStepNotYetOverdueIsNotNotified() {
        String pid = overdue("commune-a");
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING.plus(Duration.ofMinutes(30))));
        assertThat(escalationService.escalate(pid, STEP, 1)).isEmpty();
        assertThat(notices(jdbc, pid)).isEmpty();
    }

    @Test
    void aSecondNoticeOfTheSameLevelIsNotSent() {
        String pid = overdue("commune-a");
        assertThat(escalationService.escalate(pid, STEP, 1)).hasSize(1);
        long noticeTasks = taskService.createTaskQuery().taskCandidateGroup("commune-a:leader").count();

        assertThat(escalationService.escalate(pid, STEP, 1)).isEmpty();

        assertThat(notices(jdbc, pid)).extracting(NoticeRow::level).containsExactly(1);
        assertThat(outboxRecipients(jdbc, pid)).hasSize(1);
        assertThat(taskService.createTaskQuery().taskCandidateGroup("commune-a:leader").count()).isEqualTo(noticeTasks);
    }

    @Test
    void theNextLevelIsOneWorkingDayAfterTheStepsDeadline(@Autowired Escalation escalation,
            @Autowired Deadlines deadlines) {
        Instant due = MONDAY_MORNING.plus(Duration.ofHours(2));
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        assertThat(escalation.nextLevelAfter(Date.from(due)).toInstant())
                .isEqualTo(deadlines.calendar().addWorkingDays(due, 1));
        assertThatThrownBy(() -> escalation.level(0)).hasMessageContaining("escalation levels start at 1, was 0");
    }

    /*
     * Records started on a model version from before the timeout listeners (a boundary timer leading to
     * ${escalation} service tasks) finish on that version: the bean still escalates them, and still names
     * a broken model's element and property.
     */

    @Test
    void aRecordOnAModelFromBeforeTheListenersStillEscalatesBothLevelsOnce(@Autowired Deadlines deadlines) {
        String pid = olderModel("escalation-v1", xml -> xml);
        fireTimerAndRunServiceTask(pid);
        Instant level1At = ClockUtil.getCurrentTime().toInstant();
        Job nextLevel = EscalationTestModel.timer(managementService, pid);
        assertThat(nextLevel.getDuedate().toInstant()).isEqualTo(deadlines.calendar().addWorkingDays(level1At, 1));
        fireTimerAndRunServiceTask(pid);
        assertThat(EscalationTestModel.notices(jdbc, pid)).extracting(NoticeRow::level, NoticeRow::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "commune-a:leader"),
                        org.assertj.core.groups.Tuple.tuple(2, "province:leader"));
    }

    @Test
    void aServiceTaskWithoutItsStepIsAModelErrorWithAClearMessage() throws IOException {
        String pid = olderModel("escalation-without-step",
                xml -> xml.replaceFirst("<camunda:property name=\"escalation.step\" value=\"Task_Appraisal\" />", ""));
        assertThatThrownBy(() -> fireTimerAndRunServiceTask(pid))
                .hasMessageContaining("Escalation_Appraisal_1")
                .hasMessageContaining("'escalation.step' is missing");
    }

    @Test
    void aStepThatIsNoUserTaskIsAModelError() throws IOException {
        String pid = olderModel("escalation-wrong-step",
                xml -> xml.replaceFirst("name=\"escalation.step\" value=\"Task_Appraisal\"",
                        "name=\"escalation.step\" value=\"Task_Approval\""));
        assertThatThrownBy(() -> fireTimerAndRunServiceTask(pid))
                .hasMessageContaining("'escalation.step' = 'Task_Approval' is not the id of a user task");
    }

    @Test
    void aLevelThatIsNotANumberIsAModelError() throws IOException {
        String pid = olderModel("escalation-bad-level",
                xml -> xml.replaceFirst("name=\"escalation.level\" value=\"1\"", "name=\"escalation.level\" value=\"one\""));
        assertThatThrownBy(() -> fireTimerAndRunServiceTask(pid))
                .hasMessageContaining("'escalation.level' must be 1, 2, …; was 'one'");
    }

    /** The model from before the listeners under another key, edited; started with its step overdue. */
    String olderModel(String key, UnaryOperator<String> edit) {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/escalation/overdue-step-v1.bpmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        xml = edit.apply(xml.replace("id=\"overdue-step-v1\"", "id=\"" + key + "\"")
                .replace("bpmnElement=\"overdue-step-v1\"", "bpmnElement=\"" + key + "\""));
        repositoryService.createDeployment().addString(key + ".bpmn", xml).deploy();
        ClockUtil.setCurrentTime(Date.from(MONDAY_MORNING));
        return runtimeService.startProcessInstanceByKey(key, key + "-20300304-00001", Map.of("unit", "commune-a",
                "due", Date.from(MONDAY_MORNING.plus(Duration.ofHours(1))))).getId();
    }

    /** Fires the older model's next timer, then runs the escalation service task it leads to (asynchronous before). */
    void fireTimerAndRunServiceTask(String pid) {
        EscalationTestModel.fireTimerAndEscalate(managementService, pid);
        for (Job job : managementService.createJobQuery().processInstanceId(pid).messages().list()) {
            managementService.executeJob(job.getId());
        }
    }
}
