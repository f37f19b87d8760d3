package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.deadline.Deadlines;
import vn.motcua.support.Api;
import vn.motcua.support.Browser;

/**
 * The monitoring centre in the embedded default (H2, demo organisation, the real job executor):
 * records worked over the public API and engine REST as staff work them — one on time, one late,
 * one left red at appraisal in commune A, one open in commune B — then the figures, who may see
 * them, form 06 as JSON, page and PDF, and the dashboard in Debian's headless Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:monitor-centre;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorCentreTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /**
     * "Today" for this test, whatever the date it runs: Wednesday 25 November 2026, 10:00 in Vietnam,
     * an ordinary working day. The engine's clock (which the product's deadlines, record states and
     * figures follow) runs from there; the late and the red record are accepted a week before, on
     * Wednesday 18 November, also an ordinary working day — never in Tết or another holiday.
     */
    static final Instant TODAY_10AM = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, VIETNAM).toInstant();
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final Instant WEEK_AGO = TODAY_10AM.minus(Duration.ofDays(7));

    @LocalServerPort
    int port;

    @Autowired
    TaskService taskService;

    @Autowired
    Deadlines deadlines;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    Api api;
    String onTime;
    String late;
    String red;
    String communeB;
    LocalDate pastDay;

    @BeforeAll
    void workSomeRecords() {
        api = new Api(port);
        runEngineClockFrom(TODAY_10AM);
        onTime = submit("commune-a", "001190012345");
        accept(onTime);
        workThrough(onTime);
        assertThat(api.post("portal", "/api/records/" + onTime + "/rating", "{\"score\": 5}").status()).isEqualTo(200);

        // Accepted a week ago by the engine's clock: the appointment (1 working day) has long passed.
        pastDay = WEEK_AGO.atZone(VIETNAM).toLocalDate();
        long today = runEngineClockFrom(WEEK_AGO);
        late = submit("commune-a", "001190012346");
        accept(late);
        tasks("specialist-a", late, "Task_Appraisal");
        red = submit("commune-a", "001190012347");
        accept(red);
        tasks("specialist-a", red, "Task_Appraisal"); // created a week ago: long overdue
        ClockUtil.offset(today); // back to today, where the clock had run on to
        // Back today, the week-old steps' overdue timers fire and notify the leaders (jobs): let them
        // finish before working the late record, or completing its task races the escalation.
        awaitNoDueJobs(late);
        awaitNoDueJobs(red);
        workThrough(late);
        communeB = submit("commune-b", "001190012348");
        accept(communeB, "clerk-b");
        assertThat(deadlines.now().atZone(VIETNAM).toLocalDate()).as("the records were worked on the test's today")
                .isEqualTo(TODAY);
    }

    @AfterAll
    void realClock() {
        ClockUtil.reset();
    }

    /** Waits until the record's jobs due by the engine's clock (timers, notices) have been run by the job executor. */
    void awaitNoDueJobs(String code) {
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult()
                .getId();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (managementService.createJobQuery().processInstanceId(instance).executable().count() > 0) {
            assertThat(Instant.now()).as("the due jobs of %s run within a minute", code).isBefore(until);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The engine's clock runs on from {@code start}: an offset to the system clock, so time still
     * passes for the job executor and between the records' hand-offs. Returns the offset it had
     * before, to go back to its previous course with {@link ClockUtil#offset}.
     */
    static long runEngineClockFrom(Instant start) {
        long now = System.currentTimeMillis();
        long previous = ClockUtil.getCurrentTime().getTime() - now;
        ClockUtil.offset(start.toEpochMilli() - now);
        return previous;
    }

    // --- figures and who sees them --------------------------------------------------------------

    @Test
    void aLeaderSeesTheirCommunesFiguresOnTimeAndLate() {
        JsonNode today = kpis("leader-a", "period=day&date=" + TODAY);
        assertThat(units(today)).containsExactly("commune-a");
        JsonNode total = today.at("/total/figures");
        assertThat(total.get("resolved").asInt()).as(today.toString()).isEqualTo(2);
        assertThat(total.get("late").asInt()).isEqualTo(1);
        assertThat(total.get("early").asInt() + total.get("onTime").asInt()).isEqualTo(1);
        assertThat(total.get("onTimeRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(total.get("eResultRate").decimalValue()).as("both issued signed and sealed").isEqualByComparingTo("1");
        assertThat(total.get("satisfaction").decimalValue()).isEqualByComparingTo("5");
        assertThat(today.at("/rows/0/colour").asText()).as("half on time and a red record").isEqualTo("red");
        assertThat(today.at("/rows/0/open/red").asInt()).isEqualTo(1);

        JsonNode thatDay = kpis("leader-a", "period=day&date=" + pastDay);
        assertThat(thatDay.at("/total/figures/received").asInt()).as("the late and the red one").isEqualTo(2);
        assertThat(thatDay.at("/total/figures/onlineRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(thatDay.at("/total/figures/onTimeRate").isNull()).as("nothing resolved that day").isTrue();
    }

    @Test
    void aProvinceLeaderSeesEveryUnitOfTheProvinceAndACommuneLeaderNotTheOther() {
        JsonNode province = kpis("leader-p", "period=year");
        assertThat(units(province)).as("the organisation top-down, records or not")
                .containsExactly("province", "dept-construction", "dept-industry-trade", "commune-a", "commune-b");
        for (int row : new int[] {0, 1, 2}) { // nothing happened at the province nor at its departments: zeros
            assertThat(province.at("/rows/" + row + "/figures/received").asInt()).as(province.toString()).isZero();
            assertThat(province.at("/rows/" + row + "/open/red").asInt()).isZero();
        }
        assertThat(province.at("/rows/2/name").asText()).isEqualTo("Sở Công Thương / Department of Industry and Trade");
        assertThat(province.at("/rows/4/figures/received").asInt()).as("commune B's, accepted today").isEqualTo(1);
        assertThat(units(kpis("leader-b", "period=year"))).containsExactly("commune-b");
        assertThat(units(kpis("leader-xd", "period=year"))).containsExactly("dept-construction");
        assertThat(units(kpis("analyst", "period=year")))
                .containsExactly("province", "dept-construction", "dept-industry-trade", "commune-a", "commune-b");

        Api.Response foreign = api.get("leader-b", "/api/monitor/kpis?unit=commune-a");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("field").asText()).isEqualTo("unit");
        assertThat(api.get("leader-b", "/api/monitor/red-records").json()).isEmpty();
        assertThat(api.get("leader-b", "/api/monitor/records/" + red + "/control-sheet").status()).isEqualTo(404);
        assertThat(api.get("leader-b", "/api/monitor/records/" + red + "/control-sheet.pdf").status()).isEqualTo(404);
        assertThat(api.get("clerk-a", "/api/monitor/kpis").status()).isEqualTo(403);
        assertThat(api.get("specialist-a", "/api/monitor/dashboard").status()).isEqualTo(403);
        assertThat(api.get(null, "/api/monitor/kpis").status()).isEqualTo(401);
        assertThat(api.get("leader-a", "/api/monitor/kpis?period=week").json().get("field").asText()).isEqualTo("period");
        assertThat(api.get("leader-a", "/api/monitor/kpis?date=yesterday").json().get("field").asText()).isEqualTo("date");
        assertThat(api.get("leader-a", "/api/monitor/kpis?by=colour").json().get("field").asText()).isEqualTo("by");
    }

    @Test
    void theRedRecordIsListedWithItsTaskAndTheDashboardHasTrendAndSteps() {
        JsonNode redList = api.get("leader-a", "/api/monitor/red-records").json();
        assertThat(redList).singleElement().satisfies(r -> {
            assertThat(r.get("code").asText()).isEqualTo(red);
            assertThat(r.get("step").asText()).isEqualTo("appraisal");
            assertThat(r.get("taskUrl").asText()).startsWith("/camunda/app/tasklist/default/#/?task=");
            assertThat(r.get("overdueWorkingHours").decimalValue()).isPositive();
        });
        JsonNode dashboard = api.get("leader-p", "/api/monitor/dashboard").json();
        assertThat(dashboard.get("trend")).hasSize(12);
        assertThat(dashboard.get("steps")).extracting(s -> s.get("step").asText())
                .containsSubsequence("reception", "appraisal", "approval", "issuing", "result");
        assertThat(dashboard.get("bottleneck").asText()).isNotBlank();
        assertThat(dashboard.at("/total/open/green").asInt()).as("commune B's").isEqualTo(1);
        assertThat(dashboard.get("procedures")).extracting(p -> p.get("code").asText()).containsExactly("1.001193");

        Api.Response csv = api.get("leader-a", "/api/monitor/kpis.csv?period=year&by=procedure");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(3).element(1).asString().contains(",1.001193,");
    }

    // --- the reengineering card (issue 21) -------------------------------------------------------

    /**
     * Birth registration's card for leader-a this year: the model as shipped (four documents, all from the
     * applicant; its lookups supply data, not documents; the five steps, four hand-offs) and commune A's three
     * records (one resolved early and rated 5, one resolved late, one open); commune B's record is not leader-a's.
     */
    @Test
    void theReengineeringCardComparesTheModelWithTheTemplateAndTheRecords() throws IOException {
        JsonNode card = api.get("leader-a", "/api/monitor/procedures/1.001193?date=" + TODAY).json();
        assertThat(card.get("code").asText()).isEqualTo("1.001193");
        assertThat(card.at("/period/kind").asText()).as("a year unless asked").isEqualTo("year");
        assertThat(card.at("/model/lawDocuments").asInt()).isEqualTo(4);
        assertThat(card.at("/model/applicantDocuments").asInt()).isEqualTo(4);
        assertThat(card.at("/model/stepCount").asInt()).isEqualTo(card.get("templateSteps").asInt()).isEqualTo(5);
        assertThat(card.at("/model/handOffs").asInt()).isEqualTo(4);
        assertThat(card.get("versions")).isNotEmpty();
        JsonNode records = card.get("records");
        assertThat(records.get("received").asInt()).isEqualTo(3);
        assertThat(records.get("resolved").asInt()).isEqualTo(2);
        assertThat(records.get("earlyShare").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(records.get("lateShare").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(records.get("satisfaction").decimalValue()).isEqualByComparingTo("5");
        assertThat(records.get("statutoryDays").decimalValue()).isEqualByComparingTo("1");
        assertThat(records.get("p90Days").decimalValue()).as("the late record took days")
                .isGreaterThan(records.get("statutoryDays").decimalValue());
        assertThat(records.get("handOffsMedian").decimalValue()).isPositive();
        assertThat(card.get("units")).extracting(u -> u.get("unit").asText()).containsExactly("commune-a");
        JsonNode reception = card.get("steps").get(0);
        assertThat(reception.get("step").asText()).isEqualTo("reception");
        assertThat(reception.get("completed").asInt()).as("all three were accepted").isEqualTo(3);
        assertThat(reception.get("budgetHours").decimalValue()).isPositive();
        assertThat(card.get("steps").get(1).get("late").asInt()).as("the late record's appraisal").isGreaterThanOrEqualTo(1);
        assertThat(card.at("/cost/filings").asInt()).isEqualTo(3);
        assertThat(card.at("/cost/before/total").decimalValue()).isGreaterThan(card.at("/cost/after/total").decimalValue());

        assertThat(api.get("leader-b", "/api/monitor/procedures/1.001193?date=" + TODAY).json().at("/records/received")
                .asInt()).as("commune B's own").isEqualTo(1);

        Api.Response csv = api.get("leader-a", "/api/monitor/procedures/1.001193/card.csv?date=" + TODAY);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).endsWith(CardExports.CSV_HEADER);
        assertThat(csv.body()).contains("records,total,Tổng / Total,received,3\r\n", "document,1,", "step,reception,");
        Api.Response pdf = api.get("leader-a", "/api/monitor/procedures/1.001193/card.pdf?date=" + TODAY);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            assertThat(new PDFTextStripper().getText(document)).contains("THẺ TÁI CẤU TRÚC QUY TRÌNH",
                    "Đăng ký khai sinh", "Tờ khai đăng ký khai sinh", "Chi phí tuân thủ");
        }
    }

    /** Commune A's open record is past its appointment (the red list's, not the forecast's); nothing else is open. */
    @Test
    void theRescueListHoldsOnlyRecordsThatCanStillBeSaved() {
        Api.Response rescue = api.get("leader-a", "/api/monitor/rescue-list");
        assertThat(rescue.status()).isEqualTo(200);
        assertThat(rescue.json()).extracting(r -> r.get("recordCode").asText()).doesNotContain(red, late, onTime);
        assertThat(api.get("leader-a", "/api/monitor/rescue-list?unit=commune-b").status()).isEqualTo(403);
        assertThat(api.get("clerk-a", "/api/monitor/rescue-list").status()).isEqualTo(403);
        assertThat(api.get("leader-a", "/api/monitor/rescue-list?procedure=a*b").status()).isEqualTo(400);
    }

    @Test
    void aCardForAnUnknownProcedureOrABadPeriodIsRefusedSayingWhy() {
        Api.Response unknown = api.get("leader-a", "/api/monitor/procedures/9.999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("9.999999");
        Api.Response badPeriod = api.get("leader-a", "/api/monitor/procedures/1.001193?period=week");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().get("field").asText()).isEqualTo("period");
        assertThat(api.get("leader-a", "/api/monitor/procedures/1.001193?unit=commune-b").status()).isEqualTo(403);
        assertThat(api.get("leader-a", "/api/monitor/procedures/a*b").status()).isEqualTo(400);
        assertThat(api.get("clerk-a", "/api/monitor/procedures/1.001193").status()).isEqualTo(403);
        assertThat(api.get(null, "/api/monitor/procedures/1.001193").status()).isEqualTo(401);
    }

    // --- form 06 ----------------------------------------------------------------------------

    @Test
    void theControlSheetShowsEachHandOffPlannedAndActual() throws IOException {
        JsonNode sheet = api.get("leader-a", "/api/monitor/records/" + onTime + "/control-sheet").json();
        assertThat(sheet.get("verdict").asText()).isIn("early", "on-time");
        List<String> steps = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        sheet.get("handOffs").forEach(h -> {
            steps.add(h.get("step").asText());
            actors.add(h.get("receivedBy").asText());
            assertThat(h.get("plannedAt").isNull()).isFalse();
            assertThat(h.get("actualAt").isNull()).isFalse();
            assertThat(h.get("verdict").asText()).isIn("early", "on-time");
        });
        assertThat(steps).containsExactly("reception", "appraisal", "approval", "issuing", "result");
        assertThat(actors).containsExactly("clerk-a", "specialist-a", "leader-a", "records-a", "clerk-a");
        assertThat(sheet.at("/handOffs/1/handedOverBy").asText()).isEqualTo("clerk-a");

        JsonNode lateSheet = api.get("leader-p", "/api/monitor/records/" + late + "/control-sheet").json();
        assertThat(lateSheet.get("verdict").asText()).isEqualTo("late");
        assertThat(lateSheet.at("/handOffs/1/verdict").asText()).as("appraisal done a week after its deadline")
                .isEqualTo("late");

        Api.Response pdf = api.get("leader-a", "/api/monitor/records/" + late + "/control-sheet.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", late, "Thẩm định", "Quá hạn / Late",
                    "specialist-a");
        }
    }

    @Test
    void aDeadlineMovedInTheEngineMovesThePlannedTimeOnTheSheet() {
        Task appraisal = taskService.createTaskQuery().processInstanceBusinessKey(red)
                .taskDefinitionKey("Task_Appraisal").singleResult();
        Date moved = Date.from(appraisal.getDueDate().toInstant().plus(Duration.ofHours(1)));
        appraisal.setDueDate(moved);
        taskService.saveTask(appraisal); // as a resumed pause moves open deadlines
        JsonNode sheet = api.get("leader-a", "/api/monitor/records/" + red + "/control-sheet").json();
        assertThat(Instant.parse(sheet.at("/handOffs/1/plannedAt").asText())).isEqualTo(moved.toInstant());
        assertThat(sheet.at("/handOffs/1/verdict").asText()).isEqualTo("in-progress-red");
    }

    // --- the pages, in a real browser --------------------------------------------------------

    @Test
    void leaderAOpensTheDashboardSeesThePlotsAndTheRedRecord() throws Exception {
        WebDriver browser = Browser.start();
        try {
            String base = "http://localhost:" + port;
            browser.get(base + "/monitor");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            logIn(browser, wait, "leader-a");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend-chart canvas")));
            for (String chart : List.of("#trend-chart", "#procedure-chart", "#step-chart")) {
                assertThat(browser.findElements(By.cssSelector(chart + " canvas"))).as(chart + " drawn").isNotEmpty();
            }
            assertThat(browser.findElements(By.cssSelector("#rescue-list, #no-rescue"))).as("the rescue list's section")
                    .isNotEmpty();
            WebElement redRow = browser.findElement(By.cssSelector("#red-records tr[data-record='" + red + "']"));
            assertThat(redRow.getText()).contains(red, "Thẩm định / Appraisal");
            assertThat(redRow.findElement(By.linkText("Mở việc / Open task")).getDomAttribute("href"))
                    .startsWith("/camunda/app/tasklist/default/#/?task=");
            assertThat(browser.findElements(By.cssSelector("#units-table tr[data-unit]")))
                    .extracting(row -> row.getDomAttribute("data-unit")).containsExactly("commune-a");
            assertThat(browser.findElement(By.cssSelector("#units-table tr[data-unit='commune-a'] .chip")).getText())
                    .isEqualTo("Đỏ / Red");
            browser.manage().window().setSize(new Dimension(1400, 2600)); // the whole page in one picture
            Thread.sleep(500);
            Browser.screenshot(browser, "monitor-dashboard-leader-a");

            browser.manage().window().setSize(new Dimension(390, 844)); // a phone
            Thread.sleep(500); // the charts follow the window's size
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
                    .as("no sideways scrolling of the page on a phone (wide tables scroll in their own box)").isTrue();
            Browser.screenshot(browser, "monitor-dashboard-leader-a-phone");
            browser.manage().window().setSize(new Dimension(1400, 1000));

            redRow = browser.findElement(By.cssSelector("#red-records tr[data-record='" + red + "']"));
            redRow.findElement(By.linkText(red)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hand-offs")));
            assertThat(browser.findElement(By.id("hand-offs")).getText()).contains("Đang xử lý (quá hạn)");
            Browser.screenshot(browser, "monitor-control-sheet");

            // the procedure's reengineering card, from the dashboard's procedure table
            browser.get(base + "/monitor?period=year");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#procedures-table a.card-link"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-box canvas")));
            for (String chart : List.of("#step-box", "#cost-chart", "#version-chart")) {
                assertThat(browser.findElements(By.cssSelector(chart + " canvas"))).as(chart + " drawn").isNotEmpty();
            }
            assertThat(browser.findElement(By.id("procedure-name")).getText()).contains("1.001193", "Đăng ký khai sinh");
            assertThat(browser.findElement(By.id("law-documents")).getText()).isEqualTo("4");
            assertThat(browser.findElements(By.cssSelector("#documents-table tbody tr"))).hasSize(4);
            assertThat(browser.findElement(By.id("model-hand-offs")).getText()).isEqualTo("4 / 4");
            assertThat(browser.findElement(By.cssSelector("#records-total")).getText()).contains("Tổng / Total");
            browser.manage().window().setSize(new Dimension(1400, 2800));
            Thread.sleep(500);
            Browser.screenshot(browser, "monitor-reengineering-card");
            browser.manage().window().setSize(new Dimension(1400, 1000));

            browser.manage().deleteAllCookies();
            browser.get(base + "/monitor?unit=commune-a");
            logIn(browser, wait, "leader-b");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
            assertThat(browser.getPageSource()).doesNotContain(red);
            browser.get(base + "/monitor");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("units-table")));
            assertThat(browser.getPageSource()).doesNotContain(red).doesNotContain(late);
        } finally {
            browser.quit();
        }
    }

    private static void logIn(WebDriver browser, WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("login")).click();
    }

    // --- working records as staff do -------------------------------------------------------

    String submit(String unit, String personalId) {
        Api.Response submitted = api.post("portal", "/api/records", """
                {"procedureCode": "1.001193", "unit": "%s", "channel": 2,
                 "applicant": {"personalId": "%s", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"childFullName": "Trần Minh An", "motherPersonalId": "001190012345",
                              "applicantRelationship": "mother", "childDateOfBirth": "2026-11-20",
                              "childSex": "male", "childPlaceOfBirth": "Trạm y tế xã A"}}"""
                .formatted(unit, personalId));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    void accept(String code) {
        accept(code, "clerk-a");
    }

    void accept(String code, String clerk) {
        work(clerk, code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
    }

    /** Appraisal to result return, the leader signing before approving. */
    void workThrough(String code) {
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        tasks("leader-a", code, "Task_Approval");
        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        work("clerk-a", code, "Task_Result",
                "{\"deliveryChannel\": {\"value\": \"portal\"}, \"resultDelivered\": {\"value\": true}}");
    }

    JsonNode tasks(String user, String code, String taskKey) {
        JsonNode tasks = Api.eventually(() -> api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=" + taskKey).json(), Duration.ofSeconds(30));
        assertThat(tasks).as(user + " sees " + taskKey + " of " + code).hasSize(1);
        return tasks;
    }

    void work(String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }

    JsonNode kpis(String user, String query) {
        Api.Response response = api.get(user, "/api/monitor/kpis?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> units(JsonNode table) {
        List<String> units = new ArrayList<>();
        table.get("rows").forEach(row -> units.add(row.get("key").asText()));
        return units;
    }
}
