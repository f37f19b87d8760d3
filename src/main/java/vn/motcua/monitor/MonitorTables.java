package vn.motcua.monitor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the monitor's tables, inside the caller's transaction (the one that changes the record),
 * so the figures commit or roll back with the change they count.
 *
 * <p>Counters are added with {@code update … set n = n + ?}. A counter row that does not exist
 * yet is first made (all zero) in a transaction of its own, where a duplicate made at the same
 * moment by another node is harmless; the update then holds the row until the caller commits.
 * Rows are always updated in the same order (daily before monthly, by date), so two transactions
 * never wait on each other in a circle.
 */
@Repository
class MonitorTables {

    private static final String ADD = String.join(", ", Figures.COLUMNS.stream().map(c -> c + " = " + c + " + ?")
            .toList());

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    MonitorTables(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // --- per record ---------------------------------------------------------------------------

    /** The record's facts, its row locked until the caller commits: one event of a record at a time. */
    Optional<RecordFacts> lockFacts(String code) {
        return jdbc.sql("select * from monitor_record where code = ? for update").param(code)
                .query(MonitorTables::facts).optional();
    }

    void insertFacts(RecordFacts f) {
        jdbc.sql("""
                insert into monitor_record (code, unit, procedure_code, channel, fully_online, state, submitted_at,
                  accepted_at, accepted_on, appointment_at, resolved_at, resolved_on, closed_at, timeliness, digitised,
                  e_result, components, reused, rating, apologised, open_record, paused, fee_requested, paid_online)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.code(), f.unit(), f.procedureCode(), f.channel(), f.fullyOnline(), f.state(),
                        ts(f.submittedAt()), ts(f.acceptedAt()), f.acceptedOn(), ts(f.appointmentAt()),
                        ts(f.resolvedAt()), f.resolvedOn(), ts(f.closedAt()),
                        f.timeliness() == null ? null : f.timeliness().code, f.digitised(), f.eResult(),
                        f.components(), f.reused(), f.rating(), f.apologised(), f.open(), f.paused(), f.feeRequested(),
                        f.paidOnline())
                .update();
    }

    void updateFacts(RecordFacts f) {
        jdbc.sql("""
                update monitor_record set fully_online = ?, state = ?, accepted_at = ?, accepted_on = ?,
                  appointment_at = ?, resolved_at = ?, resolved_on = ?, closed_at = ?, timeliness = ?, digitised = ?,
                  e_result = ?, components = ?, reused = ?, rating = ?, apologised = ?, open_record = ?, paused = ?,
                  fee_requested = ?, paid_online = ?
                where code = ?""")
                .params(f.fullyOnline(), f.state(), ts(f.acceptedAt()), f.acceptedOn(), ts(f.appointmentAt()),
                        ts(f.resolvedAt()), f.resolvedOn(), ts(f.closedAt()),
                        f.timeliness() == null ? null : f.timeliness().code, f.digitised(), f.eResult(),
                        f.components(), f.reused(), f.rating(), f.apologised(), f.open(), f.paused(), f.feeRequested(),
                        f.paidOnline(), f.code())
                .update();
    }

    /**
     * Sets the record's open step, the one that decides its colour: the earliest deadline among its
     * open steps (no deadline last, then the earliest started), and the earliest follow-up date.
     * One statement, since it runs on every task event.
     */
    void refreshOpenStep(String code) {
        jdbc.sql("""
                update monitor_record set (open_due_at, open_task_id, open_step, open_assignee) = (
                    select s.due_at, s.task_id, s.step, s.assignee from monitor_step s
                     where s.record_code = monitor_record.code and s.ended_at is null
                     order by case when s.due_at is null then 1 else 0 end, s.due_at, s.started_at, s.task_id
                     fetch first 1 rows only),
                  open_follow_up_at = (select min(f.follow_up_at) from monitor_step f
                     where f.record_code = monitor_record.code and f.ended_at is null)
                where code = ?""").param(code).update();
    }

    // --- figures ------------------------------------------------------------------------------

    /** Adds the differences to the daily and monthly rows of the record's unit and procedure, and the unit's month. */
    void addFigures(String unit, String procedureCode, Map<LocalDate, Figures> byDay) {
        byDay.forEach((day, delta) -> add("monitor_daily", " where unit = ? and on_day = ? and procedure_code = ?",
                "insert into monitor_daily (unit, on_day, procedure_code) values (?, ?, ?)", delta, unit, day,
                procedureCode));
        byDay.forEach((day, delta) -> add("monitor_monthly",
                " where unit = ? and month_start = ? and procedure_code = ?",
                "insert into monitor_monthly (unit, month_start, procedure_code) values (?, ?, ?)", delta, unit,
                day.withDayOfMonth(1), procedureCode));
        byDay.forEach((day, delta) -> add("monitor_unit_monthly", " where unit = ? and month_start = ?",
                "insert into monitor_unit_monthly (unit, month_start) values (?, ?)", delta, unit,
                day.withDayOfMonth(1)));
    }

    private void add(String table, String where, String insert, Figures delta, Object... key) {
        Object[] params = params(delta, key);
        if (jdbc.sql("update " + table + " set " + ADD + where).params(params).update() == 0) {
            ensure(insert, key);
            jdbc.sql("update " + table + " set " + ADD + where).params(params).update();
        }
    }

    private static Object[] params(Figures delta, Object... key) {
        long[] values = delta.values();
        Object[] params = new Object[values.length + key.length];
        for (int i = 0; i < values.length; i++) {
            params[i] = values[i];
        }
        System.arraycopy(key, 0, params, values.length, key.length);
        return params;
    }

    /** Makes a row in a transaction of its own; one made by another node at the same moment will do. */
    /** Units and procedures this node knows to have their rows. */
    private final java.util.Set<String> knownUnits = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> knownProcedures = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void ensure(String insert, Object... params) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql(insert).params(params).update());
        } catch (DuplicateKeyException madeMeanwhile) {
            // the row exists, which is all we need
        }
    }

    void ensureUnit(String unit, String name, Instant now) {
        if (!knownUnits.contains(unit)) {
            if (jdbc.sql("select count(*) from monitor_unit where unit = ?").param(unit).query(Long.class).single() == 0) {
                ensure("insert into monitor_unit (unit, name, first_seen) values (?, ?, ?)", unit, name, ts(now));
            }
            knownUnits.add(unit); // committed (its own transaction) and never deleted: not asked again on this node
        }
    }

    void ensureProcedure(String code, String name) {
        if (!knownProcedures.contains(code)) {
            if (jdbc.sql("select count(*) from monitor_procedure where procedure_code = ?").param(code)
                    .query(Long.class).single() == 0) {
                ensure("insert into monitor_procedure (procedure_code, name) values (?, ?)", code, name);
            }
            knownProcedures.add(code);
        }
    }

    // --- steps --------------------------------------------------------------------------------

    void stepStarted(String taskId, String recordCode, String unit, String step, String name, String candidates,
            String assignee, Instant startedAt, Instant dueAt, Instant followUpAt) {
        jdbc.sql("""
                insert into monitor_step (task_id, record_code, unit, step, task_name, candidates, assignee, started_at,
                  due_at, follow_up_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from monitor_step where task_id = ?)""")
                .params(taskId, recordCode, unit, step, name, candidates, assignee, ts(startedAt), ts(dueAt),
                        ts(followUpAt), taskId)
                .update();
    }

    /** A step's deadline, follow-up date or assignee changed (a pause moved them, a claim); false if no open step. */
    boolean stepChanged(String taskId, String assignee, Instant dueAt, Instant followUpAt) {
        return jdbc.sql("update monitor_step set assignee = ?, due_at = ?, follow_up_at = ? where task_id = ? and ended_at is null")
                .params(assignee, ts(dueAt), ts(followUpAt), taskId).update() > 0;
    }

    Optional<StepRow> openStep(String taskId) {
        return jdbc.sql("select * from monitor_step where task_id = ? and ended_at is null").param(taskId)
                .query(MonitorTables::step).optional();
    }

    /** Ends the step; false when it had ended already. */
    boolean endStep(String taskId, String assignee, Instant dueAt, Instant endedAt, String completedBy, String outcome,
            long workingSeconds) {
        return jdbc.sql("""
                update monitor_step set assignee = ?, due_at = ?, ended_at = ?, completed_by = ?, outcome = ?,
                  working_seconds = ? where task_id = ? and ended_at is null""")
                .params(assignee, ts(dueAt), ts(endedAt), completedBy, outcome, workingSeconds, taskId).update() > 0;
    }

    List<StepRow> steps(String recordCode) {
        return jdbc.sql("select * from monitor_step where record_code = ? order by started_at, task_id")
                .param(recordCode).query(MonitorTables::step).list();
    }

    /** One more completed step in the unit's histogram of the month. */
    void addDwell(String unit, LocalDate month, String step, int bucket, boolean late) {
        String select = "select histogram from monitor_step_dwell where unit = ? and month_start = ? and step = ? for update";
        Optional<String> histogram = jdbc.sql(select).params(unit, month, step).query(String.class).optional();
        if (histogram.isEmpty()) {
            ensure("insert into monitor_step_dwell (unit, month_start, step) values (?, ?, ?)", unit, month, step);
            histogram = jdbc.sql(select).params(unit, month, step).query(String.class).optional();
        }
        Map<Integer, Long> buckets = StepDwell.parse(histogram.orElse(""));
        buckets.merge(bucket, 1L, Long::sum);
        jdbc.sql("""
                update monitor_step_dwell set tasks = tasks + 1, late = late + ?, histogram = ?
                where unit = ? and month_start = ? and step = ?""")
                .params(late ? 1 : 0, StepDwell.format(buckets), unit, month, step).update();
    }

    // --- pauses -------------------------------------------------------------------------------

    void pauseStarted(String code, int state, Instant at) {
        jdbc.sql("insert into monitor_pause (record_code, started_at, state) values (?, ?, ?)")
                .params(code, ts(at), state).update();
    }

    void pauseEnded(String code, Instant at) {
        jdbc.sql("update monitor_pause set ended_at = ? where record_code = ? and ended_at is null")
                .params(ts(at), code).update();
    }

    List<Pause> pauses(String code) {
        return jdbc.sql("select * from monitor_pause where record_code = ? order by started_at").param(code)
                .query((rs, n) -> new Pause(rs.getInt("state"), instant(rs, "started_at"), instant(rs, "ended_at")))
                .list();
    }

    Optional<String> unitOf(String code) {
        return jdbc.sql("select unit from monitor_record where code = ?").param(code).query(String.class).optional();
    }

    Optional<RecordFacts> facts(String code) {
        return jdbc.sql("select * from monitor_record where code = ?").param(code).query(MonitorTables::facts)
                .optional();
    }

    /** One step of a record (a row of {@code monitor_step}). */
    record StepRow(String taskId, String recordCode, String unit, String step, String name, String candidates,
            String assignee, Instant startedAt, Instant dueAt, Instant followUpAt, Instant endedAt, String completedBy,
            String outcome, Long workingSeconds) {
    }

    /** A pause of the statutory clock (states 5, 6, 8). */
    record Pause(int state, Instant startedAt, Instant endedAt) {
    }

    private static RecordFacts facts(ResultSet rs, int n) throws SQLException {
        return new RecordFacts(rs.getString("code"), rs.getString("unit"), rs.getString("procedure_code"),
                rs.getInt("channel"), rs.getBoolean("fully_online"), rs.getInt("state"), instant(rs, "submitted_at"),
                instant(rs, "accepted_at"), rs.getObject("accepted_on", LocalDate.class), instant(rs, "appointment_at"),
                instant(rs, "resolved_at"), rs.getObject("resolved_on", LocalDate.class), instant(rs, "closed_at"),
                RecordFacts.Timeliness.ofCode(rs.getObject("timeliness", Integer.class)), rs.getBoolean("digitised"),
                rs.getBoolean("e_result"), rs.getInt("components"), rs.getInt("reused"),
                rs.getObject("rating", Integer.class), rs.getBoolean("apologised"), rs.getBoolean("open_record"),
                rs.getBoolean("paused"), rs.getBoolean("fee_requested"), rs.getBoolean("paid_online"));
    }

    private static StepRow step(ResultSet rs, int n) throws SQLException {
        return new StepRow(rs.getString("task_id"), rs.getString("record_code"), rs.getString("unit"),
                rs.getString("step"), rs.getString("task_name"), rs.getString("candidates"), rs.getString("assignee"),
                instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "follow_up_at"), instant(rs, "ended_at"),
                rs.getString("completed_by"), rs.getString("outcome"), rs.getObject("working_seconds", Long.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
