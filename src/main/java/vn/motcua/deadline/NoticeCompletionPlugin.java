package vn.motcua.deadline;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notices made before the notice process existed are tasks of their own (no process), so no task
 * listener sees a leader complete one in Tasklist; the engine's history does. This handler, beside the default database history, passes
 * the completion of a task without a process to {@link NoticeFollowUp}, which counts it as the
 * leader's acknowledgement when the notice is still open. Everything else passes by untouched.
 */
@Component
class NoticeCompletionPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<NoticeFollowUp> notices;

    NoticeCompletionPlugin(ObjectProvider<NoticeFollowUp> notices) {
        this.notices = notices;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new Handler());
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    private final class Handler implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricTaskInstanceEventEntity task
                    && HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(task.getEventType())
                    && task.getProcessInstanceId() == null && task.getCaseInstanceId() == null) {
                String user = Context.getCommandContext() == null ? null
                        : Context.getCommandContext().getAuthenticatedUserId();
                notices.getObject().completedInTasklist(task.getTaskId(), user);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
