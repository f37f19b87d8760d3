package vn.motcua.lookup;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A registry lookup as a BPMN service task: {@code camunda:delegateExpression="${lookup}"},
 * asynchronous before, retried by {@code camunda:failedJobRetryTimeCycle="${lookup.retryCycle(execution)}"},
 * with the properties of {@link LookupSpec} (the element templates in {@code modeler/} fill them in).
 * An unknown key throws the BPMN error {@value #NOT_FOUND}, which the model catches with an
 * error boundary event; an unreachable registry fails the job, which the engine retries and then
 * turns into an incident. The work is done by {@link LookupService}.
 */
@Component("lookup")
public class Lookup implements JavaDelegate {

    /** The BPMN error code of "the registry has no entry for this key". */
    public static final String NOT_FOUND = "registry-not-found";

    private final LookupService service;
    private final RegistryProperties registries;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    public Lookup(LookupService service, RegistryProperties registries, io.micrometer.core.instrument.MeterRegistry meters) {
        this.service = service;
        this.registries = registries;
        this.meters = meters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LookupSpec spec = spec(execution);
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        LookupService.Context context = new LookupService.Context(execution.getProcessBusinessKey(),
                execution.getProcessInstanceId(), execution.getProcessDefinitionId(), execution.getCurrentActivityId(),
                user == null ? null : user.getUserId(), execution::getVariable);
        io.micrometer.core.instrument.Timer.Sample sample = io.micrometer.core.instrument.Timer.start(meters);
        String outcome = "failed";
        try {
            execution.setVariables(service.lookUp(spec, context));
            outcome = "found";
        } catch (RegistryNotFoundException e) {
            outcome = "not-found";
            execution.setVariables(e.variables());
            throw new BpmnError(NOT_FOUND, e.getMessage());
        } finally {
            // latency and outcome per registry: "failed" is an unreachable or refusing registry (the job retries)
            sample.stop(meters.timer("motcua.lookups", "registry", spec.type().registry().id(), "outcome", outcome));
        }
    }

    /** The retry intervals of the lookup's registry ({@code motcua.registries.<registry>.retry-cycle}). */
    public String retryCycle(DelegateExecution execution) {
        return registries.of(spec(execution).type().registry()).retryCycle();
    }

    private static LookupSpec spec(DelegateExecution execution) {
        return LookupSpec.of(execution.getBpmnModelElementInstance(), "Lookup service task " + execution.getCurrentActivityId() + " of "
                + execution.getProcessDefinitionId());
    }
}
