package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.deadline.EscalationNotice;
import vn.motcua.deadline.EscalationService;
import vn.motcua.support.Api;
import vn.motcua.support.Applications;
import vn.motcua.support.Browser;
import vn.motcua.support.TasklistForm;

/**
 * A leader turns a notice into an action in the browser (issue 15): the notice is in Tasklist's
 * *Overdue notices*, its description links to the record page, where the leader sees the late step
 * and its lateness, reassigns it and acknowledges the notice, which then leaves Tasklist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:leader-notice;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "motcua.notices.mail-poll-interval=PT1H",
})
@ActiveProfiles("demo")
class LeaderNoticeBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    EscalationService escalations;

    WebDriver browser;

    @AfterEach
    void close() {
        ClockUtil.reset();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theLeaderOpensTheNoticeReassignsTheStepAndAcknowledges() throws Exception {
        Api api = new Api(port);
        String code = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Đào Minh Khoa")).json()
                .at("/record/code").asText();
        Task reception = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        ClockUtil.setCurrentTime(Date.from(reception.getDueDate().toInstant().plus(Duration.ofDays(2))));
        EscalationNotice notice = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 1).get(0);

        browser = Browser.start();
        Browser.signIn(browser, "http://localhost:" + port, "leader-a");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        TasklistForm tasklist = new TasklistForm(browser);
        tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//a[contains(normalize-space(.), 'Thông báo quá hạn / Overdue notices')]"))));
        tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//li[contains(@class,'task')][contains(., '" + code + "')]//*[self::a or self::h4][1]"))));
        tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//a[normalize-space()='Mô tả' or normalize-space()='Description']"))));
        Browser.screenshot(browser, "notice-01-tasklist");
        tasklist.click(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a.motcua-record-link"))));

        wait.until(ExpectedConditions.urlContains("/records/" + code));
        String late = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("late"))).getText();
        assertThat(late).contains("Tiếp nhận hồ sơ", "ngày làm việc");
        Browser.screenshot(browser, "notice-02-record-page");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#late select[name=assignee]")))
                .selectByVisibleText("Nguyễn Thị Hoa");
        browser.findElement(By.cssSelector("#late form.reassign button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), "Đã giao lại bước"));
        assertThat(browser.findElement(By.cssSelector("#late .holder")).getText()).isEqualTo("Nguyễn Thị Hoa");
        browser.findElement(By.cssSelector("#notices form.acknowledge button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notices"), "Đã nắm / Acknowledged: Lê Thị Thu Hà"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("Giao lại bước", "Đã nắm thông báo");
        Browser.screenshot(browser, "notice-03-acknowledged");
        assertThat(taskService.createTaskQuery().taskId(notice.noticeTaskId()).count()).as("gone from Tasklist").isZero();
        assertThat(taskService.createTaskQuery().taskId(reception.getId()).singleResult().getAssignee()).isEqualTo("clerk-a");
    }
}
