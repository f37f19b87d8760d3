package vn.motcua.portal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.motcua.web.Problem;

/** What administrators see of the portal sync, and the resend of a parked update. */
@Component
class PortalUpdates {

    private final JdbcClient jdbc;
    private final PortalProperties properties;

    PortalUpdates(JdbcClient jdbc, PortalProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** An update the portal refused, or one still waiting, as administrators see it. */
    record Pending(long id, String eventId, String recordCode, int sequence, int state, Instant changedAt,
            int attempts, Instant nextAttemptAt, Instant parkedAt, String lastError) {
    }

    /** The sync at a glance: counts, the oldest waiting update, and every parked one. */
    record Status(boolean enabled, String baseUrl, long waiting, long parked, long sent, Instant oldestWaiting,
            List<Pending> parkedUpdates, List<Pending> waitingUpdates) {
    }

    /** What health and the meters need: the unsent updates only (the index on sent_at), in one query. */
    record Unsent(long waiting, long parked, Instant oldestWaiting) {
    }

    Unsent unsent() {
        return jdbc.sql("""
                select coalesce(sum(case when parked_at is null then 1 else 0 end), 0) as waiting,
                       coalesce(sum(case when parked_at is not null then 1 else 0 end), 0) as parked,
                       min(case when parked_at is null then created_at end) as oldest
                  from portal_outbox where sent_at is null""")
                .query((rs, n) -> new Unsent(rs.getLong("waiting"), rs.getLong("parked"),
                        instant(rs.getObject("oldest", OffsetDateTime.class))))
                .single();
    }

    Status status() {
        Unsent unsent = unsent();
        long sent = jdbc.sql("select count(*) from portal_outbox where sent_at is not null").query(Long.class).single();
        return new Status(properties.enabled(), properties.baseUrl(), unsent.waiting(), unsent.parked(), sent,
                unsent.oldestWaiting(), pending("parked_at is not null and sent_at is null"),
                pending("sent_at is null and parked_at is null"));
    }

    /** Sends a parked update again at the next pass; its record's later updates follow it. */
    Pending resend(long id) {
        Pending update = one(id);
        if (update.parkedAt() == null) {
            throw Problem.conflict("id", "update " + id + " of record " + update.recordCode() + " is not parked");
        }
        jdbc.sql("update portal_outbox set parked_at = null, next_attempt_at = ? where id = ? and sent_at is null")
                .params(PortalOutbox.utc(ClockUtil.getCurrentTime().toInstant()), id).update();
        return one(id);
    }

    private Pending one(long id) {
        return jdbc.sql("select * from portal_outbox where id = ?").param(id).query(PortalUpdates::row).optional()
                .orElseThrow(() -> Problem.notFound("no portal update " + id));
    }

    private List<Pending> pending(String where) {
        return jdbc.sql("select * from portal_outbox where " + where + " order by id limit 100").query(PortalUpdates::row)
                .list();
    }

    private static Pending row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Pending(rs.getLong("id"), rs.getString("event_id"), rs.getString("record_code"),
                rs.getInt("sequence"), rs.getInt("state"), instant(rs.getObject("changed_at", OffsetDateTime.class)),
                rs.getInt("attempts"), instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                instant(rs.getObject("parked_at", OffsetDateTime.class)), rs.getString("last_error"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
