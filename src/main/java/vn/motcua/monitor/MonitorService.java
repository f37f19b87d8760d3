package vn.motcua.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import vn.motcua.deadline.Deadlines;
import vn.motcua.web.Problem;

/** Puts the dashboard together for a user: their units, the period, the figures, the colours. */
@Service
class MonitorService {

    static final List<String> FIVE_STEPS = List.of("reception", "appraisal", "approval", "issuing", "result");
    static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
    private static final Pattern PROCEDURE_CODE = Pattern.compile("[0-9A-Za-z._-]{1,32}");

    private final KpiQueries queries;
    private final MonitorScope scope;
    private final MonitorProperties properties;
    private final Deadlines deadlines;

    MonitorService(KpiQueries queries, MonitorScope scope, MonitorProperties properties, Deadlines deadlines) {
        this.queries = queries;
        this.scope = scope;
        this.properties = properties;
        this.deadlines = deadlines;
    }

    Dashboard dashboard(Authentication user, String periodKind, String date, String unit, String procedure) {
        Period period = Period.parse(periodKind, date, today());
        String procedureCode = procedure(procedure);
        Map<String, String> units = scope.select(user, unit);
        Instant now = deadlines.now();
        Map<String, String> procedureNames = queries.procedureNames();

        Map<String, Figures> figures = queries.byUnit(period, units.keySet(), procedureCode);
        Map<String, OpenRecords> open = queries.open(units.keySet(), procedureCode, now);
        List<Dashboard.UnitRow> unitRows = new ArrayList<>();
        Figures total = Figures.ZERO;
        OpenRecords totalOpen = OpenRecords.NONE;
        for (Map.Entry<String, String> u : units.entrySet()) {
            Figures f = figures.getOrDefault(u.getKey(), Figures.ZERO);
            OpenRecords o = open.getOrDefault(u.getKey(), OpenRecords.NONE);
            unitRows.add(new Dashboard.UnitRow(u.getKey(), u.getValue(),
                    properties.unitColour(f.onTimeRate(), o.red()).id(), f, o));
            total = total.plus(f);
            totalOpen = totalOpen.plus(o);
        }
        Dashboard.UnitRow totalRow = new Dashboard.UnitRow(null, "Tổng / Total",
                properties.unitColour(total.onTimeRate(), totalOpen.red()).id(), total, totalOpen);

        List<Dashboard.ProcedureRow> procedureRows = queries.byProcedure(period, units.keySet(), procedureCode)
                .entrySet().stream()
                .map(e -> new Dashboard.ProcedureRow(e.getKey(), procedureNames.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue()))
                .toList();

        YearMonth last = period.lastMonth();
        List<Dashboard.MonthRow> trend = queries.trend(last.minusMonths(properties.trendMonths() - 1L), last,
                units.keySet(), procedureCode).entrySet().stream()
                .map(e -> new Dashboard.MonthRow(e.getKey().toString(), e.getValue())).toList();

        List<Dashboard.RedRow> red = queries.red(units.keySet(), procedureCode, now, properties.redListLimit())
                .stream().map(r -> new Dashboard.RedRow(r.code(), r.unit(), units.getOrDefault(r.unit(), r.unit()),
                        r.procedureCode(),
                        procedureNames.getOrDefault(r.procedureCode(), r.procedureCode()), r.state(), r.step(),
                        r.assignee(), r.dueAt(), overdueHours(r.dueAt(), now), r.appointmentAt(),
                        r.taskId() == null ? null : TASKLIST_TASK + r.taskId(), "/monitor/records/" + r.code()))
                .toList();

        List<Dashboard.StepRow> steps = queries.steps(period, units.keySet()).values().stream()
                .sorted(Comparator.comparingInt(MonitorService::stepOrder).thenComparing(StepDwell::step))
                .map(s -> new Dashboard.StepRow(s.step(), s.completed(), s.late(), s.medianHours(), s.p90Hours()))
                .toList();
        String bottleneck = steps.stream().filter(s -> s.p90Hours() != null)
                .max(Comparator.comparingDouble(Dashboard.StepRow::p90Hours)).map(Dashboard.StepRow::step)
                .orElse(null);

        return new Dashboard(Dashboard.PeriodView.of(period), procedureCode, now, unitRows, totalRow, procedureRows,
                trend, red, steps, bottleneck);
    }

    /** Figures per unit (with colours and open records) or per procedure, and their total. */
    KpiTable kpis(Authentication user, String periodKind, String date, String unit, String procedure, String by) {
        String grouping = by == null || by.isBlank() ? "unit" : by.strip();
        if (!grouping.equals("unit") && !grouping.equals("procedure")) {
            throw Problem.badRequest("by", "by must be unit or procedure, was '" + by + "'");
        }
        Dashboard d = dashboard(user, periodKind, date, unit, procedure);
        List<KpiTable.Row> rows = grouping.equals("unit")
                ? d.units().stream().map(u -> new KpiTable.Row(u.unit(), u.name(), u.colour(), u.figures(), u.open()))
                        .toList()
                : d.procedures().stream().map(p -> new KpiTable.Row(p.code(), p.name(), null, p.figures(), null))
                        .toList();
        return new KpiTable(d.period(), grouping, d.procedure(), rows, new KpiTable.Row(null, d.total().name(),
                d.total().colour(), d.total().figures(), d.total().open()));
    }

    /** Working hours past the deadline, one decimal. */
    private BigDecimal overdueHours(Instant due, Instant now) {
        if (due == null || !now.isAfter(due)) {
            return BigDecimal.ZERO;
        }
        long seconds = deadlines.calendar().workingTimeBetween(due, now).toSeconds();
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    private LocalDate today() {
        return deadlines.now().atZone(deadlines.calendar().zone()).toLocalDate();
    }

    static String procedure(String procedure) {
        if (procedure == null || procedure.isBlank()) {
            return null;
        }
        String code = procedure.strip();
        if (!PROCEDURE_CODE.matcher(code).matches()) {
            throw Problem.badRequest("procedure", "not a procedure code: '" + procedure + "'");
        }
        return code;
    }

    private static int stepOrder(StepDwell s) {
        int i = FIVE_STEPS.indexOf(s.step());
        return i < 0 ? FIVE_STEPS.size() : i;
    }
}
