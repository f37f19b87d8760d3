package vn.motcua.payment;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ProcedureSummary;

/**
 * The payment step a model draws (docs/payments.md, rule {@code payment}), as thin delegates over
 * {@link PaymentRequests}:
 * <ul>
 * <li>{@code ${paymentRequest}}: the fee ({@code procedure.fee}) is asked for — state 6, the clock paused, the
 * payment request with its link and VietQR code; sets {@code paymentReference} and {@code paymentExpiresAt}
 * (the expiry timer's date);</li>
 * <li>then an event-based gateway waits for the message {@code RecordPaid} (the platform's callback) or the
 * timer at {@code ${paymentExpiresAt}};</li>
 * <li>{@code ${paymentReceipt}} after {@code RecordPaid}: the receipt (biên lai), the record resumed;</li>
 * <li>{@code ${paymentExpired}} after the timer: the request can no longer be paid; the model's path goes on
 * (the record withdrawn, or a new request).</li>
 * </ul>
 */
final class PaymentWork {

    static final String REFERENCE = "paymentReference";
    static final String EXPIRES_AT = "paymentExpiresAt";
    /** Where the model collects the fee: {@code submission} or {@code result}. */
    static final String PAYMENT_AT = "procedure.paymentAt";

    private PaymentWork() {
    }

    static String actor(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return user == null || user.getUserId() == null ? "system" : user.getUserId();
    }

    /** A property of the process the execution runs (the deployed version's own). */
    static String processProperty(DelegateExecution execution, String name) {
        Process process = execution.getBpmnModelInstance().getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable).findFirst().orElse(null);
        if (process == null || process.getExtensionElements() == null) {
            return null;
        }
        return process.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }

    /** Yêu cầu nộp phí: the fee asked for, the record in state 6. */
    @Component("paymentRequest")
    static class RequestFee implements JavaDelegate {

        private final PaymentRequests payments;

        RequestFee(PaymentRequests payments) {
            this.payments = payments;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String fee = processProperty(execution, ProcedureSummary.FEE);
            long amount = fee == null ? 0 : Long.parseLong(fee.strip());
            String at = processProperty(execution, PAYMENT_AT);
            PaymentRequest request = payments.request(execution.getProcessBusinessKey(),
                    execution.getProcessInstanceId(), amount, at == null ? "submission" : at, actor(execution));
            execution.setVariable(REFERENCE, request.reference());
            execution.setVariable(EXPIRES_AT, Date.from(request.expiresAt()));
        }
    }

    /** Cấp biên lai: the fee is paid, its receipt issued, the record resumed. */
    @Component("paymentReceipt")
    static class IssueReceipt implements JavaDelegate {

        private final PaymentRequests payments;

        IssueReceipt(PaymentRequests payments) {
            this.payments = payments;
        }

        @Override
        public void execute(DelegateExecution execution) {
            payments.settle(execution.getProcessBusinessKey(), actor(execution));
        }
    }

    /** Hết hạn nộp phí: the request is no longer payable. */
    @Component("paymentExpired")
    static class ExpireRequest implements JavaDelegate {

        private final PaymentRequests payments;

        ExpireRequest(PaymentRequests payments) {
            this.payments = payments;
        }

        @Override
        public void execute(DelegateExecution execution) {
            payments.expire(execution.getProcessBusinessKey());
        }
    }
}
