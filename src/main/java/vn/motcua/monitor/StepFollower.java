package vn.motcua.monitor;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.ModelProperties;
import vn.motcua.transaction.PerTransaction;

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
    private final PerTransaction<Set<String>> toRefresh;

    StepFollower(MonitorTables tables, Deadlines deadlines, IdentityService identityService) {
        this.toRefresh = new PerTransaction<>(LinkedHashSet::new, codes -> codes.forEach(tables::refreshOpenStep));
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
        Instant due = instant(task.getDueDate());
        // each event costs as few round trips as it can: a task has four or five events per step
        switch (task.getEventName()) {
            case "create" -> {
                String unit = tables.unitOf(code).orElse(null);
                if (unit == null) {
                    return; // a process without a record
                }
                tables.stepStarted(task.getId(), code, unit, step, task.getName(), candidates(task),
                        task.getAssignee(),
                        task.getCreateTime() != null ? task.getCreateTime().toInstant() : deadlines.now(), due,
                        instant(task.getFollowUpDate()));
            }
            case "assignment", "update" -> {
                if (!tables.stepChanged(task.getId(), task.getAssignee(), due, instant(task.getFollowUpDate()))) {
                    return; // not a step of a record, or ended already
                }
            }
            case "complete" -> ended(task, due, "completed");
            case "delete" -> ended(task, due, "cancelled");
            default -> {
                return;
            }
        }
        // the record is as red as its worst open step: the one with the earliest deadline, worked out once
        // per transaction however many of its tasks changed in it
        toRefresh.get().ifPresentOrElse(codes -> codes.add(code), () -> tables.refreshOpenStep(code));
    }

    private void ended(DelegateTask task, Instant due, String outcome) {
        MonitorTables.StepRow open = tables.openStep(task.getId()).orElse(null);
        if (open == null) {
            return; // ended already (a completed task is deleted from the runtime afterwards)
        }
        Instant now = deadlines.now();
        long working = now.isAfter(open.startedAt())
                ? deadlines.calendar().workingTimeBetween(open.startedAt(), now).toSeconds() : 0;
        tables.endStep(task.getId(), task.getAssignee(), due, now, actor(task), outcome, working);
        if ("completed".equals(outcome)) {
            tables.addDwell(open.unit(), now.atZone(deadlines.calendar().zone()).toLocalDate().withDayOfMonth(1),
                    open.step(), StepDwell.bucket(working), due != null && now.isAfter(due));
        }
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
