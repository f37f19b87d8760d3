package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import vn.motcua.support.Applications;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;

/**
 * What the Tasklist filters "My unit", "Due soon" and "Overdue" hold for users of two units,
 * asked of the engine's filter service as each user logged in (their groups, Camunda's
 * authorization checks on), on the app with the demo organisation (on H2 and on PostgreSQL in the
 * subclasses). Reception tasks of records
 * of commune A and commune B get known due dates around the engine's clock, Monday 23 November
 * 2026, 09:00 in Vietnam (the filters' {@code ${now()}}). The job executor is off: no timer
 * fires and no escalation notice joins the lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TasklistFiltersTest {

    static final Instant NOW = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();

    AppInstance app;
    FilterService filterService;
    IdentityService identityService;
    TaskService taskService;

    /** Starts the app (demo profile) with these settings, on the database of the subclass. */
    abstract AppInstance startApp(String... settings);

    /** Reception task ids by name, named after their unit and due date. */
    final Map<String, String> tasks = new LinkedHashMap<>();

    @BeforeAll
    void recordsOfTwoUnitsWithKnownDeadlines() {
        app = startApp("--camunda.bpm.job-execution.enabled=false");
        filterService = app.bean(FilterService.class);
        identityService = app.bean(IdentityService.class);
        taskService = app.bean(TaskService.class);
        ClockUtil.setCurrentTime(Date.from(NOW));
        Api api = app.api();
        due("a-overdue", api, "commune-a", NOW.minus(Duration.ofHours(1)));
        due("a-due-in-2h", api, "commune-a", NOW.plus(Duration.ofHours(2)));
        due("a-due-in-3-days", api, "commune-a", NOW.plus(Duration.ofDays(3)));
        due("a-due-in-20h-claimed", api, "commune-a", NOW.plus(Duration.ofHours(20)));
        taskService.claim(tasks.get("a-due-in-20h-claimed"), "clerk-a"); // assigned tasks stay in the unit's lists
        due("b-overdue-by-a-day", api, "commune-b", NOW.minus(Duration.ofDays(1)));
        due("b-due-in-23h", api, "commune-b", NOW.plus(Duration.ofHours(23)));
        due("b-due-in-25h", api, "commune-b", NOW.plus(Duration.ofHours(25)));
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

    @Test
    void clerkASeesCommuneAsTasksEarliestDeadlineFirst() {
        assertThat(list("clerk-a", TasklistFilters.MY_UNIT))
                .containsExactly("a-overdue", "a-due-in-2h", "a-due-in-20h-claimed", "a-due-in-3-days");
        assertThat(list("clerk-a", TasklistFilters.DUE_SOON)).containsExactly("a-due-in-2h", "a-due-in-20h-claimed");
        assertThat(list("clerk-a", TasklistFilters.OVERDUE)).containsExactly("a-overdue");
    }

    @Test
    void clerkBSeesCommuneBsTasksOnly() {
        assertThat(list("clerk-b", TasklistFilters.MY_UNIT))
                .containsExactly("b-overdue-by-a-day", "b-due-in-23h", "b-due-in-25h");
        assertThat(list("clerk-b", TasklistFilters.DUE_SOON)).as("within 24 hours").containsExactly("b-due-in-23h");
        assertThat(list("clerk-b", TasklistFilters.OVERDUE)).containsExactly("b-overdue-by-a-day");
    }

    @Test
    void anotherRoleOfTheSameUnitSeesNoneOfTheClerksTasks() {
        for (String filter : List.of(TasklistFilters.MY_UNIT, TasklistFilters.DUE_SOON, TasklistFilters.OVERDUE)) {
            assertThat(list("specialist-a", filter)).as(filter).isEmpty();
            assertThat(list("clerk-p", filter)).as(filter).isEmpty();
        }
    }

    @Test
    void theFiltersFollowTheEnginesClock() {
        ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(3))));
        try {
            assertThat(list("clerk-a", TasklistFilters.OVERDUE)).containsExactly("a-overdue", "a-due-in-2h");
            assertThat(list("clerk-a", TasklistFilters.DUE_SOON)).containsExactly("a-due-in-20h-claimed");
            assertThat(list("clerk-b", TasklistFilters.DUE_SOON)).containsExactly("b-due-in-23h", "b-due-in-25h");
        } finally {
            ClockUtil.setCurrentTime(Date.from(NOW));
        }
    }

    @Test
    void eachCardNamesItsRecordAndApplicantAndAnOlderInstallationsFiltersFollow() {
        Filter myUnit = filterService.createFilterQuery().filterName(TasklistFilters.MY_UNIT).singleResult();
        // Tasklist asks the filter's list as HAL: the card variables come embedded with the tasks
        Api.Response cards = app.api().get("clerk-a", "/engine-rest/filter/" + myUnit.getId() + "/list",
                "Accept", "application/hal+json");
        assertThat(cards.status()).as(cards.body()).isEqualTo(200);
        List<String> names = cards.json().at("/_embedded/task/0/_embedded/variable").findValuesAsText("name");
        assertThat(names).contains("recordCode", "applicantName", "colour");
        assertThat(cards.json().at("/_embedded/task/0/_embedded/variable").toString()).contains("Nguyễn Thị Lan");

        // a filter saved before the cards changed gets the new card variables at the next start; its query stays
        Map<String, Object> old = new LinkedHashMap<>(myUnit.getProperties());
        old.put("variables", List.of(Map.of("name", "unit", "label", "Unit / Đơn vị")));
        filterService.saveFilter(myUnit.setProperties(old));
        app.bean(TasklistFilters.class).run(null);
        Filter after = filterService.getFilter(myUnit.getId());
        assertThat(after.getProperties().get("variables")).isEqualTo(TasklistFilters.CARD_VARIABLES);
        assertThat(list("clerk-a", TasklistFilters.MY_UNIT)).hasSize(4);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Submits a record of the unit and gives its reception task the due date. */
    void due(String name, Api api, String unit, Instant due) {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration(unit, 2, "001190012345", name));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        Task task = taskService.createTaskQuery()
                .processInstanceBusinessKey(submitted.json().at("/record/code").asText())
                .taskDefinitionKey("Task_Reception").singleResult();
        task.setDueDate(Date.from(due));
        taskService.saveTask(task);
        tasks.put(name, task.getId());
    }

    /** The filter's tasks as the user logged in sees them, by name, in the filter's order. */
    List<String> list(String user, String filterName) {
        Filter filter = filterService.createFilterQuery().filterName(filterName).singleResult();
        assertThat(filter).as("filter %s", filterName).isNotNull();
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                .toList();
        assertThat(groups).as("groups of %s", user).isNotEmpty();
        identityService.setAuthentication(user, groups);
        try {
            List<Task> found = filterService.list(filter.getId());
            return found.stream().map(task -> tasks.entrySet().stream()
                    .filter(e -> e.getValue().equals(task.getId())).map(Map.Entry::getKey).findFirst()
                    .orElse("unexpected task " + task.getId() + " " + task.getName())).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
