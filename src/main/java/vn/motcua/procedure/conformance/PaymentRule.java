package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

/**
 * Rule {@code payment} (docs/payments.md): a procedure with a fee ({@code procedure.fee} > 0) collects it
 * where {@code procedure.paymentAt} says — {@code submission}: every path from reception to appraisal passes
 * the payment step; {@code result}: every path from issuing to the result's return does. The payment step is a
 * service task {@code ${paymentRequest}} (asynchronous, with a retry cycle) followed by an event-based gateway that waits for the message
 * {@code RecordPaid} (then {@code ${paymentReceipt}} before anything else) and for a timer, the request's expiry
 * (then {@code ${paymentExpired}} before anything else). A free procedure has no payment step.
 */
final class PaymentRule {

    static final String REQUEST = "${paymentRequest}";
    static final String RECEIPT = "${paymentReceipt}";
    static final String EXPIRED = "${paymentExpired}";
    static final String PAYMENT_AT = "procedure.paymentAt";
    private static final Set<String> PLACES = Set.of("submission", "result");

    private PaymentRule() {
    }

    static List<Violation> check(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        ctx.process().ifPresent(process -> {
            long fee = fee(process);
            String at = ModelContext.property(process, PAYMENT_AT).map(String::strip).orElse(null);
            FlowGraph graph = new FlowGraph(process);
            List<ServiceTask> requests = ctx.inProcess(ServiceTask.class).stream().filter(task -> is(task, REQUEST))
                    .toList();
            if (fee <= 0) {
                for (ServiceTask request : requests) {
                    found.add(ctx.violation(request.getId(), Rule.PAYMENT, describe("service task", request)
                            + " asks for a fee, but procedure.fee is " + fee + ": a free procedure has no payment step"));
                }
                if (at != null) {
                    found.add(ctx.violation(process.getId(), Rule.PAYMENT, PAYMENT_AT + " is '" + at
                            + "' but procedure.fee is " + fee + ": set the fee, or remove " + PAYMENT_AT));
                }
                return;
            }
            if (at == null || !PLACES.contains(at)) {
                found.add(ctx.violation(process.getId(), Rule.PAYMENT, "procedure.fee is " + fee + " VND: say where "
                        + "it is collected with the process property " + PAYMENT_AT + " = submission or result"
                        + (at == null ? "" : " (not '" + at + "')")));
                return;
            }
            if (requests.isEmpty()) {
                found.add(ctx.violation(process.getId(), Rule.PAYMENT, "procedure.fee is " + fee + " VND but no "
                        + "service task " + REQUEST + " asks for it: draw the payment step (template "
                        + "vn.motcua.work.payment) at " + at));
                return;
            }
            String from = at.equals("submission") ? "reception" : "issuing";
            String to = at.equals("submission") ? "appraisal" : "result";
            for (UserTask start : steps(process, from)) {
                graph.stops(graph.next(start.getId()), node -> is(node, REQUEST) || isStep(node, to)).stream()
                        .filter(node -> isStep(node, to)).forEach(task -> found.add(ctx.violation(task.getId(),
                                Rule.PAYMENT, describe("user task", (UserTask) task) + " (step " + to
                                        + ") is reached from " + start.getId() + " (step " + from + ") without the "
                                        + "payment step, but " + PAYMENT_AT + " is " + at + "; put a service task "
                                        + REQUEST + " on that path")));
            }
            for (ServiceTask request : requests) {
                waits(ctx, graph, request, found);
                boolean retries = request.getExtensionElements() != null && !request.getExtensionElements()
                        .getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().isEmpty();
                if (!request.isCamundaAsyncBefore() || !retries) {
                    found.add(ctx.violation(request.getId(), Rule.PAYMENT, describe("service task", request)
                            + " must be asynchronous (Asynchronous continuations → Before) with a Retry time cycle "
                            + "(e.g. R3/PT5M): a payment platform not set up is then an incident here, never an "
                            + "error in the click that accepted or issued the record"));
                }
            }
        });
        return found;
    }

    /** After the request: an event-based gateway waiting for RecordPaid (then the receipt) and a timer (then the expiry). */
    private static void waits(ModelContext ctx, FlowGraph graph, ServiceTask request, List<Violation> found) {
        List<String> next = graph.next(request.getId());
        FlowNode gateway = next.size() == 1 ? graph.node(next.get(0)) : null;
        if (!(gateway instanceof EventBasedGateway)) {
            found.add(ctx.violation(request.getId(), Rule.PAYMENT, describe("service task", request) + " must be "
                    + "followed by one event-based gateway that waits for the payment (message "
                    + MessageRules.PAID + ") and for the request's expiry (a timer at ${paymentExpiresAt})"));
            return;
        }
        boolean paid = false;
        boolean timer = false;
        for (String id : graph.next(gateway.getId())) {
            FlowNode event = graph.node(id);
            if (!(event instanceof IntermediateCatchEvent)) {
                continue;
            }
            if (!event.getChildElementsByType(MessageEventDefinition.class).isEmpty()
                    && MessageRules.PAID.equals(MessageRules.messageName(event))) {
                paid = true;
                passes(ctx, graph, event, RECEIPT, "issues the fee's receipt and resumes the record", found);
            } else if (!event.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
                timer = true;
                passes(ctx, graph, event, EXPIRED, "ends the request, so it can no longer be paid", found);
            }
        }
        if (!paid || !timer) {
            found.add(ctx.violation(gateway.getId(), Rule.PAYMENT, describe("event-based gateway", gateway)
                    + " after the payment request must wait for " + (paid ? "" : "the message " + MessageRules.PAID
                    + (timer ? "" : " and ")) + (timer ? "" : "a timer at ${paymentExpiresAt} (the request's expiry)")));
        }
    }

    /** Every path from the event meets {@code delegate} before a user task or an end. */
    private static void passes(ModelContext ctx, FlowGraph graph, FlowNode event, String delegate, String what,
            List<Violation> found) {
        for (FlowNode stop : graph.stops(graph.next(event.getId()),
                node -> is(node, delegate) || node instanceof UserTask || node instanceof EndEvent)) {
            if (!is(stop, delegate)) {
                found.add(ctx.violation(event.getId(), Rule.PAYMENT, describe("event", event) + " reaches "
                        + stop.getId() + " without a service task " + delegate + ", which " + what));
            }
        }
    }

    static long fee(Process process) {
        try {
            return ModelContext.property(process, "procedure.fee").map(String::strip).map(Long::parseLong).orElse(0L);
        } catch (NumberFormatException invalid) {
            return 0; // procedure-properties says what is wrong with it
        }
    }

    private static List<UserTask> steps(Process process, String step) {
        return process.getChildElementsByType(UserTask.class).stream()
                .filter(task -> isStep(task, step)).toList();
    }

    private static boolean isStep(FlowNode node, String step) {
        return node instanceof UserTask task && step.equals(ModelContext.property(task, ModelContext.STEP).orElse(null));
    }

    static boolean is(FlowNode node, String delegate) {
        if (!(node instanceof ServiceTask service)) {
            return false;
        }
        String expression = service.getCamundaDelegateExpression();
        return expression != null && expression.replaceAll("\\s", "").equals(delegate);
    }
}
