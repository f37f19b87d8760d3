package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * What the Tasklist filters hold, and for whom, asked of the engine's filter service as each user
 * logged in (their groups, Camunda's authorization checks on) and through the engine's REST door, on
 * the app with the demo organisation (on H2 and on PostgreSQL in the subclasses). Reception tasks
 * of records of commune A and commune B get known due dates around the engine's clock, Monday 23
 * November 2026, 09:00 in Vietnam (the filters' {@code now()} and {@code dateTime()}); one record of
 * each commune is worked to its approval step, which its leaders sign. The job executor is off: the
 * test runs the registry lookups' jobs itself, no timer fires and no escalation notice joins the
 * lists. Then the start-up work: a restart, two nodes at once and an older version's filters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TasklistFiltersTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, VIETNAM).toInstant();
    static final List<String> STAFF_FILTERS = List.of(TasklistFilters.MY_UNIT, TasklistFilters.DUE_TODAY,
            TasklistFilters.OVERDUE);
    static final List<String> LEADER_FILTERS = List.of(TasklistFilters.MY_UNIT, TasklistFilters.AWAITING_SIGNATURE,
            TasklistFilters.DUE_TODAY, TasklistFilters.OVERDUE, TasklistFilters.NOTICES);

    AppInstance app;
    FilterService filterService;
    IdentityService identityService;
    TaskService taskService;
    AuthorizationService authorizationService;

    /** Starts the app (demo profile) with these settings, on the database of the subclass. */
    abstract AppInstance startApp(String... settings);

    /** Task ids by name, named after their unit and due date (or step). */
    final Map<String, String> tasks = new LinkedHashMap<>();

    @BeforeAll
    void recordsOfTwoUnitsWithKnownDeadlines() {
        app = startApp("--camunda.bpm.job-execution.enabled=false");
        filterService = app.bean(FilterService.class);
        identityService = app.bean(IdentityService.class);
        taskService = app.bean(TaskService.class);
        authorizationService = app.bean(AuthorizationService.class);
        ClockUtil.setCurrentTime(Date.from(NOW));
        Api api = app.api();
        due("a-overdue", api, "commune-a", NOW.minus(Duration.ofHours(1)));
        due("a-due-in-2h", api, "commune-a", NOW.plus(Duration.ofHours(2)));
        due("a-due-tonight", api, "commune-a", NOW.plus(Duration.ofHours(14)).plus(Duration.ofMinutes(30))); // 23:30
        due("a-due-in-3-days", api, "commune-a", NOW.plus(Duration.ofDays(3)));
        due("a-due-next-week", api, "commune-a", NOW.plus(Duration.ofDays(7)));
        due("a-due-in-20h-claimed", api, "commune-a", NOW.plus(Duration.ofHours(20))); // Tuesday 05:00
        taskService.claim(tasks.get("a-due-in-20h-claimed"), "clerk-a"); // assigned tasks stay in the unit's lists
        due("b-overdue-by-a-day", api, "commune-b", NOW.minus(Duration.ofDays(1)));
        due("b-due-in-23h", api, "commune-b", NOW.plus(Duration.ofHours(23)));
        due("b-due-in-25h", api, "commune-b", NOW.plus(Duration.ofHours(25)));
        toApproval("a-approval", api, "commune-a", "a");
        toApproval("b-approval", api, "commune-b", "b");
    }

    /** Stops the subclass's database, after the app. */
    void stopDatabase() throws IOException {
    }

    @AfterAll
    void stop() throws IOException {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- what each filter lists ------------------------------------------------------------------

    @Test
    void clerkASeesCommuneAsTasksEarliestDeadlineFirst() {
        assertThat(list("clerk-a", TasklistFilters.MY_UNIT)).containsExactly("a-overdue", "a-due-in-2h",
                "a-due-tonight", "a-due-in-20h-claimed", "a-due-in-3-days", "a-due-next-week");
        assertThat(list("clerk-a", TasklistFilters.DUE_TODAY)).as("due today in Vietnam, or earlier; not next week")
                .containsExactly("a-overdue", "a-due-in-2h", "a-due-tonight");
        assertThat(list("clerk-a", TasklistFilters.OVERDUE)).containsExactly("a-overdue");
    }

    @Test
    void clerkBSeesCommuneBsTasksOnly() {
        assertThat(list("clerk-b", TasklistFilters.MY_UNIT))
                .containsExactly("b-overdue-by-a-day", "b-due-in-23h", "b-due-in-25h");
        assertThat(list("clerk-b", TasklistFilters.DUE_TODAY)).as("23 hours on is tomorrow")
                .containsExactly("b-overdue-by-a-day");
        assertThat(list("clerk-b", TasklistFilters.OVERDUE)).containsExactly("b-overdue-by-a-day");
    }

    @Test
    void anotherRoleOfTheSameUnitSeesNoneOfTheClerksTasks() {
        for (String filter : STAFF_FILTERS) {
            assertThat(list("specialist-a", filter)).as(filter).isEmpty();
            assertThat(list("clerk-p", filter)).as(filter).isEmpty();
        }
    }

    @Test
    void dueTodayIsTodayInVietnamWhateverTheServersZone() {
        DateTimeZone server = DateTimeZone.getDefault(); // what the engine's dateTime() is in
        try {
            // Los Angeles: its today ends at 15:00 in Vietnam; UTC: at 07:00 the next morning; Tokyo: at 22:00
            for (String zone : List.of("America/Los_Angeles", "UTC", "Asia/Tokyo", "Asia/Ho_Chi_Minh")) {
                DateTimeZone.setDefault(DateTimeZone.forID(zone));
                assertThat(list("clerk-a", TasklistFilters.DUE_TODAY)).as("a server in " + zone)
                        .containsExactly("a-overdue", "a-due-in-2h", "a-due-tonight");
            }
        } finally {
            DateTimeZone.setDefault(server);
        }
    }

    @Test
    void theFiltersFollowTheEnginesClock() {
        ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(3))));
        try {
            assertThat(list("clerk-a", TasklistFilters.OVERDUE)).containsExactly("a-overdue", "a-due-in-2h");
            assertThat(list("clerk-a", TasklistFilters.DUE_TODAY))
                    .containsExactly("a-overdue", "a-due-in-2h", "a-due-tonight");
            ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofDays(1)))); // Tuesday 09:00
            assertThat(list("clerk-a", TasklistFilters.DUE_TODAY))
                    .containsExactly("a-overdue", "a-due-in-2h", "a-due-tonight", "a-due-in-20h-claimed");
            assertThat(list("clerk-b", TasklistFilters.DUE_TODAY))
                    .containsExactly("b-overdue-by-a-day", "b-due-in-23h", "b-due-in-25h");
        } finally {
            ClockUtil.setCurrentTime(Date.from(NOW));
        }
    }

    // --- Tasklist's own calls: the work queue answers as the engine would ------------------------

    /** Tasklist's query body: its default sorting (newest first), active tasks, no search. */
    static String tasklistQuery(String sortBy, String sortOrder) {
        return "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"firstResult\":0,"
                + "\"maxResults\":15,\"active\":true" + (sortBy == null ? ""
                        : ",\"sorting\":[{\"sortBy\":\"" + sortBy + "\",\"sortOrder\":\"" + sortOrder + "\"}]") + "}";
    }

    @Test
    void everyListAndCountAnswersAsTheEnginesQueryPageByPage() {
        String answerer = app.bean(WorkQueue.class).available() ? "queue" : "engine";
        Api api = app.api();
        List<String[]> sortings = List.of(new String[] {null, null}, new String[] {"created", "desc"},
                new String[] {"created", "asc"}, new String[] {"dueDate", "asc"}, new String[] {"dueDate", "desc"});
        for (String user : List.of("clerk-a", "clerk-b", "specialist-a", "leader-a", "leader-b", "leader-p")) {
            for (String name : filterNames(user)) {
                Filter filter = filter(name);
                for (String[] sorting : sortings) {
                    TaskQuery extending = taskService.createTaskQuery().active();
                    if ("created".equals(sorting[0])) {
                        extending = "asc".equals(sorting[1]) ? extending.orderByTaskCreateTime().asc()
                                : extending.orderByTaskCreateTime().desc();
                    } else if ("dueDate".equals(sorting[0])) {
                        extending = "asc".equals(sorting[1]) ? extending.orderByDueDate().asc()
                                : extending.orderByDueDate().desc();
                    }
                    TaskQuery query = extending;
                    List<String> expected = asUser(user, () -> filterService.<Task, TaskQuery>list(filter.getId(), query))
                            .stream().map(Task::getId).toList();
                    String what = user + " / " + name + " / " + sorting[0] + " " + sorting[1];
                    List<String> pages = new ArrayList<>();
                    for (int first = 0; first <= expected.size(); first += 2) {
                        Api.Response page = api.post(user, "/engine-rest/filter/" + filter.getId() + "/list?firstResult="
                                + first + "&maxResults=2", tasklistQuery(sorting[0], sorting[1]),
                                "Accept", "application/hal+json");
                        assertThat(page.status()).as(what + ": " + page.body()).isEqualTo(200);
                        assertThat(page.header(TasklistFastLists.ANSWERED_BY)).as(what).isEqualTo(answerer);
                        assertThat(page.json().get("count").asLong()).as(what + " count").isEqualTo(expected.size());
                        page.json().at("/_embedded/task").forEach(task -> pages.add(task.get("id").asText()));
                    }
                    if (sorting[0] == null || !sorting[0].equals("dueDate") || expected.stream().distinct().count() == expected.size()) {
                        assertThat(pages).as(what + ", page by page").containsExactlyElementsOf(expected);
                    }
                    Api.Response count = api.post(user, "/engine-rest/filter/" + filter.getId() + "/count",
                            tasklistQuery(sorting[0], sorting[1]));
                    assertThat(count.json().get("count").asLong()).as(what + " /count").isEqualTo(expected.size());
                }
            }
        }
    }

    @Test
    void tasklistInTheBrowsersSessionGetsItsCardsAndTotalFromTheQueue() {
        String answerer = app.bean(WorkQueue.class).available() ? "queue" : "engine";
        Api.WebappSession tasklist = app.api().webappSession("clerk-a", "tasklist");
        assertThat(tasklist.loginStatus).isEqualTo(200);
        String myUnit = filter(TasklistFilters.MY_UNIT).getId();
        Api.Response page = tasklist.request("POST", "/camunda/api/engine/engine/default/filter/" + myUnit
                + "/list?firstResult=0&maxResults=15", tasklistQuery("created", "desc"),
                "Accept", "application/hal+json, application/json; q=0.5");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header(TasklistFastLists.ANSWERED_BY)).isEqualTo(answerer);
        assertThat(page.json().get("count").asLong()).isEqualTo(6);
        assertThat(page.json().at("/_embedded/task").size()).isEqualTo(6);
        assertThat(page.json().at("/_embedded/task/0/_embedded/variable").findValuesAsText("name"))
                .contains("recordCode", "applicantName");
        Api.Response count = tasklist.request("GET", "/camunda/api/engine/engine/default/filter/" + myUnit + "/count", null);
        assertThat(count.json().get("count").asLong()).isEqualTo(6);
    }

    @Test
    void theQueuesPageIsTheEnginesPageCardsIncluded() {
        Api api = app.api();
        for (String user : List.of("clerk-a", "leader-a")) {
            for (String name : filterNames(user)) {
                String list = "/engine-rest/filter/" + filter(name).getId() + "/list?firstResult=0&maxResults=15";
                Api.Response queued = api.post(user, list, tasklistQuery("created", "desc"), "Accept", "application/hal+json");
                // the same query with a flag the queue leaves to the engine
                Api.Response engines = api.post(user, list, tasklistQuery("created", "desc")
                        .replace("\"active\":true", "\"active\":true,\"variableNamesIgnoreCase\":true"),
                        "Accept", "application/hal+json");
                assertThat(engines.header(TasklistFastLists.ANSWERED_BY)).isEqualTo("engine");
                assertThat(comparable(queued.json())).as(user + " / " + name).isEqualTo(comparable(engines.json()));
            }
        }
    }

    /** A HAL list with each task's variables in name order (their order is not part of the answer). */
    static JsonNode comparable(JsonNode hal) {
        JsonNode copy = hal.deepCopy();
        copy.path("_embedded").path("task").forEach(task -> {
            JsonNode variables = task.path("_embedded").path("variable");
            if (variables.isArray()) {
                List<JsonNode> sorted = new ArrayList<>();
                variables.forEach(sorted::add);
                sorted.sort(java.util.Comparator.comparing(v -> v.path("name").asText()));
                ((com.fasterxml.jackson.databind.node.ArrayNode) variables).removeAll().addAll(sorted);
            }
        });
        return copy;
    }

    @Test
    void whatTheQueueCannotAnswerGoesToTheEngineAndOtherUnitsStayOut() {
        Api api = app.api();
        String myUnit = filter(TasklistFilters.MY_UNIT).getId();
        // a search by a variable: the engine's query
        Api.Response searched = api.post("clerk-a", "/engine-rest/filter/" + myUnit + "/list?firstResult=0&maxResults=15",
                "{\"taskVariables\":[{\"name\":\"recordCode\",\"operator\":\"like\",\"value\":\"%\"}]}");
        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
        assertThat(searched.header(TasklistFastLists.ANSWERED_BY)).isEqualTo("engine");
        // asking for another unit's candidate group through a clerk's filter finds nothing of that unit
        for (String path : List.of("/list?firstResult=0&maxResults=15", "/count")) {
            Api.Response other = api.post("clerk-a", "/engine-rest/filter/" + myUnit + path,
                    "{\"candidateGroup\":\"commune-b:clerk\"}");
            assertThat(other.status()).as(other.body()).isEqualTo(200);
            assertThat(other.header(TasklistFastLists.ANSWERED_BY)).isEqualTo("engine");
            assertThat(other.body()).doesNotContain(tasks.get("b-overdue-by-a-day"));
        }
        assertThat(api.post("clerk-b", "/engine-rest/filter/" + myUnit + "/count", "{}").json().get("count").asLong())
                .isEqualTo(3);
        // a filter the user may not read: refused as the engine refuses it, whoever answers
        String awaiting = filter(TasklistFilters.AWAITING_SIGNATURE).getId();
        for (String path : List.of("/list?firstResult=0&maxResults=15", "/count")) {
            assertThat(api.post("clerk-a", "/engine-rest/filter/" + awaiting + path, "{}").status()).isEqualTo(403);
        }
        // no page size: all of them, from the engine
        Api.Response all = api.post("clerk-a", "/engine-rest/filter/" + myUnit + "/list", "{}");
        assertThat(all.header(TasklistFastLists.ANSWERED_BY)).isEqualTo("engine");
        assertThat(all.json().size()).isEqualTo(6);
    }

    // --- who has which filter --------------------------------------------------------------------

    @Test
    void aLeaderWaitsToSignTheApprovalOfTheirUnitOnly() {
        assertThat(filterNames("leader-a")).containsExactlyElementsOf(LEADER_FILTERS);
        assertThat(list("leader-a", TasklistFilters.AWAITING_SIGNATURE)).containsExactly("a-approval");
        assertThat(list("leader-b", TasklistFilters.AWAITING_SIGNATURE)).containsExactly("b-approval");
        assertThat(list("leader-p", TasklistFilters.AWAITING_SIGNATURE)).as("the province signs its own only")
                .isEmpty();
        assertThat(list("leader-a", TasklistFilters.MY_UNIT)).contains("a-approval");

        // Tasklist's own calls, through the engine's REST door
        Api api = app.api();
        assertThat(names(api.get("leader-a", "/engine-rest/filter").json()))
                .containsExactlyInAnyOrderElementsOf(LEADER_FILTERS);
        String awaiting = filter(TasklistFilters.AWAITING_SIGNATURE).getId();
        Api.Response listed = api.post("leader-a", "/engine-rest/filter/" + awaiting + "/list", "{}");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("id")).containsExactly(tasks.get("a-approval"));
    }

    @Test
    void aClerkHasNoFilterWaitingForASignature() {
        assertThat(filterNames("clerk-a")).containsExactlyElementsOf(STAFF_FILTERS);
        assertThat(filterNames("specialist-b")).containsExactlyElementsOf(STAFF_FILTERS);
        assertThat(filterNames("records-p")).containsExactlyElementsOf(STAFF_FILTERS);
        Api api = app.api();
        assertThat(names(api.get("clerk-a", "/engine-rest/filter").json()))
                .containsExactlyInAnyOrderElementsOf(STAFF_FILTERS);
        String awaiting = filter(TasklistFilters.AWAITING_SIGNATURE).getId();
        assertThat(api.get("clerk-a", "/engine-rest/filter/" + awaiting + "/list").status())
                .as("not even by its id").isEqualTo(403);
        assertThat(filterNames("portal")).as("no Tasklist, no filter").isEmpty();
    }

    @Test
    void eachCardNamesItsRecordAndApplicant() {
        Filter myUnit = filter(TasklistFilters.MY_UNIT);
        // Tasklist asks the filter's list as HAL: the card variables come embedded with the tasks
        Api.Response cards = app.api().get("clerk-a", "/engine-rest/filter/" + myUnit.getId() + "/list",
                "Accept", "application/hal+json");
        assertThat(cards.status()).as(cards.body()).isEqualTo(200);
        List<String> names = cards.json().at("/_embedded/task/0/_embedded/variable").findValuesAsText("name");
        assertThat(names).contains("recordCode", "applicantName", "colour");
        assertThat(cards.json().at("/_embedded/task/0/_embedded/variable").toString()).contains("Nguyễn Thị Lan");
        for (String name : LEADER_FILTERS) {
            assertThat(filter(name).getProperties().get("variables")).as(name).isEqualTo(TasklistFilters.CARD_VARIABLES);
        }
    }

    // --- start-up: restart, two nodes, an older version --------------------------------------------

    @Test
    void aRestartChangesNothing() {
        Map<String, String> before = snapshot();
        app.bean(TasklistFilters.class).run(null);
        app.bean(TasklistFilters.class).run(null);
        assertThat(snapshot()).as("the same filters, not saved again, the same grants").isEqualTo(before);
    }

    @Test
    void twoNodesStartingAtOnceMakeEachFilterOnce() throws Exception {
        deleteAllFilters();
        TasklistFilters filters = app.bean(TasklistFilters.class);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                started.add(nodes.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    filters.run(null);
                    return null;
                }));
            }
            for (Future<?> node : started) {
                node.get(2, TimeUnit.MINUTES);
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(filterService.createFilterQuery().list()).extracting(Filter::getName)
                .containsExactlyInAnyOrderElementsOf(LEADER_FILTERS);
        assertThat(list("clerk-a", TasklistFilters.OVERDUE)).containsExactly("a-overdue");
        assertThat(filterNames("leader-b")).containsExactlyElementsOf(LEADER_FILTERS);
    }

    @Test
    void anOlderVersionsFiltersAreBroughtToThisOneNotDuplicated() {
        deleteAllFilters();
        // As the version before made them: English names first, "Due soon", shared with every user;
        // and "My unit" twice, as two nodes starting at once could make it then.
        Filter myUnit = olderFilter("My unit / Đơn vị tôi", 0, olderQuery());
        Filter myUnitAgain = olderFilter("My unit / Đơn vị tôi", 0, olderQuery());
        Filter dueSoon = olderFilter("Due soon / Sắp đến hạn", 1, olderQuery()
                .dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(1).toDate()}"));
        Filter overdue = olderFilter("Overdue / Quá hạn", 2, olderQuery().dueBeforeExpression("${now()}"));
        assertThat(filterNames("clerk-a")).hasSize(4);

        app.bean(TasklistFilters.class).run(null);

        assertThat(filterService.createFilterQuery().list()).extracting(Filter::getName)
                .containsExactlyInAnyOrderElementsOf(LEADER_FILTERS);
        assertThat(filter(TasklistFilters.MY_UNIT).getId()).as("kept, renamed").isIn(myUnit.getId(), myUnitAgain.getId());
        assertThat(filter(TasklistFilters.DUE_TODAY).getId()).as("due soon became due today").isEqualTo(dueSoon.getId());
        assertThat(filter(TasklistFilters.OVERDUE).getId()).isEqualTo(overdue.getId());
        for (String name : LEADER_FILTERS) {
            Filter filter = filter(name);
            assertThat(filter.getProperties().get("variables")).as(name).isEqualTo(TasklistFilters.CARD_VARIABLES);
            assertThat(authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GLOBAL)
                    .resourceType(FILTER).resourceId(filter.getId()).count()).as(name + " no longer everyone's")
                    .isZero();
        }
        assertThat(filterNames("clerk-a")).containsExactlyElementsOf(STAFF_FILTERS);
        assertThat(filterNames("portal")).isEmpty();
        assertThat(list("clerk-a", TasklistFilters.DUE_TODAY)).as("with this version's query")
                .containsExactly("a-overdue", "a-due-in-2h", "a-due-tonight");
        assertThat(list("leader-a", TasklistFilters.AWAITING_SIGNATURE)).containsExactly("a-approval");

        Map<String, String> after = snapshot();
        app.bean(TasklistFilters.class).run(null);
        assertThat(snapshot()).as("and left alone at the next start").isEqualTo(after);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Submits a record of the unit and gives its reception task the due date. */
    void due(String name, Api api, String unit, Instant due) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(submit(api, unit, name))
                .taskDefinitionKey("Task_Reception").singleResult();
        task.setDueDate(Date.from(due));
        taskService.saveTask(task);
        tasks.put(name, task.getId());
    }

    /** Works a record of the unit to its approval step: accepted, looked up, appraised (approve). */
    void toApproval(String name, Api api, String unit, String suffix) {
        String code = submit(api, unit, name);
        api.work("clerk-" + suffix, code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        runJobs(code);
        api.work("specialist-" + suffix, code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        runJobs(code);
        Task approval = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey(TasklistFilters.APPROVAL_TASK).singleResult();
        assertThat(approval).as("the approval step of " + code).isNotNull();
        tasks.put(name, approval.getId());
    }

    String submit(Api api, String unit, String name) {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration(unit, 2, "001190012345", name));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    /** Runs the record's jobs that are due (the registry lookups), as the job executor would. */
    void runJobs(String code) {
        ManagementService management = app.bean(ManagementService.class);
        String instance = app.bean(RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(code).singleResult().getId();
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("the jobs of " + code + " keep coming");
    }

    /** The names of a list of filters (engine REST). */
    static List<String> names(JsonNode filters) {
        List<String> names = new ArrayList<>();
        filters.forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    Filter filter(String name) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        assertThat(filter).as("filter %s", name).isNotNull();
        return filter;
    }

    /** The filter's tasks as the user logged in sees them, by name, in the filter's order. */
    List<String> list(String user, String filterName) {
        Filter filter = filter(filterName);
        return asUser(user, () -> {
            List<Task> found = filterService.list(filter.getId());
            return found.stream().map(task -> tasks.entrySet().stream()
                    .filter(e -> e.getValue().equals(task.getId())).map(Map.Entry::getKey).findFirst()
                    .orElse("unexpected task " + task.getId() + " " + task.getName())).toList();
        });
    }

    /** The filters the user may read, as Tasklist orders them (by their priority). */
    List<String> filterNames(String user) {
        return asUser(user, () -> filterService.createTaskFilterQuery().list().stream()
                .sorted(java.util.Comparator.comparingDouble(f -> ((Number) f.getProperties().get("priority")).doubleValue()))
                .map(Filter::getName).toList());
    }

    <T> T asUser(String user, java.util.function.Supplier<T> work) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                .toList();
        assertThat(groups).as("groups of %s", user).isNotEmpty();
        identityService.setAuthentication(user, groups);
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Every filter with its name, revision, properties, query and grants. */
    Map<String, String> snapshot() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        for (Filter filter : filterService.createFilterQuery().orderByFilterId().asc().list()) {
            org.camunda.bpm.engine.impl.persistence.entity.FilterEntity entity =
                    (org.camunda.bpm.engine.impl.persistence.entity.FilterEntity) filter;
            String grants = authorizationService.createAuthorizationQuery().resourceType(FILTER)
                    .resourceId(filter.getId()).list().stream()
                    .map(a -> a.getAuthorizationType() + ":" + a.getGroupId() + ":" + a.getUserId())
                    .sorted().collect(Collectors.joining(","));
            snapshot.put(filter.getId(), filter.getName() + " r" + entity.getRevision() + " "
                    + entity.getPropertiesInternal() + " " + entity.getQueryInternal() + " " + grants);
        }
        return snapshot;
    }

    void deleteAllFilters() {
        filterService.createFilterQuery().list().forEach(f -> filterService.deleteFilter(f.getId()));
    }

    TaskQuery olderQuery() {
        return taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks().orderByDueDate().asc();
    }

    /** A filter as the version before made it, shared with every user. */
    Filter olderFilter(String name, int priority, TaskQuery query) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("color", "#2e7d32");
        properties.put("description", "as before");
        properties.put("refresh", true);
        properties.put("variables", List.of(Map.of("name", "unit", "label", "Unit / Đơn vị")));
        Filter filter = filterService.saveFilter(filterService.newTaskFilter(name).setProperties(properties)
                .setQuery(query));
        Authorization everyone = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
        everyone.setUserId(ANY);
        everyone.setResource(FILTER);
        everyone.setResourceId(filter.getId());
        everyone.addPermission(READ);
        authorizationService.saveAuthorization(everyone);
        return filter;
    }
}
