package vn.motcua.security;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.dto.task.TaskDto;
import org.camunda.bpm.engine.rest.hal.HalVariableValue;
import org.camunda.bpm.engine.rest.hal.task.HalTaskList;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import vn.motcua.web.ReplayedRequest;

/**
 * Answers Tasklist's lists of our shared filters ({@link TasklistFilters}) from the {@link WorkQueue}:
 * {@code /filter/{id}/list} and {@code /filter/{id}/count}, at {@code /engine-rest} and at the
 * webapps' {@code /camunda/api/engine/engine/default}, the endpoints Tasklist and API clients call.
 *
 * <p>The count comes from the queue, and so do the task ids of a page. The page's tasks are the engine's:
 * its task query as the user, narrowed to those ids, so the engine still checks the user's READ on every
 * task; they are written as the engine's filter list writes them (the REST API's own {@code HalTaskList}
 * or {@code TaskDto}), with the cards' variables as the engine's filter list adds them (each task's own
 * variables, in the REST API's variable format) and the queue's total. The engine's filter list would
 * count again and fetch those variables with the same authorization join that makes its task query
 * slow (docs/performance.md, part 3b).
 * What the queue cannot answer as the engine would goes to the engine unchanged: a filter that is not
 * ours or whose query was changed, search criteria (variables, names …), sorting by a column the queue
 * lacks, no page size, a user without groups or an administrator, H2. The header
 * {@code X-Motcua-Tasklist: queue} or {@code engine} says which answered.
 */
final class TasklistFastLists extends OncePerRequestFilter {

    static final String ANSWERED_BY = "X-Motcua-Tasklist";

    /** {@code …/filter/{id}/list} or {@code …/count}, at the engine's REST API or the webapps' copy of it. */
    private static final Pattern PATH = Pattern.compile(
            "^(?:/engine-rest|/camunda/api/engine/engine/default)/filter/([^/]+)/(list|count)$");

    /** Keys of Tasklist's query body the queue answers as the engine does (the variable searches only when empty). */
    private static final Set<String> UNDERSTOOD = Set.of("sorting", "active", "processVariables", "taskVariables",
            "caseInstanceVariables", "variableNamesIgnoreCase", "variableValuesIgnoreCase", "firstResult", "maxResults");

    /** Larger pages go to the engine (Tasklist asks for 15). */
    static final int MAX_PAGE = 200;

    /** More groups than this go to the engine (each group is one branch of the queue's query). */
    static final int MAX_GROUPS = 20;

    private static final Logger log = LoggerFactory.getLogger(TasklistFastLists.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkQueue queue;
    private final TasklistFilters filters;
    private final AuthorizationService authorizations;
    private final IdentityService identity;
    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    /** The engine REST API's own JSON settings (dates), for the variables written into its answer. */
    private final ObjectMapper engineJson = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
    /** One of our filters as stored: its definition and the variables its cards show. */
    private record Known(TasklistFilters.Definition definition, List<String> cardVariables) {
    }

    /** Our filters by id and revision (empty: not ours, or its query changed). */
    private final Map<String, Optional<Known>> known = new ConcurrentHashMap<>();

    TasklistFastLists(WorkQueue queue, TasklistFilters filters, AuthorizationService authorizations,
            IdentityService identity, ProcessEngine engine, JdbcClient jdbc) {
        this.queue = queue;
        this.filters = filters;
        this.authorizations = authorizations;
        this.identity = identity;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (!queue.available() || user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken
                || !("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()))) {
            response.setHeader(ANSWERED_BY, "engine");
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest replay = new ReplayedRequest(request, body);
        Optional<Plan> plan = plan(path.group(1), path.group(2).equals("count"), replay, body, user);
        if (plan.isEmpty()) {
            response.setHeader(ANSWERED_BY, "engine");
            chain.doFilter(replay, response);
            return;
        }
        answer(plan.get(), replay, response);
    }

    /** What the queue will answer, or empty when the engine must. */
    private record Plan(boolean countOnly, WorkQueue.Selection selection, WorkQueue.SortKey sortKey, boolean descending,
            int first, int max, ObjectNode query, List<String> cardVariables) {
    }

    private Optional<Plan> plan(String filterId, boolean countOnly, HttpServletRequest request, byte[] body,
            Authentication user) {
        List<String> groups = WebappSignIn.groups(user);
        if (groups.isEmpty() || groups.size() > MAX_GROUPS
                || user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"))) {
            // (administrators may read every record's variables: their cards are the engine's to write)
            return Optional.empty();
        }
        ObjectNode query;
        try {
            JsonNode parsed = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (!(parsed instanceof ObjectNode object)) {
                return Optional.empty();
            }
            query = object;
        } catch (IOException e) {
            return Optional.empty(); // the engine answers a malformed body with its own 400
        }
        for (Map.Entry<String, JsonNode> field : query.properties()) {
            JsonNode value = field.getValue();
            boolean harmless = switch (field.getKey()) {
                case "processVariables", "taskVariables", "caseInstanceVariables" -> value.isArray() && value.isEmpty();
                case "variableNamesIgnoreCase", "variableValuesIgnoreCase" -> !value.asBoolean(false);
                case "active" -> value.isBoolean() || value.isNull();
                case "sorting" -> value.isArray() && value.size() <= 1;
                // Tasklist repeats the page in the body; the engine reads it from the address only
                case "firstResult", "maxResults" -> true;
                default -> false;
            };
            if (!UNDERSTOOD.contains(field.getKey()) || !harmless) {
                return Optional.empty();
            }
        }
        WorkQueue.SortKey sortKey = WorkQueue.SortKey.DUE_DATE; // no order asked: our filters' own (due date, ascending)
        boolean descending = false;
        JsonNode sorting = query.path("sorting");
        if (sorting.isArray() && sorting.size() == 1) {
            Optional<WorkQueue.SortKey> asked = WorkQueue.SortKey.of(sorting.get(0).path("sortBy").asText());
            String order = sorting.get(0).path("sortOrder").asText("asc");
            if (asked.isEmpty() || sorting.get(0).has("parameters") || !Set.of("asc", "desc").contains(order)) {
                return Optional.empty();
            }
            sortKey = asked.get();
            descending = order.equals("desc");
        }
        int first = 0;
        int max = 0;
        if (!countOnly) {
            Optional<Integer> firstResult = number(request.getParameter("firstResult"), 0);
            Optional<Integer> maxResults = number(request.getParameter("maxResults"), -1);
            if (firstResult.isEmpty() || maxResults.isEmpty() || maxResults.get() < 0 || maxResults.get() > MAX_PAGE) {
                return Optional.empty();
            }
            first = firstResult.get();
            max = maxResults.get();
        }
        Optional<Known> definition = definition(filterId);
        if (definition.isEmpty()
                || !authorizations.isUserAuthorized(user.getName(), groups, READ, FILTER, filterId)) {
            return Optional.empty(); // the engine answers 404 or 403 in its own words
        }
        boolean activeOnly = query.path("active").asBoolean(false);
        Instant now = ClockUtil.getCurrentTime().toInstant(); // the engine's clock, as its now() in the filters
        return Optional.of(new Plan(countOnly, definition.get().definition().scope().selection(groups, now, filters.zone(),
                activeOnly), sortKey, descending, first, max, query, definition.get().cardVariables()));
    }

    private static Optional<Integer> number(String value, int absent) {
        if (value == null || value.isEmpty()) {
            return Optional.of(absent);
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Our definition of the stored filter, by its id and revision (so a changed filter is looked at again). */
    private Optional<Known> definition(String filterId) {
        Optional<Map<String, Object>> row = jdbc.sql(
                "select REV_, RESOURCE_TYPE_, PROPERTIES_, QUERY_ from ACT_RU_FILTER where ID_ = ?")
                .param(filterId).query().listOfRows().stream().findFirst();
        if (row.isEmpty() || !"Task".equals(row.get().get("RESOURCE_TYPE_"))) {
            return Optional.empty();
        }
        String key = filterId + "@" + row.get().get("REV_");
        String properties = text(row.get().get("PROPERTIES_"));
        return known.computeIfAbsent(key, k -> filters.definitionOf(properties, text(row.get().get("QUERY_")))
                .map(definition -> new Known(definition, cardVariables(properties))));
    }

    /** The names of the variables the filter's cards show ({@code properties.variables[].name}). */
    private static List<String> cardVariables(String properties) {
        try {
            List<String> names = new java.util.ArrayList<>();
            JSON.readTree(properties == null ? "{}" : properties).path("variables")
                    .forEach(variable -> names.add(variable.path("name").asText()));
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private void answer(Plan plan, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(ANSWERED_BY, "queue");
        long count = queue.count(plan.selection());
        if (plan.countOnly()) {
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"count\":" + count + "}");
            return;
        }
        List<String> ids = plan.max() == 0 || plan.first() >= count ? List.of()
                : queue.page(plan.selection(), plan.sortKey(), plan.descending(), plan.first(), plan.max());
        boolean hal = String.valueOf(request.getHeader("Accept")).contains("application/hal+json");
        if (ids.isEmpty()) {
            // as the engine answers an empty page: its empty HAL collection with the total, or an empty array
            response.setStatus(200);
            response.setContentType(hal ? "application/hal+json" : "application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(hal ? "{\"_links\":{},\"_embedded\":{},\"count\":" + count + "}" : "[]");
            return;
        }
        // The page is the engine's task query as the user, narrowed to the page's ids and the filter's own criterion
        // (so the engine plans it from the candidate groups' links and checks READ on every task); written as the
        // engine's filter list writes it, less the count the engine would ask again and less the cards' variables,
        // which the engine would fetch with an authorization join as slow as its list (they are added below).
        List<Task> tasks = new java.util.ArrayList<>(engine.getTaskService().createTaskQuery()
                .taskIdIn(ids.toArray(String[]::new)).taskCandidateGroupIn(plan.selection().groups())
                .includeAssignedTasks().initializeFormKeys().list());
        tasks.sort(java.util.Comparator.comparingInt(task -> ids.indexOf(task.getId()))); // the queue's order
        Object page;
        if (hal) {
            ObjectNode halPage = engineJson.valueToTree(HalTaskList.generate(tasks, count, engine));
            embedCardVariables(halPage, plan.cardVariables());
            page = halPage;
        } else {
            page = tasks.stream().map(TaskDto::fromEntity).toList();
        }
        response.setStatus(200);
        response.setContentType(hal ? "application/hal+json" : "application/json");
        response.setCharacterEncoding("UTF-8");
        engineJson.writeValue(response.getOutputStream(), page);
    }

    /**
     * Writes each task's card variables into the engine's answer as the engine's filter list does
     * ({@code _embedded.variable} of each task, the REST API's own variable format). Only the task's own
     * (task-local) variables, which are what a unit role's READ on the task lets the engine show; the
     * engine has just checked that READ on every task of the page.
     */
    private void embedCardVariables(ObjectNode hal, List<String> names) {
        JsonNode tasks = hal.path("_embedded").path("task");
        if (!tasks.isArray() || tasks.isEmpty()) {
            return;
        }
        List<String> ids = new java.util.ArrayList<>();
        tasks.forEach(task -> ids.add(task.path("id").asText()));
        Map<String, List<org.camunda.bpm.engine.runtime.VariableInstance>> byTask = new java.util.HashMap<>();
        if (!names.isEmpty()) {
            org.camunda.bpm.engine.impl.identity.Authentication caller = identity.getCurrentAuthentication();
            identity.clearAuthentication(); // the engine's check was on the tasks; this reads their own variables
            try {
                engine.getRuntimeService().createVariableInstanceQuery().taskIdIn(ids.toArray(String[]::new))
                        .variableNameIn(names.toArray(String[]::new)).disableBinaryFetching()
                        .disableCustomObjectDeserialization().list()
                        .forEach(v -> byTask.computeIfAbsent(v.getTaskId(), k -> new java.util.ArrayList<>()).add(v));
            } finally {
                if (caller != null) {
                    identity.setAuthentication(caller);
                }
            }
        }
        for (JsonNode task : tasks) {
            ObjectNode embedded = task.path("_embedded") instanceof ObjectNode existing ? existing
                    : ((ObjectNode) task).putObject("_embedded");
            ArrayNode variables = embedded.putArray("variable");
            for (org.camunda.bpm.engine.runtime.VariableInstance variable : byTask.getOrDefault(task.path("id").asText(),
                    List.of())) {
                variables.add(engineJson.valueToTree(HalVariableValue.generateVariableValue(variable, variable.getTaskId())));
            }
        }
    }
}
