package vn.motcua.procedure.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The diagram rule: Camunda Modeler can only open (and analysts only review) a model whose
 * BPMNDI shows every flow node and sequence flow. References are read as raw attribute values
 * so dangling ids in foreign files do not break the check.
 */
final class DiagramRule {

    private DiagramRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        Collection<BpmnDiagram> diagrams = ctx.model().getModelElementsByType(BpmnDiagram.class);
        String processId = ctx.process().map(Process::getId).orElse(null);
        if (diagrams.isEmpty()) {
            return List.of(ctx.violation(processId, Rule.DIAGRAM,
                    "the file has no diagram (bpmndi:BPMNDiagram); Camunda Modeler cannot show it, lay it out in Modeler"));
        }
        if (processId == null) {
            return List.of();
        }
        List<Violation> found = new ArrayList<>();
        if (!planeShows(ctx, processId)) {
            found.add(ctx.violation(processId, Rule.DIAGRAM,
                    "no diagram plane shows process '" + processId + "' or a collaboration containing it"));
        }
        Set<String> shapes = referenced(ctx.model().getModelElementsByType(BpmnShape.class));
        Set<String> edges = referenced(ctx.model().getModelElementsByType(BpmnEdge.class));
        for (FlowNode node : ctx.inProcess(FlowNode.class)) {
            if (!shapes.contains(node.getId())) {
                found.add(ctx.violation(node.getId(), Rule.DIAGRAM, ModelContext.describe("flow node", node)
                        + " has no diagram shape (BPMNShape); it is invisible in Modeler"));
            }
        }
        for (SequenceFlow flow : ctx.inProcess(SequenceFlow.class)) {
            if (!edges.contains(flow.getId())) {
                found.add(ctx.violation(flow.getId(), Rule.DIAGRAM, ModelContext.describe("sequence flow", flow)
                        + " has no diagram edge (BPMNEdge); it is invisible in Modeler"));
            }
        }
        return found;
    }

    private static boolean planeShows(ModelContext ctx, String processId) {
        Set<String> shown = referenced(ctx.model().getModelElementsByType(BpmnPlane.class));
        if (shown.contains(processId)) {
            return true;
        }
        for (Collaboration collaboration : ctx.model().getModelElementsByType(Collaboration.class)) {
            if (!shown.contains(collaboration.getId())) {
                continue;
            }
            for (Participant participant : collaboration.getChildElementsByType(Participant.class)) {
                if (processId.equals(ModelContext.localRef(participant.getAttributeValue("processRef")))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> referenced(Collection<? extends ModelElementInstance> diElements) {
        Set<String> ids = new HashSet<>();
        for (ModelElementInstance element : diElements) {
            String id = element.getAttributeValue("bpmnElement");
            if (id != null) {
                ids.add(ModelContext.localRef(id));
            }
        }
        return ids;
    }
}
