package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;

/**
 * The messages the record feature correlates (by the record code, the business key):
 * {@value #SUPPLEMENTED} when the applicant supplements a record reception sent back,
 * {@value #RESUMED} when stopped processing resumes, {@value #WITHDRAWN} when the applicant
 * withdraws. A model that waits for another name, or does not wait where the product sends, loses
 * the applicant's action (the API answers with an error, or the record is cancelled without outcome).
 */
final class MessageRules {

    static final String SUPPLEMENTED = "RecordSupplemented";
    static final String RESUMED = "RecordResumed";
    static final String WITHDRAWN = "RecordWithdrawn";
    /** The national payment platform confirmed the fee (payment feature), after {@code ${paymentRequest}}. */
    static final String PAID = "RecordPaid";
    static final List<String> KNOWN = List.of(SUPPLEMENTED, RESUMED, WITHDRAWN, PAID);

    /** The reception decision that sends the record back for a supplement (state 5), and appraisal's stop (state 8). */
    private static final Pattern SUPPLEMENT_CONDITION =
            Pattern.compile("receptionDecision\\s*(==|eq)\\s*['\"]supplement['\"]|['\"]supplement['\"]\\s*(==|eq)\\s*receptionDecision");
    private static final Pattern STOP_CONDITION =
            Pattern.compile("proposal\\s*(==|eq)\\s*['\"]stop['\"]|['\"]stop['\"]\\s*(==|eq)\\s*proposal");

    private MessageRules() {
    }

    /** An interrupting event subprocess at the top level starts on the message RecordWithdrawn. */
    static List<Violation> withdrawal(ModelContext ctx) {
        return ctx.process().map(process -> {
            for (SubProcess sub : ctx.topLevel(SubProcess.class)) {
                if (!sub.triggeredByEvent()) {
                    continue;
                }
                for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
                    if (WITHDRAWN.equals(messageName(start)) && start.isInterrupting()) {
                        return List.<Violation>of();
                    }
                }
            }
            return List.of(ctx.violation(process.getId(), Rule.WITHDRAWAL, "the process has no withdrawal: add an "
                    + "interrupting event subprocess (e.g. SubProcess_Withdrawal) at the top level whose message start "
                    + "event catches the message '" + WITHDRAWN + "' and ends with outcome=withdrawn; the records API "
                    + "withdraws a record by correlating that message"));
        }).orElse(List.of());
    }

    /**
     * Every catching message event names a message the product correlates, the one its place
     * calls for; the supplement and the stop paths wait for theirs; RecordWithdrawn is caught only
     * by the withdrawal event subprocess (a second subscription makes the correlation ambiguous).
     */
    static List<Violation> recordMessages(ModelContext ctx) {
        if (ctx.process().isEmpty()) {
            return List.of();
        }
        Map<String, String> expected = new LinkedHashMap<>(); // catch element id → the name its place calls for
        List<Violation> found = new ArrayList<>();
        for (SequenceFlow flow : ctx.inProcess(SequenceFlow.class)) {
            String condition = condition(flow);
            if (condition == null) {
                continue;
            }
            if (SUPPLEMENT_CONDITION.matcher(condition).find()) {
                waitsFor(ctx, flow, SUPPLEMENTED, "the supplement path (receptionDecision 'supplement')", expected, found);
            } else if (STOP_CONDITION.matcher(condition).find()) {
                waitsFor(ctx, flow, RESUMED, "the stop path (proposal 'stop')", expected, found);
            }
        }
        for (ServiceTask request : ctx.inProcess(ServiceTask.class)) {
            if (PaymentRule.is(request, PaymentRule.REQUEST)) {
                for (SequenceFlow out : request.getOutgoing()) {
                    waitsFor(ctx, out, PAID, "the payment path (after " + request.getId() + ")", expected, found);
                }
            }
        }
        for (CatchEvent event : ctx.inProcess(CatchEvent.class)) {
            if (event.getChildElementsByType(MessageEventDefinition.class).isEmpty()) {
                continue;
            }
            boolean withdrawalStart = event instanceof StartEvent start && start.getParentElement() instanceof SubProcess sub
                    && sub.triggeredByEvent() && sub.getParentElement() instanceof Process;
            String place = expected.getOrDefault(event.getId(), withdrawalStart ? WITHDRAWN : null);
            checkName(ctx, event, describe(kind(event), event), messageName(event), place, withdrawalStart, found);
        }
        for (ReceiveTask task : ctx.inProcess(ReceiveTask.class)) {
            String name = task.getMessage() == null ? null : task.getMessage().getName();
            checkName(ctx, task, describe("receive task", task), name, expected.get(task.getId()), false, found);
        }
        return found;
    }

    private static void checkName(ModelContext ctx, BaseElement element, String what, String name, String place,
            boolean withdrawalStart, List<Violation> found) {
        if (name == null || name.isBlank()) {
            found.add(ctx.violation(element.getId(), Rule.RECORD_MESSAGES, what + " catches no named message; "
                    + "expected " + expectedText(place)));
        } else if (place != null && !place.equals(name)) {
            found.add(ctx.violation(element.getId(), Rule.RECORD_MESSAGES, what + " waits for message '" + name
                    + "'; expected '" + place + "', the name the product correlates here"));
        } else if (!KNOWN.contains(name)) {
            found.add(ctx.violation(element.getId(), Rule.RECORD_MESSAGES, what + " waits for message '" + name
                    + "', which the product never sends; expected " + expectedText(place)));
        } else if (name.equals(PAID) && place == null) {
            found.add(ctx.violation(element.getId(), Rule.RECORD_MESSAGES, what + " waits for '" + PAID
                    + "', which the product correlates only at the payment step: after a service task "
                    + PaymentRule.REQUEST + " and its event-based gateway"));
        } else if (name.equals(WITHDRAWN) && !withdrawalStart) {
            found.add(ctx.violation(element.getId(), Rule.RECORD_MESSAGES, what + " waits for '" + WITHDRAWN
                    + "'; only the start event of the withdrawal event subprocess may (a second subscription makes "
                    + "the withdrawal's correlation ambiguous)"));
        }
    }

    private static String expectedText(String place) {
        return place != null ? "'" + place + "'" : "one of " + String.join(", ", KNOWN)
                + " (supplement, resumption, withdrawal, payment)";
    }

    /**
     * From the flow on, every path waits at a catching event before it reaches a task, a
     * subprocess or an end; at least one of those events is a message catch (its name is then
     * expected to be {@code message}).
     */
    private static void waitsFor(ModelContext ctx, SequenceFlow flow, String message, String path,
            Map<String, String> expected, List<Violation> found) {
        Map<String, List<SequenceFlow>> flowsFrom = new java.util.HashMap<>();
        for (SequenceFlow each : ctx.inProcess(SequenceFlow.class)) {
            flowsFrom.computeIfAbsent(each.getAttributeValue("sourceRef"), k -> new ArrayList<>()).add(each);
        }
        Deque<FlowNode> queue = new ArrayDeque<>();
        queue.add(flow.getTarget());
        Set<String> seen = new HashSet<>();
        boolean waits = false;
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            if (node == null || !seen.add(node.getId())) {
                continue;
            }
            if (node instanceof IntermediateCatchEvent || node instanceof ReceiveTask) {
                boolean isMessage = node instanceof ReceiveTask
                        || !node.getChildElementsByType(MessageEventDefinition.class).isEmpty();
                if (isMessage) {
                    expected.putIfAbsent(node.getId(), message);
                    waits = true;
                }
                continue;
            }
            if (node instanceof Gateway || node instanceof IntermediateThrowEvent || node instanceof ServiceTask
                    || node instanceof ScriptTask || node instanceof SendTask || node instanceof BusinessRuleTask) {
                flowsFrom.getOrDefault(node.getId(), List.of()).forEach(next -> queue.add(next.getTarget()));
                continue;
            }
            found.add(ctx.violation(flow.getId(), Rule.RECORD_MESSAGES, path + " (flow " + flow.getId() + ") reaches "
                    + node.getId() + " without waiting for the message '" + message + "'; the record waits there for "
                    + "the product to correlate it"));
            return;
        }
        if (!waits) {
            found.add(ctx.violation(flow.getId(), Rule.RECORD_MESSAGES, path + " (flow " + flow.getId()
                    + ") never waits for the message '" + message + "'; add a message catch event on it"));
        }
    }

    private static String condition(SequenceFlow flow) {
        ConditionExpression condition = flow.getConditionExpression();
        return condition == null ? null : condition.getTextContent();
    }

    static String messageName(BaseElement event) {
        for (MessageEventDefinition definition : event.getChildElementsByType(MessageEventDefinition.class)) {
            Message message = definition.getMessage();
            return message == null ? null : message.getName();
        }
        return null;
    }

    private static String kind(CatchEvent event) {
        if (event instanceof StartEvent) {
            return "message start event";
        }
        return event instanceof BoundaryEvent ? "message boundary event" : "message catch event";
    }
}
