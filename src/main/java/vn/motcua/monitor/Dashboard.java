package vn.motcua.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a leader sees for their units and a period: the figures per unit with the unit's colour and
 * its open records by colour, the total, the figures per procedure, the monthly trend, the red
 * records, and the dwell time of each step (the bottleneck is the step with the longest 90th
 * percentile).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Dashboard(PeriodView period, String procedure, Instant asOf, List<UnitRow> units, UnitRow total,
        List<ProcedureRow> procedures, List<MonthRow> trend, List<RedRow> red, List<StepRow> steps,
        String bottleneck) {

    public record PeriodView(String kind, String from, String to, String label) {
        static PeriodView of(Period p) {
            return new PeriodView(p.kind().id(), p.from().toString(), p.to().toString(), p.label());
        }
    }

    /** A unit's figures in the period, its colour, and its open records now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitRow(String unit, String name, String colour, Figures figures, OpenRecords open) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProcedureRow(String code, String name, Figures figures) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MonthRow(String month, Figures figures) {
    }

    /**
     * A red record, with links to its control sheet and to its overdue task in Tasklist; its unit by
     * id and by name (as the unit table names it).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RedRow(String code, String unit, String unitName, String procedureCode, String procedureName, int state, String step,
            String assignee, Instant dueAt, BigDecimal overdueWorkingHours, Instant appointmentAt, String taskUrl,
            String controlSheetUrl) {
    }

    /** A step's dwell (working hours from its start to its completion) over the completed tasks. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StepRow(String step, long completed, long late, Double medianHours, Double p90Hours) {
    }

    /** The dwell times alone. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StepsView(PeriodView period, List<StepRow> steps, String bottleneck) {
    }
}
