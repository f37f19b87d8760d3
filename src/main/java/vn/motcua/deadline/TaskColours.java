package vn.motcua.deadline;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the task variable {@value #VARIABLE} (green / yellow / red) that Tasklist shows beside each
 * task: a new task gets its colour from the engine door (the record feature's {@code EngineDoor}), and a
 * sweep turns tasks yellow past their follow-up date and red past their due date. Setting a colour is idempotent, so every node may sweep.
 */
@Component
public class TaskColours {

    public static final String VARIABLE = "colour";

    private final TaskService taskService;

    public TaskColours(TaskService taskService) {
        this.taskService = taskService;
    }

    @Scheduled(fixedDelayString = "${motcua.deadlines.colour-sweep-interval:PT1M}")
    public void sweep() {
        Date now = Date.from(now());
        for (Task task : taskService.createTaskQuery().dueBefore(now)
                .taskVariableValueNotEquals(VARIABLE, Colour.RED.id()).list()) {
            paint(task, Colour.RED);
        }
        for (Task task : taskService.createTaskQuery().followUpBefore(now).dueAfter(now)
                .taskVariableValueEquals(VARIABLE, Colour.GREEN.id()).list()) {
            paint(task, Colour.YELLOW);
        }
    }

    private void paint(Task task, Colour colour) {
        try {
            taskService.setVariableLocal(task.getId(), VARIABLE, colour.id());
        } catch (OptimisticLockingException paintedByAnotherNode) {
            // the same colour, set by another node's sweep at the same moment
        }
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
