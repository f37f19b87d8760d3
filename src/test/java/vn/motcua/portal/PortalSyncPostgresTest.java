package vn.motcua.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.demo.portal.StandInPortal;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Browser;
import vn.motcua.support.Applications;

/**
 * The status sync against the stand-in portal over HTTP, with two nodes on one PostgreSQL: every state change
 * of a record reaches the portal once and in its record's order, also while both nodes relay at once and
 * records change meanwhile; an outage only delays; an update the portal refuses is parked (with its record's
 * later updates behind it), shown to administrators (their page, in headless Chromium, and the API) and in health,
 * and goes out when resent on that page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSyncPostgresTest {

    EmbeddedPostgres postgres;
    StandInPortal portal;
    AppInstance nodeA;
    AppInstance nodeB;
    Api api;
    JdbcClient jdbc;
    int personalId = 100;
    final ExecutorService threads = Executors.newFixedThreadPool(4);

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        portal = new StandInPortal(0, "motcua", "portal");
        portal.start();
        String[] args = {"--camunda.bpm.job-execution.enabled=false", "--motcua.portal-sync.enabled=true",
                "--motcua.portal-sync.base-url=" + portal.baseUrl(), "--motcua.portal-sync.username=motcua",
                "--motcua.portal-sync.password=portal", "--motcua.portal-stand-in.enabled=false",
                "--motcua.portal-sync.poll-interval=PT1H", "--motcua.portal-sync.first-retry-after=PT0.2S",
                "--motcua.portal-sync.max-retry-after=PT0.4S"};
        // two nodes in one JVM share Camunda's static engine registry, where the engine REST API finds the node
        // started last: node A, whose REST API works the tasks (RecordsApiTest says more)
        nodeB = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), args);
        nodeA = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), args);
        api = nodeA.api();
        jdbc = nodeA.bean(JdbcClient.class);
    }

    @AfterAll
    void stop() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        portal.stop();
    }

    @BeforeEach
    void everythingSentBefore() {
        relayUntilDone();
        portal.reset();
    }

    @Test
    void everyStateChangeReachesThePortalOnceAndInOrderWhileTwoNodesRelayAtOnce() throws Exception {
        // both nodes relay all the time while six records change state on both nodes
        java.util.concurrent.atomic.AtomicBoolean working = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Future<Integer>> relays = new ArrayList<>();
        for (AppInstance node : List.of(nodeA, nodeB)) {
            relays.add(threads.submit(() -> {
                int delivered = 0;
                while (working.get()) {
                    delivered += node.bean(PortalRelay.class).relayAll();
                }
                return delivered;
            }));
        }
        List<Future<String>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AppInstance node = i % 2 == 0 ? nodeA : nodeB;
            boolean refused = i % 3 == 2;
            records.add(threads.submit(() -> refused ? refusedRecord(node.api()) : withdrawnRecord(node.api())));
        }
        List<String> codes = new ArrayList<>();
        for (Future<String> record : records) {
            codes.add(record.get(120, TimeUnit.SECONDS));
        }
        working.set(false);
        int delivered = 0;
        for (Future<Integer> relay : relays) {
            delivered += relay.get(60, TimeUnit.SECONDS);
        }
        delivered += relayUntilDone();

        for (String code : codes) {
            List<Integer> states = jdbc.sql("select to_state from record_state_change where record_code = ? order by id")
                    .param(code).query(Integer.class).list();
            List<Map<String, Object>> received = portal.updates(code);
            assertThat(received).as("updates of %s", code).extracting(u -> Integer.parseInt((String) u.get("state")))
                    .isEqualTo(states);
            assertThat(received).extracting(u -> u.get("sequence"))
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, states.size()).boxed().toList());
            assertThat(received.get(0)).containsEntry("procedureCode", Applications.BIRTH_REGISTRATION)
                    .containsEntry("unit", Map.of("code", "commune-a", "name", "Ủy ban nhân dân xã A"));
        }
        assertThat(delivered).isEqualTo(portal.updates(null).size());
        assertThat(portal.outOfOrder()).isZero();
        assertThat(portal.duplicates()).isZero();
        // the accepted record's update tells the appointment date and who accepted it
        Map<String, Object> accepted = portal.updates(codes.get(0)).get(1);
        assertThat(accepted).as(jdbc.sql("select actor || ':' || to_state from record_state_change where record_code = ? order by id")
                .param(codes.get(0)).query(String.class).list().toString()).containsEntry("state", "2").containsKey("appointmentAt")
                .containsEntry("official", Map.of("id", "clerk-a", "name", "Nguyễn Thị Hoa"));
    }

    @Test
    void anOutageOnlyDelaysAndNothingIsSentTwice() throws Exception {
        String code = withdrawnRecord(api);
        portal.failNext(503, 2);
        assertThat(relay(nodeA)).isZero();
        portal.failNext(0, 1); // the connection closes without an answer
        Thread.sleep(500);
        assertThat(relay(nodeA)).isZero();
        assertThat(portal.updates(code)).isEmpty();
        assertThat(jdbc.sql("select last_error from portal_outbox where record_code = ? and sequence = 1")
                .param(code).query(String.class).single()).isNotBlank();

        Thread.sleep(500); // the retry's wait
        relayUntilDone();
        assertThat(portal.updates(code)).extracting(u -> u.get("state")).containsExactly("1", "2", "7");
        assertThat(jdbc.sql("select actor || ':' || to_state from record_state_change where record_code = ? order by id")
                .param(code).query(String.class).list()).containsExactly("portal:1", "clerk-a:2", "portal:7");

        // a crash after the portal's answer, before the commit: the same event again, which the portal knows
        jdbc.sql("update portal_outbox set sent_at = null where record_code = ? and sequence = 3").param(code).update();
        relayUntilDone();
        assertThat(portal.updates(code)).hasSize(3);
        assertThat(portal.duplicates()).isEqualTo(1);
    }

    @Test
    void aRefusedUpdateIsParkedWithItsRecordsLaterOnesUntilAnAdministratorResendsIt() throws Exception {
        String held = withdrawnRecord(api);
        portal.failNext(422, 1);
        relayUntilDone();
        // the refused first update holds back the record's other two; other records go on
        String other = refusedRecord(api);
        relayUntilDone();
        assertThat(portal.updates(held)).isEmpty();
        assertThat(portal.updates(other)).extracting(u -> u.get("state")).containsExactly("1", "3");

        JsonNode status = api.get("admin", "/api/admin/portal-sync").json();
        assertThat(status.get("parked").asInt()).isEqualTo(1);
        JsonNode parked = status.get("parkedUpdates").get(0);
        assertThat(parked.get("recordCode").asText()).isEqualTo(held);
        assertThat(parked.get("lastError").asText()).contains("HTTP 422");
        assertThat(api.get("admin", "/actuator/health").json().at("/components/portalSync/status").asText())
                .isEqualTo("DEGRADED");
        assertThat(api.get("clerk-a", "/api/admin/portal-sync").status()).isEqualTo(403);

        // the administrator sees it on their page, with the portal's answer, and resends it there
        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, "http://localhost:" + nodeA.port(), "admin");
            browser.get("http://localhost:" + nodeA.port() + "/admin/portal-sync");
            assertThat(browser.findElement(By.id("parked")).getText()).isEqualTo("1");
            WebElement row = browser.findElement(By.cssSelector("#parked-updates tr[data-record='" + held + "']"));
            assertThat(row.getText()).contains("HTTP 422").containsPattern("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
            row.findElement(By.cssSelector("button.resend")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("message")).isEmpty());
            assertThat(browser.findElement(By.id("message")).getText())
                    .contains("Đã gửi lại cập nhật 1 của hồ sơ " + held, "Update 1 of record " + held + " will be sent again");
            assertThat(browser.findElement(By.id("parked")).getText()).isEqualTo("0");
            assertThat(browser.findElement(By.id("waiting")).getText()).isEqualTo("3");
        } finally {
            browser.quit();
        }
        assertThat(api.post("admin", "/api/admin/portal-sync/" + parked.get("id").asLong() + "/resend", "").status())
                .isEqualTo(409);
        assertThat(api.post("admin", "/api/admin/portal-sync/999999/resend", "").status()).isEqualTo(404);
        relayUntilDone();
        assertThat(portal.updates(held)).extracting(u -> u.get("state")).containsExactly("1", "2", "7");
        JsonNode health = api.get("admin", "/actuator/health").json();
        assertThat(health.at("/components/portalSync/status").asText()).as(health.toString()).isEqualTo("UP");
    }

    /** Submitted (1) and withdrawn (7) through {@code on}'s records API, accepted (2) in node A's Tasklist. */
    String withdrawnRecord(Api on) {
        String code = submit(on);
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        Api.Response withdrawn = on.post("portal", "/api/records/" + code + "/withdrawal",
                "{\"reason\": \"đã nộp ở nơi khác\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        return code;
    }

    /** Submitted (1) through {@code on}, refused at reception (3). */
    String refusedRecord(Api on) {
        String code = submit(on);
        api.work("clerk-a", code, "Task_Reception",
                "{\"receptionDecision\": {\"value\": \"refuse\"}, \"refusalReasons\": {\"value\": \"không thuộc thẩm quyền\"}}");
        return code;
    }

    private synchronized String nextPersonalId() {
        return "0011900" + (10000 + personalId++);
    }

    String submit(Api on) {
        Api.Response submitted = on.postMultipart("portal", "/api/records", List.of(Api.Part.json("record",
                Applications.birthRegistration("commune-a", 2, nextPersonalId(), "Trần Minh An"))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    int relay(AppInstance node) {
        return node.bean(PortalRelay.class).relay();
    }

    /** Both nodes at once, until nothing is left to send. */
    int relayUntilDone() {
        int total = 0;
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<Integer>> both = List.of(nodeA, nodeB).stream().<Callable<Integer>>map(node -> () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return node.bean(PortalRelay.class).relayAll();
                }).toList();
                int now = 0;
                for (Future<Integer> done : threads.invokeAll(both)) {
                    now += done.get();
                }
                total += now;
                if (now == 0) {
                    return total;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return total;
    }
}
