package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.support.Api;
import vn.motcua.support.Browser;

/**
 * The webapps in Vietnamese for the one-stop counter (docs/webapps.md), in a real headless
 * Chromium whose own language is English: Tasklist and Cockpit start in Vietnamese, dates read
 * dd/MM/yyyy in Vietnam's time, Camunda Forms' date fields show and accept dd/MM/yyyy and store
 * yyyy-MM-dd, form-js's messages are "Vietnamese / English", English is one click away, and an
 * expired session or a logout goes to the product's sign-in page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:webapps-locale;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class WebappsLocaleBrowserTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** A key the translation forgot would show as itself, e.g. PLUGIN_PROCESS_DEF_NAME. */
    /** The start form's button (START: "Bắt đầu"); the dialog's title says "Bắt đầu thủ tục". */
    private static final By START_BUTTON = By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Bắt đầu']");
    private static final Pattern RAW_KEY = Pattern.compile("\\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+){2,}\\b");

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A clerk's Tasklist in Vietnamese; the reception form shows the date of birth as dd/MM/yyyy,
     * says in Vietnamese that the decision is required, and the record keeps the date as yyyy-MM-dd.
     */
    @Test
    void theClerksTasklistIsVietnameseAndTheReceptionFormShowsDatesAsDdMmYyyy() throws Exception {
        Api api = new Api(port);
        Api.Response started = api.post("clerk-a", "/engine-rest/process-definition/key/birth-registration/start", """
                {"variables": {"unit": {"value": "commune-a"},
                               "childFullName": {"value": "Lê Thị Mai"},
                               "childDateOfBirth": {"value": "2026-11-05"},
                               "applicantName": {"value": "Lê Văn Hùng"}}}""");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instanceId = started.json().get("id").asText();
        String taskId = api.get("clerk-a", "/engine-rest/task?processInstanceId=" + instanceId).json().get(0).get("id").asText();
        assertThat(api.post("clerk-a", "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"clerk-a\"}").status())
                .isEqualTo(204);

        inVietnamsTimeZone();
        logIn(tasklist(), "clerk-a");
        waitForText("Bắt đầu thủ tục"); // the header: Start process
        waitForText("Lê Văn Hùng");
        waitForText("Ngày tạo"); // the list's sorting, translated once Tasklist has its labels
        String page = bodyText();
        assertThat(page).contains("Chọn một công việc trong danh sách.", "Hạn xử lý", "Ngày tạo",
                "Đơn vị tôi / My unit", "Mã hồ sơ")
                .doesNotContain("Start process", "Select a task in the list.");
        assertThat(RAW_KEY.matcher(page).find()).as("a key without translation: %s", page).isFalse();
        assertThat(browser.findElement(By.cssSelector("li.motcua-language a")).getText()).isEqualTo("English");
        assertThat(browser.findElement(By.id("footer-timezone")).getText())
                .isEqualTo("Ngày giờ hiển thị theo múi giờ: Asia/Ho_Chi_Minh (UTC+07:00)");
        Browser.screenshot(browser, "vi-tasklist-clerk-a");

        browser.get(tasklist() + "#/?task=" + taskId);
        WebElement date = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".fjs-container .fjs-datepicker input.flatpickr-input")));
        wait.until(driver -> "05/11/2026".equals(date.getDomProperty("value")));
        assertThat(date.getDomAttribute("placeholder")).isEqualTo("dd/mm/yyyy");
        assertThat(bodyText()).contains("Biểu mẫu", "Lịch sử", "Sơ đồ", "Mô tả"); // Form, History, Diagram, Description

        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Hoàn thành']"))));
        WebElement required = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".fjs-form-field-error li")));
        assertThat(required.getText()).isEqualTo("Bắt buộc nhập / Field is required.");
        Browser.screenshot(browser, "vi-tasklist-reception-required");
        assertThat(api.get("clerk-a", "/engine-rest/task/" + taskId).status()).as("still open").isEqualTo(200);

        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-container')]//label[contains(., 'Accept, issue the receipt')]"))));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Hoàn thành']"))));
        wait.until(driver -> api.get("clerk-a", "/engine-rest/task/" + taskId).status() == 404);
        assertThat(runtimeService.getVariable(instanceId, "childDateOfBirth"))
                .as("stored as ISO, as the engine and the product read it")
                .isEqualTo("2026-11-05");
    }

    /**
     * The start form of a birth registration in Tasklist: form-js's messages in Vietnamese (English
     * beside), a date typed as dd/MM/yyyy (05/11/2026, which month/day order would read as 11 May)
     * starts a record whose date of birth is 2026-11-05.
     */
    @Test
    void aDateTypedAsDdMmYyyyIsStoredAsIsoAndFormMessagesAreVietnamese() throws Exception {
        inVietnamsTimeZone();
        logIn(tasklist(), "clerk-a");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(., 'Bắt đầu thủ tục')]"))));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'modal')]//a[contains(., 'Birth registration')]"))));
        WebElement date = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".modal .fjs-datepicker input.flatpickr-input")));
        assertThat(date.getDomAttribute("placeholder")).isEqualTo("dd/mm/yyyy");
        assertThat(browser.findElement(By.cssSelector("[id$='Field_unit-display']")).getText()).isEqualTo("Chọn / Select");

        click(browser.findElement(START_BUTTON));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error li")));
        assertThat(browser.findElements(By.cssSelector(".fjs-form-field-error li")))
                .extracting(WebElement::getText).isNotEmpty().containsOnly("Bắt buộc nhập / Field is required.");

        type("applicantPersonalId", "123");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".modal"),
                "Không đúng định dạng yêu cầu (mẫu ^[0-9]{12}$) / Field must match pattern ^[0-9]{12}$."));
        Browser.screenshot(browser, "vi-tasklist-start-form-messages");

        choose("unit", "Commune A People's Committee");
        type("applicantName", "Phạm Văn Đức");
        type("applicantPersonalId", Keys.chord(Keys.CONTROL, "a") + "001090011111");
        type("applicantPhone", "0912345678");
        choose("applicantRelationship", "Father");
        type("childFullName", "Phạm Minh An");
        date.click();
        date.sendKeys("05/11/2026\t");
        assertThat(date.getDomProperty("value")).isEqualTo("05/11/2026");
        date.click();
        WebElement calendar = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".flatpickr-calendar.open")));
        assertThat(calendar.getText()).contains("Tháng 11", "T2", "CN"); // the picker speaks Vietnamese too
        Browser.screenshot(browser, "vi-tasklist-start-form-date");
        date.sendKeys("\t");
        browser.findElement(By.xpath("//div[contains(@class,'modal')]//label[contains(., 'Nam / Male')]")).click();
        type("childPlaceOfBirth", "Trạm y tế xã A");
        type("motherPersonalId", "001190012345");
        assertThat(browser.findElements(By.cssSelector(".fjs-form-field-error li"))).isEmpty();

        click(browser.findElement(START_BUTTON));
        ProcessInstance started = eventually(() -> runtimeService.createProcessInstanceQuery()
                .variableValueEquals("applicantName", "Phạm Văn Đức").singleResult());
        assertThat(runtimeService.getVariable(started.getId(), "childDateOfBirth")).isEqualTo("2026-11-05");
    }

    /**
     * Cockpit for the analyst: header, dashboard and a procedure's page in Vietnamese, timestamps as
     * dd/MM/yyyy HH:mm in Vietnam's time on a computer set to another zone, and what the translation
     * leaves out in English, never as a bare key.
     */
    @Test
    void cockpitSpeaksVietnameseToTheAnalyst() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records", vn.motcua.support.Applications.birthRegistration(
                "commune-a", 2, "001190012345", "Đỗ Minh Quân"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        ProcessInstance instance = eventually(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(code).singleResult());
        java.util.Date startTime = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getStartTime();
        String shown = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM).format(startTime.toInstant());

        ((HasCdp) browser).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
        logIn(cockpit(), "analyst");
        waitForText("Phiên quy trình đang chạy"); // Running process instances
        assertThat(bodyText()).contains("Quy trình", "Quyết định", "Công việc", "Hiện tại", "Đã triển khai",
                "Định nghĩa quy trình", "Sự cố đang mở").doesNotContain("Processes", "Dashboard");
        assertThat(browser.findElement(By.cssSelector("li.motcua-language a")).getText()).isEqualTo("English");
        Browser.screenshot(browser, "vi-cockpit-dashboard");

        browser.get(cockpit() + "#/processes");
        waitForText("định nghĩa quy trình đã triển khai");
        Browser.screenshot(browser, "vi-cockpit-processes");

        browser.get(cockpit() + "#/process-definition/" + instance.getProcessDefinitionId() + "/runtime");
        waitForText(shown);
        String page = bodyText();
        assertThat(page).contains("Phiên quy trình", "Mã hồ sơ", "Thời điểm bắt đầu", "Khóa định nghĩa:",
                instance.getBusinessKey(), shown);
        assertThat(RAW_KEY.matcher(page).find()).as("a key without translation: %s", page).isFalse();
        Browser.screenshot(browser, "vi-cockpit-process-definition");

        // Suspending a procedure is not translated: Cockpit falls back to Camunda's English.
        click(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("a.btn-suspend-action[uib-tooltip='Tạm dừng định nghĩa quy trình']"))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".modal"),
                "Do you really want to suspend this process definition?"));
        assertThat(RAW_KEY.matcher(browser.findElement(By.cssSelector(".modal")).getText()).find()).isFalse();
        Browser.screenshot(browser, "vi-cockpit-fallback-english");
        browser.navigate().refresh();

        browser.get(cockpit() + "#/process-instance/" + instance.getId() + "/runtime");
        waitForText("Thông tin");
        assertThat(bodyText()).contains("Biến", "Mã hồ sơ:", instance.getBusinessKey());
        Browser.screenshot(browser, "vi-cockpit-process-instance");
    }

    /** English is one click away in the header, for every app of the browser, and Vietnamese one click back. */
    @Test
    void theHeadersLanguageLinkSwitchesToEnglishAndBack() throws Exception {
        logIn(tasklist(), "clerk-a");
        waitForText("Bắt đầu thủ tục");
        click(browser.findElement(By.cssSelector("li.motcua-language a")));
        waitForText("Start process");
        assertThat(bodyText()).contains("Select a task in the list.").doesNotContain("Bắt đầu thủ tục");
        assertThat(browser.findElement(By.cssSelector("li.motcua-language a")).getText()).isEqualTo("Tiếng Việt");
        Browser.screenshot(browser, "en-tasklist-clerk-a");

        browser.get(welcome());
        waitForText("Applications");
        browser.get(tasklist());
        waitForText("Start process");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.motcua-language a"))));
        waitForText("Bắt đầu thủ tục");
    }

    /**
     * When the session expires, the webapps route to their own login (#/login), which the product
     * closed: the browser goes to the product's sign-in page, /login?expired — every time, also
     * right after signing in again — and after "Đăng xuất" to /login?logout.
     */
    @Test
    void anExpiredSessionOrALogoutGoesToTheProductsSignInPage() throws Exception {
        logIn(tasklist(), "clerk-a");
        waitForText("Bắt đầu thủ tục");
        expireTheSession();
        wait.until(ExpectedConditions.urlToBe(base() + "/login?expired"));
        waitForText("Phiên làm việc đã hết hạn");
        Browser.screenshot(browser, "vi-sign-in-expired");

        Browser.fillSignIn(browser, "clerk-a");
        waitForText("Bắt đầu thủ tục");
        expireTheSession(); // again at once
        wait.until(ExpectedConditions.urlToBe(base() + "/login?expired"));

        Browser.fillSignIn(browser, "clerk-a");
        waitForText("Bắt đầu thủ tục");
        click(browser.findElement(By.cssSelector("[cam-widget-header] li.account a.dropdown-toggle")));
        click(wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//li[contains(@class,'logout')]/a[normalize-space()='Đăng xuất']"))));
        wait.until(ExpectedConditions.urlToBe(base() + "/login?logout"));
        waitForText("Đã đăng xuất / Signed out.");
    }

    /**
     * A sign-in the webapps do not see (here: their check of the user blocked) must not send the
     * browser round in circles: back from the sign-in page, the webapps keep their own login.
     */
    @Test
    void aSignInTheWebappsDoNotSeeDoesNotLoop() throws Exception {
        logIn(tasklist(), "clerk-a");
        waitForText("Bắt đầu thủ tục");
        HasCdp devTools = (HasCdp) browser;
        devTools.executeCdpCommand("Network.enable", Map.of());
        devTools.executeCdpCommand("Network.setBlockedURLs",
                Map.of("urls", java.util.List.of("*/camunda/api/admin/auth/user/default")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.urlToBe(base() + "/login?expired"));

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("clerk-a");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlToBe(tasklist() + "#/login"));
        Thread.sleep(3000); // time enough to leave again, were there a loop
        assertThat(browser.getCurrentUrl()).isEqualTo(tasklist() + "#/login");
        Browser.screenshot(browser, "vi-sign-in-no-loop");

        devTools.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", java.util.List.of()));
        browser.get(tasklist());
        waitForText("Bắt đầu thủ tục");
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('motcua.signInRedirected')")).as("the guard is lifted").isNull();
    }

    /** The session cookie is gone (the server forgot it); Tasklist's next call (opening a filter) answers 401. */
    private void expireTheSession() {
        browser.manage().deleteAllCookies();
        // the filters load after the page's header: wait for the one to open
        click(wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//a[contains(., 'Đến hạn hôm nay / Due today')]"))));
    }

    // -- helpers

    /**
     * Opens the app; without a session the browser goes to the product's sign-in page (/login:
     * username, password, the submit button), signs in and comes back. The one place to change if
     * signing in changes.
     */
    private void logIn(String app, String user) {
        browser.get(app);
        Browser.fillSignIn(browser, user);
    }

    /** The query's answer once there is one, asked again every 250 ms for up to 30 s. */
    private static <T> T eventually(java.util.function.Supplier<T> query) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T answer = query.get();
        while (answer == null && System.nanoTime() < until) {
            Thread.sleep(250);
            answer = query.get();
        }
        assertThat(answer).as("answered within 30 s").isNotNull();
        return answer;
    }

    /** Staff computers at the counter are set to Vietnam's time (form-js reads dates in the computer's zone). */
    private void inVietnamsTimeZone() {
        ((HasCdp) browser).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", VIETNAM.getId()));
    }

    private void waitForText(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    private String bodyText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** A text field of the Camunda Form by its key: typed, then left (form-js validates on blur). */
    private void type(String key, String text) {
        WebElement field = browser.findElement(By.cssSelector(".modal input[id$='Field_" + key + "']"));
        scrollTo(field);
        field.sendKeys(text + "\t");
    }

    /** A form-js select by its key: open its list, pick the option whose label contains {@code label}. */
    private void choose(String key, String label) {
        WebElement display = browser.findElement(By.cssSelector(".modal [id$='Field_" + key + "-display']"));
        scrollTo(display);
        display.click();
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'fjs-dropdownlist-item')][contains(., \"" + label + "\")]")));
        option.click();
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Clicks like a user who scrolled to the element first (Tasklist's footer may cover the form's end). */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String tasklist() {
        return "http://localhost:" + port + "/camunda/app/tasklist/default/";
    }

    private String cockpit() {
        return "http://localhost:" + port + "/camunda/app/cockpit/default/";
    }

    private String welcome() {
        return "http://localhost:" + port + "/camunda/app/welcome/default/";
    }
}
