package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import vn.motcua.support.Api;
import vn.motcua.support.Applications;
import vn.motcua.support.Browser;
import vn.motcua.support.TasklistForm;

/**
 * A leader's walk with the fast clock ({@code demo,fast-clock}: a working day lasts 30 seconds
 * here), the engine's own timers and a real SMTP server (GreenMail), in headless Chromium: a
 * record's reception goes overdue; leader-a opens the record from the notice's e-mail, then in
 * Tasklist reassigns the step from the notice's form; a working day later leader-p, the province's
 * leader, reminds its holder from the level-2 notice, which says level 1 acknowledged; the holder
 * completes the step and nothing stays open. The record misses its appointment and leader-a issues
 * the apology (form 04) from its Tasklist form; the monitoring centre shows the new date.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:leader-fast-clock;DB_CLOSE_DELAY=-1",
        "motcua.deadlines.time-scale=0.000347222", // a working day of 24 h lasts 30 s
        "motcua.notices.mail-poll-interval=PT1S",
        "motcua.records.late-sweep-interval=PT2S",
})
@ActiveProfiles({"demo", "fast-clock"})
class LeaderFastClockBrowserTest {

    static final int PORT = freePort();
    static final int SMTP_PORT = freePort();
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("motcua.notices.public-url", () -> "http://localhost:" + PORT);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    TaskService taskService;
    @Autowired
    JdbcClient jdbc;

    WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aLeaderTurnsEveryNoticeIntoAnActionInTheBrowser() throws Exception {
        String base = "http://localhost:" + PORT;
        Api api = new Api(PORT);
        String code = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Trịnh Gia Hân")).json()
                .at("/record/code").asText();

        // Level 1: the e-mail to leader-a links to the record page, which shows the late step.
        MimeMessage mail = mailTo("leader-a@demo.motcua.vn", code, Duration.ofSeconds(60));
        Matcher link = Pattern.compile(Pattern.quote(base) + "/records/" + Pattern.quote(code)).matcher(
                GreenMailUtil.getBody(mail));
        assertThat(link.find()).as("the e-mail links to the record page").isTrue();
        browser = Browser.start();
        Browser.signIn(browser, base, "leader-a");
        browser.get(link.group());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("late"))).getText())
                .contains("Tiếp nhận hồ sơ", "làm việc");
        Browser.screenshot(browser, "fast-01-from-the-email");

        // In Tasklist: the notice's form shows the facts; the leader gives the step to Nguyễn Thị Hoa.
        TasklistForm tasklist = openTask(base, "Thông báo quá hạn / Overdue notices", code);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"),
                "Người đang giữ / Holder"));
        String facts = browser.findElement(By.cssSelector(".fjs-container")).getText();
        assertThat(facts).contains(code, "Tiếp nhận hồ sơ", "chưa giao / unassigned", "giờ làm việc, tính đến");
        assertThat(facts).as("lateness in working time, the fast clock's scale undone").doesNotContain("vừa quá hạn");
        tasklist.press("Nhận xử lý");
        tasklist.tick("Giao lại bước cho người khác");
        tasklist.choose("Giao cho / Reassign to", "Nguyễn Thị Hoa");
        Browser.screenshot(browser, "fast-02-notice-form");
        tasklist.press("Hoàn thành");
        waitFor(() -> "clerk-a".equals(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_Reception").singleResult().getAssignee()), Duration.ofSeconds(30));
        browser.quit();

        // Level 2, one working day later: leader-p's notice says level 1 acknowledged; she reminds the holder.
        mailTo("leader-p@demo.motcua.vn", code, Duration.ofSeconds(90));
        browser = Browser.start();
        Browser.signIn(browser, base, "leader-p");
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        tasklist = openTask(base, "Thông báo quá hạn / Overdue notices", code);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"),
                "đã xác nhận"));
        assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
                .contains("Nguyễn Thị Hoa", "Cấp 1", "đã xác nhận");
        tasklist.press("Nhận xử lý");
        tasklist.tick("Nhắc người đang giữ");
        tasklist.press("Hoàn thành");
        waitFor(() -> jdbc.sql("select count(*) from notice_outbox where notice_id like 'remind-%' and recipient = ?")
                .param("clerk-a@demo.motcua.vn").query(Long.class).single() == 1, Duration.ofSeconds(30));
        mailTo("clerk-a@demo.motcua.vn", code, Duration.ofSeconds(30));
        browser.quit();

        // The holder completes the step: every notice of it is closed, nothing left in Tasklist.
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        assertThat(jdbc.sql("select count(*) from escalation_notice where record_code = ? and closed_at is null")
                .param(code).query(Long.class).single()).isZero();
        assertThat(taskService.createTaskQuery().processDefinitionKey("motcua-system-overdue-notice")
                .processVariableValueEquals("recordCode", code).count()).isZero();

        // The record misses its appointment: leader-a issues the apology from its Tasklist form.
        mailTo("leader-a@demo.motcua.vn", "mẫu 04", Duration.ofSeconds(120));
        browser = Browser.start();
        Browser.signIn(browser, base, "leader-a");
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        tasklist = openTask(base, "Đơn vị tôi / My unit", "Trễ hẹn");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-container"),
                "Ngày hẹn trả đã lỡ"));
        tasklist.press("Nhận xử lý");
        LocalDate newDay = LocalDate.now(VIETNAM).plusDays(7);
        tasklist.date("Ngày hẹn trả mới", newDay);
        tasklist.type("Lý do trễ hẹn", "Chờ kết quả xác minh của Công an xã");
        Browser.screenshot(browser, "fast-03-apology-form");
        tasklist.press("Hoàn thành");
        waitFor(() -> jdbc.sql("select count(*) from record_document where record_code = ? and kind = 'apology'")
                .param(code).query(Long.class).single() == 1, Duration.ofSeconds(30));
        browser.get(base + "/records/" + code);
        String day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(newDay);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("body"))).getText())
                .contains(day);
        assertThat(jdbc.sql("select appointment_at from monitor_record where code = ?").param(code)
                .query(java.sql.Timestamp.class).single().toInstant())
                .as("the monitoring centre shows the new date")
                .isEqualTo(newDay.atTime(17, 0).atZone(VIETNAM).toInstant());
        Browser.screenshot(browser, "fast-04-rescheduled");
    }

    /**
     * Opens Tasklist's filter and the task of the record whose card has these words. A cold Tasklist
     * in a new browser can be slow while the whole suite runs: it is loaded again once before failing.
     */
    private TasklistForm openTask(String base, String filter, String words) throws java.io.IOException {
        TasklistForm tasklist = new TasklistForm(browser);
        for (int attempt = 1;; attempt++) {
            browser.get(base + "/camunda/app/tasklist/default/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45));
            try {
                tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//a[contains(normalize-space(.), '" + filter + "')]"))));
                tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                        "//li[contains(@class,'task')][contains(., '" + words + "')]//*[self::a or self::h4][1]"))));
                return tasklist;
            } catch (org.openqa.selenium.TimeoutException e) {
                Browser.screenshot(browser, "fast-failed-" + attempt + "-" + filter.replaceAll("\\W+", "-"));
                if (attempt == 2) {
                    throw new AssertionError("no task '" + words + "' in the filter " + filter + " at "
                            + browser.getCurrentUrl(), e);
                }
            }
        }
    }

    /** The first e-mail to the address whose subject or body has the words, waiting for it. */
    private static MimeMessage mailTo(String address, String words, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            for (MimeMessage message : greenMail.getReceivedMessagesForDomain(address)) {
                if (String.valueOf(message.getSubject()).contains(words) || GreenMailUtil.getBody(message).contains(words)) {
                    return message;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no e-mail to " + address + " about " + words + " within " + within);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within " + within);
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
