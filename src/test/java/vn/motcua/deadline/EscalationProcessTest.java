package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.deadline.EscalationTestModel.MONDAY_MORNING;
import static vn.motcua.deadline.EscalationTestModel.STEP;
import static vn.motcua.deadline.EscalationTestModel.fireTimerAndEscalate;
import static vn.motcua.deadline.EscalationTestModel.notices;
import static vn.motcua.deadline.EscalationTestModel.outboxRecipients;
import static vn.motcua.deadline.EscalationTestModel.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.deadline.EscalationTestModel.NoticeRow;
import vn.motcua.notice.NoticeMailer;

/**
 * The escalation pattern in a process ({@code escalation/overdue-step.bpmn}) on the app with the
 * demo organisation: the engine clock is moved past the deadlines and the jobs run by hand.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:escalation;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "motcua.notices.mail-poll-interval=PT1H",
})
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class EscalationProcessTest {

    static final String CODE = "commune-a-20300304-00001";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    EscalationService escalationService;
    @Autowired
    Deadlines deadlines;
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

    @Test
    void anOverdueStepIsNotifiedToTheUnitsLeadersThenOneWorkingDayLaterToTheProvincesLeaders() {
        Instant due = MONDAY_MORNING.plus(Duration.ofHours(3));
        String pid = EscalationTestModel.start(runtimeService, CODE, "commune-a",
                MONDAY_MORNING, due);
        Task step = taskService.createTaskQuery().processInstanceId(pid).singleResult();
        assertThat(timer(managementService, pid).getDuedate()).isEqualTo(Date.from(due));

        // not yet due: nothing to run
        assertThat(managementService.createJobQuery().processInstanceId(pid).executable().count()).isZero();

        fireTimerAndEscalate(managementService, pid);
        Instant level1At = ClockUtil.getCurrentTime().toInstant();

        List<NoticeRow> notices = notices(jdbc, pid);
        assertThat(notices).hasSize(1);
        NoticeRow level1 = notices.get(0);
        assertThat(level1.level()).isEqualTo(1);
        assertThat(level1.group()).isEqualTo("commune-a:leader");
        assertThat(level1.unit()).isEqualTo("commune-a");
        assertThat(level1.taskId()).isEqualTo(step.getId());
        assertThat(level1.overdueMinutes()).isEqualTo(deadlines.calendar().workingTimeBetween(due, level1At).toMinutes());
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-a@demo.motcua.vn");

        Task notice = taskService.createTaskQuery().taskId(level1.noticeTaskId()).initializeFormKeys().singleResult();
        // a task of the product's notice process, whose Camunda Form shows the facts and takes the action
        assertThat(repositoryService.getProcessDefinition(notice.getProcessDefinitionId()).getKey())
                .isEqualTo(EscalationService.NOTICE_PROCESS);
        assertThat(notice.getCamundaFormRef().getKey()).isEqualTo(EscalationService.NOTICE_PROCESS);
        assertThat(runtimeService.getVariables(notice.getProcessInstanceId()))
                .containsEntry("stepName", "Thẩm định / Appraisal")
                .containsEntry("holderName", "chưa giao / unassigned")
                .containsEntry("notifiedName", "Lãnh đạo Ủy ban nhân dân xã A / the leaders of People's Committee of Commune A")
                .containsKeys("deadline", "lateness", "latenessAt", "procedureName", "stepUnitName")
                .hasEntrySatisfying("reassignOptions", options -> assertThat((String) options)
                        .contains("specialist-a|"));
        assertThat(notice.getName()).isEqualTo("Quá hạn / Overdue: Thẩm định / Appraisal — commune-a-20300304-00001");
        assertThat(notice.getPriority()).isEqualTo(80);
        assertThat(notice.getDescription()).contains("commune-a-20300304-00001", "Thủ tục thử / Test procedure",
                "chưa giao", "unassigned",
                "http://localhost:8080/records/commune-a-20300304-00001");
        assertThat(taskService.getVariablesLocal(notice.getId())).containsEntry("recordCode", "commune-a-20300304-00001")
                .containsEntry("noticeLevel", 1);
        assertThat(taskService.getVariables(notice.getId())).containsEntry("overdueTaskId", step.getId());
        assertThat(visibleNotices("leader-a", "commune-a:leader", CODE)).containsExactly(notice.getId());
        assertThat(visibleNotices("leader-b", "commune-b:leader", CODE)).isEmpty();
        assertThat(visibleNotices("leader-p", "province:leader", CODE)).isEmpty();
        // Camunda's authorizations agree: only the notified group may read the notice at all
        assertThat(readable("leader-a", "commune-a:leader", notice.getId())).isTrue();
        assertThat(readable("leader-b", "commune-b:leader", notice.getId())).isFalse();
        assertThat(readable("specialist-a", "commune-a:specialist", notice.getId())).isFalse();

        // the next level waits one working day after the deadline
        Job nextLevel = timer(managementService, pid);
        assertThat(nextLevel.getDuedate().toInstant()).isEqualTo(deadlines.calendar().addWorkingDays(due, 1));

        fireTimerAndEscalate(managementService, pid);

        notices = notices(jdbc, pid);
        assertThat(notices).extracting(NoticeRow::level).containsExactly(1, 2);
        NoticeRow level2 = notices.get(1);
        assertThat(level2.group()).isEqualTo("province:leader");
        assertThat(level2.unit()).isEqualTo("commune-a");
        assertThat(level2.taskId()).isEqualTo(step.getId());
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-a@demo.motcua.vn", "leader-p@demo.motcua.vn");
        assertThat(visibleNotices("leader-p", "province:leader", CODE)).containsExactly(level2.noticeTaskId());
        assertThat(visibleNotices("leader-a", "commune-a:leader", CODE)).containsExactly(level1.noticeTaskId());
        assertThat(taskService.createTaskQuery().taskId(level2.noticeTaskId()).singleResult().getName())
                .isEqualTo("Quá hạn (cấp 2) / Overdue (level 2): Thẩm định / Appraisal — commune-a-20300304-00001");

        // no timer is left; the step itself is still open
        assertThat(managementService.createJobQuery().processInstanceId(pid).count()).isZero();
        assertThat(taskService.createTaskQuery().taskId(step.getId()).count()).isOne();

        // a second run of either level — a retried job, another node, a direct call — sends nothing
        assertThat(escalationService.escalate(pid, STEP, 1)).isEmpty();
        assertThat(escalationService.escalate(pid, STEP, 2)).isEmpty();
        assertThat(escalationService.escalateTask(step.getId(), 1)).isEmpty();
        assertThat(escalationService.escalateTask(step.getId(), 2)).isEmpty();
        assertThat(notices(jdbc, pid)).hasSize(2);
        assertThat(outboxRecipients(jdbc, pid)).hasSize(2);

        // the leader acknowledges the notice by completing it
        taskService.complete(level1.noticeTaskId());
        assertThat(visibleNotices("leader-a", "commune-a:leader", CODE)).isEmpty();
    }

    @Test
    void aStepCompletedAfterLevel1ButBeforeTheNextLevelIsNotEscalatedFurther() {
        String pid = EscalationTestModel.start(runtimeService, "commune-b-20300304-00002", "commune-b",
                MONDAY_MORNING, MONDAY_MORNING.plus(Duration.ofHours(2)));
        fireTimerAndEscalate(managementService, pid);
        assertThat(notices(jdbc, pid)).extracting(NoticeRow::group).containsExactly("commune-b:leader");

        Task step = taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey(STEP).singleResult();
        taskService.claim(step.getId(), "specialist-b");
        taskService.complete(step.getId());

        // the next level's timer went with the task: nothing is left to fire
        assertThat(managementService.createJobQuery().processInstanceId(pid).count()).isZero();
        assertThat(notices(jdbc, pid)).extracting(NoticeRow::level).containsExactly(1);
        assertThat(outboxRecipients(jdbc, pid)).containsExactly("leader-b@demo.motcua.vn");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
    }

    @Test
    void aStepCompletedInTimeIsNeverEscalated() {
        String pid = EscalationTestModel.start(runtimeService, "commune-a-20300304-00003", "commune-a",
                MONDAY_MORNING, MONDAY_MORNING.plus(Duration.ofHours(2)));
        taskService.complete(taskService.createTaskQuery().processInstanceId(pid).singleResult().getId());

        assertThat(managementService.createJobQuery().processInstanceId(pid).count()).isZero();
        assertThat(notices(jdbc, pid)).isEmpty();
    }

    @Test
    void anAssignedStepNamesItsAssigneeAndTheNoticeSaysHowLate() {
        Instant due = MONDAY_MORNING.plus(Duration.ofHours(1));
        String pid = EscalationTestModel.start(runtimeService, "province-20300304-00004", "province",
                MONDAY_MORNING, due);
        Task step = taskService.createTaskQuery().processInstanceId(pid).singleResult();
        taskService.setAssignee(step.getId(), "specialist-p");
        // the timer fires late (say the nodes were down): 3 working hours after the deadline
        Instant late = deadlines.calendar().addWorkingTime(due, Duration.ofHours(3));
        ClockUtil.setCurrentTime(Date.from(late));
        managementService.executeJob(timer(managementService, pid).getId());

        NoticeRow notice = notices(jdbc, pid).get(0);
        assertThat(notice.group()).isEqualTo("province:leader");
        assertThat(notice.overdueMinutes()).isEqualTo(180);
        assertThat(taskService.createTaskQuery().taskId(notice.noticeTaskId()).singleResult().getDescription())
                .contains("Lê Văn Minh", "3 giờ 0 phút làm việc", "3 h 0 min of working time")
                .as("the holder by name, not by login").doesNotContain("specialist-p");
    }

    @Test
    void withoutAMailServerTheEmailIsWrittenToTheLogAndCountsAsSent(CapturedOutput output,
            @Autowired NoticeMailer mailer) {
        mailer.relay();
        String pid = EscalationTestModel.start(runtimeService, "commune-b-20300304-00005", "commune-b",
                MONDAY_MORNING, MONDAY_MORNING.plus(Duration.ofHours(2)));
        fireTimerAndEscalate(managementService, pid);

        assertThat(mailer.relay()).isEqualTo(1);
        assertThat(output.getOut()).contains("Notice e-mail (no mail server configured", "To: leader-b@demo.motcua.vn",
                "Subject: [motcua] Quá hạn / Overdue: Thẩm định / Appraisal — commune-b-20300304-00005",
                "Kính gửi Đinh Công Sơn", "Dear Đinh Công Sơn"); // leader-b by name
        assertThat(jdbc.sql("select count(*) from notice_outbox o join escalation_notice n on n.id = o.notice_id"
                + " where n.process_instance_id = ? and o.sent_at is not null").param(pid).query(Long.class).single())
                .isOne();
        assertThat(mailer.relay()).isZero();
    }

    boolean readable(String userId, String group, String taskId) {
        identityService.setAuthentication(userId, List.of(group));
        try {
            return taskService.createTaskQuery().taskId(taskId).count() == 1;
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The notices a user sees in Tasklist: candidate-group tasks, with Camunda's authorizations on. */
    List<String> visibleNotices(String userId, String group, String recordCode) {
        identityService.setAuthentication(userId, List.of(group));
        try {
            return taskService.createTaskQuery().taskCandidateUser(userId)
                    .taskVariableValueEquals(EscalationService.RECORD_CODE, recordCode)
                    .list().stream().map(Task::getId).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
