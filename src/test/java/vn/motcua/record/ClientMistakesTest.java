package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;
import vn.motcua.support.HostileFiles;

/**
 * Issue 13: a client's mistake (or an attacker's attempt) is answered with a 4xx problem naming
 * what is wrong, never a 500, and nothing of it is stored — on H2 and on PostgreSQL (subclasses).
 * Also the signing PIN's lock (finding 7) and documents that are not what they claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClientMistakesTest {

    AppInstance app;
    Api api;
    /** A record at approval, its result drafted and not signed: shared by the tests of approval and PINs. */
    String atApproval;

    abstract AppInstance startApp(String... settings);

    abstract boolean postgres();

    void stopDatabase() throws IOException {
    }

    @BeforeAll
    void start() {
        app = startApp();
        api = app.api();
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- signing PINs --------------------------------------------------------------------

    @Test
    @Order(1)
    void approvalWithoutSignatureIsRefusedAlsoWithATrailingSlash() {
        String task = claimedTask("leader-a", atApproval(), "Task_Approval");
        for (String path : List.of("/complete/", "/complete", "/submit-form/")) {
            Api.Response refused = api.post("leader-a", "/engine-rest/task/" + task + path,
                    "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}}}");
            assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).contains("not signed by leader-a");
        }
        assertThat(api.get("leader-a", "/engine-rest/task/" + task).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void fiveWrongPinsLockTheLeadersCredentialAtTheRecordsApiAndTheCscServer() {
        String code = atApproval();
        String sign = "/api/records/" + code + "/signature";
        for (int i = 1; i <= 4; i++) {
            RecordsApiTest.assertRefused(api.post("leader-a", sign, "{\"pin\": \"00000" + i + "\"}"), 400, "pin");
        }
        Api.Response fifth = api.post("leader-a", sign, "{\"pin\": \"000005\"}");
        RecordsApiTest.assertRefused(fifth, 429, "pin");
        assertThat(fifth.json().get("detail").asText()).contains("locked after 5 wrong PINs");
        assertThat(fifth.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(850L, 900L);

        // the right PIN is refused while locked, through both doors
        Api.Response right = api.post("leader-a", sign, "{\"pin\": \"123456\"}");
        RecordsApiTest.assertRefused(right, 429, "pin");
        assertThat(right.header("Retry-After")).isNotNull();
        Api.Response csc = api.post("leader-a", "/api/csc/v2/credentials/authorize", """
                {"credentialID": "personal-leader-a", "numSignatures": 1,
                 "hashes": ["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="], "hashAlgorithmOID": "2.16.840.1.101.3.4.2.1",
                 "authData": [{"id": "PIN", "value": "123456"}]}""");
        assertThat(csc.status()).as(csc.body()).isEqualTo(429);
        assertThat(csc.header("Retry-After")).isNotNull();
        assertThat(csc.json().get("error_description").asText()).contains("locked");

        assertThat(record(code).get("signatures")).isEmpty();
        assertThat(documentKinds(code)).doesNotContain("result-signed");
        JdbcClient db = app.bean(JdbcClient.class);
        assertThat(db.sql("select event from signature_pin_event where credential_id = 'personal-leader-a' order by id")
                .query(String.class).list()).containsExactly("failure", "failure", "failure", "failure", "failure",
                        "locked", "refused", "refused");
        assertThat(db.sql("select count(*) from signature_authorization where credential_id = 'personal-leader-a'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theCscAuthorizeEndpointLocksAfterFiveWrongPins() {
        String request = """
                {"credentialID": "personal-leader-b", "numSignatures": 1,
                 "hashes": ["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="], "hashAlgorithmOID": "2.16.840.1.101.3.4.2.1",
                 "authData": [{"id": "PIN", "value": "%s"}]}""";
        for (int i = 1; i <= 4; i++) {
            Api.Response wrong = api.post("leader-b", "/api/csc/v2/credentials/authorize", request.formatted("99999" + i));
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        }
        Api.Response locked = api.post("leader-b", "/api/csc/v2/credentials/authorize", request.formatted("999995"));
        assertThat(locked.status()).as(locked.body()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        Api.Response right = api.post("leader-b", "/api/csc/v2/credentials/authorize", request.formatted("123456"));
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        assertThat(right.json().has("SAD")).isFalse();
    }

    // --- documents are what they claim -----------------------------------------------------

    @Test
    void aFakePdfOrACompressionBombIsRefusedNamingTheFileAndNothingIsStored() throws IOException {
        long before = count("record") + count("record_document");
        Api.Response fake = submit(Part.file("documents", "giay-chung-sinh.pdf", "application/pdf",
                HostileFiles.pdfHeaderOverRandomBytes()));
        RecordsApiTest.assertRefused(fake, 400, "documents[0]");
        assertThat(fake.json().get("detail").asText()).contains("giay-chung-sinh.pdf", "not a readable PDF");

        Api.Response bomb = submit(Part.file("documents", "to-khai.pdf", "application/pdf", HostileFiles.pdfBomb()));
        RecordsApiTest.assertRefused(bomb, 400, "documents[0]");
        assertThat(bomb.json().get("detail").asText()).contains("to-khai.pdf", "compression bomb");

        Api.Response empty = submit(Part.file("documents", "empty.pdf", "application/pdf",
                HostileFiles.pdfWithoutPages()));
        RecordsApiTest.assertRefused(empty, 400, "documents[0]");
        assertThat(empty.json().get("detail").asText()).contains("without any page");

        Api.Response brokenImage = submit(Part.file("documents", "scan.png", "image/png",
                java.util.Arrays.copyOf(HostileFiles.png(64, 64), 60)));
        RecordsApiTest.assertRefused(brokenImage, 400, "documents[0]");
        assertThat(brokenImage.json().get("detail").asText()).contains("scan.png", "not a readable image");
        assertThat(count("record") + count("record_document")).isEqualTo(before);
    }

    @Test
    void fileNamesAreStoredWithoutPathsOrControlCharacters() throws IOException {
        Api.Response submitted = RecordsApiTest.submit(api, "portal", Applications.birthRegistration("commune-a", 2,
                "001190012345", "Trần Minh An"), List.of(
                        Part.file("documents", "../../etc/passwd.pdf", "application/pdf", RecordsApiTest.pdfBytes(1)),
                        Part.file("documents", "C:\\\\Users\\\\lan\\\\to-khai.pdf", "application/pdf",
                                RecordsApiTest.pdfBytes(1))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        assertThat(app.bean(JdbcClient.class).sql("select name from record_document where record_code = ?")
                .param(code).query(String.class).list()).contains("passwd.pdf", "to-khai.pdf");
    }

    // --- no 500 for a client's mistake -----------------------------------------------------

    @Test
    void twoClerksCompletingOneTaskAtOnceGetOneSuccessAndNo500() throws Exception {
        for (int round = 0; round < 5; round++) {
            String code = newRecord();
            String task = claimedTask("clerk-a", code, "Task_Reception");
            if (round == 0) {
                assertThat(api.post("clerk-b", "/engine-rest/task/" + task + "/complete",
                        "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}").status())
                        .as("another unit's clerk is still refused as such").isEqualTo(403);
            }
            List<Integer> statuses = race(2, () -> api.post("clerk-a", "/engine-rest/task/" + task + "/complete",
                    "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}"));
            System.out.println("concurrent completions answered " + statuses);
            assertThat(statuses).as("round " + round).containsOnlyOnce(204);
            assertThat(statuses).as("round " + round + ": the loser is told the task was taken")
                    .allMatch(s -> s == 204 || s == 409 || s == 404);
            assertThat(app.bean(JdbcClient.class).sql(
                    "select count(*) from record_state_change where record_code = ? and to_state = 2")
                    .param(code).query(Integer.class).single()).as("accepted once").isEqualTo(1);
        }
    }

    @Test
    void twoTasklistTabsCompletingOneTaskAtOnceGetOneSuccessAndNo500() throws Exception {
        // Tasklist calls the webapps' own copy of the engine API with its session, not /engine-rest
        Api.WebappSession tasklist = api.webappSession("clerk-a", "tasklist");
        assertThat(tasklist.loginStatus).isEqualTo(200);
        for (int round = 0; round < 5; round++) {
            String code = newRecord();
            String task = claimedTask("clerk-a", code, "Task_Reception");
            List<Integer> statuses = race(2, () -> tasklist.request("POST",
                    "/camunda/api/engine/engine/default/task/" + task + "/submit-form",
                    "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}"));
            assertThat(statuses).as("round " + round).containsOnlyOnce(204);
            assertThat(statuses).as("round " + round + ": the loser is told the task was taken")
                    .allMatch(s -> s == 204 || s == 409 || s == 404);
        }
        Api.Response unknown = tasklist.request("POST", "/camunda/api/engine/engine/default/task/nope/submit-form",
                "{\"variables\": {}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    }

    @Test
    void twoWithdrawalsOfOneRecordAtOnceGetOneSuccessAndA409() throws Exception {
        String code = newRecord();
        List<Integer> statuses = race(2, () -> api.post("portal", "/api/records/" + code + "/withdrawal",
                "{\"reason\": \"Đã nộp ở nơi khác\"}"));
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(app.bean(JdbcClient.class).sql(
                "select count(*) from record_state_change where record_code = ? and to_state = 7")
                .param(code).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aNulCharacterInANameOrAFormFieldIsRefused() {
        long before = count("record");
        RecordsApiTest.assertRefused(api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Trần\\u0000An")), 400,
                "formData.childFullName");
        RecordsApiTest.assertRefused(api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "An")
                        .replace("Nguyễn Thị Lan", "Nguyễn\\u0000Lan")), 400, "applicant.name");
        assertThat(count("record")).isEqualTo(before);

        // a form field of a task, through the engine REST API
        String code = newRecord();
        String task = claimedTask("clerk-a", code, "Task_Reception");
        Api.Response nul = api.post("clerk-a", "/engine-rest/task/" + task + "/complete", """
                {"variables": {"receptionDecision": {"value": "supplement"},
                               "missingDocuments": {"value": "Giấy\\u0000chứng sinh"}}}""");
        assertThat(nul.status()).as(nul.body()).isNotEqualTo(500);
        if (postgres()) {
            assertThat(nul.status()).as(nul.body()).isEqualTo(400);
            assertThat(nul.json().get("message").asText()).contains("NUL");
            assertThat(api.get("clerk-a", "/engine-rest/task/" + task).status()).isEqualTo(200);
        }
    }

    @Test
    void anApologyDateFarBeyondReasonIsRefused() {
        String code = newRecord();
        for (String date : List.of("+999999999-12-31T00:00:00+07:00", "9999-12-31T00:00:00+07:00")) {
            Api.Response refused = api.post("leader-a", "/api/records/" + code + "/apology",
                    "{\"newAppointmentAt\": \"" + date + "\", \"reason\": \"Chờ xác minh\"}");
            RecordsApiTest.assertRefused(refused, 400, "newAppointmentAt");
            assertThat(refused.json().get("detail").asText()).contains("too far");
        }
        assertThat(documentKinds(code)).doesNotContain("apology");
    }

    @Test
    void issuingWithoutASignedResultIsRefused() {
        String code = atApprovalOfItsOwn();
        // A record that reached issuing without the leader's signature (as a side door once let it)
        RuntimeService runtime = app.bean(RuntimeService.class);
        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
        runtime.createProcessInstanceModification(pi).cancelAllForActivity("Task_Approval")
                .startBeforeActivity("Task_Issuing").execute();
        String task = claimedTask("records-a", code, "Task_Issuing");
        Api.Response refused = api.post("records-a", "/engine-rest/task/" + task + "/complete", "{\"variables\": {}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("no signed result");
        assertThat(app.bean(TaskService.class).createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(documentKinds(code)).doesNotContain("result");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        Api.Response unknown = api.post("clerk-a", "/engine-rest/task/nope/complete", "{\"variables\": {}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains("nope");
    }

    @Test
    void anOverlongRecordCodeIsAProblemNotTomcatsPage() {
        Api.Response response = api.get("portal", "/api/records/" + "x".repeat(10_000));
        RecordsApiTest.assertRefused(response, 400, "code");
        assertThat(response.json().get("detail").asText()).contains("10000 characters");

        // beyond what Tomcat reads at all: still a problem in JSON, not its HTML page
        Api.Response huge = api.get("portal", "/api/records/" + "x".repeat(100_000));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.contentType()).startsWith("application/problem+json");
        assertThat(huge.json().get("status").asInt()).isEqualTo(400);
        assertThat(huge.body()).doesNotContain("<html", "Tomcat");
    }

    // --- helpers ---------------------------------------------------------------------------

    Api.Response submit(Part document) {
        return RecordsApiTest.submit(api, "portal", Applications.birthRegistration("commune-a", 2, "001190012345",
                "Trần Minh An"), List.of(document));
    }

    String newRecord() {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Trần Minh An"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    synchronized String atApproval() {
        if (atApproval == null) {
            atApproval = atApprovalOfItsOwn();
        }
        return atApproval;
    }

    /** A new record worked through reception and appraisal: at approval, the result drafted. */
    String atApprovalOfItsOwn() {
        String code = newRecord();
        complete("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        complete("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        Api.eventually(() -> documentKinds(code).contains("result-draft") ? record(code) : record(code).path("x"),
                Duration.ofSeconds(30));
        return code;
    }

    void complete(String user, String code, String taskKey, String variables) {
        String task = claimedTask(user, code, taskKey);
        Api.Response completed = api.post(user, "/engine-rest/task/" + task + "/complete",
                "{\"variables\": " + variables + "}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    }

    String claimedTask(String user, String code, String taskKey) {
        JsonNode tasks = Api.eventually(() -> api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=" + taskKey).json(), Duration.ofSeconds(30));
        assertThat(tasks).as(user + " sees " + taskKey + " of " + code).hasSize(1);
        String id = tasks.get(0).get("id").asText();
        if (tasks.get(0).get("assignee").isNull()) {
            assertThat(api.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}").status())
                    .isEqualTo(204);
        }
        return id;
    }

    JsonNode record(String code) {
        Api.Response response = api.get("portal", "/api/records/" + code);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    List<String> documentKinds(String code) {
        List<String> kinds = new ArrayList<>();
        record(code).get("documents").forEach(d -> kinds.add(d.get("kind").asText()));
        return kinds;
    }

    long count(String table) {
        return app.bean(JdbcClient.class).sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The same call from several threads released at once: their statuses. */
    static List<Integer> race(int threads, Callable<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> response : calls) {
                Api.Response answer = response.get();
                assertThat(answer.status()).as(answer.body()).isNotEqualTo(500);
                statuses.add(answer.status());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
