package vn.motcua.record;

import java.time.Instant;

/**
 * A record got a new appointment date (hẹn lại: the apology, form 04). Published in the
 * transaction that changed it, like {@link RecordStateChanged}; monitoring shows the new date.
 */
public record RecordRescheduled(String recordCode, Instant appointmentAt, Instant at) {
}
