package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.support.Api;
import vn.motcua.support.Browser;

/**
 * The Camunda webapps as staff use them, in a real headless Chromium, on the embedded default
 * (H2, demo organisation): Tasklist for clerks, Cockpit for the analyst.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:webapps;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class WebappsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repositoryService;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        // These tests read the webapps' English texts. Staff start in Vietnamese (docs/webapps.md,
        // WebappsLocaleBrowserTest); English is their choice in the header, kept in the browser's
        // storage for this origin: chosen here before any page of the webapps loads.
        browser.get("http://localhost:" + port + "/actuator/health");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('motcua.locale', 'en')");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theReceptionTaskShowsItsFormAndDueDateToItsUnitOnly() throws Exception {
        Api api = new Api(port);
        Api.Response started = api.post("clerk-a", "/engine-rest/process-definition/key/birth-registration/start", """
                {"variables": {"unit": {"value": "commune-a"},
                               "childFullName": {"value": "Trần Thị Bình"},
                               "applicantName": {"value": "Trần Văn Cường"}}}""");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String taskId = api.get("clerk-a", "/engine-rest/task?processInstanceId=" + started.json().get("id").asText())
                .json().get(0).get("id").asText();

        logIn(tasklist(), "clerk-a");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Đơn vị tôi / My unit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Tiếp nhận hồ sơ"));
        // the card tells the record apart: its code, its applicant, its deadline's colour
        String code = started.json().get("businessKey").asText();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), code));
        assertThat(browser.findElement(By.tagName("body")).getText()).as("a clerk's filters")
                .contains("Đến hạn hôm nay / Due today", "Quá hạn / Overdue").doesNotContain("Chờ tôi ký");
        String card = browser.findElements(By.cssSelector(".tasks-list li, [cam-tasks] li")).stream()
                .map(org.openqa.selenium.WebElement::getText).filter(text -> text.contains(code)).findFirst()
                .orElseThrow();
        assertThat(card).contains("Tiếp nhận hồ sơ", "Trần Văn Cường", "Mã hồ sơ / Record");

        browser.get(tasklist() + "#/?task=" + taskId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-container")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Quyết định tiếp nhận"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Reception decision");
        assertThat(browser.findElements(By.cssSelector(".fjs-container input")))
                .extracting(input -> input.getDomProperty("value"))
                .as("the form shows the record's data").contains("Trần Thị Bình");
        assertThat(browser.findElement(By.cssSelector(".fjs-container a[href*='/records/']"))
                .getDomAttribute("href")).as("the form links to the record page")
                .matches("/records/commune-a-\\d{8}-\\d{5}");
        assertThat(browser.findElements(By.cssSelector("[cam-tasklist-task-meta] .due-date, .due-date")))
                .as("Tasklist shows the due date").isNotEmpty();
        Browser.screenshot(browser, "tasklist-clerk-a-reception");

        browser.manage().deleteAllCookies();
        logIn(tasklist(), "clerk-b");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Đơn vị tôi / My unit"));
        browser.get(tasklist() + "#/?task=" + taskId);
        browser.navigate().refresh(); // a fresh page: both views load anew, for clerk-b, with the task's link
        // Wait until both views have finished loading, then look: the task list of "My unit" says it is
        // empty, and the task view, having failed to load the task, asks to pick one from the list.
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("body"), "No task matching filters found."));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".no-task.well")));
        assertThat(browser.findElement(By.cssSelector(".no-task.well")).getText()).contains("Select a task in the list.");
        assertThat(browser.findElements(By.cssSelector(".fjs-container"))).as("no form shown to clerk-b").isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText())
                .doesNotContain("Trần Thị Bình").doesNotContain("Quyết định tiếp nhận");
        Browser.screenshot(browser, "tasklist-clerk-b-nothing");
    }

    /** The leader cannot approve in Tasklist before signing the result; Tasklist says why, and signing unlocks it. */
    @Test
    void tasklistRefusesAnUnsignedApprovalWithAClearMessage() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records", """
                {"procedureCode": "1.001193", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"childFullName": "Trần Minh Khang", "motherPersonalId": "001190012345",
                              "applicantRelationship": "mother", "childDateOfBirth": "2026-11-20",
                              "childSex": "male", "childPlaceOfBirth": "Trạm y tế xã A"}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        String approval = claim(api, "leader-a", code, "Task_Approval");

        logIn(tasklist(), "leader-a");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Đơn vị tôi / My unit"));
        // a leader's own filter: the approval steps waiting for their signature
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Chờ tôi ký / Waiting for my signature"));
        browser.get(tasklist() + "#/?task=" + approval);
        By approve = By.xpath("//div[contains(@class,'fjs-container')]//label[contains(., 'Approve and sign')]");
        click(wait.until(ExpectedConditions.presenceOfElementLocated(approve)));
        By completeButton = By.xpath("//button[normalize-space()='Complete']");
        click(wait.until(ExpectedConditions.elementToBeClickable(completeButton)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "is not signed by leader-a"));
        Browser.screenshot(browser, "tasklist-leader-a-unsigned-approval");
        assertThat(api.get("leader-a", "/engine-rest/task/" + approval).status()).as("still open").isEqualTo(200);

        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        browser.navigate().refresh();
        click(wait.until(ExpectedConditions.presenceOfElementLocated(approve)));
        click(wait.until(ExpectedConditions.elementToBeClickable(completeButton)));
        wait.until(driver -> api.get("leader-a", "/engine-rest/task/" + approval).status() == 404);
        Browser.screenshot(browser, "tasklist-leader-a-signed-approval");
    }

    /**
     * A clerk works a record end to end in Tasklist (issue 13: the engine REST API by role keeps
     * what Tasklist needs): the filter lists it, the form shows, the clerk comments, claims, opens
     * the diagram, decides and completes; none of Tasklist's calls is refused.
     */
    @Test
    void aClerkWorksAReceptionEndToEndInTasklistWithoutARefusedCall() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records",
                vn.motcua.support.Applications.birthRegistration("commune-a", 2, "001190012345", "Phạm Thu Trang"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        com.fasterxml.jackson.databind.JsonNode tasks = Api.eventually(() -> api.get("clerk-a",
                "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=Task_Reception").json(),
                Duration.ofSeconds(30));
        String taskId = tasks.get(0).get("id").asText();

        logIn(tasklist(), "clerk-a");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Đơn vị tôi / My unit"));
        browser.get(tasklist() + "#/?task=" + taskId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Quyết định tiếp nhận"));

        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Add Comment']"))));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal textarea")))
                .sendKeys("Hồ sơ đủ thành phần");
        click(wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Save']"))));
        wait.until(driver -> api.get("clerk-a", "/engine-rest/task/" + taskId + "/comment").json().size() == 1);

        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))));
        wait.until(driver -> "clerk-a".equals(
                api.get("clerk-a", "/engine-rest/task/" + taskId).json().path("assignee").asText()));

        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Diagram']"))));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".djs-element[data-element-id='Task_Reception']")));
        Browser.screenshot(browser, "tasklist-clerk-a-diagram");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='History']"))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Claim"));
        Browser.screenshot(browser, "tasklist-clerk-a-history");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Form']"))));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-container')]//label[contains(., 'Accept, issue the receipt')]"))));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']"))));
        wait.until(driver -> api.get("clerk-a", "/engine-rest/task/" + taskId).status() == 404);
        Browser.screenshot(browser, "tasklist-clerk-a-completed");

        List<Browser.Exchange> refused = Browser.responses(browser).stream()
                .filter(exchange -> exchange.url().contains("/camunda/api/") && exchange.status() == 403).toList();
        assertThat(refused).as("Tasklist's calls refused at the door").isEmpty();
        assertThat(api.get("specialist-a", "/engine-rest/task?processInstanceBusinessKey=" + code).json())
                .as("the record moved on to appraisal").isNotEmpty();
    }

    /** Clicks like a user who scrolled to the element first (Tasklist's footer may cover the form's end). */
    private void click(org.openqa.selenium.WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private static String claim(Api api, String user, String code, String taskKey) {
        com.fasterxml.jackson.databind.JsonNode tasks = Api.eventually(() -> api.get(user,
                "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=" + taskKey).json(),
                Duration.ofSeconds(30));
        assertThat(tasks).as(user + " sees " + taskKey).hasSize(1);
        String id = tasks.get(0).get("id").asText();
        assertThat(api.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}").status())
                .isEqualTo(204);
        return id;
    }


    /** Cockpit shows the analyst every procedure, and each diagram opens with its five steps. */
    @Test
    void theAnalystSeesEveryProcedureDiagramInCockpit() throws Exception {
        logIn(cockpit(), "analyst");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(cockpit() + "#/processes");
        for (String name : List.of("Birth registration", "Household business registration", "Construction permit")) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), name));
        }
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            if (vn.motcua.procedure.SystemModels.isSystemKey(definition.getKey())) {
                continue; // the product's own notice and apology processes have no five steps
            }
            browser.get(cockpit() + "#/process-definition/" + definition.getId() + "/runtime");
            for (String step : List.of("Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing",
                    "Task_Result")) {
                wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(".djs-element[data-element-id='" + step + "']")));
            }
            Browser.screenshot(browser, "cockpit-" + definition.getKey());
        }
        // A running record's instance page (variables, incidents, history), with no call refused.
        Api api = new Api(port);
        assertThat(api.post("portal", "/api/records", vn.motcua.support.Applications.birthRegistration(
                "commune-a", 2, "001190012345", "Đỗ Minh Quân")).status()).isEqualTo(201);
        String instance = Api.eventually(() -> api.get("analyst", "/engine-rest/process-instance?active=true").json(),
                Duration.ofSeconds(30)).get(0).get("id").asText();
        browser.get(cockpit() + "#/process-instance/" + instance + "/runtime");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".djs-element[data-element-id]")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "unit"));
        Browser.screenshot(browser, "cockpit-process-instance");
        assertThat(Browser.responses(browser).stream()
                .filter(exchange -> exchange.url().contains("/camunda/api/") && exchange.status() == 403).toList())
                .as("Cockpit's calls refused at the door").isEmpty();
    }

    private String tasklist() {
        return "http://localhost:" + port + "/camunda/app/tasklist/default/";
    }

    private String cockpit() {
        return "http://localhost:" + port + "/camunda/app/cockpit/default/";
    }

    private void logIn(String app, String user) {
        browser.get(app);
        Browser.fillSignIn(browser, user);
    }
}
