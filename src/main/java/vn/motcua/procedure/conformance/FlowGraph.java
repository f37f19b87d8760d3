package vn.motcua.procedure.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * The top level of a process as the rules walk it: its flow nodes by id (event subprocesses left out: they
 * start from an event, not from a path) and what follows each — the targets of its sequence flows and, for an
 * activity, its boundary events, which leave it while it runs.
 */
final class FlowGraph {

    private final Map<String, FlowNode> nodes = new HashMap<>();
    private final Map<String, List<String>> next = new HashMap<>();

    FlowGraph(Process process) {
        for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
            if (!(node instanceof SubProcess sub && sub.triggeredByEvent())) {
                nodes.put(node.getId(), node);
            }
            if (node instanceof BoundaryEvent boundary) {
                next.computeIfAbsent(ModelContext.localRef(boundary.getAttributeValue("attachedToRef")),
                        k -> new ArrayList<>()).add(boundary.getId());
            }
        }
        for (SequenceFlow flow : process.getChildElementsByType(SequenceFlow.class)) {
            next.computeIfAbsent(flow.getAttributeValue("sourceRef"), k -> new ArrayList<>())
                    .add(flow.getAttributeValue("targetRef"));
        }
    }

    /** The node of that id, or null (an event subprocess, a dangling reference). */
    FlowNode node(String id) {
        return nodes.get(id);
    }

    Iterable<FlowNode> nodes() {
        return nodes.values();
    }

    /** What follows the node: its flows' targets and its boundary events. */
    List<String> next(String id) {
        return next.getOrDefault(id, List.of());
    }

    /**
     * Walks every path from the nodes {@code from} (themselves included) and returns, in the order met, the
     * nodes where a path {@code stops}: the walk does not go past them.
     */
    List<FlowNode> stops(Collection<String> from, Predicate<FlowNode> stops) {
        List<FlowNode> met = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(from);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            FlowNode node = nodes.get(id);
            if (node == null || !seen.add(id)) {
                continue;
            }
            if (stops.test(node)) {
                met.add(node);
                continue;
            }
            queue.addAll(next(id));
        }
        return met;
    }
}
