package vn.motcua.procedure.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * The step-order rule: every path from a start event to a {@code success} end passes reception,
 * appraisal, approval, issuing and result in this order.
 *
 * <p>Models loop (approval sends back to appraisal, a supplement brings the record back to
 * reception), so paths are not enumerated; instead a breadth-first search runs over states
 * (flow node, progress), progress being how many canonical steps were passed in order (0..5).
 * At most nodes × 6 states exist, so the search ends. Passing a canonical task whose index
 * equals progress moves progress on; a lower index is a send-back, after which the later steps
 * must be done again (progress = index + 1); a higher index means a step can be reached too
 * early, which is reported once per task.
 *
 * <p>Limitations, kept on purpose: only canonical user tasks at the top level of the process
 * count (subprocesses and call activities are passed through as single nodes; event
 * subprocesses are ignored), and gateways are passed per path, so a parallel join does not wait
 * for its other branches: put the five steps on the main path, not on parallel branches.
 * Sequence flows are read from their sourceRef/targetRef, so models without
 * {@code <bpmn:outgoing>} children work too; link events are followed by name.
 */
final class StepOrder {

    private static final int DONE = ModelContext.CANONICAL_STEPS.size();

    private final ModelContext ctx;
    private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> next = new HashMap<>();
    private final Map<String, List<String>> boundaries = new HashMap<>();
    private final Map<String, Integer> canonicalIndex = new HashMap<>();
    private final Set<String> successEnds = new HashSet<>();

    private StepOrder(ModelContext ctx, Process process) {
        this.ctx = ctx;
        index(process);
    }

    static List<Violation> check(ModelContext ctx) {
        return ctx.process().map(process -> new StepOrder(ctx, process).search()).orElse(List.of());
    }

    private void index(Process process) {
        for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
            if (node instanceof SubProcess sub && sub.triggeredByEvent()) {
                continue; // event subprocesses interrupt from anywhere: not part of the main paths
            }
            nodes.put(node.getId(), node);
        }
        for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
            String source = flow.getAttributeValue("sourceRef");
            String target = flow.getAttributeValue("targetRef");
            if (source != null && target != null) {
                next.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
            }
        }
        Map<String, List<String>> linkTargets = new HashMap<>();
        for (FlowNode node : nodes.values()) {
            if (node instanceof BoundaryEvent boundary) {
                String attachedTo = ModelContext.localRef(boundary.getAttributeValue("attachedToRef"));
                if (attachedTo != null) {
                    boundaries.computeIfAbsent(attachedTo, k -> new ArrayList<>()).add(boundary.getId());
                }
            } else if (node instanceof IntermediateCatchEvent catchEvent) {
                linkName(catchEvent).ifPresent(name ->
                        linkTargets.computeIfAbsent(name, k -> new ArrayList<>()).add(catchEvent.getId()));
            } else if (node instanceof UserTask task) {
                ModelContext.property(task, ModelContext.STEP)
                        .map(ModelContext.CANONICAL_STEPS::indexOf)
                        .filter(i -> i >= 0)
                        .ifPresent(i -> canonicalIndex.put(task.getId(), i));
            } else if (node instanceof EndEvent end
                    && "success".equals(ModelContext.property(end, ModelContext.OUTCOME).orElse(null))) {
                successEnds.add(end.getId());
            }
        }
        // A throwing link event continues at the catching link event of the same name.
        for (FlowNode node : nodes.values()) {
            if (node instanceof IntermediateThrowEvent throwEvent) {
                linkName(throwEvent).map(linkTargets::get).ifPresent(targets ->
                        next.computeIfAbsent(throwEvent.getId(), k -> new ArrayList<>()).addAll(targets));
            }
        }
    }

    private static Optional<String> linkName(FlowNode event) {
        return event.getChildElementsByType(LinkEventDefinition.class).stream()
                .map(LinkEventDefinition::getName)
                .filter(name -> name != null && !name.isBlank())
                .findFirst();
    }

    private record State(String nodeId, int progress) {
    }

    private List<Violation> search() {
        Map<String, Violation> found = new LinkedHashMap<>(); // one violation per element
        Set<State> seen = new HashSet<>();
        Deque<State> queue = new ArrayDeque<>();
        for (FlowNode node : nodes.values()) {
            if (node instanceof StartEvent) {
                enqueue(queue, seen, new State(node.getId(), 0));
            }
        }
        while (!queue.isEmpty()) {
            State state = queue.poll();
            String id = state.nodeId();
            int before = state.progress();
            // A boundary event fires while its activity runs: the activity was not completed.
            for (String boundary : boundaries.getOrDefault(id, List.of())) {
                enqueue(queue, seen, new State(boundary, before));
            }
            int after = pass(id, before, found);
            if (successEnds.contains(id) && after < DONE) {
                found.putIfAbsent(id, ctx.violation(id, Rule.STEP_ORDER, describe(id)
                        + " with outcome 'success' can be reached without passing step '"
                        + ModelContext.CANONICAL_STEPS.get(after) + "'"));
            }
            for (String target : next.getOrDefault(id, List.of())) {
                if (nodes.containsKey(target)) {
                    enqueue(queue, seen, new State(target, after));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Progress after passing a node. */
    private int pass(String id, int progress, Map<String, Violation> found) {
        Integer index = canonicalIndex.get(id);
        if (index == null) {
            return progress;
        }
        if (index > progress) {
            String step = ModelContext.CANONICAL_STEPS.get(index);
            String missing = ModelContext.CANONICAL_STEPS.get(progress);
            found.putIfAbsent(id, ctx.violation(id, Rule.STEP_ORDER,
                    "step '" + step + "' (element " + id + ") can be reached before '" + missing + "'"));
        }
        // In order: one step further. Send-back: later steps must be done again. Too early: reported
        // above; carry on as if in order so one mistake is not reported again at every later step.
        return index + 1;
    }

    private String describe(String id) {
        return ModelContext.describe("end event", nodes.get(id));
    }

    private static void enqueue(Deque<State> queue, Set<State> seen, State state) {
        if (seen.add(state)) {
            queue.add(state);
        }
    }
}
