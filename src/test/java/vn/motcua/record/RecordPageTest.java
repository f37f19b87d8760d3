package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.support.Api;
import vn.motcua.support.Applications;
import vn.motcua.support.StaffSession;

/**
 * The record page's rules, as a signed-in browser meets them: unit isolation as in the API, the
 * documents opened in the browser, the preview, the leader's signing and its refusals in words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:record-page;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class RecordPageTest {

    private static final Pattern DOCUMENT = Pattern.compile("href=\"/records/[^/]+/documents/([0-9a-f-]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    HistoryService history;

    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Api api;
    String code;

    @BeforeEach
    void aRecordAtApproval() {
        api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Lý Gia Bảo"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        code = submitted.json().at("/record/code").asText();
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
    }

    /**
     * The number and seal are the model's asynchronous {@code Service_Seal}: after completing issuing the
     * records clerk sees it on its way, stuck if it failed for good, and then the sealed result.
     */
    @Test
    void afterIssuingTheRecordsClerkSeesTheSealOnItsWayThenTheSealedResult() throws Exception {
        var sealJobs = management.createJobDefinitionQuery().processDefinitionKey("birth-registration")
                .activityIdIn("Service_Seal").list();
        assertThat(sealJobs).isNotEmpty();
        sealJobs.forEach(definition -> management.suspendJobDefinitionById(definition.getId(), true));
        try {
            Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
            api.work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");

            // issued: the applicant can no longer withdraw it while its number and seal are on their way
            Api.Response withdrawal = api.post("portal", "/api/records/" + code + "/withdrawal", "{}");
            assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(409);
            assertThat(withdrawal.json().get("detail").asText()).contains("is issued", "can no longer be withdrawn");

            StaffSession records = new StaffSession(port, "records-a");
            assertThat(records.get("/records/" + code).body()).contains("Đang xử lý tự động / Work in progress",
                    "Cấp số, đóng dấu / Number and seal", "Đang chờ xử lý / Queued").doesNotContain("Con dấu đơn vị");

            String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
            var job = management.createJobQuery().processInstanceId(instance).activityId("Service_Seal").singleResult();
            management.setJobRetries(job.getId(), 0);
            assertThat(records.get("/records/" + code).body())
                    .contains("Sự cố, cần quản trị viên thử lại / Incident: an administrator retries it in Cockpit");

            management.setJobRetries(job.getId(), 3);
            sealJobs.forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
            management.executeJob(job.getId());
            assertThat(records.get("/records/" + code).body()).doesNotContain("Work in progress")
                    .contains("Con dấu đơn vị / Unit seal", "/2026/commune-a");
        } finally {
            sealJobs.forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
        }
    }

    /**
     * The seal's job failing (here: the signed result gone from under it) writes nothing — no number, no
     * sealed result, the record still in processing — is retried, and says why on the record page; once the
     * cause is mended the retry seals.
     */
    @Test
    void aSealThatFailsInItsJobWritesNothingSaysWhyAndSealsOnTheRetry() throws Exception {
        var sealJobs = management.createJobDefinitionQuery().processDefinitionKey("birth-registration")
                .activityIdIn("Service_Seal").list();
        sealJobs.forEach(definition -> management.suspendJobDefinitionById(definition.getId(), true));
        String instance;
        org.camunda.bpm.engine.runtime.Job job;
        try {
            assertThat(api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}").status())
                    .isEqualTo(200);
            api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
            api.work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
            instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
            job = management.createJobQuery().processInstanceId(instance).activityId("Service_Seal").singleResult();
        } finally {
            sealJobs.forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
        }
        // the signed result is out of reach when the job runs (as a remote seal failing would be)
        jdbc.sql("update record_document set kind = 'scan' where record_code = ? and kind = 'result-signed'")
                .param(code).update();
        String jobId = job.getId();
        Long numbersGiven = numbersGiven();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(jobId))
                .hasMessageContaining("no signed result");

        var failed = management.createJobQuery().jobId(jobId).singleResult();
        assertThat(failed.getRetries()).as("retried: R5/PT5M").isEqualTo(4);
        assertThat(failed.getExceptionMessage()).contains("no signed result");
        JsonNode unchanged = api.get("portal", "/api/records/" + code).json();
        assertThat(unchanged.at("/state/code").asInt()).as("nothing half-written").isEqualTo(4);
        assertThat(unchanged.get("signatures")).extracting(s -> s.get("kind").asText()).containsExactly("personal");
        assertThat(jdbc.sql("select count(*) from record_document where record_code = ? and kind = 'result'").param(code)
                .query(Long.class).single()).isZero();
        assertThat(numbersGiven()).as("no document number used up by the failed try").isEqualTo(numbersGiven);
        assertThat(new StaffSession(port, "records-a").get("/records/" + code).body())
                .contains("Lỗi, sẽ thử lại / Failed, will retry", "còn 4 lần / 4 tries left")
                .as("a failure's text is for administrators").doesNotContain("no signed result");
        assertThat(new StaffSession(port, "admin").get("/records/" + code).body()).contains("no signed result");

        jdbc.sql("update record_document set kind = 'result-signed' where record_code = ? and kind = 'scan'")
                .param(code).update();
        management.executeJob(jobId);
        JsonNode sealed = api.get("portal", "/api/records/" + code).json();
        assertThat(sealed.at("/state/code").asInt()).isEqualTo(9);
        // the drawn work keeps no activity history of its own (its documents, signatures and states do)
        for (String work : new String[] {"Service_Receipt", "Service_DraftResult", "Service_Seal"}) {
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(work)
                    .count()).as(work).isZero();
        }
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Task_Issuing").count()).isOne();
        assertThat(sealed.get("signatures").get(1).get("documentNumber").asText())
                .isEqualTo("%d/%d/commune-a".formatted((numbersGiven == null ? 0 : numbersGiven) + 1,
                        java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear()));
    }

    /** The last document number commune A gave this year (null before the first). */
    Long numbersGiven() {
        return jdbc.sql("select last_value from record_code_sequence where unit = 'commune-a#documents'")
                .query(Long.class).optional().orElse(null);
    }

    @Test
    void staffOfTheUnitSeeTheRecordOthersAreToldThereIsNone() throws Exception {
        StaffSession clerk = new StaffSession(port, "clerk-a");
        HttpResponse<String> page = clerk.get("/records/" + code);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(code, "Nguyễn Thị Lan", "Đăng ký khai sinh", "Lịch sử / History",
                "Nguyễn Thị Hoa"); // the clerk who received it, by name
        assertThat(page.body()).as("not the leader's to sign").doesNotContain("id=\"sign-pin\"");
        assertThat(page.body()).as("the record's data as it stands").contains("Dữ liệu hồ sơ / Record data",
                "Như hiện tại / As it stands now", "childFullName", "Lý Gia Bảo", "proposal");

        HttpResponse<String> elsewhere = new StaffSession(port, "clerk-b").get("/records/" + code);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("Không tìm thấy hồ sơ / No such record").doesNotContain("Nguyễn Thị Lan");
        assertThat(new StaffSession(port, "clerk-b").get("/records/" + code + "/documents/" + firstDocument(page.body()))
                .statusCode()).isEqualTo(404);
        assertThat(clerk.get("/records/not a code").statusCode()).isEqualTo(400);
    }

    /**
     * A closed record keeps its data once, in its own row, and the engine keeps no variable history of
     * its process (issue #16): the page shows the data as the record closed.
     */
    @Test
    void aClosedRecordShowsItsDataAsKeptWhenItClosed() throws Exception {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012346", "Đỗ Minh Khang"));
        String refused = submitted.json().at("/record/code").asText();
        api.work("clerk-a", refused, "Task_Reception",
                "{\"receptionDecision\": {\"value\": \"refuse\"}, \"refusalReasons\": {\"value\": \"Thiếu tờ khai\"}}");
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(refused).singleResult();
        assertThat(instance.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);

        String page = new StaffSession(port, "clerk-a").get("/records/" + refused).body();
        assertThat(page).contains("Dữ liệu hồ sơ / Record data", "Như khi hồ sơ kết thúc / As kept when the record closed",
                "Đỗ Minh Khang", "refusalReasons", "Thiếu tờ khai");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).count())
                .as("kept once, by the record").isZero();
        assertThat(history.createHistoricIdentityLinkLogQuery().processDefinitionKey("birth-registration").count())
                .isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).count())
                .as("the path it took stays in the engine's history").isPositive();
    }

    @Test
    void documentsOpenInTheBrowserAndTheDraftIsPreviewed() throws Exception {
        StaffSession leader = new StaffSession(port, "leader-a");
        String page = leader.get("/records/" + code).body();
        assertThat(page).contains("id=\"sign-pin\"", "id=\"draft-preview\"");
        String document = firstDocument(page);
        HttpResponse<byte[]> opened = leader.bytes("/records/" + code + "/documents/" + document);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
        assertThat(opened.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        Matcher preview = Pattern.compile("src=\"(/records/[^\"]+/preview.png)\"").matcher(page);
        assertThat(preview.find()).isTrue();
        HttpResponse<byte[]> picture = leader.bytes(preview.group(1));
        assertThat(picture.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body())).getWidth())
                .isGreaterThan(100);
    }

    @Test
    void theLeaderSignsOnThePageAndARefusalSaysWhy() throws Exception {
        StaffSession leader = new StaffSession(port, "leader-a");
        HttpResponse<String> wrong = leader.post("/records/" + code, "/records/" + code + "/signature", "pin=000000");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Quay lại hồ sơ / Back to the record").containsIgnoringCase("pin");

        HttpResponse<String> clerk = new StaffSession(port, "clerk-a").post("/records/" + code, "/records/" + code + "/signature",
                "pin=123456");
        assertThat(clerk.statusCode()).as("only the unit's leader signs").isEqualTo(403);

        HttpResponse<String> noToken = leader.postWithoutToken("/records/" + code + "/signature", "pin=123456");
        assertThat(noToken.statusCode()).as("another site cannot make the leader sign").isEqualTo(403);

        HttpResponse<String> signed = leader.post("/records/" + code, "/records/" + code + "/signature", "pin=123456");
        assertThat(signed.statusCode()).isEqualTo(302);
        String after = leader.get("/records/" + code).body();
        assertThat(after).contains("Đã ký số dự thảo kết quả", "Hợp lệ, nguyên vẹn / Valid, intact", "Lê Thị Thu Hà")
                .doesNotContain("id=\"sign-pin\"");
        assertThat(api.get("leader-a", "/api/records/" + code).json().at("/signatures/0/valid").asBoolean()).isTrue();
    }

    private static String firstDocument(String page) {
        Matcher document = DOCUMENT.matcher(page);
        assertThat(document.find()).as("the page lists a document").isTrue();
        return document.group(1);
    }

}
