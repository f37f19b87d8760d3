package vn.motcua.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.SystemModels;

/**
 * The engine's history (level full) without what is kept twice or only ever needed while a step is
 * open (issue #16): it cost 240 kB of a completed record's 430 kB.
 * <ul>
 * <li>No variable history of a record's process ({@code ACT_HI_VARINST}, {@code ACT_HI_DETAIL}): the
 * record keeps its data once, as one row when the process ends ({@link RecordData}); while it runs,
 * the variables are there. Who completed which task is in the user operation log, each state change
 * with its step, actor and note in the record's state history.</li>
 * <li>No identity link log of a record's tasks: the candidate groups are the model's, other units asked
 * are kept by the record ({@link AskedGroups}), the assignee is in the historic task, and every claim,
 * assignment and completion in the user operation log.</li>
 * <li>No activity history of a record's routing: gateways, the none start and end events
 * ({@link #ROUTING}); nor of the record's drawn work ({@link VisibleWork}: the receipt, the draft, the seal),
 * whose documents, signatures and state changes carry their own time and actor; its steps, lookups, timers
 * and messages keep theirs.</li>
 * <li>No {@code ACT_HI_DETAIL} row per variable write elsewhere either.</li>
 * <li>No history of a task's own copies for Tasklist's card ({@code recordCode}, {@code applicantName},
 * the deadline {@code colour}) nor of a step's cached deadline ({@code stepDue:…}): the record holds
 * them, the historic task keeps its due date.</li>
 * <li>The job log keeps failures only: timers and lookups created, done or deleted by the thousand
 * tell nothing the activity history does not.</li>
 * </ul>
 * Everything else goes to the database as Camunda writes it.
 */
@Component
class LeanHistoryPlugin extends AbstractProcessEnginePlugin {

    /**
     * Activities that only route a record: which way a gateway went shows in the next step, and the
     * process instance's own history row has its start and end activity and times.
     */
    static final Set<String> ROUTING = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE, ActivityTypes.GATEWAY_INCLUSIVE,
            ActivityTypes.GATEWAY_PARALLEL, ActivityTypes.GATEWAY_COMPLEX, ActivityTypes.GATEWAY_EVENT_BASED,
            ActivityTypes.START_EVENT, ActivityTypes.END_EVENT_NONE);

    /** Task-local variables that only serve Tasklist while the task is open. */
    static final Set<String> TASK_CARD_VARIABLES = Set.of("recordCode", "applicantName", "colour");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(0, new LeanDbHistoryEventHandler());
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    /** Whether a history event is worth a row. */
    static boolean kept(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable) {
            if (ofARecordsProcess(variable)) {
                return false; // kept once, as the record's data
            }
            String name = variable.getVariableName();
            return name == null || !(name.startsWith("stepDue:")
                    || variable.getTaskId() != null && TASK_CARD_VARIABLES.contains(name));
        }
        if (event instanceof HistoricIdentityLinkLogEventEntity link) {
            return !ofARecordsProcess(link);
        }
        if (event instanceof HistoricActivityInstanceEventEntity activity) {
            return !(ofARecordsProcess(activity) && (ROUTING.contains(activity.getActivityType())
                    || ActivityTypes.TASK_SERVICE.equals(activity.getActivityType()) && isDrawnWork(activity)));
        }
        if (event instanceof HistoricJobLogEvent job) {
            return job.getState() == JobState.FAILED.getStateCode();
        }
        return true;
    }

    /** Whether the activity is one of the record's drawn work's service tasks, per definition and activity. */
    private static boolean isDrawnWork(HistoricActivityInstanceEventEntity activity) {
        var engine = org.camunda.bpm.engine.impl.context.Context.getProcessEngineConfiguration();
        if (engine == null) {
            return false; // not inside the engine's command (a history event always is): nothing to look up
        }
        return DRAWN_WORK.computeIfAbsent(engine.getProcessEngineName() + "/" + activity.getProcessDefinitionId() + "/"
                + activity.getActivityId(), key -> {
            var model = engine.getDeploymentCache().findBpmnModelInstanceForProcessDefinition(
                    activity.getProcessDefinitionId());
            return model != null && model.getModelElementById(activity.getActivityId())
                    instanceof org.camunda.bpm.model.bpmn.instance.ServiceTask task && VisibleWork.isWork(task);
        });
    }

    private static final java.util.Map<String, Boolean> DRAWN_WORK = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * An event of a procedure's process (a record's), not of the product's own notice processes nor of
     * a task without a process (an apology, an escalation notice), whose history stays as it is.
     */
    private static boolean ofARecordsProcess(HistoryEvent event) {
        return event.getProcessDefinitionKey() != null && !SystemModels.isSystemKey(event.getProcessDefinitionKey());
    }

    static final class LeanDbHistoryEventHandler extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                super.handleEvent(event);
            }
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return false;
        }
    }
}
