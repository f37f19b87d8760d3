package vn.motcua.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
    /** What a transaction changed, written once just before it commits. */
    private final PerTransaction<Pending> pending;

    StepFollower(MonitorTables tables, Deadlines deadlines) {
        this.pending = new PerTransaction<>(Pending::new, this::write);
        this.tables = tables;
        this.deadlines = deadlines;
    }

    /** The last assignment or update of each task, and the records whose open step to work out again. */
    private record Pending(Map<String, StepChanged> changed, Set<String> records) {
        Pending() {
            this(new LinkedHashMap<>(), new LinkedHashSet<>());
        }
    }

    private void write(Pending pending) {
        // a claim is an assignment and an update of the task: one write for both
        pending.changed().values().forEach(change -> tables.stepChanged(change.taskId(), change.assignee(),
                change.dueAt(), change.followUpAt()));
        pending.records().forEach(tables::refreshOpenStep);
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
                Pending now = pending.get().orElse(null);
                if (now != null) {
                    now.changed().put(change.taskId(), change);
                } else if (!tables.stepChanged(change.taskId(), change.assignee(), change.dueAt(), change.followUpAt())) {
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
        pending.get().ifPresentOrElse(now -> now.records().add(change.recordCode()),
                () -> tables.refreshOpenStep(change.recordCode()));
    }

    private void ended(StepChanged change, String outcome) {
        pending.get().ifPresent(now -> now.changed().remove(change.taskId())); // its end writes the assignee
        Instant now = change.at();
        // when and where it began come with the event (the engine door's task); an older caller's, from the row
        Instant started = change.createdAt();
        String unit = change.unit();
        if (started == null || unit == null) {
            MonitorTables.StepRow open = tables.openStep(change.taskId()).orElse(null);
            if (open == null) {
                return; // ended already (a completed task is deleted from the runtime afterwards)
            }
            started = open.startedAt();
            unit = open.unit();
        }
        long working = now.isAfter(started) ? deadlines.calendar().workingTimeBetween(started, now).toSeconds() : 0;
        String actor = change.actor() != null ? change.actor() : change.assignee() != null ? change.assignee() : "system";
        if (tables.endStep(change.taskId(), change.assignee(), change.dueAt(), now, actor, outcome, working)
                && "completed".equals(outcome)) {
            tables.addDwell(unit, now.atZone(deadlines.calendar().zone()).toLocalDate().withDayOfMonth(1),
                    change.step(), StepDwell.bucket(working), change.dueAt() != null && now.isAfter(change.dueAt()));
        }
    }
}
