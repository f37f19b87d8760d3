package vn.motcua.record;

import java.time.Instant;

/**
 * A record got a new appointment date (hẹn lại: the apology, form 04). Published in the
 * transaction that changed it, like {@link RecordStateChanged}; monitoring shows the new date and the
 * national portal is told it.
 *
 * @param actor  who gave the new date (the leader)
 * @param record the record's row after the change
 */
public record RecordRescheduled(String recordCode, Instant appointmentAt, Instant at, String actor, RecordRow record) {
}
