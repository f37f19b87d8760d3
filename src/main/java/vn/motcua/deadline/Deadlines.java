package vn.motcua.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.procedure.ModelProperties;

/**
 * Step deadlines (hạn xử lý) as analysts write them in BPMN:
 * {@code camunda:dueDate="${deadlines.due(execution)}"} and
 * {@code camunda:followUpDate="${deadlines.followUp(execution)}"}, in working time of the
 * {@link WorkingCalendar}. A step's budget is its user task's {@code step.budgetDays}; steps
 * without one share evenly what the explicit budgets leave of {@code procedure.processingDays}.
 * The follow-up date is when the step turns yellow.
 *
 * <p>"Now" is the engine's clock, so process tests that move it see the same deadlines as the
 * engine's timers.
 */
@Component("deadlines")
public class Deadlines {

    /** User-task extension property: the step's budget in working days. */
    public static final String BUDGET = "step.budgetDays";
    static final String PROCESSING_DAYS = "procedure.processingDays";
    /** Task and execution variable holding a step's deadline, so the timer and the task agree. */
    static final String STEP_DUE = "stepDue";

    private final WorkingCalendar calendar;
    private final Supplier<Instant> now;
    private final double yellowDays;
    private final double yellowShare;
    private final double timeScale;

    @Autowired
    public Deadlines(WorkingCalendars calendars, DeadlineProperties properties) {
        this(calendars.standard(), () -> ClockUtil.getCurrentTime().toInstant(), properties);
    }

    public Deadlines(WorkingCalendar calendar, Supplier<Instant> now) {
        this(calendar, now, new DeadlineProperties(null, null, null));
    }

    public Deadlines(WorkingCalendar calendar, Supplier<Instant> now, DeadlineProperties properties) {
        this.calendar = calendar;
        this.now = now;
        this.yellowDays = properties.yellowWorkingDays();
        this.yellowShare = properties.yellowShareOfBudget();
        this.timeScale = properties.timeScale();
    }

    /** The instant {@code days} working days from now. */
    public Date afterWorkingDays(double days) {
        return afterWorkingDays(now.get(), days);
    }

    /** The instant {@code days} working days after {@code from}. */
    public Date afterWorkingDays(Instant from, double days) {
        if (!(days >= 0)) {
            throw new IllegalArgumentException("working days must be zero or positive, was " + days);
        }
        return Date.from(calendar.addWorkingDays(from, days * timeScale));
    }

    /** The deadline of the step the execution is entering: now plus its budget. */
    public Date due(DelegateExecution execution) {
        String key = STEP_DUE + ":" + execution.getActivityInstanceId();
        Object known = execution.getVariableLocal(key);
        if (known instanceof Date date) {
            return date;
        }
        Date due = Date.from(calendar.addWorkingDays(now.get(), budgetDays(execution) * timeScale));
        execution.setVariableLocal(key, due);
        return due;
    }

    /** When the step turns yellow: its deadline less the yellow threshold. */
    public Date followUp(DelegateExecution execution) {
        double budget = budgetDays(execution);
        return Date.from(calendar.addWorkingDays(now.get(), (budget - yellowThreshold(budget)) * timeScale));
    }

    /** Under this many working days left, a step is yellow: 1 working day, or 20 % of a short budget. */
    public double yellowThreshold(double budgetDays) {
        return Math.min(yellowDays, yellowShare * budgetDays);
    }

    public double budgetDays(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        Double own = number(ModelProperties.of(element).get(BUDGET));
        if (own != null) {
            return own;
        }
        return evenShare(ModelProperties.processOf(element));
    }

    /** What the explicit budgets leave of the processing time, shared by the steps without one. */
    static double evenShare(Process process) {
        if (process == null) {
            return 0;
        }
        Double processing = number(ModelProperties.of(process).get(PROCESSING_DAYS));
        double explicit = 0;
        int without = 0;
        for (UserTask task : process.getChildElementsByType(UserTask.class)) {
            Map<String, String> properties = ModelProperties.of(task);
            if (!properties.containsKey("step")) {
                continue;
            }
            Double budget = number(properties.get(BUDGET));
            if (budget != null) {
                explicit += budget;
            } else {
                without++;
            }
        }
        if (processing == null || without == 0) {
            return 0;
        }
        return Math.max(0, (processing - explicit) / without);
    }

    /**
     * How late something due at {@code due} is at {@code at}, in the statutory clock's working time
     * (with the fast clock's scale undone, so a demo's minute reads as the working day it stands for).
     */
    public java.time.Duration lateBy(Instant due, Instant at) {
        if (due == null || !at.isAfter(due)) {
            return java.time.Duration.ZERO;
        }
        java.time.Duration late = calendar.workingTimeBetween(due, at);
        return timeScale == 1.0 ? late : java.time.Duration.ofMillis(Math.round(late.toMillis() / timeScale));
    }

    /** Now, by the engine's clock. */
    public Instant now() {
        return now.get();
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    private static Double number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            return parsed >= 0 && Double.isFinite(parsed) ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
