package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;
import vn.motcua.support.Browser;
import vn.motcua.support.EmbeddedDatabase;

/**
 * Camunda Tasklist itself, in headless Chromium, on PostgreSQL where the work queue answers its lists
 * ({@link TasklistFastLists}): a clerk signed in once sees their unit's records on the cards, with the
 * list's total, and nothing of the other commune's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistQueueBrowserTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();
    AppInstance app;
    WebDriver browser;

    @BeforeAll
    void start() {
        app = database.startApp(Path.of("processes"), "--camunda.bpm.job-execution.enabled=false");
        browser = Browser.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        database.close();
    }

    String submit(String unit, String child) {
        Api.Response submitted = app.api().post("portal", "/api/records",
                Applications.birthRegistration(unit, 2, "001190012345", child));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    @Test
    void aClerksTasklistShowsTheirUnitsRecordsFromTheQueue() throws Exception {
        List<String> ours = List.of(submit("commune-a", "Trần An"), submit("commune-a", "Trần Bình"));
        String theirs = submit("commune-b", "Lê Cúc");
        String myUnit = app.bean(org.camunda.bpm.engine.FilterService.class).createFilterQuery()
                .filterName(TasklistFilters.MY_UNIT).singleResult().getId();
        assertThat(app.api().post("clerk-a", "/engine-rest/filter/" + myUnit + "/count", "{}")
                .header(TasklistFastLists.ANSWERED_BY)).as("PostgreSQL: the queue answers").isEqualTo("queue");

        String base = "http://localhost:" + app.port();
        Browser.signIn(browser, base, "clerk-a");
        browser.get(base + "/camunda/app/tasklist/default/#/?filter=" + myUnit);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        for (String code : ours) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), code));
        }
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Đơn vị tôi / My unit", "Tiếp nhận hồ sơ", "Nguyễn Thị Lan").doesNotContain(theirs);
        assertThat(page.split("Tiếp nhận hồ sơ", -1)).as("two cards, one per record of commune A").hasSize(3);
        Browser.screenshot(browser, "tasklist-queue-clerk-a");
    }
}
