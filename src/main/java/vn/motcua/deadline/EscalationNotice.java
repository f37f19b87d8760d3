package vn.motcua.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One escalation notice (thông báo quá hạn): an overdue step's task reported at one level to one
 * group, with the notice task (of the notice process) the group's members see and the e-mail addresses it was
 * queued for.
 */
public record EscalationNotice(String id, String processInstanceId, String recordCode, String procedureName,
        String taskId, String taskDefinitionKey, String stepName, String unit, String notifiedGroup, int level,
        String assignee, Instant dueAt, Duration overdue, String noticeTaskId, List<String> recipients) {
}
