package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Step budgets ({@code step.budgetDays}, working days): each is a positive number written with a
 * dot, and all steps' budgets together fit in {@code procedure.processingDays}, leaving something
 * for the steps without a budget, which share what is left (the deadline feature's even share).
 */
final class BudgetRules {

    static final String BUDGET = "step.budgetDays";
    private static final Pattern DAYS = Pattern.compile("\\d+(\\.\\d+)?");

    private BudgetRules() {
    }

    /** The working days a value states, or null when it is not a positive number written with a dot. */
    static BigDecimal days(String value) {
        if (value == null || !DAYS.matcher(value.strip()).matches()) {
            return null;
        }
        BigDecimal days = new BigDecimal(value.strip());
        return days.signum() > 0 ? days : null;
    }

    /** What a number of days should look like, for a message "… has 'value'; expected …". */
    static String daysHint(String value) {
        String v = value == null ? "" : value.strip();
        if (v.matches("\\d*,\\d+")) {
            return "working days written with a dot, e.g. " + v.replace(',', '.') + " (a decimal comma is not read)";
        }
        if (v.startsWith("-")) {
            return "working days greater than 0 (not negative), written with a dot, e.g. 0.5";
        }
        return "working days greater than 0, written with a dot, e.g. 15 or 0.5";
    }

    /** Each {@code step.budgetDays} is a positive number of working days, written with a dot. */
    static List<Violation> stepBudget(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        for (UserTask task : ctx.userTasks()) {
            String value = ModelContext.properties(task).get(BUDGET);
            if (value != null && days(value) == null) {
                found.add(ctx.violation(task.getId(), Rule.STEP_BUDGET, describe("user task", task) + " has "
                        + BUDGET + " '" + value + "'; expected " + daysHint(value)));
            }
        }
        return found;
    }

    /**
     * The budgets of all steps together are at most {@code procedure.processingDays}; when steps
     * without a budget remain, less than that, so their share is more than nothing.
     */
    static List<Violation> budgetsFit(ModelContext ctx) {
        return ctx.process().map(process -> {
            BigDecimal processing = days(ModelContext.properties(process).get(ProcessRules.PROCESSING_DAYS));
            if (processing == null) {
                return List.<Violation>of(); // procedure-properties reports it
            }
            BigDecimal total = BigDecimal.ZERO;
            List<String> budgeted = new ArrayList<>();
            List<String> without = new ArrayList<>();
            for (UserTask task : ctx.userTasks()) {
                var properties = ModelContext.properties(task);
                if (!properties.containsKey(ModelContext.STEP)) {
                    continue;
                }
                String value = properties.get(BUDGET);
                BigDecimal days = days(value);
                if (value == null) {
                    without.add(task.getId());
                } else if (days == null) {
                    return List.<Violation>of(); // step-budget reports it; the sum would mislead
                } else {
                    total = total.add(days);
                    budgeted.add(task.getId() + " " + days.stripTrailingZeros().toPlainString());
                }
            }
            String sum = total.stripTrailingZeros().toPlainString();
            String limit = processing.stripTrailingZeros().toPlainString();
            if (total.compareTo(processing) > 0) {
                return List.of(ctx.violation(process.getId(), Rule.BUDGETS_FIT, "the step budgets add up to " + sum
                        + " working days (" + String.join(", ", budgeted) + ") but procedure.processingDays is " + limit
                        + "; all steps together, optional ones (consultation …) included, must fit in the processing time"));
            }
            if (!without.isEmpty() && total.compareTo(processing) == 0) {
                return List.of(ctx.violation(process.getId(), Rule.BUDGETS_FIT, "the step budgets use all "
                        + limit + " working days of procedure.processingDays, which leaves nothing for "
                        + String.join(", ", without) + " (no " + BUDGET + "); give them a budget or lower the others"));
            }
            return List.<Violation>of();
        }).orElse(List.of());
    }
}
