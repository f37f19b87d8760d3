package vn.motcua.deadline;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ModelProperties;
import vn.motcua.notice.NoticeProperties;

/**
 * Escalation of an overdue step (báo quá hạn), as analysts model it: two timeout task listeners on
 * the step's user task (docs/escalation.md) — {@code ${escalation.level(1)}} with a timer at the
 * step's deadline {@code ${deadlines.due(execution)}}, which notifies the unit's leaders, and
 * {@code ${escalation.level(2)}} at {@code ${escalation.nextLevelAfter(deadlines.due(execution))}}, which notifies the
 * next level up. The timers belong to the task: they go when it ends, and move with it when the
 * statutory clock pauses. The work is done by {@link EscalationService}, in the timer's job.
 *
 * <p>Records started on a model version from before the listeners (a boundary timer leading to a
 * service task {@code ${escalation}} with {@value #STEP} and {@value #LEVEL}) finish on that version:
 * this bean still runs those service tasks and their timer {@code ${escalation.nextLevelAt()}}.
 */
@Component("escalation")
public class Escalation implements JavaDelegate {

    /** Service-task extension property: the id of the user task (the step) being escalated. */
    public static final String STEP = "escalation.step";
    /** Service-task extension property: the level notified, 1 for the unit's own leaders. */
    public static final String LEVEL = "escalation.level";

    private final EscalationService service;
    private final Deadlines deadlines;
    private final NoticeProperties properties;

    public Escalation(EscalationService service, Deadlines deadlines, NoticeProperties properties) {
        this.service = service;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        Map<String, String> model = ModelProperties.of(element);
        String where = "Escalation service task " + execution.getCurrentActivityId() + " of "
                + execution.getProcessDefinitionId();
        String step = model.get(STEP);
        if (step == null || step.isBlank()) {
            throw new IllegalStateException(where + ": extension property '" + STEP
                    + "' is missing; set it to the id of the user task whose deadline this escalates");
        }
        step = step.strip();
        if (!(execution.getBpmnModelInstance().getModelElementById(step) instanceof UserTask)) {
            throw new IllegalStateException(where + ": extension property '" + STEP + "' = '" + step
                    + "' is not the id of a user task in this model");
        }
        service.escalate(execution.getProcessInstanceId(), step, level(model.get(LEVEL), where));
    }

    /**
     * The timeout listener of a step's user task that notifies {@code level} (1: the unit's leaders, 2: the
     * next level up, …) about the task, once.
     */
    public TaskListener level(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("escalation levels start at 1, was " + level);
        }
        return task -> service.escalateTask(task.getId(), level);
    }

    /**
     * When the next level is notified if the step is still open: {@code motcua.notices.next-level-after-working-days}
     * after the step's deadline {@code due}.
     */
    public Date nextLevelAfter(Date due) {
        return deadlines.afterWorkingDays(due.toInstant(), properties.nextLevelAfterWorkingDays());
    }

    /** The next level's timer of a model from before the timeout listeners: from now (level 1 ran at the deadline). */
    public Date nextLevelAt() {
        return deadlines.afterWorkingDays(properties.nextLevelAfterWorkingDays());
    }

    private static int level(String value, String where) {
        try {
            int level = Integer.parseInt(value == null ? "" : value.strip());
            if (level >= 1) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(where + ": extension property '" + LEVEL + "' must be 1, 2, …; was "
                + (value == null ? "missing" : "'" + value + "'"));
    }
}
