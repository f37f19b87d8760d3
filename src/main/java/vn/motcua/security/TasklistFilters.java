package vn.motcua.security;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every member of a unit role sees: "My unit", "Due soon", "Overdue".
 * They are shared filters whose query resolves against the logged-in user's own groups
 * ({@code currentUserGroups()}), so one filter serves every unit and role. Created once.
 */
@Component
@Order(30)
public class TasklistFilters implements ApplicationRunner {

    static final String MY_UNIT = "My unit / Đơn vị tôi";
    static final String DUE_SOON = "Due soon / Sắp đến hạn";
    static final String OVERDUE = "Overdue / Quá hạn";

    private final FilterService filterService;
    private final TaskService taskService;
    private final Grants grants;

    public TasklistFilters(FilterService filterService, TaskService taskService,
            AuthorizationService authorizationService) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.grants = new Grants(authorizationService);
    }

    @Override
    public void run(ApplicationArguments args) {
        create(MY_UNIT, 0, "#2e7d32", "Open tasks of my unit and role, earliest deadline first",
                unitTasks());
        create(DUE_SOON, 1, "#f9a825", "Deadline within the next 24 hours",
                unitTasks().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(1).toDate()}"));
        create(OVERDUE, 2, "#c62828", "Past their deadline", unitTasks().dueBeforeExpression("${now()}"));
    }

    private TaskQuery unitTasks() {
        return taskService.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks()
                .orderByDueDate().asc();
    }

    /**
     * What each task card shows besides the step and the procedure: a clerk tells records apart by
     * code and applicant, and sees the deadline's colour (set by the colour sweep).
     */
    static final List<Map<String, String>> CARD_VARIABLES = List.of(
            Map.of("name", "recordCode", "label", "Mã hồ sơ / Record"),
            Map.of("name", "applicantName", "label", "Người nộp / Applicant"),
            Map.of("name", "colour", "label", "Hạn / Deadline (green, yellow, red)"));

    /** The record's variables a card shows, copied onto each new task (see {@link #onTask}). */
    static final List<String> COPIED_TO_TASKS = List.of("recordCode", "applicantName");

    /**
     * Staff may read a task of their unit but not its process instance (that would open every
     * unit's records to them), so Tasklist shows a card only the task's own variables: each new
     * task gets the record's code and applicant name as its own (the colour is the task's already).
     */
    @EventListener
    public void onTask(DelegateTask task) {
        if ("create".equals(task.getEventName())) {
            for (String name : COPIED_TO_TASKS) {
                Object value = task.getVariable(name);
                if (value != null && !task.hasVariableLocal(name)) {
                    task.setVariableLocal(name, value);
                }
            }
        }
    }

    private void create(String name, int priority, String color, String description, TaskQuery query) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("color", color);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("variables", CARD_VARIABLES);
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name).setProperties(properties).setQuery(query);
            filterService.saveFilter(filter);
        } else if (!properties.equals(filter.getProperties())) {
            // an installation from before a change of the cards: its filters follow (their query stays)
            try {
                filterService.saveFilter(filter.setProperties(properties));
            } catch (OptimisticLockingException anotherNodeDidIt) {
                // two nodes starting at once: the other one's save holds the same properties
            }
        }
        grants.toEveryone(FILTER, filter.getId(), READ);
    }
}
