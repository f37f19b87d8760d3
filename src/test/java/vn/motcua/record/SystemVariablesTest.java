package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.record.RecordsApiTest.assertRefused;
import static vn.motcua.record.RecordsApiTest.document;
import static vn.motcua.record.RecordsApiTest.pdfText;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * Issue 13, findings 1, 2, 3 and 6: staff and the portal change a record only through the record's
 * rules, whichever door they knock on — engine-rest's start, completion, Tasklist's submit-form,
 * the variables of a task, an execution or a process instance, a message, a signal, a
 * modification. Each refusal is a 400 (403 for another unit's start) naming the field, and nothing
 * changes: the variable, the task, the record row. On H2 and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SystemVariablesTest {

    static final String START = "/engine-rest/process-definition/key/birth-registration/start";
    static final String SUBMIT_FORM = "/engine-rest/process-definition/key/birth-registration/submit-form";

    AppInstance app;
    Api api;
    RuntimeService runtime;
    TaskService tasks;

    abstract AppInstance startApp();

    void stopDatabase() throws IOException {
    }

    @BeforeAll
    void start() {
        app = startApp();
        api = app.api();
        runtime = app.bean(RuntimeService.class);
        tasks = app.bean(TaskService.class);
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- finding 1: taking over another unit's record ----------------------------------------------

    @Test
    void nobodyStartsAProcessOnAnExistingRecordsCode() {
        String codeOfB = submit("commune-b", "001190012401");
        long records = recordCount();
        long instances = instanceCount();
        // the portal has no engine REST at all (README, Security); a clerk and even the administrator pass
        // that door, and the engine's guard refuses the business key
        assertDoorRefused(api.post("portal", START, "{\"businessKey\": \"" + codeOfB + "\"}"));
        for (String user : List.of("clerk-a", "admin")) {
            Api.Response takeOver = api.post(user, START, """
                    {"businessKey": "%s", "variables": {"unit": {"value": "commune-a"}}}""".formatted(codeOfB));
            assertEngineRefused(takeOver, 400, "businessKey");
            assertEngineRefused(api.post(user, SUBMIT_FORM, """
                    {"businessKey": "%s", "variables": {"unit": {"value": "commune-a"}}}""".formatted(codeOfB)),
                    400, "businessKey");
        }
        assertThat(recordCount()).isEqualTo(records);
        assertThat(instanceCount()).isEqualTo(instances);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(codeOfB).count())
                .as("one record, one process").isEqualTo(1);
        assertThat(state(codeOfB)).isEqualTo(1);
        // and the record is still the applicant's: withdrawing it works (it answered 500 with two processes)
        assertThat(api.post("portal", "/api/records/" + codeOfB + "/withdrawal", "{}").status()).isEqualTo(200);
    }

    // --- finding 2: moving a record to another unit ------------------------------------------------

    @Test
    void completingReceptionCannotMoveTheRecordNorSetWhatTheFormDoesNotAsk() {
        String code = submit("commune-a", "001190012402");
        String task = claimed("clerk-a", code, "Task_Reception");
        String complete = "/engine-rest/task/" + task + "/complete";
        String submitForm = "/engine-rest/task/" + task + "/submit-form";
        for (String path : List.of(complete, submitForm)) {
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "accept"}, "unit": {"value": "commune-b"}}}"""),
                    400, "unit");
            // a field of another step's form, a system variable, a field the form only shows, a wrong option
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "accept"}, "proposal": {"value": "approve"}}}"""),
                    400, "proposal");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "accept"}, "documentNumber": {"value": "1/2026"}}}"""),
                    400, "documentNumber");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "accept"}, "childFullName": {"value": "Khác"}}}"""),
                    400, "childFullName");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "maybe"}}}"""), 400, "receptionDecision");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"receptionDecision": {"value": "accept"}, "documentsDigitised": {"value": "yes"}}}"""),
                    400, "documentsDigitised");
        }
        assertUnchanged(code, task);

        // what Tasklist sends: the form's fields, the read-only ones as they were
        Api.Response accepted = api.post("clerk-a", submitForm, """
                {"variables": {"receptionDecision": {"value": "accept"}, "documentsDigitised": {"value": true},
                               "childFullName": {"value": "Trần Minh An"}, "applicantName": {"value": "Nguyễn Thị Lan"},
                               "unit": {"value": "commune-a"}}}""");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        assertThat(variable(code, "unit")).isEqualTo("commune-a");

        // the specialist at appraisal cannot send approval to another unit's leaders either
        String appraisal = claimed("specialist-a", code, "Task_Appraisal");
        assertEngineRefused(api.post("specialist-a", "/engine-rest/task/" + appraisal + "/complete", """
                {"variables": {"proposal": {"value": "approve"}, "unit": {"value": "commune-b"}}}"""), 400, "unit");
        assertEngineRefused(api.post("specialist-a", "/engine-rest/task/" + appraisal + "/complete", """
                {"variables": {"proposal": {"value": "approve"}, "registrySources": {"value": "tự khai"}}}"""), 400,
                "registrySources");
        assertEngineRefused(api.post("specialist-a", "/engine-rest/task/" + appraisal + "/complete", """
                {"variables": {"proposal": {"value": "approve"}, "motherFullName": {"value": "Người khác"}}}"""), 400,
                "motherFullName");
        assertThat(tasks.createTaskQuery().taskId(appraisal).count()).as("appraisal is still open").isEqualTo(1);
        assertThat(variable(code, "unit")).isEqualTo("commune-a");
    }

    @Test
    void noOtherDoorWritesTheRecordsVariables() {
        String code = submit("commune-a", "001190012403");
        String task = claimed("clerk-a", code, "Task_Reception");
        String instance = instanceOf(code);
        String unitToB = "{\"value\": \"commune-b\"}";
        String modifications = "{\"modifications\": {\"unit\": " + unitToB + "}}";
        // staff meet the engine REST door first (403: not what Tasklist needs); the administrator passes
        // it, and the engine's guard refuses: the rule holds behind every door, not only at the URL
        for (String user : List.of("clerk-a", "admin")) {
            refused(user, put(user, "/engine-rest/task/" + task + "/variables/unit", unitToB), "unit");
            refused(user, put(user, "/engine-rest/task/" + task + "/localVariables/unit", unitToB), "unit");
            refused(user, api.post(user, "/engine-rest/task/" + task + "/variables", modifications), "unit");
            refused(user, api.post(user, "/engine-rest/task/" + task + "/variables",
                    "{\"deletions\": [\"unit\"]}"), "unit");
            refused(user, api.post(user, "/engine-rest/task/" + task + "/bpmnError",
                    "{\"errorCode\": \"x\", \"variables\": {\"unit\": " + unitToB + "}}"), "unit");
        }
        // the process instance's and the execution's
        for (String user : List.of("clerk-a", "admin")) {
            refused(user, put(user, "/engine-rest/process-instance/" + instance + "/variables/unit", unitToB), "unit");
            refused(user, api.post(user, "/engine-rest/process-instance/" + instance + "/variables", modifications),
                    "unit");
            refused(user, delete(user, "/engine-rest/process-instance/" + instance + "/variables/unit"), "unit");
            refused(user, put(user, "/engine-rest/execution/" + instance + "/localVariables/unit", unitToB), "unit");
            refused(user, api.post(user, "/engine-rest/process-instance/" + instance + "/variables",
                    "{\"modifications\": {\"childFullName\": {\"value\": \"Khác\"}}}"), "childFullName");
            // a message's payload, a signal's, a modification's
            refused(user, api.post(user, "/engine-rest/message", """
                    {"messageName": "AnyMessage", "businessKey": "%s",
                     "processVariables": {"unit": %s}}""".formatted(code, unitToB)), "unit");
            refused(user, api.post(user, "/engine-rest/signal",
                    "{\"name\": \"anything\", \"variables\": {\"unit\": " + unitToB + "}}"), "unit");
            refused(user, api.post(user, "/engine-rest/process-instance/" + instance + "/modification", """
                    {"instructions": [{"type": "startBeforeActivity", "activityId": "Task_Reception",
                                       "variables": {"unit": %s}}]}""".formatted(unitToB)), "unit");
        }
        // the record's own messages come from the records API, which checks who may withdraw or supplement
        for (String message : List.of("RecordWithdrawn", "RecordSupplemented", "RecordResumed")) {
            assertEngineRefused(api.post("admin", "/engine-rest/message",
                    "{\"messageName\": \"%s\", \"businessKey\": \"%s\"}".formatted(message, code)), 400,
                    "messageName");
        }
        assertUnchanged(code, task);
        assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).as("no second reception").isEqualTo(1);
    }

    @Test
    void tasklistsOwnDoorObeysTheSameRules() {
        String code = submit("commune-a", "001190012406");
        String task = claimed("clerk-a", code, "Task_Reception");
        Tasklist tasklist = new Tasklist("clerk-a");
        String engine = "/camunda/api/engine/engine/default";
        assertEngineRefused(tasklist.post(engine + "/task/" + task + "/submit-form", """
                {"variables": {"receptionDecision": {"value": "accept"}, "unit": {"value": "commune-b"}}}"""), 400,
                "unit");
        assertEngineRefused(tasklist.post(engine + "/process-definition/key/birth-registration/submit-form", """
                {"variables": {"unit": {"value": "commune-b"}, "childFullName": {"value": "An"}}}"""), 403, "unit");
        assertUnchanged(code, task);
        Api.Response accepted = tasklist.post(engine + "/task/" + task + "/submit-form",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    }

    @Test
    void theJavaApiAsAUserObeysTooAndTheProductsOwnCodeStillWrites() {
        String code = submit("commune-a", "001190012407");
        String task = claimed("clerk-a", code, "Task_Reception");
        org.camunda.bpm.engine.IdentityService identity = app.bean(org.camunda.bpm.engine.IdentityService.class);
        identity.setAuthentication("clerk-a", List.of("commune-a:clerk"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.setVariable(task, "unit", "commune-b"))
                    .isInstanceOf(VariableRefused.class).hasMessageContaining("'unit'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtime.createProcessInstanceByKey(
                    "birth-registration").businessKey(code).setVariable("unit", "commune-a").execute())
                    .isInstanceOf(VariableRefused.class).hasMessageContaining("'businessKey'");
        } finally {
            identity.clearAuthentication();
        }
        assertUnchanged(code, task);
        // without a user, it is the product's own code (a job, the records API through SystemAuthority)
        runtime.setVariable(instanceOf(code), "colour", "green");
        assertThat(variable(code, "colour")).isEqualTo("green");
    }

    // --- starting records: one's own unit, a unit that exists, the product's code ------------------

    @Test
    void aRecordStartsOnlyAtTheStartersOwnUnitAsARecordWithTheProductsCode() {
        long records = recordCount();
        long instances = instanceCount();
        String form = "{\"variables\": {\"unit\": {\"value\": \"%s\"}, \"childFullName\": {\"value\": \"An\"}}}";
        for (String path : List.of(START, SUBMIT_FORM)) {
            assertEngineRefused(api.post("clerk-a", path, form.formatted("commune-b")), 403, "unit");
            assertEngineRefused(api.post("clerk-b", path, form.formatted("commune-a")), 403, "unit");
            assertThat(api.post("specialist-a", path, form.formatted("commune-a")).status()).as("no clerk")
                    .isEqualTo(403);
            // finding 6: an unknown unit, no unit
            assertEngineRefused(api.post("clerk-a", path, form.formatted("nowhere")), 400, "unit");
            assertDoorRefused(api.post("portal", path, form.formatted("commune-a")));
            assertEngineRefused(api.post("clerk-a", path, "{\"variables\": {}}"), 400, "unit");
            // not a start form's field; a system variable; a business key; past the start event
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"unit": {"value": "commune-a"}, "proposal": {"value": "approve"}}}"""), 400,
                    "proposal");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"unit": {"value": "commune-a"}, "recordCode": {"value": "x"}}}"""), 400,
                    "recordCode");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"variables": {"unit": {"value": "commune-a"}, "childDateOfBirth": {"value": "hôm qua"}}}"""), 400,
                    "childDateOfBirth");
            assertEngineRefused(api.post("clerk-a", path, """
                    {"businessKey": "commune-a-20261123-0001", "variables": {"unit": {"value": "commune-a"}}}"""),
                    400, "businessKey");
        }
        assertEngineRefused(api.post("clerk-a", START, """
                {"variables": {"unit": {"value": "commune-a"}},
                 "startInstructions": [{"type": "startBeforeActivity", "activityId": "Task_Approval"}]}"""), 400,
                "startInstructions");
        assertThat(recordCount()).as("nothing stored").isEqualTo(records);
        assertThat(instanceCount()).as("nothing started").isEqualTo(instances);

        // at the counter, the clerk's own unit (the portal starts records through the records API)
        Api.Response atA = api.post("clerk-a", SUBMIT_FORM, form.formatted("commune-a"));
        assertThat(atA.status()).as(atA.body()).isEqualTo(200);
        assertThat(atA.json().get("businessKey").asText()).startsWith("commune-a-");
        Api.Response atB = api.post("clerk-b", START, form.formatted("commune-b"));
        assertThat(atB.status()).as(atB.body()).isEqualTo(200);
        assertThat(atB.json().get("businessKey").asText()).startsWith("commune-b-");
        assertThat(recordCount()).isEqualTo(records + 2);
    }

    // --- finding 3: the applicant writes on the sealed result --------------------------------------

    @Test
    void theApplicantCannotGiveTheResultsTitleSignerOrNumber() {
        long records = recordCount();
        for (String field : List.of("title", "signerTitle", "documentNumber")) {
            String json = Applications.birthRegistration("commune-a", 2, "001190012404", "Trần Minh An")
                    .replace("\"childFullName\"", "\"" + field + "\": \"GIẢ MẠO\", \"childFullName\"");
            assertRefused(RecordsApiTest.submit(api, "portal", json, List.of()), 400, "formData." + field);
        }
        assertThat(recordCount()).isEqualTo(records);
    }

    @Test
    void theIssuedResultCarriesTheSystemsTitleSignerAndNumberWhateverTheVariablesSay() throws IOException {
        String code = submit("commune-a", "001190012405");
        String instance = instanceOf(code);
        // a value that slipped in by a door the product does not know: the product's documents ignore it
        runtime.setVariables(instance, Map.of("title", "GIẤY GIẢ MẠO", "signerTitle", "KẺ MẠO DANH",
                "documentNumber", "999/GIẢ"));
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        JsonNode record = Api.eventually(() -> {
            JsonNode r = api.get("leader-a", "/api/records/" + code).json();
            return r.get("documents").toString().contains("result-draft") ? r : r.path("none");
        }, Duration.ofSeconds(30));
        String draft = pdfText(api.get("leader-a", document(record, "result-draft").get("href").asText()).bytes());
        assertThat(draft).contains("GIẤY KHAI SINH", "CHỦ TỊCH")
                .doesNotContain("GIẢ MẠO", "MẠO DANH", "999/GIẢ");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Refused at the engine REST door (staff) or, for the administrator who passes it, by the engine's guard. */
    static void refused(String user, Api.Response response, String field) {
        if (user.equals("admin")) {
            assertEngineRefused(response, 400, field);
        } else {
            assertDoorRefused(response);
        }
    }

    /** The engine REST door's refusal: what the role table does not open to the user. */
    static void assertDoorRefused(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().get("message").asText()).contains("is not open to");
    }

    /** The engine's REST answer refusing the field: the status, and the message naming it. */
    static void assertEngineRefused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("\tat ");
        assertThat(response.json().get("message").asText()).as(response.body()).contains("'" + field + "'");
    }

    /** The record at reception, as submitted: its unit, its task, its row. */
    void assertUnchanged(String code, String task) {
        assertThat(variable(code, "unit")).isEqualTo("commune-a");
        assertThat(variable(code, "childFullName")).isEqualTo("Trần Minh An");
        assertThat(variable(code, "proposal")).isNull();
        assertThat(variable(code, "documentNumber")).isNull();
        Task open = tasks.createTaskQuery().taskId(task).singleResult();
        assertThat(open).as("reception is still open").isNotNull();
        assertThat(open.getAssignee()).isEqualTo("clerk-a");
        assertThat(state(code)).isEqualTo(1);
        assertThat(app.bean(JdbcClient.class).sql("select unit from record where code = ?").param(code)
                .query(String.class).single()).isEqualTo("commune-a");
    }

    String submit(String unit, String personalId) {
        Api.Response submitted = RecordsApiTest.submit(api, "portal",
                Applications.birthRegistration(unit, 2, personalId, "Trần Minh An"), List.of());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    String claimed(String user, String code, String taskKey) {
        JsonNode found = Api.eventually(() -> api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=" + taskKey).json(), Duration.ofSeconds(30));
        assertThat(found).as(user + " sees " + taskKey + " of " + code).hasSize(1);
        String id = found.get(0).get("id").asText();
        assertThat(api.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}").status())
                .isEqualTo(204);
        return id;
    }

    void work(String user, String code, String taskKey, String variables) {
        String id = claimed(user, code, taskKey);
        Api.Response completed = api.post(user, "/engine-rest/task/" + id + "/complete",
                "{\"variables\": " + variables + "}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    }

    String instanceOf(String code) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();
    }

    Object variable(String code, String name) {
        return runtime.getVariable(instanceOf(code), name);
    }

    int state(String code) {
        return app.bean(JdbcClient.class).sql("select state from record where code = ?").param(code)
                .query(Integer.class).single();
    }

    long recordCount() {
        return app.bean(JdbcClient.class).sql("select count(*) from record").query(Long.class).single();
    }

    long instanceCount() {
        return runtime.createProcessInstanceQuery().count();
    }

    /** A browser's session in Tasklist: its login, its XSRF token, its engine API. */
    final class Tasklist {
        private final java.net.http.HttpClient browser;
        private final java.net.CookieManager cookies = new java.net.CookieManager();

        Tasklist(String user) {
            browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
            assertThat(Api.signIn(browser, cookies, "http://localhost:" + app.port(), user, "tasklist")).isEqualTo(200);
        }

        private static String token(java.net.CookieManager cookies) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst().orElseThrow().getValue();
        }

        Api.Response post(String path, String json) {
            try {
                java.net.http.HttpResponse<byte[]> response = browser.send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://localhost:" + app.port() + path))
                        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token(cookies))
                        .header("Origin", "http://localhost:" + app.port())
                        .header("Referer", "http://localhost:" + app.port() + "/camunda/app/tasklist/default/")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                return new Api.Response(response.statusCode(),
                        new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), response.body(),
                        response.headers().firstValue("Content-Type").orElse(""));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Api.Response put(String user, String path, String json) {
        return send(user, "PUT", path, json);
    }

    Api.Response delete(String user, String path) {
        return send(user, "DELETE", path, null);
    }

    private Api.Response send(String user, String method, String path, String json) {
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://localhost:" + app.port() + path))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(json));
            java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(response.statusCode(),
                    new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
