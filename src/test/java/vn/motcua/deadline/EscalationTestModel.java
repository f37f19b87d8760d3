package vn.motcua.deadline;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The test model {@code escalation/overdue-step.bpmn} and how the tests drive it. */
final class EscalationTestModel {

    static final String KEY = "overdue-step";
    static final String STEP = "Task_Appraisal";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Monday 4 March 2030, 08:00 in Vietnam: a working morning, far from any holiday. */
    static final Instant MONDAY_MORNING = LocalDateTime.of(2030, 3, 4, 8, 0).atZone(VIETNAM).toInstant();

    private EscalationTestModel() {
    }

    static void deploy(RepositoryService repositoryService) {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count() > 0) {
            return;
        }
        InputStream model = EscalationTestModel.class.getResourceAsStream("/escalation/overdue-step.bpmn");
        repositoryService.createDeployment().name("escalation-test").addInputStream("overdue-step.bpmn", model)
                .deploy();
    }

    /** Starts the model at {@code now} (engine clock) with the step due at {@code due}. */
    static String start(RuntimeService runtimeService, String recordCode, String unit, Instant now, Instant due) {
        ClockUtil.setCurrentTime(Date.from(now));
        return runtimeService.startProcessInstanceByKey(KEY, recordCode,
                Map.of("unit", unit, "due", Date.from(due))).getId();
    }

    /** The step's next escalation timer (its timeout listeners' timers, earliest first). */
    static Job timer(ManagementService managementService, String processInstanceId) {
        List<Job> timers = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
                .orderByJobDuedate().asc().list();
        if (timers.isEmpty()) {
            throw new AssertionError("expected an escalation timer of " + processInstanceId + ", found none");
        }
        return timers.get(0);
    }

    /** Moves the engine clock past the next escalation timer and fires it: its timeout listener notifies the level. */
    static void fireTimerAndEscalate(ManagementService managementService, String processInstanceId) {
        Job timer = timer(managementService, processInstanceId);
        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 60_000));
        managementService.executeJob(timer.getId());
    }

    record NoticeRow(String id, String taskId, int level, String group, String unit, String noticeTaskId,
            long overdueMinutes) {
    }

    static List<NoticeRow> notices(JdbcClient jdbc, String processInstanceId) {
        return jdbc.sql("""
                select id, task_id, notice_level, notified_group, unit, notice_task_id, overdue_minutes
                from escalation_notice where process_instance_id = ? order by notice_level""")
                .param(processInstanceId)
                .query((rs, n) -> new NoticeRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list();
    }

    static List<String> outboxRecipients(JdbcClient jdbc, String processInstanceId) {
        return jdbc.sql("""
                select o.recipient from notice_outbox o join escalation_notice n on n.id = o.notice_id
                where n.process_instance_id = ? order by n.notice_level, o.recipient""")
                .param(processInstanceId).query(String.class).list();
    }
}
