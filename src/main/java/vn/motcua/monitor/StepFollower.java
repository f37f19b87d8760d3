package vn.motcua.monitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.ModelProperties;

/**
 * Follows the steps (user tasks with a {@code step} property) of records: when each began, its
 * deadline, who worked it, when it ended — the rows of form 06 — and, when a step is completed,
 * its working time in the unit's dwell histogram. It also keeps the record's open step with the
 * earliest deadline, which gives the record its colour. Camunda publishes the task events inside
 * the engine's transaction; a pause that moves the deadlines saves the tasks, which arrives here
 * as an "update".
 */
@Component
class StepFollower {

    private final MonitorTables tables;
    private final Deadlines deadlines;
    private final IdentityService identityService;

    StepFollower(MonitorTables tables, Deadlines deadlines, IdentityService identityService) {
        this.tables = tables;
        this.deadlines = deadlines;
        this.identityService = identityService;
    }

    @EventListener
    public void onTask(DelegateTask task) {
        if (task.getExecution() == null) {
            return; // a task of its own (a notice, the apology): not a step
        }
        String step = ModelProperties.of(task.getBpmnModelElementInstance()).get("step");
        String code = task.getExecution().getProcessBusinessKey();
        if (step == null || code == null) {
            return;
        }
        RecordFacts record = tables.facts(code).orElse(null);
        if (record == null) {
            return; // a process without a record
        }
        Instant due = instant(task.getDueDate());
        switch (task.getEventName()) {
            case "create" -> tables.stepStarted(task.getId(), code, record.unit(), step, task.getName(),
                    candidates(task), task.getAssignee(),
                    task.getCreateTime() != null ? task.getCreateTime().toInstant() : deadlines.now(), due,
                    instant(task.getFollowUpDate()));
            case "assignment", "update" -> tables.stepChanged(task.getId(), task.getAssignee(), due,
                    instant(task.getFollowUpDate()));
            case "complete" -> ended(task, record.unit(), step, due, "completed");
            case "delete" -> ended(task, record.unit(), step, due, "cancelled");
            default -> {
                return;
            }
        }
        refreshOpenStep(code);
    }

    private void ended(DelegateTask task, String unit, String step, Instant due, String outcome) {
        MonitorTables.StepRow open = tables.openStep(task.getId()).orElse(null);
        if (open == null) {
            return; // ended already (a completed task is deleted from the runtime afterwards)
        }
        Instant now = deadlines.now();
        long working = now.isAfter(open.startedAt())
                ? deadlines.calendar().workingTimeBetween(open.startedAt(), now).toSeconds() : 0;
        tables.endStep(task.getId(), task.getAssignee(), due, now, actor(task), outcome, working);
        if ("completed".equals(outcome)) {
            tables.addDwell(unit, now.atZone(deadlines.calendar().zone()).toLocalDate().withDayOfMonth(1), step,
                    StepDwell.bucket(working), due != null && now.isAfter(due));
        }
    }

    /** The record is as red as its worst open step: keep the one with the earliest deadline. */
    private void refreshOpenStep(String code) {
        List<MonitorTables.StepRow> open = tables.steps(code).stream().filter(s -> s.endedAt() == null).toList();
        MonitorTables.StepRow first = open.stream()
                .min(Comparator.comparing(MonitorTables.StepRow::dueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(null);
        Instant followUp = open.stream().map(MonitorTables.StepRow::followUpAt).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        tables.setOpenStep(code, first == null ? null : first.dueAt(), followUp, first == null ? null : first.taskId(),
                first == null ? null : first.step(), first == null ? null : first.assignee());
    }

    private String actor(DelegateTask task) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }

    private static String candidates(DelegateTask task) {
        String groups = task.getCandidates().stream().map(IdentityLink::getGroupId)
                .filter(java.util.Objects::nonNull).sorted().collect(Collectors.joining(", "));
        return groups.isEmpty() ? null : groups.length() > 500 ? groups.substring(0, 500) : groups;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
