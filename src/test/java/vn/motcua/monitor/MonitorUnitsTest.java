package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.security.CamundaIdentityAuthenticationProvider;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * Every unit in a user's scope is on the monitoring centre — in the KPI API, the dashboard API, the
 * CSV and the dashboard page — with zeros where nothing happened, "no rate" (JSON {@code null}, an
 * empty CSV cell, "—" on the page) where a rate has no denominator, and by name. The demo
 * organisation's only records are two of commune A (one accepted, one left red at reception):
 * commune B, the province and its departments have none. On H2 and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitorUnitsTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The engine's clock: Wednesday 25 November 2026, 10:00 in Vietnam, an ordinary working day. */
    static final Instant NOW = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, VIETNAM).toInstant();
    static final String MONTH = "period=month&date=2026-11-25";

    static final List<String> DEMO_UNITS = List.of("province", "dept-construction", "dept-industry-trade", "commune-a",
            "commune-b");
    static final String COMMUNE_A = "Ủy ban nhân dân xã A / People's Committee of Commune A";
    static final String COMMUNE_B = "Ủy ban nhân dân xã B / People's Committee of Commune B";
    static final List<String> RATES = List.of("onTimeRate", "onlineRate", "fullyOnlineRate", "digitisationRate",
            "eResultRate", "reuseRate", "satisfaction");

    AppInstance app;
    Api api;
    MockMvc pages;
    String accepted;
    String red;

    /** Starts the app (demo profile) with these settings, on the database of the subclass. */
    abstract AppInstance startApp(String... settings);

    /** Stops the subclass's database, after the app. */
    void stopDatabase() throws IOException {
    }

    @BeforeAll
    void twoRecordsOfCommuneAOnly() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        app = startApp("--camunda.bpm.job-execution.enabled=false");
        api = app.api();
        accepted = submit("Trần Minh An");
        api.work("clerk-a", accepted, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        red = submit("Trần Minh Bảo");
        TaskService tasks = app.bean(TaskService.class);
        Task reception = tasks.createTaskQuery().processInstanceBusinessKey(red).taskDefinitionKey("Task_Reception")
                .singleResult();
        reception.setDueDate(Date.from(NOW.minus(Duration.ofHours(2)))); // overdue: a red record
        tasks.saveTask(reception);

        WebApplicationContext context = (WebApplicationContext) app.context();
        pages = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    @AfterAll
    void stop() throws IOException {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- the API and the CSV ---------------------------------------------------------------------

    @Test
    void theProvinceLeaderSeesCommuneBWithZerosAndNoRates() {
        JsonNode table = kpis("leader-p", MONTH + "&by=unit");
        assertThat(keys(table)).as("the organisation top-down, records or not").isEqualTo(DEMO_UNITS);
        JsonNode communeB = row(table, "commune-b");
        assertThat(communeB.get("name").asText()).isEqualTo(COMMUNE_B);
        communeB.get("figures").fields().forEachRemaining(figure -> {
            if (RATES.contains(figure.getKey())) {
                assertThat(figure.getValue().isNull()).as("%s: nothing to measure", figure.getKey()).isTrue();
            } else {
                assertThat(figure.getValue().asLong()).as(figure.getKey()).isZero();
            }
        });
        communeB.get("open").fields().forEachRemaining(open -> assertThat(open.getValue().asLong())
                .as("open " + open.getKey()).isZero());
        assertThat(communeB.get("colour").asText()).as("nothing late, nothing red").isEqualTo("green");
        assertThat(row(table, "province").at("/figures/received").asLong()).isZero();
        assertThat(row(table, "commune-a").at("/figures/received").asLong()).isEqualTo(1);
        assertThat(row(table, "commune-a").at("/open/red").asLong()).isEqualTo(1);
        assertThat(table.at("/total/figures/received").asLong()).isEqualTo(1);

        JsonNode dashboard = json("leader-p", "/api/monitor/dashboard?" + MONTH);
        List<String> units = new ArrayList<>();
        dashboard.get("units").forEach(u -> units.add(u.get("unit").asText()));
        assertThat(units).isEqualTo(DEMO_UNITS);
        assertThat(dashboard.get("red")).singleElement().satisfies(r -> {
            assertThat(r.get("code").asText()).isEqualTo(red);
            assertThat(r.get("unit").asText()).isEqualTo("commune-a");
            assertThat(r.get("unitName").asText()).isEqualTo(COMMUNE_A);
        });

        Api.Response csv = api.get("leader-p", "/api/monitor/kpis.csv?" + MONTH + "&by=unit");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).doesNotContainIgnoringCase("NaN");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1 + DEMO_UNITS.size() + 1); // header, the units, the total
        assertThat(lines.get(5)).isEqualTo("month,2026-11-01,2026-12-01,unit,commune-b," + COMMUNE_B + ","
                + "0,0,0,0,0,0,0,0,0,0,0,0,0," // the counts
                + ",,,,,,," // the rates: nothing to measure
                + "green,0,0,0,0");
        assertThat(lines.get(4)).startsWith("month,2026-11-01,2026-12-01,unit,commune-a," + COMMUNE_A + ",1,");
    }

    @Test
    void theAnalystAndTheAdministratorSeeEveryDemoUnit() {
        for (String user : List.of("analyst", "admin")) {
            assertThat(keys(kpis(user, MONTH + "&by=unit"))).as(user).isEqualTo(DEMO_UNITS);
            assertThat(api.get(user, "/api/monitor/kpis.csv?" + MONTH + "&by=unit").body().lines())
                    .as(user).hasSize(1 + DEMO_UNITS.size() + 1);
        }
    }

    @Test
    void communeALeaderSeesCommuneAOnly() {
        JsonNode table = kpis("leader-a", MONTH + "&by=unit");
        assertThat(keys(table)).containsExactly("commune-a");
        assertThat(table.at("/rows/0/name").asText()).isEqualTo(COMMUNE_A);
        assertThat(api.get("leader-a", "/api/monitor/kpis?unit=commune-b").status()).isEqualTo(403);
        assertThat(api.get("leader-a", "/api/monitor/kpis.csv?" + MONTH + "&by=unit").body().lines())
                .hasSize(3).noneMatch(line -> line.contains("commune-b"));
        assertThat(keys(kpis("leader-b", MONTH + "&by=unit"))).as("a unit with no record yet: its own row")
                .containsExactly("commune-b");
    }

    // --- the dashboard page ----------------------------------------------------------------------

    @Test
    void theProvinceLeadersDashboardListsEveryUnitByNameWithZerosAndDashes() throws Exception {
        String page = page("leader-p", "/monitor?" + MONTH);
        assertThat(pageUnits(page)).isEqualTo(DEMO_UNITS);
        List<String> communeB = cells(page, "data-unit=\"commune-b\"");
        assertThat(communeB.get(0)).isEqualTo(COMMUNE_B);
        assertThat(communeB.get(1)).isEqualTo("Xanh / Green");
        assertThat(communeB.subList(2, 7)).as("received, resolved, early, on time, late").containsOnly("0");
        assertThat(communeB.subList(7, 14)).as("the rates and satisfaction").containsOnly("—");
        assertThat(communeB.get(14)).isEqualTo("0 / 0 / 0 / 0");
        assertThat(page).doesNotContain("NaN");

        List<String> redRow = cells(page, "data-record=\"" + red + "\"");
        assertThat(redRow.get(2)).as("the red record's unit, by name").isEqualTo(COMMUNE_A);
    }

    @Test
    void theAnalystsDashboardListsEveryDemoUnitAndCommuneALeadersOnlyCommuneA() throws Exception {
        assertThat(pageUnits(page("analyst", "/monitor?" + MONTH))).isEqualTo(DEMO_UNITS);
        String communeA = page("leader-a", "/monitor?" + MONTH);
        assertThat(pageUnits(communeA)).containsExactly("commune-a");
        assertThat(cells(communeA, "data-unit=\"commune-a\"").get(0)).isEqualTo(COMMUNE_A);
        assertThat(communeA).doesNotContain(COMMUNE_B);
        assertThat(request("leader-a", "/monitor?unit=commune-b").getStatus()).isEqualTo(403);
    }

    // --- helpers ---------------------------------------------------------------------------------

    String submit(String childName) {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", childName));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    JsonNode kpis(String user, String query) {
        return json(user, "/api/monitor/kpis?" + query);
    }

    JsonNode json(String user, String path) {
        Api.Response response = api.get(user, path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> keys(JsonNode table) {
        List<String> keys = new ArrayList<>();
        table.get("rows").forEach(row -> keys.add(row.get("key").asText()));
        return keys;
    }

    static JsonNode row(JsonNode table, String key) {
        for (JsonNode row : table.get("rows")) {
            if (key.equals(row.get("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + table);
    }

    /** The page as the user sees it once logged in (the session holds what the login would put there). */
    String page(String user, String path) throws Exception {
        MockHttpServletResponse response = request(user, path);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    MockHttpServletResponse request(String user, String path) throws Exception {
        SecurityContext security = SecurityContextHolder.createEmptyContext();
        security.setAuthentication(app.bean(CamundaIdentityAuthenticationProvider.class)
                .authenticate(new UsernamePasswordAuthenticationToken(user, "demo")));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, security);
        MockHttpServletResponse response = pages.perform(get(path).session(session)).andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }

    private static final Pattern UNIT_ROW = Pattern.compile("<tr[^>]*data-unit=\"([^\"]+)\"");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    /** The units of the page's unit table, in order. */
    static List<String> pageUnits(String page) {
        List<String> units = new ArrayList<>();
        Matcher m = UNIT_ROW.matcher(page);
        while (m.find()) {
            units.add(m.group(1));
        }
        return units;
    }

    /** The text of each cell of the table row carrying {@code attribute}. */
    static List<String> cells(String page, String attribute) {
        int start = page.indexOf(attribute);
        assertThat(start).as("a row with " + attribute).isNotNegative();
        String row = page.substring(start, page.indexOf("</tr>", start));
        List<String> cells = new ArrayList<>();
        Matcher m = CELL.matcher(row);
        while (m.find()) {
            cells.add(m.group(1).replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&amp;", "&")
                    .replaceAll("\\s+", " ").strip());
        }
        return cells;
    }
}
