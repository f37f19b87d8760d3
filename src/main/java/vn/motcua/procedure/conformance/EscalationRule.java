package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * The escalation rule: every user task escalates itself when overdue, by timeout task listeners
 * {@code ${escalation.level(N)}} (docs/escalation.md) — level 1 with a timer at the step's deadline
 * (the task's own due date expression), so the unit's leaders hear of it the moment it is late; level 2
 * and more, if present, with timers of their own. Nothing is drawn: the listeners sit in the user task's
 * properties, so the model needs no boundary events, service tasks or flows for it.
 *
 * <p>The pattern before it (a boundary timer leading to a {@code ${escalation}} service task) is refused:
 * one way to escalate, the one whose timers go with the task.
 */
final class EscalationRule {

    /** {@code ${escalation.level(1)}}, spaces allowed. */
    private static final Pattern LEVEL = Pattern.compile("\\$\\{\\s*escalation\\s*\\.\\s*level\\s*\\(\\s*(\\d{1,3})\\s*\\)\\s*}");
    static final String OLD_DELEGATE = "${escalation}";
    private static final String HOW = " (docs/escalation.md: Modeler → the user task → Task listeners → +, Event type "
            + "'timeout', Listener type 'Delegate expression' ${escalation.level(1)}, Timer 'Date' = the task's due "
            + "date ${deadlines.due(execution)})";

    private EscalationRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        for (UserTask task : ctx.userTasks()) {
            String problem = problem(task);
            if (problem != null) {
                found.add(ctx.violation(task.getId(), Rule.ESCALATION, describe("user task", task) + " " + problem));
            }
        }
        for (ServiceTask service : ctx.inProcess(ServiceTask.class)) {
            String expression = service.getCamundaDelegateExpression();
            if (expression != null && expression.replaceAll("\\s", "").equals(OLD_DELEGATE)) {
                found.add(ctx.violation(service.getId(), Rule.ESCALATION, describe("service task", service)
                        + " escalates through a service task " + OLD_DELEGATE + ", the pattern before timeout "
                        + "listeners; remove its path (boundary timer, service tasks, timer, end) and give the user "
                        + "task the timeout listeners ${escalation.level(1)} and ${escalation.level(2)}" + HOW));
            }
        }
        return found;
    }

    /** Why the task does not escalate as it should, or null when it does. */
    private static String problem(UserTask task) {
        Map<Integer, CamundaTaskListener> levels = new TreeMap<>();
        for (CamundaTaskListener listener : listeners(task)) {
            String expression = listener.getCamundaDelegateExpression();
            Matcher level = LEVEL.matcher(expression == null ? "" : expression.strip());
            if (!level.matches()) {
                if (expression != null && expression.contains("escalation")) {
                    return "has a task listener '" + expression + "'; write ${escalation.level(1)}, "
                            + "${escalation.level(2)} … (the level it notifies)" + HOW;
                }
                continue;
            }
            int n = Integer.parseInt(level.group(1));
            if (n < 1) {
                return "has the escalation listener " + expression + "; levels start at 1 (the unit's leaders)";
            }
            if (!"timeout".equals(listener.getCamundaEvent())) {
                return "has the escalation listener " + expression + " on the event '" + listener.getCamundaEvent()
                        + "'; it must be a 'timeout' listener with a timer, or it would notify at once" + HOW;
            }
            if (timeDate(listener.getTimeouts()) == null) {
                return "has the escalation listener " + expression + " without a timer 'Date'; give it the time the "
                        + "level is due (level 1: the task's due date)" + HOW;
            }
            if (levels.put(n, listener) != null) {
                return "has two escalation listeners for level " + n + "; keep one";
            }
        }
        if (!levels.containsKey(1)) {
            return "has no timeout listener ${escalation.level(1)}: when the step is overdue its leaders must be "
                    + "notified" + HOW;
        }
        String due = task.getCamundaDueDate();
        String first = timeDate(levels.get(1).getTimeouts());
        if (due != null && !same(due, first)) {
            return "notifies its leaders at '" + first + "', not at its due date '" + due + "'; give the level 1 "
                    + "listener's timer the task's due date expression, so the notice comes when the step turns late";
        }
        return null;
    }

    private static Collection<CamundaTaskListener> listeners(UserTask task) {
        ExtensionElements extensions = task.getExtensionElements();
        return extensions == null ? List.of() : extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list();
    }

    private static String timeDate(Collection<TimerEventDefinition> timers) {
        for (TimerEventDefinition timer : timers) {
            TimeDate date = timer.getTimeDate();
            if (date != null && date.getTextContent() != null && !date.getTextContent().isBlank()) {
                return date.getTextContent().strip();
            }
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return a.replaceAll("\\s", "").equals(b.replaceAll("\\s", ""));
    }
}
