package vn.motcua.monitor;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's queries, on the monitor's own tables only. Each reads the rows of the caller's
 * units through an index: figures from the daily (a day) or monthly (longer periods) tables — per
 * unit and month when no procedure is asked for — open
 * records and red ones from the open part of {@code monitor_record}, dwell times from the monthly
 * histograms. {@code MonitorBenchmark} runs these very queries on 10 million records.
 */
@Repository
class KpiQueries {

    private final JdbcClient jdbc;

    KpiQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open record past the deadline of one of its steps. */
    record RedRecord(String code, String unit, String procedureCode, int state, String step, String assignee,
            String taskId, Instant dueAt, Instant appointmentAt) {
    }

    /** Figures per unit in the period. */
    Map<String, Figures> byUnit(Period period, Collection<String> units, String procedure) {
        return figures("unit", period, units, procedure);
    }

    /** Figures per procedure in the period. */
    Map<String, Figures> byProcedure(Period period, Collection<String> units, String procedure) {
        return figures("procedure_code", period, units, procedure);
    }

    private Map<String, Figures> figures(String groupBy, Period period, Collection<String> units, String procedure) {
        Map<String, Figures> result = new TreeMap<>();
        if (units.isEmpty()) {
            return result;
        }
        boolean day = period.kind() == Period.Kind.DAY;
        String months = groupBy.equals("unit") && procedure == null ? "monitor_unit_monthly" : "monitor_monthly";
        String sql = "select " + groupBy + " grouped, " + Figures.sums()
                + (day ? " from monitor_daily where unit in (:units) and on_day = :from"
                        : " from " + months + " where unit in (:units) and month_start >= :from and month_start < :to")
                + (procedure != null ? " and procedure_code = :procedure" : "") + " group by " + groupBy;
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("units", units).param("from", period.from());
        if (!day) {
            statement = statement.param("to", period.to());
        }
        if (procedure != null) {
            statement = statement.param("procedure", procedure);
        }
        statement.query(rs -> {
            result.put(rs.getString("grouped"), Figures.read(rs));
        });
        return result;
    }

    /** Figures per month from {@code first} to {@code last}; months without any are there, all zero. */
    Map<YearMonth, Figures> trend(YearMonth first, YearMonth last, Collection<String> units, String procedure) {
        Map<YearMonth, Figures> result = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            result.put(m, Figures.ZERO);
        }
        if (units.isEmpty()) {
            return result;
        }
        JdbcClient.StatementSpec statement = jdbc.sql("select month_start, " + Figures.sums()
                + " from " + (procedure == null ? "monitor_unit_monthly" : "monitor_monthly")
                + " where unit in (:units) and month_start >= :from and month_start <= :to"
                + (procedure != null ? " and procedure_code = :procedure" : "") + " group by month_start")
                .param("units", units).param("from", first.atDay(1)).param("to", last.atDay(1));
        if (procedure != null) {
            statement = statement.param("procedure", procedure);
        }
        statement.query(rs -> {
            result.put(YearMonth.from(rs.getObject("month_start", LocalDate.class)), Figures.read(rs));
        });
        return result;
    }

    /** Open records per unit by colour, now: red past a step's deadline, yellow past its follow-up date. */
    Map<String, OpenRecords> open(Collection<String> units, String procedure, Instant now) {
        Map<String, OpenRecords> result = new TreeMap<>();
        if (units.isEmpty()) {
            return result;
        }
        JdbcClient.StatementSpec statement = jdbc.sql("""
                select unit,
                  sum(case when paused then 1 else 0 end) paused_records,
                  sum(case when not paused and open_due_at < :now then 1 else 0 end) red_records,
                  sum(case when not paused and (open_due_at is null or open_due_at >= :now)
                           and open_follow_up_at <= :now then 1 else 0 end) yellow_records,
                  count(*) open_records
                from monitor_record where open_record = true and unit in (:units)"""
                + (procedure != null ? " and procedure_code = :procedure" : "") + " group by unit")
                .param("units", units).param("now", Timestamp.from(now));
        if (procedure != null) {
            statement = statement.param("procedure", procedure);
        }
        statement.query(rs -> {
            long paused = rs.getLong("paused_records");
            long red = rs.getLong("red_records");
            long yellow = rs.getLong("yellow_records");
            result.put(rs.getString("unit"),
                    new OpenRecords(rs.getLong("open_records") - paused - red - yellow, yellow, red, paused));
        });
        return result;
    }

    /** The red records, most overdue first. */
    List<RedRecord> red(Collection<String> units, String procedure, Instant now, int limit) {
        if (units.isEmpty()) {
            return List.of();
        }
        JdbcClient.StatementSpec statement = jdbc.sql("""
                select code, unit, procedure_code, state, open_step, open_assignee, open_task_id, open_due_at,
                       appointment_at
                from monitor_record
                where open_record = true and unit in (:units) and open_due_at < :now and paused = false"""
                + (procedure != null ? " and procedure_code = :procedure" : "")
                + " order by open_due_at, code fetch first " + Math.max(1, limit) + " rows only")
                .param("units", units).param("now", Timestamp.from(now));
        if (procedure != null) {
            statement = statement.param("procedure", procedure);
        }
        return statement.query((rs, n) -> new RedRecord(rs.getString("code"), rs.getString("unit"),
                rs.getString("procedure_code"), rs.getInt("state"), rs.getString("open_step"),
                rs.getString("open_assignee"), rs.getString("open_task_id"), MonitorTables.instant(rs, "open_due_at"),
                MonitorTables.instant(rs, "appointment_at"))).list();
    }

    /**
     * Dwell times per step of the steps completed in the period's months (a day reads its month:
     * the histograms are monthly), over all the units given.
     */
    Map<String, StepDwell> steps(Period period, Collection<String> units) {
        Map<String, StepDwell> result = new TreeMap<>();
        if (units.isEmpty()) {
            return result;
        }
        LocalDate from = period.from().withDayOfMonth(1);
        LocalDate to = period.kind() == Period.Kind.DAY ? from.plusMonths(1) : period.to();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Long> late = new TreeMap<>();
        jdbc.sql("""
                select step, late, histogram from monitor_step_dwell
                where unit in (:units) and month_start >= :from and month_start < :to""")
                .param("units", units).param("from", from).param("to", to)
                .query(rs -> {
                    String step = rs.getString("step");
                    StepDwell.addTo(counts.computeIfAbsent(step, s -> new long[StepDwell.MAX_BUCKET + 1]),
                            rs.getString("histogram"));
                    late.merge(step, rs.getLong("late"), Long::sum);
                });
        counts.forEach((step, c) -> result.put(step, StepDwell.empty(step).add(StepDwell.of(c), late.get(step))));
        return result;
    }

    /** Every unit seen so far, with its name. */
    Map<String, String> units() {
        Map<String, String> result = new TreeMap<>();
        jdbc.sql("select unit, name from monitor_unit").query(rs -> {
            result.put(rs.getString("unit"), rs.getString("name"));
        });
        return result;
    }

    Map<String, String> procedureNames() {
        Map<String, String> result = new TreeMap<>();
        jdbc.sql("select procedure_code, name from monitor_procedure").query(rs -> {
            result.put(rs.getString("procedure_code"), rs.getString("name"));
        });
        return result;
    }
}
