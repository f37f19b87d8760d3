package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

/**
 * Rule {@code visible-work}: what a step does besides its user task is drawn as a service task where it
 * happens (issue 17, docs/procedures.md), so an analyst sees it and an incident points at it — every path
 * from reception to appraisal passes a {@code ${receipt}} task, every path from appraisal to approval a
 * {@code ${resultDraft}} task, every path from issuing to result a {@code ${seal}} task; and the seal, a
 * remote signing service, is asynchronous with a retry cycle.
 */
final class VisibleWorkRule {

    /** From a step, to a step, the delegate every path between them passes, and what it does. */
    private record Work(String from, String to, String delegate, String what) {
    }

    private static final List<Work> WORK = List.of(
            new Work("reception", "appraisal", "${receipt}", "issues the receipt (form 01) after acceptance"),
            new Work("appraisal", "approval", "${resultDraft}", "drafts the result for the leader to sign"),
            new Work("issuing", "result", "${seal}", "numbers the result and applies the unit's seal"));
    static final String SEAL = "${seal}";

    private VisibleWorkRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        ctx.process().ifPresent(process -> {
            Map<String, FlowNode> nodes = new HashMap<>();
            process.getChildElementsByType(FlowNode.class).forEach(node -> nodes.put(node.getId(), node));
            Map<String, List<String>> next = new HashMap<>();
            for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
                next.computeIfAbsent(flow.getAttributeValue("sourceRef"), k -> new ArrayList<>())
                        .add(flow.getAttributeValue("targetRef"));
            }
            for (Work work : WORK) {
                for (UserTask from : steps(process, work.from())) {
                    for (String reached : reachedWithout(from.getId(), work, nodes, next)) {
                        found.add(ctx.violation(reached, Rule.VISIBLE_WORK, describe("user task", (UserTask) nodes.get(reached))
                                + " (step " + work.to() + ") is reached from " + from.getId() + " (step " + work.from()
                                + ") without passing a service task " + work.delegate() + ", which " + work.what()
                                + "; put one on that path (Implementation: Delegate expression " + work.delegate() + ")"));
                    }
                }
            }
        });
        for (ServiceTask seal : ctx.inProcess(ServiceTask.class)) {
            if (!is(seal, SEAL)) {
                continue;
            }
            boolean retries = seal.getExtensionElements() != null && !seal.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).list().isEmpty();
            if (!seal.isCamundaAsyncBefore() || !retries) {
                found.add(ctx.violation(seal.getId(), Rule.VISIBLE_WORK, describe("service task", seal)
                        + " calls the remote signing service: tick Asynchronous continuations → Before and give it a "
                        + "Retry time cycle (e.g. R5/PT5M), so an outage retries and ends as an incident, never in the "
                        + "records clerk's click"));
            }
        }
        return found;
    }

    private static List<UserTask> steps(Process process, String step) {
        return process.getChildElementsByType(UserTask.class).stream()
                .filter(task -> step.equals(ModelContext.property(task, ModelContext.STEP).orElse(null))).toList();
    }

    /** The tasks of step {@code work.to()} reached from {@code from} without passing a {@code work.delegate()} task. */
    private static Set<String> reachedWithout(String from, Work work, Map<String, FlowNode> nodes,
            Map<String, List<String>> next) {
        Set<String> reached = new java.util.TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(next.getOrDefault(from, List.of()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            FlowNode node = nodes.get(id);
            if (node == null || !seen.add(id) || (node instanceof ServiceTask service && is(service, work.delegate()))) {
                continue;
            }
            if (node instanceof UserTask task && work.to().equals(ModelContext.property(task, ModelContext.STEP).orElse(null))) {
                reached.add(id);
                continue;
            }
            queue.addAll(next.getOrDefault(id, List.of()));
        }
        return reached;
    }

    private static boolean is(ServiceTask task, String delegate) {
        String expression = task.getCamundaDelegateExpression();
        return expression != null && expression.replaceAll("\\s", "").equals(delegate);
    }
}
