package vn.motcua.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.StepChanged;
import vn.motcua.security.SystemAuthority;

/**
 * What becomes of an escalation notice after it was sent: the notified leader acknowledges it
 * (đã nắm), and it closes by itself when its late step ends — the notice task leaves the leaders'
 * Tasklist then, acknowledged or not. Features that show a record (the record page) list its
 * notices and let a leader acknowledge them here.
 */
@Component
public class NoticeFollowUp {

    private final JdbcClient jdbc;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final UnitHierarchy hierarchy;
    private final org.springframework.context.ApplicationEventPublisher events;

    NoticeFollowUp(JdbcClient jdbc, TaskService taskService, RuntimeService runtimeService, SystemAuthority system,
            Deadlines deadlines, UnitHierarchy hierarchy, org.springframework.context.ApplicationEventPublisher events) {
        this.runtimeService = runtimeService;
        this.events = events;
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.system = system;
        this.deadlines = deadlines;
        this.hierarchy = hierarchy;
    }

    /**
     * A notice as a record page shows it.
     *
     * @param notified       the notified group by name, "Vietnamese / English"
     * @param overdueMinutes working minutes late when the notice was made
     */
    public record Notice(String id, String taskId, String stepName, int level, String notifiedGroup, String notified,
            Instant createdAt, long overdueMinutes, String acknowledgedBy, Instant acknowledgedAt, Instant closedAt) {

        public boolean open() {
            return closedAt == null && acknowledgedAt == null;
        }
    }

    /** The record's notices, oldest first. */
    public List<Notice> ofRecord(String recordCode) {
        return jdbc.sql("""
                select id, task_id, step_name, notice_level, notified_group, created_at, overdue_minutes,
                       acknowledged_by, acknowledged_at, closed_at
                from escalation_notice where record_code = ? order by created_at, notice_level""")
                .param(recordCode)
                .query((rs, n) -> {
                    String[] name = hierarchy.groupName(rs.getString("notified_group"));
                    return new Notice(rs.getString("id"), rs.getString("task_id"), rs.getString("step_name"),
                            rs.getInt("notice_level"), rs.getString("notified_group"), name[0] + " / " + name[1],
                            instant(rs.getTimestamp("created_at")), rs.getLong("overdue_minutes"),
                            rs.getString("acknowledged_by"), instant(rs.getTimestamp("acknowledged_at")),
                            instant(rs.getTimestamp("closed_at")));
                }).list();
    }

    /**
     * The user, a member of the notified group, acknowledges the notice: recorded once (a second
     * acknowledgement changes nothing), and the notice task leaves Tasklist. Empty when the notice
     * is not this record's or not addressed to one of the user's groups.
     */
    public Optional<Notice> acknowledge(String recordCode, String noticeId, String userId, Collection<String> groups) {
        Notice notice = ofRecord(recordCode).stream().filter(n -> n.id().equals(noticeId)).findFirst().orElse(null);
        if (notice == null || !groups.contains(notice.notifiedGroup())) {
            return Optional.empty();
        }
        Instant now = deadlines.now();
        int changed = jdbc.sql("""
                update escalation_notice set acknowledged_by = ?, acknowledged_at = ?
                where id = ? and acknowledged_at is null""")
                .params(userId, Timestamp.from(now), noticeId).update();
        if (changed == 1) {
            finishNoticeTask(noticeId, "Đã nắm trên trang hồ sơ / Acknowledged on the record page");
            events.publishEvent(new NoticeAcknowledged(recordCode, noticeId, notice.level(), notice.stepName(), userId,
                    now));
        }
        return ofRecord(recordCode).stream().filter(n -> n.id().equals(noticeId)).findFirst();
    }

    /**
     * A notice task was completed in Tasklist: while the notice is open (neither acknowledged on
     * the record page nor closed with its step — those complete the task themselves, after marking
     * the notice), this is the leader acknowledging it.
     */
    void completedInTasklist(String noticeTaskId, String userId) {
        if (userId == null) {
            return;
        }
        Instant now = deadlines.now();
        int changed = jdbc.sql("""
                update escalation_notice set acknowledged_by = ?, acknowledged_at = ?
                where notice_task_id = ? and acknowledged_at is null and closed_at is null""")
                .params(userId, Timestamp.from(now), noticeTaskId).update();
        if (changed == 1) {
            jdbc.sql("select record_code, id, notice_level, step_name from escalation_notice where notice_task_id = ?")
                    .param(noticeTaskId)
                    .query((rs, n) -> new NoticeAcknowledged(rs.getString("record_code"), rs.getString("id"),
                            rs.getInt("notice_level"), rs.getString("step_name"), userId, now))
                    .optional().filter(acknowledged -> acknowledged.recordCode() != null)
                    .ifPresent(events::publishEvent);
        }
    }

    /**
     * A step ended (completed, or cancelled with its process): its notices close. A notice task
     * completed in Tasklist (its form's action done) is the leader's acknowledgement.
     */
    @EventListener
    public void onTask(DelegateTask task) {
        String event = task.getEventName();
        if (task.getExecution() != null && "create".equals(event) && isNoticeTask(task)) {
            created(task);
            return;
        }
        if (task.getExecution() == null || !("complete".equals(event) || "delete".equals(event))) {
            return;
        }
        if (isNoticeTask(task)) {
            if ("complete".equals(event)) {
                completedInTasklist(task.getId(), Context.getCommandContext() == null ? null
                        : Context.getCommandContext().getAuthenticatedUserId());
            }
            return;
        }
        List<String> closing = jdbc.sql("select id from escalation_notice where task_id = ? and closed_at is null")
                .param(task.getId()).query(String.class).list();
        if (closing.isEmpty()) {
            return;
        }
        jdbc.sql("update escalation_notice set closed_at = ? where task_id = ? and closed_at is null")
                .params(Timestamp.from(deadlines.now()), task.getId()).update();
        closing.forEach(id -> finishNoticeTask(id, "Bước đã xong / The step ended"));
    }

    /**
     * A notice task is created (by {@link EscalationService}, inside the escalation's own command):
     * it takes its name and description, keeps its level for the Notices filter, and its notice
     * knows it.
     */
    private void created(DelegateTask task) {
        task.setName((String) task.getVariable(EscalationService.NOTICE_NAME));
        task.setDescription((String) task.getVariable(EscalationService.NOTICE_DESCRIPTION));
        task.setVariableLocal(EscalationService.NOTICE_LEVEL, task.getVariable(EscalationService.NOTICE_LEVEL));
        jdbc.sql("update escalation_notice set notice_task_id = ? where id = ?")
                .params(task.getId(), task.getVariable(EscalationService.NOTICE_ID)).update();
    }

    /** Whether the task is a notice (a task of the notice process). */
    public static boolean isNoticeTask(DelegateTask task) {
        return vn.motcua.procedure.SystemModels.isTaskOf(task, EscalationService.NOTICE_PROCESS);
    }

    /** The notice task leaves Tasklist: its notice process ends (a notice of before it had one is completed). */
    private void finishNoticeTask(String noticeId, String why) {
        jdbc.sql("select notice_task_id from escalation_notice where id = ? and notice_task_id is not null")
                .param(noticeId).query(String.class).optional()
                .ifPresent(taskId -> system.run(() -> {
                    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
                    if (task == null) {
                        return;
                    }
                    if (task.getProcessInstanceId() != null) {
                        runtimeService.deleteProcessInstance(task.getProcessInstanceId(), why, true);
                    } else {
                        taskService.complete(taskId);
                    }
                }));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
