package vn.motcua.procedure;

import java.time.Instant;
import java.util.List;

/**
 * A step of a record changed in the engine (bước xử lý): published by the record feature's {@code EngineDoor}, the one door
 * from the engine, inside the engine's transaction and after the record has moved. It carries what
 * its listeners need — the record, its unit, the step, the task's people and dates — so that none
 * of them asks the engine or reads the record again.
 *
 * @param unit            the record's unit; given when the step starts and when it is completed (null otherwise)
 * @param candidateGroups who may work it; given when the step starts (empty later)
 * @param actor           who did it (the signed-in user), or null when the engine did it on its own
 */
public record StepChanged(Kind kind, String recordCode, String unit, String step, String taskId, String taskName,
        List<String> candidateGroups, String assignee, Instant createdAt, Instant dueAt, Instant followUpAt,
        String actor, Instant at) {

    public enum Kind {
        /** The task is created. */
        STARTED,
        /** Claimed, handed over or given back. */
        ASSIGNED,
        /** Its dates moved (a pause shifts the deadlines). */
        UPDATED,
        /** Completed by its worker. */
        COMPLETED,
        /** Ended without completion: its process ended otherwise (withdrawn, stopped). */
        CANCELLED;

        boolean ends() {
            return this == COMPLETED || this == CANCELLED;
        }
    }

    public StepChanged {
        candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
    }

    /** Whether the step ends with this change. */
    public boolean ends() {
        return kind.ends();
    }
}
