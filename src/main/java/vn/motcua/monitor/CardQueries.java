package vn.motcua.monitor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a reengineering card reads of one procedure's records, from the monitor's own tables: the records
 * accepted or resolved in the period, the pauses of their statutory clock, and the steps they completed.
 * Plain SQL that H2 and PostgreSQL both run; the figures are worked out by {@link CardFigures}.
 */
@Repository
class CardQueries {

    /** A record of the procedure, as far as the card needs it. */
    record RecordLine(String code, String unit, int channel, boolean fullyOnline, Instant acceptedAt,
            LocalDate acceptedOn, Instant resolvedAt, LocalDate resolvedOn, Integer timeliness, boolean eResult,
            int components, int reused, Integer rating, boolean feeRequested, boolean paidOnline) {
    }

    /** A pause of a record's statutory clock (supplement, fee, stop). */
    record PauseLine(String recordCode, Instant startedAt, Instant endedAt) {
    }

    /** A step a record completed. */
    record StepDone(String recordCode, String step, String name, String candidates, Instant startedAt, Instant dueAt,
            Instant endedAt, Long workingSeconds) {
    }

    private static final String OF_THE_PERIOD = " " + """
            r.procedure_code = :code and r.unit in (:units)
            and ((r.accepted_on >= :from and r.accepted_on < :to) or (r.resolved_on >= :from and r.resolved_on < :to))""";

    private final JdbcClient jdbc;

    CardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RecordLine> records(String code, Collection<String> units, Period period) {
        if (units.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select r.code, r.unit, r.channel, r.fully_online, r.accepted_at, r.accepted_on, r.resolved_at,
                       r.resolved_on, r.timeliness, r.e_result, r.components, r.reused, r.rating, r.fee_requested,
                       r.paid_online
                  from monitor_record r where """ + OF_THE_PERIOD + " order by r.code")
                .params(parameters(code, units, period))
                .query((rs, n) -> new RecordLine(rs.getString("code"), rs.getString("unit"), rs.getInt("channel"),
                        rs.getBoolean("fully_online"), instant(rs, "accepted_at"),
                        rs.getObject("accepted_on", LocalDate.class), instant(rs, "resolved_at"),
                        rs.getObject("resolved_on", LocalDate.class), rs.getObject("timeliness", Integer.class),
                        rs.getBoolean("e_result"), rs.getInt("components"), rs.getInt("reused"),
                        rs.getObject("rating", Integer.class), rs.getBoolean("fee_requested"),
                        rs.getBoolean("paid_online")))
                .list();
    }

    List<PauseLine> pauses(String code, Collection<String> units, Period period) {
        if (units.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select p.record_code, p.started_at, p.ended_at from monitor_pause p
                  join monitor_record r on r.code = p.record_code where """ + OF_THE_PERIOD
                + " order by p.record_code, p.started_at")
                .params(parameters(code, units, period))
                .query((rs, n) -> new PauseLine(rs.getString("record_code"), instant(rs, "started_at"),
                        instant(rs, "ended_at")))
                .list();
    }

    /** The completed steps of the period's records, in the order each record went through them. */
    List<StepDone> steps(String code, Collection<String> units, Period period) {
        if (units.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select s.record_code, s.step, s.task_name, s.candidates, s.started_at, s.due_at, s.ended_at,
                       s.working_seconds
                  from monitor_step s join monitor_record r on r.code = s.record_code
                 where s.outcome = 'completed' and """ + OF_THE_PERIOD + " order by s.record_code, s.started_at, s.task_id")
                .params(parameters(code, units, period))
                .query((rs, n) -> new StepDone(rs.getString("record_code"), rs.getString("step"),
                        rs.getString("task_name"), rs.getString("candidates"), instant(rs, "started_at"),
                        instant(rs, "due_at"), instant(rs, "ended_at"), rs.getObject("working_seconds", Long.class)))
                .list();
    }

    private static Map<String, Object> parameters(String code, Collection<String> units, Period period) {
        return Map.of("code", code, "units", units, "from", period.from(), "to", period.to());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
