package vn.motcua.security;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.calendar.WorkingCalendars;

/**
 * The Tasklist filters of a one-stop counter, per role. Every member of a unit role
 * ({@code <unit>:clerk}, {@code :specialist}, {@code :leader}, {@code :records}) gets
 * <i>Đơn vị tôi / My unit</i>, <i>Đến hạn hôm nay / Due today</i> and <i>Quá hạn / Overdue</i>;
 * leaders also <i>Chờ tôi ký / Waiting for my signature</i>, the approval step of their unit(s).
 * Each filter's query resolves against the logged-in user's own groups ({@code currentUserGroups()}),
 * so one filter serves every unit; who sees which filter is a Camunda READ grant on it per group.
 *
 * <p>At every start the filters are brought to this definition — created, or updated in place
 * (name, card variables, query) when an older version made them (the filters of before this one:
 * <i>My unit / Đơn vị tôi</i>, <i>Due soon / Sắp đến hạn</i>, <i>Overdue / Quá hạn</i>, shared with
 * everyone) — and each group gets its grants. Nodes starting at once against one database queue on
 * the engine's start-up lock ({@code startup.lock} in {@code ACT_GE_PROPERTY}), held for the whole
 * transaction, so the second finds the first's filters and nothing is made twice; filters an older
 * version made twice are made one.
 */
@Component
@Order(30)
public class TasklistFilters implements ApplicationRunner {

    static final String MY_UNIT = "Đơn vị tôi / My unit";
    static final String DUE_TODAY = "Đến hạn hôm nay / Due today";
    static final String OVERDUE = "Quá hạn / Overdue";
    static final String AWAITING_SIGNATURE = "Chờ tôi ký / Waiting for my signature";
    static final String NOTICES = "Thông báo quá hạn / Overdue notices";

    /** The property that names which of our filters a filter is, whatever its name has become. */
    static final String KEY = "motcuaFilter";

    /** The approval step (phê duyệt) of every procedure: the leader signs the result, then approves. */
    static final String APPROVAL_TASK = "Task_Approval";

    /** Tries of the whole start-up transaction (H2 gives up waiting for a lock after a while; the next try waits again). */
    static final int ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One shared filter.
     *
     * @param key         what it is, kept in its properties ({@link #KEY})
     * @param name        its name, Vietnamese / English
     * @param formerNames names an older version gave it, by which an installation's filter is found
     * @param forRole     the unit roles whose groups may read it
     */
    record Definition(String key, String name, List<String> formerNames, int priority, String color,
            String description, TaskQuery query, Predicate<Role> forRole, Scope scope) {

        Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("priority", priority);
            properties.put("color", color);
            properties.put("description", description);
            properties.put("refresh", true);
            properties.put("variables", CARD_VARIABLES);
            properties.put(KEY, key);
            return properties;
        }
    }

    /** When a filter's tasks are due: any time, before the end of today (Vietnam's), before now. */
    enum Due {
        ANY, TODAY, NOW
    }

    /**
     * What a filter's query selects among the tasks of the user's groups, in the terms of the
     * {@link WorkQueue}: one step, a due limit, escalation notices only. Kept beside the query it
     * describes; {@code TasklistFastListsTest} holds the two to the same answers.
     */
    record Scope(String taskKey, Due due, boolean notices) {

        WorkQueue.Selection selection(List<String> groups, Instant now, ZoneId zone, boolean activeOnly) {
            Instant dueBefore = switch (due) {
                case ANY -> null;
                case NOW -> now;
                case TODAY -> now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            };
            return new WorkQueue.Selection(groups, taskKey, dueBefore, notices ? 1.0 : null, activeOnly);
        }
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final Grants grants;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ZoneId zone;

    public TasklistFilters(FilterService filterService, TaskService taskService, IdentityService identityService,
            AuthorizationService authorizationService, JdbcClient jdbc, PlatformTransactionManager transactions,
            WorkingCalendars calendars) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.grants = new Grants(authorizationService);
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.zone = calendars.standard().zone();
    }

    /** The filters, in Tasklist's order. */
    List<Definition> definitions() {
        Predicate<Role> everyone = role -> true;
        return List.of(
                new Definition("my-unit", MY_UNIT, List.of("My unit / Đơn vị tôi"), 0, "#2e7d32",
                        "Việc đang mở của đơn vị và vai trò tôi, hạn sớm nhất trước / "
                                + "Open tasks of my unit and role, earliest deadline first",
                        unitTasks(), everyone, new Scope(null, Due.ANY, false)),
                new Definition("awaiting-signature", AWAITING_SIGNATURE, List.of(), 1, "#1565c0",
                        "Bước phê duyệt của đơn vị tôi: ký kết quả rồi phê duyệt / "
                                + "The approval step of my unit: sign the result, then approve",
                        unitTasks().taskDefinitionKey(APPROVAL_TASK), role -> role == Role.LEADER,
                        new Scope(APPROVAL_TASK, Due.ANY, false)),
                new Definition("due-today", DUE_TODAY, List.of("Due soon / Sắp đến hạn"), 2, "#f9a825",
                        "Hạn trong hôm nay hoặc đã qua (giờ Việt Nam) / Due today or earlier (Vietnam's time)",
                        unitTasks().dueBeforeExpression(startOfTomorrow(zone)), everyone, new Scope(null, Due.TODAY, false)),
                new Definition("overdue", OVERDUE, List.of("Overdue / Quá hạn"), 3, "#c62828",
                        "Đã quá hạn / Past their deadline",
                        unitTasks().dueBeforeExpression("${now()}"), everyone, new Scope(null, Due.NOW, false)),
                // The escalation notices (a task-local noticeLevel): open the record, act, acknowledge.
                new Definition("notices", NOTICES, List.of(), 4, "#6a1b9a",
                        "Thông báo bước quá hạn của đơn vị tôi và đơn vị cấp dưới / "
                                + "Notices of late steps in my unit and the units below",
                        unitTasks().taskVariableValueGreaterThanOrEquals(WorkQueue.NOTICE_LEVEL, 1),
                        role -> role == Role.LEADER, new Scope(null, Due.ANY, true)));
    }

    /**
     * The engine's filter expression for the start of tomorrow in {@code zone}, evaluated at each
     * query: {@code dateTime()} (Joda-Time, the engine's clock) is in the JVM's zone, which need not
     * be Vietnam's, so the expression moves it to the zone first ({@code forID} is Joda's static
     * factory, reached through the zone instance at hand).
     */
    static String startOfTomorrow(ZoneId zone) {
        return "${dateTime().withZone(dateTime().getZone().forID('" + zone.getId()
                + "')).withTimeAtStartOfDay().plusDays(1).toDate()}";
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

    /**
     * The record's variables a card shows, copied onto each new task by the engine door: staff may read a
     * task of their unit but not its process instance (that would open every unit's records to them), so
     * Tasklist shows on a card only the task's own variables.
     */
    public static final List<String> COPIED_TO_TASKS = List.of("recordCode", "applicantName");

    @Override
    public void run(ApplicationArguments args) {
        for (int attempt = 1;; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    lockStartup();
                    apply(); // the engine's commands join this transaction
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.info("Tasklist filters not set up ({}); trying again", e.toString());
                sleep(Duration.ofMillis(200L * attempt));
            }
        }
    }

    /**
     * Takes the engine's start-up lock, the row {@code startup.lock} of {@code ACT_GE_PROPERTY} that
     * Camunda locks for its own start-up work, until the transaction ends. Taken here with plain SQL
     * because the engine skips its pessimistic locks on H2 (for its id blocks; our ids are UUIDs).
     */
    private void lockStartup() {
        if (jdbc.sql("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'startup.lock' for update").query(String.class)
                .optional().isEmpty()) {
            log.warn("No start-up lock (ACT_GE_PROPERTY startup.lock): nodes starting at once may make a Tasklist filter twice");
        }
    }

    /** Brings every filter to its definition and grants it to its groups; within {@link #run}'s lock. */
    private void apply() {
        List<Filter> existing = new ArrayList<>(filterService.createTaskFilterQuery().list());
        List<UnitRole> unitRoles = identityService.createGroupQuery().list().stream().map(Group::getId)
                .map(UnitRole::parse).flatMap(Optional::stream).toList();
        for (Definition definition : definitions()) {
            List<Filter> found = existing.stream().filter(f -> isOf(f, definition)).toList();
            Filter filter = found.isEmpty() ? null : found.get(0);
            for (Filter duplicate : found.subList(Math.min(1, found.size()), found.size())) {
                // made twice by a version that had no lock: one is enough
                log.info("Deleting a duplicate Tasklist filter '{}' ({})", duplicate.getName(), duplicate.getId());
                filterService.deleteFilter(duplicate.getId());
            }
            existing.removeAll(found);
            Filter wanted = filterService.newTaskFilter(definition.name()).setProperties(definition.properties())
                    .setQuery(definition.query());
            if (filter == null) {
                filter = filterService.saveFilter(wanted);
                log.info("Tasklist filter '{}' created", definition.name());
            } else if (!sameAs(filter, wanted)) {
                log.info("Tasklist filter '{}' ({}) brought to this version as '{}'", filter.getName(),
                        filter.getId(), definition.name());
                filter = filterService.saveFilter(filter.setName(definition.name())
                        .setProperties(definition.properties()).setQuery(definition.query()));
            }
            grants.revokeFromEveryone(FILTER, filter.getId()); // older versions shared them with every user
            for (UnitRole unitRole : unitRoles) {
                if (definition.forRole().test(unitRole.role())) {
                    grants.toGroup(unitRole.groupId(), FILTER, filter.getId(), READ);
                }
            }
        }
    }

    /** Whether the filter is the definition's: by its key, or, made by an older version, by a name it had. */
    private static boolean isOf(Filter filter, Definition definition) {
        Object key = filter.getProperties() == null ? null : filter.getProperties().get(KEY);
        if (key != null) {
            return definition.key().equals(key);
        }
        return definition.name().equals(filter.getName()) || definition.formerNames().contains(filter.getName());
    }

    private static boolean sameAs(Filter filter, Filter wanted) {
        return Objects.equals(filter.getName(), wanted.getName())
                && json(filter.getProperties()).equals(json(wanted.getProperties()))
                && json(((FilterEntity) filter).getQueryInternal()).equals(json(((FilterEntity) wanted).getQueryInternal()));
    }

    /**
     * The definition a stored filter is, if it is one of ours with the query this version gives it
     * (an administrator may have changed a filter's query in Tasklist; then it is no longer ours to answer).
     *
     * @param properties the filter's stored properties (JSON)
     * @param query      the filter's stored query (JSON)
     */
    Optional<Definition> definitionOf(String properties, String query) {
        JsonNode key = json(properties == null ? "{}" : properties).path(KEY);
        if (!key.isTextual()) {
            return Optional.empty();
        }
        for (Definition definition : definitions()) {
            if (definition.key().equals(key.asText())) {
                // (a bare entity: the filter service's newTaskFilter would ask for the user's CREATE permission)
                FilterEntity wanted = new FilterEntity(org.camunda.bpm.engine.EntityTypes.TASK);
                wanted.setQuery(definition.query());
                return json(query).equals(json(wanted.getQueryInternal()))
                        ? Optional.of(definition) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    ZoneId zone() {
        return zone;
    }

    /** As a JSON tree, numbers as numbers whatever their Java type (a stored 0 may come back as 0.0). */
    private static JsonNode json(Object value) {
        try {
            String text = value instanceof String s ? s : JSON.writeValueAsString(value);
            return normalise(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isNumber()) {
            return JSON.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalise(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(e -> copy.add(normalise(e)));
            return copy;
        }
        return node;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
