package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * The engine's REST API by role (issue 13: "Engine REST by role", finding 5): staff get what
 * Tasklist needs, analysts what Cockpit needs, the portal nothing; every generic write path is
 * refused at the door (403, {@code type} = {@code Forbidden}) and changes nothing. The same holds
 * for the webapps' copy of the API that Tasklist and Cockpit call. On H2 and on PostgreSQL in the
 * subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineRestDoorsTest {

    AppInstance app;
    Api api;
    /** A commune A record waiting at reception: its process instance and reception task. */
    String code;
    String processInstanceId;
    String receptionTaskId;

    abstract AppInstance startApp(String... settings);

    void stopDatabase() throws IOException {
    }

    @BeforeAll
    void aRecordAtReception() {
        // The late-record sweep every second, so that the apology task of finding 5 comes quickly.
        app = startApp("--motcua.records.late-sweep-interval=PT1S");
        api = app.api();
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Lê Văn Cửa"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        code = submitted.json().at("/record/code").asText();
        JsonNode tasks = Api.eventually(() -> api.get("clerk-a",
                "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=Task_Reception").json(),
                Duration.ofSeconds(30));
        assertThat(tasks).hasSize(1);
        receptionTaskId = tasks.get(0).get("id").asText();
        processInstanceId = tasks.get(0).get("processInstanceId").asText();
    }

    @AfterAll
    void stop() throws IOException {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- what Tasklist needs still works ----------------------------------------------------------

    @Test
    void aClerkStillWorksTheirTasksOverEngineRest() {
        String task = "/engine-rest/task/" + receptionTaskId;
        for (String read : List.of(task, task + "/form", task + "/deployed-form", task + "/form-variables",
                task + "/identity-links", task + "/comment", task + "/variables",
                "/engine-rest/process-definition?latestVersion=true", "/engine-rest/filter",
                "/engine-rest/user/clerk-a/profile")) {
            Api.Response answer = api.get("clerk-a", read);
            assertThat(answer.status()).as("GET %s: %s", read, answer.body()).isEqualTo(200);
        }
        Api.Response comment = api.post("clerk-a", task + "/comment/create", "{\"message\": \"Đã kiểm tra\"}");
        assertThat(comment.status()).as(comment.body()).isEqualTo(200);
        assertThat(api.post("clerk-a", task + "/claim", "{\"userId\": \"clerk-a\"}").status()).isEqualTo(204);
        assertThat(api.post("clerk-a", task + "/unclaim", "").status()).isEqualTo(204);
        // Another unit's clerk passes the door and still sees nothing of it (Camunda's authorizations).
        assertThat(api.get("clerk-b", task).status()).isEqualTo(404);
    }

    // --- the side doors are closed -------------------------------------------------------------------

    @Test
    void aClerkCannotWriteVariablesOutsideTheFormSheCompletes() {
        for (String[] call : new String[][] {
                {"PUT", "/engine-rest/task/" + receptionTaskId + "/variables/unit", "{\"value\": \"commune-b\"}"},
                {"POST", "/engine-rest/task/" + receptionTaskId + "/variables",
                        "{\"modifications\": {\"unit\": {\"value\": \"commune-b\"}}}"},
                {"PUT", "/engine-rest/process-instance/" + processInstanceId + "/variables/unit",
                        "{\"value\": \"commune-b\"}"},
                {"POST", "/engine-rest/process-instance/" + processInstanceId + "/variables",
                        "{\"modifications\": {\"unit\": {\"value\": \"commune-b\"}}}"},
                {"PUT", "/engine-rest/execution/" + processInstanceId + "/localVariables/unit",
                        "{\"value\": \"commune-b\"}"},
                {"DELETE", "/engine-rest/process-instance/" + processInstanceId + "/variables/unit", null},
                {"PUT", "/engine-rest/task/" + receptionTaskId, "{\"name\": \"x\", \"due\": null}"},
                {"POST", "/engine-rest/task/" + receptionTaskId + "/identity-links",
                        "{\"groupId\": \"commune-b:clerk\", \"type\": \"candidate\"}"},
                {"POST", "/engine-rest/task/" + receptionTaskId + "/assignee", "{\"userId\": \"clerk-b\"}"}}) {
            assertRefusedAtTheDoor(api.request("clerk-a", call[0], call[1], call[2]), call[0] + " " + call[1]);
        }
        assertThat(app.bean(RuntimeService.class).getVariable(processInstanceId, "unit")).isEqualTo("commune-a");
        assertThat(api.get("clerk-b", "/engine-rest/task/" + receptionTaskId).status()).isEqualTo(404);
    }

    @Test
    void aClerkCannotSendMessagesOrSignals() {
        assertRefusedAtTheDoor(api.post("clerk-a", "/engine-rest/message",
                "{\"messageName\": \"RecordWithdrawn\", \"businessKey\": \"" + code + "\"}"), "message");
        assertRefusedAtTheDoor(api.post("clerk-a", "/engine-rest/signal", "{\"name\": \"anything\"}"), "signal");
        assertRefusedAtTheDoor(api.post("clerk-a", "/engine-rest/execution/" + processInstanceId
                + "/messageSubscriptions/RecordWithdrawn/trigger", "{}"), "trigger");
        assertThat(app.bean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(processInstanceId)
                .count()).as("the record's process still runs").isEqualTo(1);
    }

    @Test
    void aClerkCannotDeploy() {
        int before = app.bean(RepositoryService.class).createDeploymentQuery().list().size();
        Api.Response deployed = api.postMultipart("clerk-a", "/engine-rest/deployment/create", List.of(
                Api.Part.json("deployment-name", "\"side door\""),
                Api.Part.file("model", "side-door.bpmn", "application/xml", """
                        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                          <process id="side-door" isExecutable="true"><startEvent id="s"/></process>
                        </definitions>""".getBytes(StandardCharsets.UTF_8))));
        assertRefusedAtTheDoor(deployed, "deployment/create");
        assertRefusedAtTheDoor(api.request("clerk-a", "DELETE", "/engine-rest/deployment/any-id", null), "delete");
        assertThat(app.bean(RepositoryService.class).createDeploymentQuery().list()).hasSize(before);
    }

    @Test
    void noModificationMigrationJobsBatchesOrExternalTasksForStaff() {
        for (String user : List.of("clerk-a", "specialist-a", "leader-a", "records-a")) {
            for (String[] call : new String[][] {
                    {"POST", "/engine-rest/process-instance/" + processInstanceId + "/modification",
                            "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"Task_Issuing\"}]}"},
                    {"POST", "/engine-rest/modification/execute", "{}"},
                    {"POST", "/engine-rest/migration/execute", "{}"},
                    {"DELETE", "/engine-rest/process-instance/" + processInstanceId, null},
                    {"PUT", "/engine-rest/process-instance/" + processInstanceId + "/suspended",
                            "{\"suspended\": true}"},
                    {"GET", "/engine-rest/job", null},
                    {"POST", "/engine-rest/job/any-id/execute", null},
                    {"PUT", "/engine-rest/job/suspended", "{\"suspended\": true}"},
                    {"GET", "/engine-rest/batch", null},
                    {"POST", "/engine-rest/external-task/fetchAndLock", "{\"workerId\": \"w\", \"maxTasks\": 1}"},
                    {"POST", "/engine-rest/filter/create", "{\"resourceType\": \"Task\", \"name\": \"mine\"}"},
                    {"GET", "/engine-rest/variable-instance", null},
                    {"GET", "/engine-rest/history/process-instance", null},
                    // the named-engine form of the same endpoints, and a trailing slash
                    {"POST", "/engine-rest/engine/default/message", "{\"messageName\": \"RecordWithdrawn\"}"},
                    {"POST", "/engine-rest/message/", "{\"messageName\": \"RecordWithdrawn\"}"}}) {
                assertRefusedAtTheDoor(api.request(user, call[0], call[1], call[2]), user + " " + call[0] + " " + call[1]);
            }
        }
        assertThat(app.bean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(processInstanceId)
                .active().count()).isEqualTo(1);
    }

    @Test
    void thePortalHasNoEngineRest() {
        for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/version",
                "/engine-rest/history/task")) {
            assertRefusedAtTheDoor(api.get("portal", path), "portal GET " + path);
        }
        assertRefusedAtTheDoor(api.post("portal", "/engine-rest/process-definition/key/birth-registration/start",
                "{\"variables\": {\"unit\": {\"value\": \"commune-a\"}}}"), "portal start");
        assertThat(api.get(null, "/engine-rest/task").status()).as("nobody logged in").isEqualTo(401);
    }

    @Test
    void theAnalystReadsAndRetriesButChangesNoRecord() {
        for (String read : List.of("/engine-rest/process-instance?processInstanceId=" + processInstanceId,
                "/engine-rest/process-instance/" + processInstanceId + "/activity-instances",
                "/engine-rest/process-instance/" + processInstanceId + "/variables", "/engine-rest/incident",
                "/engine-rest/job?processInstanceId=" + processInstanceId,
                "/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId)) {
            Api.Response answer = api.get("analyst", read);
            assertThat(answer.status()).as("GET %s: %s", read, answer.body()).isEqualTo(200);
        }
        // Retries pass the door (there is no such job: what the engine answers is its own business).
        assertThat(api.request("analyst", "PUT", "/engine-rest/job/no-such-job/retries", "{\"retries\": 1}").status())
                .isNotIn(401, 403);
        for (String[] call : new String[][] {
                {"PUT", "/engine-rest/process-instance/" + processInstanceId + "/variables/unit",
                        "{\"value\": \"commune-b\"}"},
                {"POST", "/engine-rest/message", "{\"messageName\": \"RecordWithdrawn\"}"},
                {"POST", "/engine-rest/process-instance/" + processInstanceId + "/modification", "{}"},
                {"DELETE", "/engine-rest/process-instance/" + processInstanceId, null},
                {"DELETE", "/engine-rest/deployment/any-id", null},
                {"POST", "/engine-rest/task/" + receptionTaskId + "/complete", "{}"}}) {
            assertRefusedAtTheDoor(api.request("analyst", call[0], call[1], call[2]), "analyst " + call[1]);
        }
        assertThat(app.bean(RuntimeService.class).getVariable(processInstanceId, "unit")).isEqualTo("commune-a");
    }

    @Test
    void theWebappsApiServesTheSameTable() {
        Api.WebappSession tasklist = api.webappSession("clerk-a", "tasklist");
        assertThat(tasklist.loginStatus).isEqualTo(200);
        String engine = "/camunda/api/engine/engine/default";
        assertThat(tasklist.request("GET", engine + "/task/" + receptionTaskId + "/form-variables", null).status())
                .isEqualTo(200);
        assertRefusedAtTheDoor(tasklist.request("PUT", engine + "/process-instance/" + processInstanceId
                + "/variables/unit", "{\"value\": \"commune-b\"}"), "webapp variable");
        assertRefusedAtTheDoor(tasklist.request("POST", engine + "/message",
                "{\"messageName\": \"RecordWithdrawn\", \"businessKey\": \"" + code + "\"}"), "webapp message");
        assertRefusedAtTheDoor(tasklist.request("GET", engine + "/history/task", null), "webapp history");
        assertRefusedAtTheDoor(tasklist.request("GET",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count", null),
                "Cockpit's plugin API for a clerk");

        Api.WebappSession cockpit = api.webappSession("analyst", "cockpit");
        assertThat(cockpit.loginStatus).isEqualTo(200);
        assertThat(cockpit.request("GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count",
                null).status()).isEqualTo(200);
        assertRefusedAtTheDoor(cockpit.request("POST", engine + "/message", "{\"messageName\": \"RecordWithdrawn\"}"),
                "webapp message as analyst");
        assertThat(app.bean(RuntimeService.class).getVariable(processInstanceId, "unit")).isEqualTo("commune-a");
    }

    // --- finding 5: history of tasks without a process definition -------------------------------

    @Test
    void anotherUnitCannotReadALateRecordsApologyTaskThroughHistory() {
        String late = submitAndAccept("Trần Thị Trễ");
        ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().plus(Duration.ofDays(60))));
        try {
            String name = URLEncoder.encode("%" + late + "%", StandardCharsets.UTF_8);
            JsonNode apology = Api.eventually(() -> api.get("leader-a", "/engine-rest/task?nameLike=" + name).json(),
                    Duration.ofSeconds(30));
            assertThat(apology).as("commune A's leaders are asked for the apology").isNotEmpty();
            String taskId = apology.get(0).get("id").asText();
            assertThat(apology.get(0).get("processDefinitionId").isNull()).as("a task of the product's apology process")
                    .isFalse();

            for (String user : List.of("clerk-b", "leader-b", "portal", "clerk-a")) {
                for (String path : List.of("/engine-rest/history/task?taskId=" + taskId,
                        "/engine-rest/history/variable-instance?taskIdIn=" + taskId,
                        "/engine-rest/history/detail?taskId=" + taskId,
                        "/engine-rest/history/identity-link-log?taskId=" + taskId)) {
                    assertRefusedAtTheDoor(api.get(user, path), user + " " + path);
                }
            }
            // Behind the door, the engine shows a task without a process definition to its candidate group only.
            assertThat(historicTasksSeenBy("leader-b", taskId)).isZero();
            assertThat(historicTasksSeenBy("clerk-b", taskId)).isZero();
            assertThat(historicTasksSeenBy("leader-a", taskId)).isEqualTo(1);
            HistoryService history = app.bean(HistoryService.class);
            assertThat(as("leader-b", () -> history.createHistoricVariableInstanceQuery().taskIdIn(taskId).count()))
                    .isZero();
            assertThat(as("leader-b", () -> history.createHistoricIdentityLinkLogQuery().taskId(taskId).count()))
                    .isZero();
            assertThat(as("leader-b", () -> history.createHistoricDetailQuery().taskId(taskId).count())).isZero();
            // Tasklist's History tab (the operation log) shows a clerk her own unit's work only.
            String claimedAndCompleted = "/engine-rest/history/user-operation?taskId=" + acceptedReceptionTaskId;
            assertThat(api.get("clerk-a", claimedAndCompleted).json()).as("clerk-a's claim and completion")
                    .isNotEmpty();
            assertThat(api.get("clerk-b", claimedAndCompleted).json()).isEmpty();
            assertThat(api.get("leader-b", "/engine-rest/history/user-operation?taskId=" + taskId).json()).isEmpty();
            // Analysts and administrators see every record's history, this task included.
            assertThat(api.get("analyst", "/engine-rest/history/task?taskId=" + taskId).json()).hasSize(1);
            assertThat(api.get("admin", "/engine-rest/history/task?taskId=" + taskId).json()).hasSize(1);
        } finally {
            ClockUtil.reset();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** The reception task last completed by {@link #submitAndAccept}. */
    String acceptedReceptionTaskId;

    String submitAndAccept(String childName) {
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", childName));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String record = submitted.json().at("/record/code").asText();
        JsonNode tasks = Api.eventually(() -> api.get("clerk-a", "/engine-rest/task?processInstanceBusinessKey="
                + record + "&taskDefinitionKey=Task_Reception").json(), Duration.ofSeconds(30));
        String id = tasks.get(0).get("id").asText();
        acceptedReceptionTaskId = id;
        assertThat(api.post("clerk-a", "/engine-rest/task/" + id + "/claim", "{\"userId\": \"clerk-a\"}").status())
                .isEqualTo(204);
        Api.Response done = api.post("clerk-a", "/engine-rest/task/" + id + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        return record;
    }

    long historicTasksSeenBy(String user, String taskId) {
        HistoryService history = app.bean(HistoryService.class);
        return as(user, () -> history.createHistoricTaskInstanceQuery().taskId(taskId).count());
    }

    <T> T as(String user, java.util.function.Supplier<T> query) {
        IdentityService identity = app.bean(IdentityService.class);
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identity.setAuthentication(user, groups);
        try {
            return query.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** 403 from the door itself (not from the engine's own checks behind it). */
    static void assertRefusedAtTheDoor(Api.Response response, String what) {
        assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(403);
        assertThat(response.json().get("type").asText()).as("%s: %s", what, response.body()).isEqualTo("Forbidden");
    }
}
