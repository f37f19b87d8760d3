package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * The escalation rule: every user task has a non-interrupting timer boundary event whose
 * outgoing path reaches a service task {@code camunda:delegateExpression="${escalation}"} with
 * the extension property {@code escalation.step} = the task's id, so an overdue step notifies
 * its leaders (docs/escalation.md). Every such service task must also name a user task of the
 * model and a level 1, 2, … — the delegate would otherwise fail at run time with an incident.
 */
final class EscalationRule {

    static final String DELEGATE = "${escalation}";
    static final String STEP = "escalation.step";
    static final String LEVEL = "escalation.level";

    private EscalationRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Map<String, FlowNode> nodes = new HashMap<>();
        for (FlowNode node : ctx.inProcess(FlowNode.class)) {
            nodes.put(node.getId(), node);
        }
        Map<String, List<String>> next = new HashMap<>();
        for (SequenceFlow flow : ctx.inProcess(SequenceFlow.class)) {
            String source = flow.getAttributeValue("sourceRef");
            String target = flow.getAttributeValue("targetRef");
            if (source != null && target != null) {
                next.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
            }
        }
        Map<String, List<BoundaryEvent>> timersByTask = new LinkedHashMap<>();
        for (BoundaryEvent boundary : ctx.inProcess(BoundaryEvent.class)) {
            String attachedTo = ModelContext.localRef(boundary.getAttributeValue("attachedToRef"));
            if (attachedTo != null && !boundary.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
                timersByTask.computeIfAbsent(attachedTo, k -> new ArrayList<>()).add(boundary);
            }
        }

        List<UserTask> userTasks = ctx.userTasks();
        for (UserTask task : userTasks) {
            String problem = problem(task, timersByTask.getOrDefault(task.getId(), List.of()), nodes, next);
            if (problem != null) {
                found.add(ctx.violation(task.getId(), Rule.ESCALATION, describe("user task", task) + " " + problem));
            }
        }

        Set<String> userTaskIds = new HashSet<>();
        userTasks.forEach(task -> userTaskIds.add(task.getId()));
        for (ServiceTask service : ctx.inProcess(ServiceTask.class)) {
            if (isEscalation(service)) {
                String problem = serviceTaskProblem(service, userTaskIds);
                if (problem != null) {
                    found.add(ctx.violation(service.getId(), Rule.ESCALATION,
                            describe("escalation service task", service) + " " + problem));
                }
            }
        }
        return found;
    }

    /** Why the task does not escalate, or null when it does. */
    private static String problem(UserTask task, List<BoundaryEvent> timers, Map<String, FlowNode> nodes,
            Map<String, List<String>> next) {
        String pattern = "; when the step is overdue its leaders must be notified: add a non-interrupting timer "
                + "boundary event at ${deadlines.due(execution)} leading to a service task with delegate expression "
                + DELEGATE + " and extension property " + STEP + "=" + task.getId() + " (docs/escalation.md)";
        if (timers.isEmpty()) {
            return "has no timer boundary event" + pattern;
        }
        List<BoundaryEvent> nonInterrupting = timers.stream().filter(EscalationRule::isNonInterrupting).toList();
        if (nonInterrupting.isEmpty()) {
            return "has only an interrupting timer boundary event (" + timers.get(0).getId() + "), which would cancel "
                    + "the overdue step; make it non-interrupting (Modeler: untick 'Interrupting') so the task stays "
                    + "open while its leaders are notified";
        }
        for (BoundaryEvent timer : nonInterrupting) {
            if (reachesEscalation(timer.getId(), task.getId(), nodes, next)) {
                return null;
            }
        }
        return "has a non-interrupting timer boundary event (" + nonInterrupting.get(0).getId() + ") whose path reaches "
                + "no service task with delegate expression " + DELEGATE + " and " + STEP + "=" + task.getId() + pattern;
    }

    /** The engine's default for a boundary event is interrupting: only {@code cancelActivity="false"} is not. */
    private static boolean isNonInterrupting(BoundaryEvent boundary) {
        String cancel = boundary.getAttributeValue("cancelActivity");
        return cancel != null && cancel.strip().equals("false");
    }

    private static boolean reachesEscalation(String from, String taskId, Map<String, FlowNode> nodes,
            Map<String, List<String>> next) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(next.getOrDefault(from, List.of()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            if (nodes.get(id) instanceof ServiceTask service && isEscalation(service)
                    && taskId.equals(strip(ModelContext.property(service, STEP).orElse(null)))) {
                return true;
            }
            queue.addAll(next.getOrDefault(id, List.of()));
        }
        return false;
    }

    static boolean isEscalation(ServiceTask service) {
        String expression = service.getCamundaDelegateExpression();
        return expression != null && expression.replaceAll("\\s", "").equals(DELEGATE);
    }

    private static String serviceTaskProblem(BaseElement service, Set<String> userTaskIds) {
        String step = strip(ModelContext.property(service, STEP).orElse(null));
        if (step == null || step.isEmpty()) {
            return "has no extension property " + STEP + "; set it to the id of the user task it escalates";
        }
        if (!userTaskIds.contains(step)) {
            return "has " + STEP + "='" + step + "', which is not the id of a user task of this process";
        }
        String level = strip(ModelContext.property(service, LEVEL).orElse(null));
        if (level == null || !level.matches("[1-9]\\d{0,2}")) {
            return "has " + (level == null ? "no extension property " + LEVEL : LEVEL + "='" + level + "'")
                    + "; write the level notified: 1 for the unit's leaders, 2 for the next level up";
        }
        return null;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
