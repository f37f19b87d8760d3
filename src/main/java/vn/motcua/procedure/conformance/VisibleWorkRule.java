package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.w3c.dom.Element;

/**
 * Rule {@code visible-work}: what a step does besides its user task is drawn as a service task where it
 * happens (issue 17, docs/procedures.md), so an analyst sees it and an incident points at it — every path
 * from reception to appraisal passes a {@code ${receipt}} task, every path from appraisal to approval a
 * {@code ${resultDraft}} task, every path from issuing to result a {@code ${seal}} task (boundary events'
 * paths included); the draft comes right before approval (no other step between, so a consultation's outcome
 * is on it); a result is sealed once on a path; the seal, a remote signing service, is asynchronous with a
 * retry cycle; and these beans are a service task's delegate only, never a listener's.
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
    static final String RESULT_DRAFT = "${resultDraft}";
    private static final Set<String> WORK_DELEGATES = Set.of("${receipt}", RESULT_DRAFT, SEAL, PaymentRule.REQUEST,
            PaymentRule.RECEIPT, PaymentRule.EXPIRED);
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    private VisibleWorkRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        ctx.process().ifPresent(process -> {
            FlowGraph graph = new FlowGraph(process);
            for (Work work : WORK) {
                for (UserTask from : steps(process, work.from())) {
                    for (String reached : reachedWithout(from.getId(), work, graph)) {
                        found.add(ctx.violation(reached, Rule.VISIBLE_WORK, describe("user task", (UserTask) graph.node(reached))
                                + " (step " + work.to() + ") is reached from " + from.getId() + " (step " + work.from()
                                + ") without passing a service task " + work.delegate() + ", which " + work.what()
                                + "; put one on that path (Implementation: Delegate expression " + work.delegate() + ")"));
                    }
                }
            }
            boolean hasApproval = !steps(process, "approval").isEmpty(); // else five-steps says what is wrong
            for (FlowNode node : graph.nodes()) {
                if (hasApproval && node instanceof ServiceTask draft && is(draft, RESULT_DRAFT)) {
                    firstTaskAfter(draft.getId(), graph, "approval").ifPresent(other -> found.add(ctx.violation(
                            draft.getId(), Rule.VISIBLE_WORK, describe("service task", draft) + " drafts the result before "
                            + describe("user task", other) + ", whose outcome would be missing from it; put it right "
                            + "before approval, after any consultation")));
                }
                if (node instanceof ServiceTask seal && is(seal, SEAL) && sealedAgain(seal.getId(), graph)) {
                    found.add(ctx.violation(seal.getId(), Rule.VISIBLE_WORK, describe("service task", seal)
                            + " is followed by another " + SEAL + " before the result: a result is numbered and sealed once"));
                }
            }
        });
        CodeRules.walk(CodeRules.root(ctx), element -> delegateOutsideServiceTask(ctx, element, found));
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

    /** The first user task other than {@code step}'s on some path from {@code from}, if any comes before it. */
    private static java.util.Optional<UserTask> firstTaskAfter(String from, FlowGraph graph, String step) {
        return graph.stops(graph.next(from), UserTask.class::isInstance).stream()
                .filter(task -> !isStep(task, step)).map(UserTask.class::cast).findFirst();
    }

    /** Whether another {@code ${seal}} follows this one before a task of the result step. */
    private static boolean sealedAgain(String from, FlowGraph graph) {
        return graph.stops(graph.next(from), node -> isStep(node, "result") || isWork(node, SEAL)).stream()
                .anyMatch(node -> isWork(node, SEAL));
    }

    /** The work's beans are a service task's delegate only: not a listener's, not another element's. */
    private static void delegateOutsideServiceTask(ModelContext ctx, Element element, List<Violation> found) {
        String delegate = element.getAttributeNS(CAMUNDA, "delegateExpression");
        if (delegate.isEmpty()) {
            delegate = element.getAttribute("delegateExpression"); // a listener's attribute has no namespace
        }
        String normalised = delegate.replaceAll("\\s", "");
        if (!WORK_DELEGATES.contains(normalised) || "serviceTask".equals(element.getLocalName())) {
            return;
        }
        Element owner = element;
        while (owner != null && owner.getAttribute("id").isEmpty()) {
            owner = owner.getParentNode() instanceof Element parent ? parent : null;
        }
        found.add(ctx.violation(owner == null ? null : owner.getAttribute("id"), Rule.VISIBLE_WORK, "the "
                + element.getLocalName() + " calls " + normalised + ", which belongs only to a service task drawn where "
                + "the work happens; draw a service task with it instead"));
    }

    private static List<UserTask> steps(Process process, String step) {
        return process.getChildElementsByType(UserTask.class).stream()
                .filter(task -> step.equals(ModelContext.property(task, ModelContext.STEP).orElse(null))).toList();
    }

    /** The tasks of step {@code work.to()} reached from {@code from} without passing a {@code work.delegate()} task. */
    private static List<String> reachedWithout(String from, Work work, FlowGraph graph) {
        return graph.stops(graph.next(from), node -> isWork(node, work.delegate()) || isStep(node, work.to())).stream()
                .filter(node -> isStep(node, work.to())).map(FlowNode::getId).sorted().toList();
    }

    private static boolean isStep(FlowNode node, String step) {
        return node instanceof UserTask task && step.equals(ModelContext.property(task, ModelContext.STEP).orElse(null));
    }

    private static boolean isWork(FlowNode node, String delegate) {
        return node instanceof ServiceTask service && is(service, delegate);
    }

    private static boolean is(ServiceTask task, String delegate) {
        String expression = task.getCamundaDelegateExpression();
        return expression != null && expression.replaceAll("\\s", "").equals(delegate);
    }
}
