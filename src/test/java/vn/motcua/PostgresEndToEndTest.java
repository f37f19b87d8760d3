package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;

/**
 * The product as operators run it: the app on a real PostgreSQL (embedded binaries), the demo
 * organisation, procedures deployed from a copy of {@code processes/} and {@code forms/}, and
 * users calling it over HTTP. The tests run in order and share one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class PostgresEndToEndTest {

    static final List<String> PROCEDURES = List.of("birth-registration", "construction-permit",
            "household-business-registration", "alcohol-wholesale-licence");

    @TempDir
    static Path workDir;

    EmbeddedPostgres postgres;
    AppInstance app;
    Api api;
    String recordInstanceId;

    @BeforeAll
    void startPostgresAndApp() throws IOException {
        copyDir(Path.of("processes"), workDir.resolve("processes"));
        copyDir(Path.of("forms"), workDir.resolve("forms"));
        postgres = EmbeddedPostgres.builder().start();
        startApp();
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void deploysTheThreeProceduresFromTheFileSystem() {
        JsonNode definitions = api.get("analyst", "/engine-rest/process-definition?latestVersion=true").json();
        Map<String, Integer> versions = new TreeMap<>();
        definitions.forEach(d -> versions.put(d.get("key").asText(), d.get("version").asInt()));
        // beside the procedures, the product's own processes (the notice and the apology in Tasklist)
        Map<String, Integer> expected = new TreeMap<>(eachAtVersion(1));
        expected.put("motcua-system-late-record-apology", 1);
        expected.put("motcua-system-overdue-notice", 1);
        assertThat(versions).as("each procedure at version 1").isEqualTo(expected);
        assertThat(resourceNames("birth-registration")).contains("birth-registration.bpmn",
                "birth-registration-reception.form", "approval.form");
    }

    @Test
    @Order(2)
    void anonymousCallsAreRefused() {
        assertThat(api.get(null, "/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(api.get(null, "/engine-rest/task").status()).isEqualTo(401);
        assertThat(api.post(null, "/api/admin/deployments/reload", "").status()).isEqualTo(401);
        assertThat(api.get(null, "/api/anything").status()).isEqualTo(401);
        assertThat(api.get("nobody", "/engine-rest/task").status()).isEqualTo(401);
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        // a browser without a session is sent to the staff sign-in page; never answered
        assertThat(api.get(null, "/somewhere-else").status()).isIn(302, 401, 403);
    }

    @Test
    @Order(2)
    void eachUserReachesOnlyTheWebappsOfTheirJob() {
        assertThat(api.webappLogin("clerk-a", "tasklist")).isEqualTo(200);
        assertThat(api.webappLogin("clerk-a", "cockpit")).isEqualTo(403);
        assertThat(api.webappLogin("leader-p", "tasklist")).isEqualTo(200);
        assertThat(api.webappLogin("analyst", "cockpit")).isEqualTo(200);
        assertThat(api.webappLogin("analyst", "admin")).isEqualTo(403);
        assertThat(api.webappLogin("admin", "admin")).isEqualTo(200);
        assertThat(api.webappLogin("admin", "cockpit")).isEqualTo(200);
        assertThat(api.webappLogin("portal", "tasklist")).as("the portal is an API client only: no staff sign-in")
                .isEqualTo(401);
        assertThat(api.webappLogin("clerk-a-typo", "tasklist")).isNotEqualTo(200);
    }

    @Test
    @Order(3)
    void aRecordOfCommuneAIsWorkedByCommuneAOnly() {
        Api.Response started = api.post("clerk-a", "/engine-rest/process-definition/key/birth-registration/start", """
                {"variables": {"unit": {"value": "commune-a"}, "childFullName": {"value": "Nguyễn Văn An"}}}""");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        recordInstanceId = started.json().get("id").asText();

        JsonNode tasks = api.get("clerk-a", "/engine-rest/task?processInstanceId=" + recordInstanceId).json();
        assertThat(tasks).hasSize(1);
        JsonNode reception = tasks.get(0);
        assertThat(reception.get("taskDefinitionKey").asText()).isEqualTo("Task_Reception");
        assertThat(reception.get("due").isNull()).as("due date set").isFalse();
        String taskId = reception.get("id").asText();
        Api.Response form = api.get("clerk-a", "/engine-rest/task/" + taskId + "/deployed-form");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.json().get("id").asText()).isEqualTo("birth-registration-reception");

        // commune B neither sees nor works commune A's record
        assertThat(api.get("clerk-b", "/engine-rest/task?processInstanceId=" + recordInstanceId).json()).isEmpty();
        assertThat(api.get("clerk-b", "/engine-rest/task/" + taskId).status()).isIn(403, 404);
        Api.Response claimByB = api.post("clerk-b", "/engine-rest/task/" + taskId + "/claim",
                "{\"userId\": \"clerk-b\"}");
        assertThat(claimByB.status()).isEqualTo(403);
        assertThat(claimByB.body()).doesNotContain("\tat ", "Exception:");
        Api.Response completeByB = api.post("clerk-b", "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(completeByB.status()).isEqualTo(403);
        assertThat(api.get("specialist-a", "/engine-rest/task?processInstanceId=" + recordInstanceId).json())
                .as("a specialist does not see the clerk's task").isEmpty();

        assertThat(api.post("clerk-a", "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"clerk-a\"}")
                .status()).isEqualTo(204);
        assertThat(api.post("clerk-a", "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}").status()).isEqualTo(204);

        // the registry lookups run as jobs before appraisal
        JsonNode appraisal = Api.eventually(() -> api.get("specialist-a", "/engine-rest/task?processInstanceId="
                + recordInstanceId).json(), java.time.Duration.ofSeconds(30));
        assertThat(appraisal).hasSize(1);
        assertThat(appraisal.get(0).get("taskDefinitionKey").asText()).isEqualTo("Task_Appraisal");
        assertThat(api.get("specialist-b", "/engine-rest/task?processInstanceId=" + recordInstanceId).json())
                .isEmpty();
    }

    @Test
    @Order(4)
    void onlyAnalystsAndAdminsReloadAndAnUnchangedReloadMakesNoVersion() {
        assertThat(api.post("clerk-a", "/api/admin/deployments/reload", "").status()).isEqualTo(403);
        Api.Response reload = api.post("analyst", "/api/admin/deployments/reload", "");
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        JsonNode deployed = reload.json().get("deployed");
        assertThat(deployed).hasSize(PROCEDURES.size());
        deployed.forEach(p -> {
            assertThat(p.get("newVersion").asBoolean()).isFalse();
            assertThat(p.get("version").asInt()).isEqualTo(1);
        });
    }

    @Test
    @Order(5)
    void aRestartWithUnchangedFilesMakesNoNewVersion() {
        long deploymentsBefore = repository().createDeploymentQuery().count();
        app.close();
        startApp();
        assertThat(repository().createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(latestVersions()).as("each procedure still at version 1").isEqualTo(eachAtVersion(1));
        assertThat(api.get("clerk-a", "/engine-rest/task?processInstanceId=" + recordInstanceId).status())
                .isEqualTo(200);
    }

    @Test
    @Order(6)
    void aChangedModelGetsANewVersionAndABrokenOneIsRefusedWithoutHarmingTheOthers() throws IOException {
        Path birth = workDir.resolve("processes/birth-registration.bpmn");
        String original = Files.readString(birth);
        Files.writeString(birth, original.replace("camunda:historyTimeToLive=\"180\"",
                "camunda:historyTimeToLive=\"181\""));
        Files.writeString(workDir.resolve("processes/broken-no-approval.bpmn"), original
                .replace("\"birth-registration\"", "\"broken-no-approval\"")
                .replace("value=\"approval\"", "value=\"review\""));

        Api.Response reload = api.post("analyst", "/api/admin/deployments/reload", "");
        assertThat(reload.status()).as(reload.body()).isEqualTo(422);
        JsonNode refused = reload.json().get("refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("file").asText()).isEqualTo("broken-no-approval.bpmn");
        List<String> rules = new ArrayList<>();
        refused.get(0).get("violations").forEach(v -> rules.add(v.get("ruleId").asText()));
        assertThat(rules).contains("five-steps");

        assertThat(latestVersions()).containsEntry("birth-registration", 2)
                .containsEntry("household-business-registration", 1)
                .containsEntry("construction-permit", 1)
                .containsEntry("alcohol-wholesale-licence", 1)
                .doesNotContainKey("broken-no-approval");
        ProcessDefinition running = repository().createProcessDefinitionQuery()
                .processDefinitionId(app.bean(org.camunda.bpm.engine.RuntimeService.class)
                        .createProcessInstanceQuery().processInstanceId(recordInstanceId).singleResult()
                        .getProcessDefinitionId())
                .singleResult();
        assertThat(running.getVersion()).as("a running record keeps its version").isEqualTo(1);
    }

    private void startApp() {
        app = AppInstance.start(postgres, workDir.resolve("processes"), workDir.resolve("forms"));
        api = app.api();
    }

    private RepositoryService repository() {
        return app.bean(RepositoryService.class);
    }

    /** Every procedure of {@link #PROCEDURES} at this version: a map to compare whole, key by key. */
    static Map<String, Integer> eachAtVersion(int version) {
        Map<String, Integer> expected = new TreeMap<>();
        PROCEDURES.forEach(key -> expected.put(key, version));
        return expected;
    }

    private Map<String, Integer> latestVersions() {
        Map<String, Integer> versions = new TreeMap<>();
        repository().createProcessDefinitionQuery().latestVersion().list().stream()
                .filter(d -> !vn.motcua.procedure.SystemModels.isSystemKey(d.getKey())) // not procedures
                .forEach(d -> versions.put(d.getKey(), d.getVersion()));
        return versions;
    }

    private List<String> resourceNames(String deploymentName) {
        String deploymentId = repository().createDeploymentQuery().deploymentName(deploymentName).list().get(0)
                .getId();
        return repository().getDeploymentResourceNames(deploymentId);
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.write(to.resolve(file.getFileName()), Files.readAllBytes(file));
            }
        }
    }
}
