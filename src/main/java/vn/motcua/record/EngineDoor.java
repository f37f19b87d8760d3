package vn.motcua.record;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Colour;
import vn.motcua.deadline.Deadlines;
import vn.motcua.deadline.TaskColours;
import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.StepChanged;
import vn.motcua.procedure.SystemModels;
import vn.motcua.security.TasklistFilters;

/**
 * The one door from the engine (issue #17): Camunda's Spring eventing publishes every task and
 * execution event inside the engine's transaction, and this is where they enter the product.
 * <ul>
 * <li>Every new task gets its card for Tasklist: the record's code and applicant, the deadline's colour.</li>
 * <li>A record's step ({@code step} property, read once per model element): the record moves
 * ({@link RecordLifecycle}; at completion the approval guard, at issuing what the records clerk must be told
 * before the model's {@code ${seal}} runs), then {@link StepChanged} tells the other features, with the
 * record's unit and the task's people and dates. The receipt, draft and seal are the model's own service
 * tasks ({@link VisibleWork}); for a definition from before them the door still does that work here.</li>
 * <li>The process start (a record opened in Tasklist) and the end events ({@code outcome} property).</li>
 * </ul>
 * Processes without a record are ignored. The product's own notice and apology tasks are still followed
 * by the classes that own them ({@code NoticeFollowUp}, {@link LeaderActions}, {@link LateRecords}).
 */
@Component
class EngineDoor {

    /** Handed to the lifecycle with a step's variables: the procedure's processing time from the model. */
    static final String PROCESSING_DAYS = "procedure.processingDays";

    private final RecordLifecycle lifecycle;
    private final TasklistIntake tasklistIntake;
    private final ApprovalGuard approvalGuard;
    private final ResultSealing sealing;
    private final IdentityService identityService;
    private final AskedGroups askedGroups;
    private final ApplicationEventPublisher events;
    private final Deadlines deadlines;
    /** The {@code step} property of each task element, by process definition and activity. */
    private final Map<String, Optional<String>> steps = new ConcurrentHashMap<>();
    /** Whether a process definition draws its receipt, draft and seal as service tasks ({@link VisibleWork}). */
    private final Map<String, Boolean> drawnWork = new ConcurrentHashMap<>();

    EngineDoor(RecordLifecycle lifecycle, TasklistIntake tasklistIntake, ApprovalGuard approvalGuard,
            ResultSealing sealing, IdentityService identityService, AskedGroups askedGroups,
            ApplicationEventPublisher events, Deadlines deadlines) {
        this.lifecycle = lifecycle;
        this.tasklistIntake = tasklistIntake;
        this.approvalGuard = approvalGuard;
        this.sealing = sealing;
        this.identityService = identityService;
        this.askedGroups = askedGroups;
        this.events = events;
        this.deadlines = deadlines;
    }

    @EventListener
    public void onTask(DelegateTask task) {
        if ("create".equals(task.getEventName())) {
            card(task);
        }
        String step = task.getExecution() == null ? null : stepOf(task);
        String code = step == null ? null : task.getExecution().getProcessBusinessKey();
        if (code == null) {
            return;
        }
        StepChanged.Kind kind;
        switch (task.getEventName()) {
            case "create" -> {
                kind = StepChanged.Kind.STARTED;
                boolean drawn = drawnWork(task);
                lifecycle.stepStarted(code, step,
                        "approval".equals(step) && !drawn ? new HashMap<>(task.getVariables()) : Map.of(), actor(), drawn);
                askedGroups.note(code, task.getVariable("unit"), task.getCandidates());
            }
            case "complete" -> {
                kind = StepChanged.Kind.COMPLETED;
                completed(task, code, step);
            }
            case "assignment" -> kind = StepChanged.Kind.ASSIGNED;
            case "update" -> kind = StepChanged.Kind.UPDATED;
            case "delete" -> kind = StepChanged.Kind.CANCELLED;
            default -> {
                return;
            }
        }
        Authentication user = identityService.getCurrentAuthentication();
        // who may work it: when it starts; where: when it starts or is completed (its variables are read then
        // anyway; at other events asking would cost the engine a query)
        boolean starts = kind == StepChanged.Kind.STARTED;
        Object unit = starts || kind == StepChanged.Kind.COMPLETED ? task.getVariable("unit") : null;
        events.publishEvent(new StepChanged(kind, code, unit == null ? null : unit.toString(), step, task.getId(),
                task.getName(), starts ? task.getCandidates().stream().map(IdentityLink::getGroupId)
                        .filter(Objects::nonNull).sorted().toList() : List.of(),
                task.getAssignee(), instant(task.getCreateTime()), instant(task.getDueDate()),
                instant(task.getFollowUpDate()), user == null ? null : user.getUserId(), deadlines.now()));
    }

    private void completed(DelegateTask task, String code, String step) {
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
        }
        boolean drawn = drawnWork(task);
        if ("issuing".equals(step) && drawn) {
            // the model's ${seal} numbers and seals next, in a job of its own: what the records clerk can be
            // told now (no signed result, no seal configured) is refused now
            sealing.requireReady(code, task.getVariable("unit") instanceof String unit ? unit : null);
            task.setVariable(VisibleWork.ISSUED_BY, actor());
        } else if ("issuing".equals(step)) {
            String number = sealing.sealAndNumber(code, actor());
            task.setVariable("documentNumber", number);
            variables.put("documentNumber", number);
        }
        lifecycle.stepCompleted(code, step, variables, actor(), drawn);
    }

    private boolean drawnWork(DelegateTask task) {
        return drawnWork.computeIfAbsent(task.getProcessDefinitionId(),
                id -> VisibleWork.isDrawnIn((BpmnModelInstance) task.getBpmnModelElementInstance().getModelInstance()));
    }

    /**
     * What a task's card in Tasklist shows besides its name: staff may read their unit's tasks but not the
     * process instance, so the record's code and applicant become the task's own variables, with the
     * colour of its deadline (the colour sweep turns it yellow and red later).
     */
    private void card(DelegateTask task) {
        for (String name : TasklistFilters.COPIED_TO_TASKS) {
            Object value = task.getVariable(name);
            if (value != null && !task.hasVariableLocal(name)) {
                task.setVariableLocal(name, value);
            }
        }
        if (task.getDueDate() != null) {
            task.setVariableLocal(TaskColours.VARIABLE, Colour.of(deadlines.now(), instant(task.getFollowUpDate()),
                    instant(task.getDueDate())).id());
        }
    }

    /** The task element's {@code step} property, read from the model once per definition and activity. */
    private String stepOf(DelegateTask task) {
        return steps.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                key -> property(task.getBpmnModelElementInstance(), "step")).orElse(null);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
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
