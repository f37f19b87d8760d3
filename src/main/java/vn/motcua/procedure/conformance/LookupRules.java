package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import vn.motcua.lookup.Lookup;
import vn.motcua.lookup.LookupSpec;

/**
 * The registry-lookup rules (docs/lookups.md): a lookup service task is fully configured; the
 * record meets at least one lookup before appraisal (declare once); and a document a lookup
 * supplies is not also required from the applicant.
 */
final class LookupRules {

    static final String DELEGATE = "${lookup}";
    static final String RETRY_CYCLE = "${lookup.retryCycle(execution)}";

    private LookupRules() {
    }

    static boolean isLookup(FlowNode node) {
        return node instanceof ServiceTask task && task.getCamundaDelegateExpression() != null
                && task.getCamundaDelegateExpression().replaceAll("\\s", "").equals(DELEGATE);
    }

    /** Each {@code ${lookup}} task: valid properties, asynchronous, retried, and "not found" caught. */
    static List<Violation> configuration(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Set<String> caught = notFoundCaught(ctx);
        for (ServiceTask task : ctx.inProcess(ServiceTask.class)) {
            if (!isLookup(task)) {
                continue;
            }
            String what = describe("lookup service task", task);
            try {
                LookupSpec.parse(ModelContext.properties(task), what);
            } catch (IllegalStateException e) {
                found.add(ctx.violation(task.getId(), Rule.LOOKUP, e.getMessage()));
            }
            if (!task.isCamundaAsyncBefore()) {
                found.add(ctx.violation(task.getId(), Rule.LOOKUP, what + " is not asynchronous before; tick "
                        + "'Asynchronous before' so a registry outage is retried as a job instead of failing the "
                        + "user's transaction"));
            }
            if (task.getExtensionElements() == null || task.getExtensionElements().getElements().stream()
                    .noneMatch(e -> "failedJobRetryTimeCycle".equals(e.getElementType().getTypeName()))) {
                found.add(ctx.violation(task.getId(), Rule.LOOKUP, what + " has no camunda:failedJobRetryTimeCycle; "
                        + "set " + RETRY_CYCLE + " (Modeler: Asynchronous continuations > Retry time cycle)"));
            }
            if (!caught.contains(task.getId())) {
                found.add(ctx.violation(task.getId(), Rule.LOOKUP, what + " has no error boundary event catching '"
                        + Lookup.NOT_FOUND + "'; add one (error code " + Lookup.NOT_FOUND + ") and model what "
                        + "happens when the registry does not know the key"));
            }
        }
        return found;
    }

    /** The activities with an error boundary event catching "not found" (or every error). */
    private static Set<String> notFoundCaught(ModelContext ctx) {
        Set<String> caught = new HashSet<>();
        for (BoundaryEvent boundary : ctx.inProcess(BoundaryEvent.class)) {
            for (ErrorEventDefinition definition : boundary.getChildElementsByType(ErrorEventDefinition.class)) {
                Error error = definition.getError();
                if (error == null || Lookup.NOT_FOUND.equals(error.getErrorCode())) {
                    caught.add(ModelContext.localRef(boundary.getAttributeValue("attachedToRef")));
                }
            }
        }
        return caught;
    }

    /** No path from a start event reaches an appraisal task without passing a lookup. */
    static List<Violation> beforeAppraisal(ModelContext ctx) {
        return ctx.process().map(process -> {
            FlowGraph graph = new FlowGraph(process);
            List<String> starts = new ArrayList<>();
            graph.nodes().forEach(n -> {
                if (n instanceof StartEvent) {
                    starts.add(n.getId());
                }
            });
            List<Violation> found = new ArrayList<>();
            for (FlowNode node : graph.stops(starts, n -> isLookup(n) || n instanceof UserTask task
                    && "appraisal".equals(ModelContext.property(task, ModelContext.STEP).orElse(null)))) {
                if (node instanceof UserTask task) {
                    found.add(ctx.violation(task.getId(), Rule.LOOKUP_BEFORE_APPRAISAL, describe("user task", task)
                            + " (step appraisal) can be reached from the start without a registry lookup; put a "
                            + DELEGATE + " service task before it, so the applicant's data comes from the registries"));
                }
            }
            return found;
        }).orElse(List.of());
    }

    /**
     * A document a lookup supplies ({@code lookup.supplies}) is not required from the applicant;
     * {@code lookup.supplies} names documents only: a flag ({@code |optional}) there would hide a
     * required document from this rule.
     */
    static List<Violation> declaredOnce(ModelContext ctx) {
        return ctx.process().map(process -> {
            List<Violation> found = new ArrayList<>();
            Map<String, String> supplied = new HashMap<>(); // normalised document name → lookup task
            for (ServiceTask task : ctx.inProcess(ServiceTask.class)) {
                String supplies = ModelContext.properties(task).get(LookupSpec.SUPPLIES);
                if (!isLookup(task) || supplies == null) {
                    continue;
                }
                for (String document : supplies.split(";")) {
                    if (document.isBlank()) {
                        continue;
                    }
                    int flag = document.indexOf('|');
                    if (flag >= 0) {
                        found.add(ctx.violation(task.getId(), Rule.DECLARED_ONCE, describe("lookup service task", task)
                                + " lists '" + document.strip() + "' in " + LookupSpec.SUPPLIES + "; write the document's "
                                + "name only, without '" + document.substring(flag).strip() + "' (whether the applicant "
                                + "still brings it is said by the process's procedure.document.N)"));
                    }
                    supplied.put(normalise(documentName(document)), task.getId());
                }
            }
            ModelContext.properties(process).forEach((name, value) -> {
                if (name.startsWith(ProcessRules.DOCUMENT_PREFIX) && value != null
                        && !value.strip().endsWith(ProcessRules.OPTIONAL_SUFFIX)
                        && supplied.containsKey(normalise(documentName(value)))) {
                    found.add(ctx.violation(process.getId(), Rule.DECLARED_ONCE, "process property '" + name
                            + "' requires '" + value.strip() + "' from the applicant, but lookup "
                            + supplied.get(normalise(documentName(value))) + " takes it from a registry; remove the "
                            + "document or mark it |optional"));
                }
            });
            return found;
        }).orElse(List.of());
    }

    /** The document's name without a {@code |flag}. */
    private static String documentName(String document) {
        int flag = document.indexOf('|');
        return flag < 0 ? document : document.substring(0, flag);
    }

    private static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
