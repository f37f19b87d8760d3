package vn.motcua.record;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.stereotype.Component;

/**
 * What a step does besides its user task, drawn in the model as service tasks (issue #17) so an
 * analyst sees it and an incident in Cockpit points at it:
 * <ul>
 * <li>{@code ${receipt}} after reception's <i>accept</i>: the receipt and appointment (form 01);</li>
 * <li>{@code ${resultDraft}} before approval: the result, or the reasoned rejection, for the leader to sign;</li>
 * <li>{@code ${seal}} after issuing, asynchronous with retries: the unit's number and seal over the signed
 * result (a remote signing service), then the record has its result (state 9).</li>
 * </ul>
 * Each is a thin delegate over the record's services. Records on a model version from before (no such
 * service tasks) still get this work from the engine door, as they did.
 */
final class VisibleWork {

    static final String RECEIPT = "${receipt}";
    static final String RESULT_DRAFT = "${resultDraft}";
    static final String SEAL = "${seal}";
    /** Who completed issuing: the seal's job runs without a user, and the record's history names them. */
    static final String ISSUED_BY = "issuedBy";

    private static final Set<String> DELEGATES = Set.of(RECEIPT, RESULT_DRAFT, SEAL);

    private VisibleWork() {
    }

    /** Whether the model draws this work (a service task of one of these delegates), or leaves it to the door. */
    static boolean isDrawnIn(BpmnModelInstance model) {
        return model.getModelElementsByType(ServiceTask.class).stream().anyMatch(VisibleWork::isWork);
    }

    static boolean isWork(ServiceTask task) {
        String expression = task.getCamundaDelegateExpression();
        return expression != null && DELEGATES.contains(expression.replaceAll("\\s", ""));
    }

    static String actor(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return user == null || user.getUserId() == null ? "system" : user.getUserId();
    }

    /** Cấp giấy tiếp nhận hồ sơ và hẹn trả kết quả: the receipt, with the appointment set at reception. */
    @Component("receipt")
    static class IssueReceipt implements JavaDelegate {

        private final RecordLifecycle lifecycle;

        IssueReceipt(RecordLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public void execute(DelegateExecution execution) {
            lifecycle.issueReceipt(execution.getProcessBusinessKey(), actor(execution));
        }
    }

    /** Dự thảo kết quả: the result (or the rejection) drafted from appraisal's proposal and the record's data. */
    @Component("resultDraft")
    static class DraftResult implements JavaDelegate {

        private final RecordLifecycle lifecycle;

        DraftResult(RecordLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Map<String, Object> variables = execution.getVariables();
            lifecycle.draftResult(execution.getProcessBusinessKey(), variables, actor(execution));
        }
    }

    /** Cấp số, đóng dấu: the unit's number and seal over the leader's signed result. */
    @Component("seal")
    static class SealResult implements JavaDelegate {

        private final ResultSealing sealing;
        private final RecordLifecycle lifecycle;

        SealResult(ResultSealing sealing, RecordLifecycle lifecycle) {
            this.sealing = sealing;
            this.lifecycle = lifecycle;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String code = execution.getProcessBusinessKey();
            Object issuedBy = execution.getVariable(ISSUED_BY);
            String actor = issuedBy != null ? issuedBy.toString() : actor(execution);
            String number = sealing.sealAndNumber(code, actor);
            execution.setVariable("documentNumber", number);
            lifecycle.resultSealed(code, actor);
        }
    }
}
