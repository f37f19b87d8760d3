package vn.motcua.record;

import java.time.Instant;

/**
 * Published (synchronously, inside the transaction that made it) whenever a record changes
 * state. The clock, monitoring and the national-portal sync listen to it; use
 * {@code @TransactionalEventListener} for anything that must only happen once it is committed. It carries the
 * record as it stands after the change, so that no listener reads it back (issue #17).
 *
 * @param record the record's row after the change
 * @param note   why, as the step said it (what is missing, the reasons for a refusal or a stop), or null
 */
public record RecordStateChanged(String recordCode, String procedureCode, String unit, RecordState from,
        RecordState to, String step, String actor, Instant at, Channel channel, RecordRow record, String note) {
}
