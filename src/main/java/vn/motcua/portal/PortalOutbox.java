package vn.motcua.portal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.record.RecordRescheduled;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordStateChanged;

/**
 * Queues every state change of a record for the national portal — and a new appointment date, which the portal
 * shows citizens as well —, in the transaction that changes the state (đồng bộ trạng thái hồ sơ lên Cổng DVC quốc gia): it leaves once that commits ({@link PortalRelay}),
 * never if it rolls back. Each update has its event id (the portal's idempotency key) and its place in the
 * record's sequence; a record's changes are serialised by its row lock, so the sequence has no gaps.
 */
@Component
class PortalOutbox {

    private final JdbcClient jdbc;
    private final PortalProperties properties;

    PortalOutbox(JdbcClient jdbc, PortalProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener
    void stateChanged(RecordStateChanged change) {
        enqueue(change.recordCode(), change.procedureCode(), change.to().code(), change.at(), change.unit(),
                change.actor(), change.record() == null ? null : change.record().appointmentAt());
    }

    /** A new appointment date (the apology, form 04): the portal shows citizens the date, so it is told too. */
    @EventListener
    void rescheduled(RecordRescheduled change) {
        RecordRow record = change.record();
        enqueue(change.recordCode(), record.procedureCode(), record.state().code(), change.at(), record.unit(),
                change.actor(), change.appointmentAt());
    }

    private void enqueue(String code, String procedure, int state, Instant at, String unit, String actor,
            Instant appointment) {
        if (!properties.enabled()) {
            return;
        }
        jdbc.sql("""
                insert into portal_outbox (event_id, record_code, sequence, procedure_code, state, changed_at, unit,
                  official, appointment_at, created_at, next_attempt_at)
                select ?, ?, coalesce(max(sequence), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?
                  from portal_outbox where record_code = ?""")
                .params(UUID.randomUUID().toString(), code, procedure, state, utc(at), unit,
                        actor == null ? "system" : actor, utc(appointment), utc(at), utc(at), code)
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
