package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.deadline.Deadlines;
import vn.motcua.record.LatenessForeseen;

/**
 * Which open records will miss their appointment if nothing changes, and what that costs the unit: for each open
 * record whose clock runs (not paused, appointment ahead), the working time left until the appointment against
 * the typical time of its remaining steps — what is typically left of the open step (its median dwell less the
 * working time it has already taken) plus the median dwell of each later step of the model's main path, from
 * the last three months' completed steps of the units in view (a step with fewer than
 * {@value #MIN_SAMPLES} of them: its budget). A record is foreseen late when it needs more than it has left.
 *
 * <p>The <b>rescue list</b> ranks the foreseen-late records by the points of Decision 766's group "Tiến độ,
 * kết quả giải quyết" ({@value #PROGRESS_POINTS} points on the on-time rate) the unit loses if each goes late:
 * one late record lowers the unit's on-time rate by 1 / n, n = the records it resolves in the year (resolved so
 * far and open now), so {@value #PROGRESS_POINTS} / n points; then by the least margin. The <b>early apology</b>:
 * every node sweeps and publishes {@link LatenessForeseen} for each foreseen-late record; the record feature
 * claims the record once and asks its leaders for form 04 with the proposed day.
 */
@Service
class LatenessForecast {

    static final int PROGRESS_POINTS = 20;
    static final int MIN_SAMPLES = 5;
    static final int HISTORY_MONTHS = 3;

    /** One open record's forecast. */
    record Row(String recordCode, String unit, String unitName, String procedureCode, String step, String holder,
            Instant appointmentAt, BigDecimal hoursLeft, BigDecimal hoursNeeded, boolean foreseenLate,
            BigDecimal pointsAtRisk, LocalDate proposedDay, String taskUrl, String recordUrl) {
    }

    private final JdbcClient jdbc;
    private final KpiQueries queries;
    private final MonitorScope scope;
    private final ReengineeringCards cards;
    private final Deadlines deadlines;
    private final ApplicationEventPublisher events;

    LatenessForecast(JdbcClient jdbc, KpiQueries queries, MonitorScope scope, ReengineeringCards cards,
            Deadlines deadlines, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.scope = scope;
        this.cards = cards;
        this.deadlines = deadlines;
        this.events = events;
    }

    /** The rescue list of the user's units (or one of them): foreseen-late records, most points at risk first. */
    List<Row> rescueList(Authentication user, String unit, String procedure, int limit) {
        Map<String, String> units = scope.select(user, unit);
        return forecast(units, MonitorService.procedure(procedure), deadlines.now()).stream().filter(Row::foreseenLate)
                .limit(limit).toList();
    }

    /** Every node, every few minutes: the leaders of each foreseen-late record are asked for the apology (once). */
    @Scheduled(fixedDelayString = "${motcua.monitor.forecast-interval:PT5M}",
            initialDelayString = "${motcua.monitor.forecast-interval:PT5M}")
    void askEarlyApologies() {
        Instant now = deadlines.now();
        forecast(queries.units(), null, now).stream().filter(Row::foreseenLate)
                .forEach(row -> events.publishEvent(new LatenessForeseen(row.recordCode(), row.proposedDay(), now)));
    }

    /** The forecast of the open records of {@code units}, foreseen-late first by points at risk, then by margin. */
    List<Row> forecast(Map<String, String> units, String procedure, Instant now) {
        if (units.isEmpty()) {
            return List.of();
        }
        WorkingCalendar calendar = deadlines.calendar();
        LocalDate today = now.atZone(calendar.zone()).toLocalDate();
        Period history = new Period(Period.Kind.MONTH, today.withDayOfMonth(1).minusMonths(HISTORY_MONTHS - 1L),
                today.withDayOfMonth(1).plusMonths(1));
        Map<String, StepDwell> typical = queries.steps(history, units.keySet());
        Map<String, Long> workload = workload(units.keySet(), today.withDayOfYear(1));
        Map<String, List<ReengineeringCard.StepLine>> models = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (OpenRecord r : openRecords(units.keySet(), procedure, now)) {
            List<ReengineeringCard.StepLine> steps = models.computeIfAbsent(r.procedureCode(),
                    code -> cards.latestModel(code).map(ReengineeringCard.ModelVersion::steps).orElse(List.of()));
            Duration needed = needed(r, steps, typical, calendar, now);
            Duration left = calendar.workingTimeBetween(now, r.appointmentAt());
            boolean late = needed.compareTo(left) > 0;
            long n = Math.max(1, workload.getOrDefault(r.unit(), 1L));
            rows.add(new Row(r.code(), r.unit(), units.getOrDefault(r.unit(), r.unit()), r.procedureCode(), r.step(),
                    r.assignee() != null ? r.assignee() : r.candidates(), r.appointmentAt(), hours(left), hours(needed),
                    late, BigDecimal.valueOf(PROGRESS_POINTS).divide(BigDecimal.valueOf(n), 3, RoundingMode.HALF_UP),
                    calendar.addWorkingTime(now, needed).atZone(calendar.zone()).toLocalDate(),
                    r.taskId() == null ? null : MonitorService.TASKLIST_TASK + r.taskId(), "/monitor/records/" + r.code()));
        }
        rows.sort(Comparator.comparing(Row::foreseenLate).reversed()
                .thenComparing(Row::pointsAtRisk, Comparator.reverseOrder())
                .thenComparing(row -> row.hoursLeft().subtract(row.hoursNeeded())));
        return rows;
    }

    /** What is typically left: of the open step, what its median dwell leaves; of each later step, its median. */
    static Duration needed(OpenRecord r, List<ReengineeringCard.StepLine> steps, Map<String, StepDwell> typical,
            WorkingCalendar calendar, Instant now) {
        int at = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().equals(r.step())) {
                at = i;
                break;
            }
        }
        Duration current = typical(r.step(), at < 0 ? null : steps.get(at), typical, calendar);
        if (r.startedAt() != null) {
            current = current.minus(calendar.workingTimeBetween(r.startedAt(), now));
        }
        Duration needed = current.isNegative() ? Duration.ZERO : current;
        for (int i = at + 1; at >= 0 && i < steps.size(); i++) {
            needed = needed.plus(typical(steps.get(i).step(), steps.get(i), typical, calendar));
        }
        return needed;
    }

    private static Duration typical(String step, ReengineeringCard.StepLine model, Map<String, StepDwell> typical,
            WorkingCalendar calendar) {
        StepDwell dwell = step == null ? null : typical.get(step); // (no open step: between two of them)
        if (dwell != null && dwell.completed() >= MIN_SAMPLES && dwell.quantileSeconds(0.5) != null) {
            return Duration.ofSeconds(Math.round(dwell.quantileSeconds(0.5)));
        }
        if (model != null && model.budgetDays() != null) {
            return Duration.ofSeconds(Math.round(model.budgetDays().doubleValue() * calendar.workingDayLength().toSeconds()));
        }
        return Duration.ZERO;
    }

    /** An open record whose clock runs, with its open step. */
    record OpenRecord(String code, String unit, String procedureCode, Instant appointmentAt, String step, String taskId,
            String assignee, String candidates, Instant startedAt) {
    }

    private List<OpenRecord> openRecords(Collection<String> units, String procedure, Instant now) {
        return jdbc.sql("""
                select r.code, r.unit, r.procedure_code, r.appointment_at, r.open_step, r.open_task_id, r.open_assignee,
                       s.candidates, s.started_at
                  from monitor_record r left join monitor_step s on s.task_id = r.open_task_id
                 where r.open_record = true and r.paused = false and r.appointment_at > :now and r.unit in (:units)"""
                + (procedure == null ? "" : " and r.procedure_code = :procedure"))
                .param("now", java.sql.Timestamp.from(now)).param("units", units)
                .params(procedure == null ? Map.of() : Map.of("procedure", procedure))
                .query((rs, i) -> new OpenRecord(rs.getString("code"), rs.getString("unit"), rs.getString("procedure_code"),
                        MonitorTables.instant(rs, "appointment_at"), rs.getString("open_step"), rs.getString("open_task_id"),
                        rs.getString("open_assignee"), rs.getString("candidates"), MonitorTables.instant(rs, "started_at")))
                .list();
    }

    /** Per unit, the records it resolves in the year: resolved since {@code yearStart} and open now. */
    private Map<String, Long> workload(Collection<String> units, LocalDate yearStart) {
        Map<String, Long> n = new HashMap<>();
        jdbc.sql("""
                select unit, count(*) as n from monitor_record
                 where unit in (:units) and (open_record = true or resolved_on >= :from) group by unit""")
                .param("units", units).param("from", yearStart)
                .query(rs -> {
                    n.put(rs.getString("unit"), rs.getLong("n"));
                });
        return n;
    }

    private static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }
}
