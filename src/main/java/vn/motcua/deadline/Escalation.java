package vn.motcua.deadline;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ModelProperties;
import vn.motcua.notice.NoticeProperties;

/**
 * The escalation path of an overdue step, as analysts model it: a non-interrupting timer at the
 * step's deadline leads to a service task {@code camunda:delegateExpression="${escalation}"}
 * (asynchronous before) with the extension properties {@value #STEP} (the user task's id) and
 * {@value #LEVEL} ({@code 1}); a timer {@code ${escalation.nextLevelAt()}} and a second such
 * task with level {@code 2} notify the next level up. The work is done by {@link EscalationService}.
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

    /** When the next level is notified if the step is still open: {@code motcua.notices.next-level-after-working-days} from now. */
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
