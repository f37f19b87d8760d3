package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.motcua.support.Browser;
import vn.motcua.support.TasklistForm;

/**
 * One birth registration from the counter to the result, by its people in their browsers alone
 * (issue 14): each signs in once, works in Tasklist and on the record page; the leader signs the
 * draft with the PIN on the record page. No HTTP call outside the browsers. Screenshots of each
 * step under {@code target/screenshots/<walk>-*}. The way in is the subclass's: the product's own
 * sign-in page ({@link StaffWalkBrowserTest}) or the province's identity provider
 * ({@link StaffWalkKeycloakBrowserTest}).
 */
abstract class StaffWalk {

    private static final Pattern RECORD_CODE = Pattern.compile("commune-a-\\d{8}-\\d+");

    @LocalServerPort
    int port;

    /** One browser per person, signed in once and kept for the whole walk. */
    private final Map<String, WebDriver> browsers = new LinkedHashMap<>();

    @AfterEach
    void closeBrowsers() {
        browsers.values().forEach(WebDriver::quit);
    }

    @Test
    void aBirthRegistrationGoesFromTheCounterToTheResultInTheBrowserAlone() throws Exception {
        // The clerk signs in once and lands in Tasklist; starts the record at the counter.
        WebDriver clerk = signedIn("clerk-a");
        see(clerk, "Đơn vị tôi / My unit");
        shot(clerk, "01-clerk-tasklist");
        assertThat(clerk.findElements(By.cssSelector(".create-task-action")).stream().noneMatch(WebElement::isDisplayed))
                .as("no 'Create task': records start as records").isTrue();
        TasklistForm counter = new TasklistForm(clerk);
        counter.click(wait(clerk).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[contains(normalize-space(.), 'Bắt đầu thủ tục')]"))));
        counter.click(wait(clerk).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'modal')]//a[contains(normalize-space(.), 'Birth registration')]"))));
        counter.choose("Đơn vị tiếp nhận", "UBND xã A")
                .type("Applicant's full name", "Nguyễn Thị Lan")
                .type("Applicant's personal ID", "001190012345")
                .type("Phone", "0912345678")
                .choose("Quan hệ với trẻ", "Mẹ / Mother")
                .type("Child's full name", "Trần Minh Khôi")
                .date("Date of birth", LocalDate.of(2026, 11, 20))
                .tick("Nam / Male")
                .type("Place of birth", "Trạm y tế xã A")
                .type("Mother's personal ID", "001190012345");
        shot(clerk, "02-clerk-start-form");
        counter.press("Bắt đầu");
        wait(clerk).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        // Reception: the card names the record and the applicant.
        String code = openCard(clerk, "Tiếp nhận hồ sơ", "Nguyễn Thị Lan");
        shot(clerk, "03-clerk-reception");
        counter.press("Nhận xử lý").tick("Tiếp nhận, cấp giấy tiếp nhận").press("Hoàn thành");
        waitGone(clerk, code);

        // Appraisal by the specialist.
        WebDriver specialist = signedIn("specialist-a");
        openCard(specialist, "Thẩm định hồ sơ", code);
        new TasklistForm(specialist).press("Nhận xử lý").tick("Đồng ý, dự thảo kết quả").press("Hoàn thành");
        shot(specialist, "04-specialist-appraised");
        waitGone(specialist, code);

        // Approval: the leader opens the draft from the task, signs it with the PIN, sees it valid, approves.
        WebDriver leader = signedIn("leader-a");
        openCard(leader, "Phê duyệt kết quả", code);
        TasklistForm approval = new TasklistForm(leader);
        approval.press("Nhận xử lý");
        String tasklistWindow = leader.getWindowHandle();
        approval.click(wait(leader).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-container')]//a[contains(@href, '/records/" + code + "')]"))));
        switchToNewestWindow(leader);
        wait(leader).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-pin")));
        WebElement preview = leader.findElement(By.id("draft-preview"));
        wait(leader).until(driver -> ((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return arguments[0].naturalWidth", preview)).intValue() > 0);
        shot(leader, "05-leader-record-page-draft");
        leader.findElement(By.id("pin")).sendKeys("123456");
        leader.findElement(By.id("sign-button")).click();
        String validation = wait(leader).until(ExpectedConditions.visibilityOfElementLocated(By.id("validation"))).getText();
        assertThat(validation).contains("Hợp lệ, nguyên vẹn / Valid, intact");
        assertThat(leader.findElement(By.id("my-signature")).getText()).contains("Lê Thị Thu Hà");
        shot(leader, "06-leader-signed");
        leader.findElement(By.id("back-to-task")).click();
        approval.tick("Phê duyệt và ký số").press("Hoàn thành");
        waitGone(leader, code);
        shot(leader, "07-leader-approved");

        // Issuing: the records clerk seals and numbers the result.
        WebDriver records = signedIn("records-a");
        openCard(records, "Ban hành văn bản", code);
        new TasklistForm(records).press("Nhận xử lý").date("Issued on", LocalDate.now()).press("Hoàn thành");
        waitGone(records, code);
        // the number and seal are the model's asynchronous Service_Seal: the clerk reloads the record page
        // until they show (a job of the executor's, a few seconds at most)
        String signatures = wait(records).until(driver -> {
            driver.get(base() + "/records/" + code);
            String text = driver.findElement(By.id("signatures")).getText();
            return text.contains("Con dấu đơn vị / Unit seal") ? text : null;
        });
        assertThat(signatures).contains("Con dấu đơn vị / Unit seal", "Chữ ký lãnh đạo / Leader", "/2026/");
        shot(records, "08-records-sealed");

        // The clerk (still signed in) returns the result at the counter.
        clerk.get(base() + "/camunda/app/tasklist/default/");
        openCard(clerk, "Trả kết quả", code);
        counter.press("Nhận xử lý").tick("Tại quầy một cửa").tick("Đã trả kết quả").press("Hoàn thành");
        waitGone(clerk, code);
        shot(clerk, "09-clerk-result-returned");

        // The leader, without signing in again, opens the monitoring centre and the record page.
        leader.switchTo().window(tasklistWindow);
        leader.get(base() + "/monitor");
        wait(leader).until(ExpectedConditions.presenceOfElementLocated(By.id("units-table")));
        shot(leader, "10-leader-monitor");
        leader.get(base() + "/records/" + code);
        String state = wait(leader).until(ExpectedConditions.visibilityOfElementLocated(By.id("state"))).getText();
        assertThat(state).startsWith("10.");
        assertThat(leader.getCurrentUrl()).doesNotContain("/login");
        assertThat(leader.findElement(By.id("history")).getText()).contains("Nguyễn Thị Hoa", "Phạm Văn Tùng");
        // the record's data as it closed, kept for its retention (issue 16)
        assertThat(leader.findElement(By.id("data")).getText()).contains("Dữ liệu hồ sơ / Record data",
                "Như khi hồ sơ kết thúc / As kept when the record closed", "Trần Minh Khôi");
        shot(leader, "11-leader-record-page");
    }

    /** A session that expired in the browser ends on the sign-in page, from a page or inside Tasklist. */
    @Test
    void anExpiredSessionEndsOnTheSignInPage() throws Exception {
        WebDriver clerk = signedIn("clerk-a");
        see(clerk, "Đơn vị tôi / My unit");
        clerk.manage().deleteCookieNamed("JSESSIONID"); // as the server forgets a session after its timeout
        clerk.navigate().refresh();
        wait(clerk).until(ExpectedConditions.urlContains("/login"));
        see(clerk, "Đăng nhập / Sign in");
        shot(clerk, "expired-sign-in");
        signIn(clerk, "clerk-a");
        see(clerk, "Đơn vị tôi / My unit");
    }

    /**
     * Signing out in Tasklist's own menu ends the one session: the monitoring centre and the record
     * pages ask for a sign-in again, and signing in again lands back in Tasklist.
     */
    @Test
    void signingOutInTasklistEndsTheSessionEverywhere() throws Exception {
        WebDriver leader = signedIn("leader-a");
        see(leader, "Đơn vị tôi / My unit");
        TasklistForm tasklist = new TasklistForm(leader);
        tasklist.click(wait(leader).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[cam-widget-header] .account, [cam-widget-header] li.account > a"))));
        tasklist.click(wait(leader).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[cam-widget-header] li.logout a"))));
        afterSignOut(leader);
        wait(leader).until(ExpectedConditions.urlContains("/login"));
        shot(leader, "signed-out");
        leader.get(base() + "/monitor");
        wait(leader).until(ExpectedConditions.urlContains("/login"));
        signIn(leader, "leader-a");
        assertThat(leader.getCurrentUrl()).contains("/monitor");
        wait(leader).until(ExpectedConditions.presenceOfElementLocated(By.id("units-table")));
    }

    /** What the browser shows between signing out and the sign-in page (the provider's confirmation). */
    void afterSignOut(WebDriver browser) {
    }

    // --- a person in a browser -----------------------------------------------------------------

    /** Signs in once as the demo user, from the sign-in page, and waits until the browser left it. */
    abstract void signIn(WebDriver browser, String user);

    /** The name of this way in, for the screenshots. */
    abstract String walk();

    private WebDriver signedIn(String user) {
        WebDriver browser = Browser.start();
        browsers.put(user, browser);
        browser.get(base() + "/login");
        signIn(browser, user);
        return browser;
    }

    /** Clicks the Tasklist card of *My unit* showing both texts; answers the record code on it. */
    private String openCard(WebDriver browser, String step, String text) {
        see(browser, text);
        By card = By.xpath("//li[contains(@class,'task')][contains(., " + literal(step) + ")][contains(., "
                + literal(text) + ")]");
        WebElement found = wait(browser).until(ExpectedConditions.presenceOfElementLocated(card));
        Matcher code = RECORD_CODE.matcher(found.getText());
        assertThat(code.find()).as("the card shows the record code: " + found.getText()).isTrue();
        new TasklistForm(browser).click(found.findElement(By.cssSelector("a, h4, .names")));
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-container")));
        return code.group();
    }

    private void waitGone(WebDriver browser, String code) {
        wait(browser).until(driver -> driver.findElements(By.xpath(
                "//li[contains(@class,'task')][contains(., '" + code + "')]")).isEmpty());
    }

    private void switchToNewestWindow(WebDriver browser) {
        String newest = null;
        for (String handle : browser.getWindowHandles()) {
            newest = handle;
        }
        browser.switchTo().window(newest);
    }

    private void see(WebDriver browser, String text) {
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    void shot(WebDriver browser, String name) throws java.io.IOException {
        Browser.screenshot(browser, walk() + "-" + name);
    }

    String base() {
        return "http://localhost:" + port;
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
