package vn.motcua.record;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.SystemModels;

/**
 * Thin bridge from the engine to {@link RecordLifecycle}: Camunda's Spring eventing publishes every
 * task and execution event (inside the engine's transaction); this picks out the steps
 * ({@code step} property), the end events ({@code outcome} property) and the process start, and
 * hands them over with the record code (the business key). Processes without a record are ignored.
 */
@Component
class RecordProcessListener {

    /** Handed to the lifecycle with a step's variables: the procedure's processing time from the model. */
    static final String PROCESSING_DAYS = "procedure.processingDays";

    private final RecordLifecycle lifecycle;
    private final TasklistIntake tasklistIntake;
    private final ApprovalGuard approvalGuard;
    private final ResultSealing sealing;
    private final IdentityService identityService;
    private final AskedGroups askedGroups;

    RecordProcessListener(RecordLifecycle lifecycle, TasklistIntake tasklistIntake, ApprovalGuard approvalGuard,
            ResultSealing sealing, IdentityService identityService, AskedGroups askedGroups) {
        this.askedGroups = askedGroups;
        this.lifecycle = lifecycle;
        this.tasklistIntake = tasklistIntake;
        this.approvalGuard = approvalGuard;
        this.sealing = sealing;
        this.identityService = identityService;
    }

    @EventListener
    public void onTask(DelegateTask task) {
        String step = property(task.getBpmnModelElementInstance(), "step").orElse(null);
        String code = task.getExecution().getProcessBusinessKey();
        if (step == null || code == null) {
            return;
        }
        switch (task.getEventName()) {
            case "create" -> {
                lifecycle.stepStarted(code, step,
                        "approval".equals(step) ? new HashMap<>(task.getVariables()) : Map.of(), actor());
                askedGroups.note(code, task.getVariable("unit"), task.getCandidates());
            }
            case "complete" -> {
                Map<String, Object> variables = new HashMap<>(task.getVariables());
                Optional.ofNullable(ModelProperties.ofProcess(task.getBpmnModelElementInstance()).get(PROCESSING_DAYS))
                        .ifPresent(days -> {
                    try {
                        variables.put(PROCESSING_DAYS, Double.valueOf(days));
                    } catch (NumberFormatException e) {
                        // the conformance check refuses such a model; nothing to add
                    }
                });
                if ("approval".equals(step) && "approve".equals(variables.get("approvalDecision"))) {
                    // the leader approves by signing: no valid signature of theirs, no approval
                    approvalGuard.requireSignedBy(code, task.getAssignee() != null ? task.getAssignee() : actor());
                } else if ("issuing".equals(step)) {
                    String number = sealing.sealAndNumber(code, actor());
                    task.setVariable("documentNumber", number);
                    variables.put("documentNumber", number);
                }
                lifecycle.stepCompleted(code, step, variables, actor());
            }
            default -> {
            }
        }
    }

    @EventListener
    public void onExecution(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        if (element == null) {
            return;
        }
        if ("start".equals(execution.getEventName()) && element instanceof StartEvent
                && element.getParentElement() instanceof Process process && !SystemModels.isSystemKey(process.getId())) {
            tasklistIntake.processStarted(execution, process.getId(), ModelProperties.of(process),
                    identityService.getCurrentAuthentication());
        } else if ("end".equals(execution.getEventName()) && element instanceof EndEvent
                && execution.getProcessBusinessKey() != null) {
            property(element, "outcome").ifPresent(
                    outcome -> lifecycle.ended(execution.getProcessBusinessKey(), outcome, execution::getVariables,
                            actor()));
        }
    }

    private String actor() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "system" : authentication.getUserId();
    }

    private static Optional<String> property(ModelElementInstance element, String name) {
        return Optional.ofNullable(ModelProperties.of(element).get(name));
    }
}
