package vn.motcua.monitor;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.StepChanged;
import vn.motcua.transaction.PerTransaction;

/**
 * Follows the steps (user tasks with a {@code step} property) of records: when each began, its
 * deadline, who worked it, when it ended — the rows of form 06 — and, when a step is completed,
 * its working time in the unit's dwell histogram. It also keeps the record's open step with the
 * earliest deadline, which gives the record its colour. The steps' changes come from the engine
 * door ({@link StepChanged}) inside the engine's transaction; a pause that moves the deadlines saves
 * the tasks, which arrives here as an update.
 */
@Component
class StepFollower {

    private final MonitorTables tables;
    private final Deadlines deadlines;
    private final PerTransaction<Set<String>> toRefresh;

    StepFollower(MonitorTables tables, Deadlines deadlines) {
        this.toRefresh = new PerTransaction<>(LinkedHashSet::new, codes -> codes.forEach(tables::refreshOpenStep));
        this.tables = tables;
        this.deadlines = deadlines;
    }

    @EventListener
    public void onStep(StepChanged change) {
        // each change costs as few round trips as it can: a step has four or five
        switch (change.kind()) {
            case STARTED -> {
                if (change.unit() == null) {
                    return;
                }
                String candidates = String.join(", ", change.candidateGroups());
                tables.stepStarted(change.taskId(), change.recordCode(), change.unit(), change.step(), change.taskName(),
                        candidates.isEmpty() ? null : candidates.length() > 500 ? candidates.substring(0, 500) : candidates,
                        change.assignee(), change.createdAt() != null ? change.createdAt() : change.at(),
                        change.dueAt(), change.followUpAt());
            }
            case ASSIGNED, UPDATED -> {
                if (!tables.stepChanged(change.taskId(), change.assignee(), change.dueAt(), change.followUpAt())) {
                    return; // ended already
                }
            }
            case COMPLETED -> ended(change, "completed");
            case CANCELLED -> ended(change, "cancelled");
            default -> {
                return;
            }
        }
        // the record is as red as its worst open step: the one with the earliest deadline, worked out once
        // per transaction however many of its tasks changed in it
        toRefresh.get().ifPresentOrElse(codes -> codes.add(change.recordCode()),
                () -> tables.refreshOpenStep(change.recordCode()));
    }

    private void ended(StepChanged change, String outcome) {
        MonitorTables.StepRow open = tables.openStep(change.taskId()).orElse(null);
        if (open == null) {
            return; // ended already (a completed task is deleted from the runtime afterwards)
        }
        Instant now = change.at();
        long working = now.isAfter(open.startedAt())
                ? deadlines.calendar().workingTimeBetween(open.startedAt(), now).toSeconds() : 0;
        String actor = change.actor() != null ? change.actor() : change.assignee() != null ? change.assignee() : "system";
        tables.endStep(change.taskId(), change.assignee(), change.dueAt(), now, actor, outcome, working);
        if ("completed".equals(outcome)) {
            tables.addDwell(open.unit(), now.atZone(deadlines.calendar().zone()).toLocalDate().withDayOfMonth(1),
                    open.step(), StepDwell.bucket(working), change.dueAt() != null && now.isAfter(change.dueAt()));
        }
    }
}
