package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;
import vn.motcua.support.AppInstance;

/**
 * Models are code: every model reaching the engine passes one gate inside the engine's
 * deployment, whichever door it comes through. Here the door is engine-rest
 * {@code POST /engine-rest/deployment/create}, as Camunda Modeler's <em>Deploy</em> button uses it,
 * and the Java API; the file-system deployment is covered by the start-up of the app itself.
 * Each refusal answers 400 (403 for who may not deploy) and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelGateTest {

    static final String CREATE = "/engine-rest/deployment/create";

    AppInstance app;
    Api api;
    RepositoryService repositoryService;
    Path scratch;

    /** Starts the app (demo profile) on {@link #processes} with these settings, on the database of the subclass. */
    abstract AppInstance startApp(String... settings);

    void stopDatabase() throws IOException {
    }

    /** A copy of processes/, the app's processes directory (the reload test adds bad files to it). */
    Path processes;

    @BeforeAll
    void start() throws IOException {
        scratch = Files.createTempDirectory("model-gate");
        processes = Files.createDirectory(scratch.resolve("processes"));
        try (var files = Files.list(Path.of("processes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, processes.resolve(file.getFileName()));
            }
        }
        app = startApp("--camunda.bpm.job-execution.enabled=false");
        api = app.api();
        repositoryService = app.bean(RepositoryService.class);
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    @Test
    void anAnalystDeploysAConformingProcedureFromModeler() throws IOException {
        String model = shipped().replace("\"birth-registration\"", "\"gate-modeler-ok\"");

        Api.Response response = deploy("analyst", "gate-modeler-ok.bpmn", model, true);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("deployedProcessDefinitions").toString()).contains("gate-modeler-ok");
    }

    @Test
    void aModelerDeployOfAProcedureStaysTheLatestVersionUntilItsFileChanges() throws IOException {
        // Modeler names the deployment after the file, as the product does; its source differs.
        String key = "birth-registration";
        ProcessDefinition fromFile = latest(key);
        String edited = shipped().replace("name=\"Đăng ký khai sinh / Birth registration\"",
                "name=\"Đăng ký khai sinh / Birth registration (from Modeler)\"");

        Api.Response modeler = deploy("analyst", "birth-registration.bpmn", edited, true, key);
        assertThat(modeler.status()).as(modeler.body()).isEqualTo(200);
        ProcessDefinition fromModeler = latest(key);
        assertThat(fromModeler.getVersion()).isEqualTo(fromFile.getVersion() + 1);
        assertThat(repositoryService.createDeploymentQuery().deploymentId(fromModeler.getDeploymentId()).singleResult()
                .getSource()).isEqualTo("Camunda Modeler");

        Api.Response reload = api.post("analyst", "/api/admin/deployments/reload", null);

        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        JsonNode procedure = null;
        for (JsonNode deployed : reload.json().path("deployed")) {
            if (key.equals(deployed.path("processKey").asText())) {
                procedure = deployed;
            }
        }
        assertThat(procedure).isNotNull();
        // the file is unchanged since its last deployment from processes/: no new version, Modeler's stays the latest
        assertThat(procedure.path("newVersion").asBoolean()).isFalse();
        assertThat(procedure.path("version").asInt()).isEqualTo(fromModeler.getVersion());
        assertThat(latest(key).getId()).isEqualTo(fromModeler.getId());
        // the public catalogue describes the version deployed from processes/
        assertThat(api.get(null, "/api/procedures/1.001193").json().path("version").asInt())
                .isEqualTo(fromFile.getVersion());
    }

    @Test
    void runtimeExecInAnExpressionIsRefusedAndNeverRuns() throws IOException {
        Path marker = scratch.resolve("pwned");
        String exec = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + marker + "') != null}";
        String model = shipped().replace("${receptionDecision == 'accept'}", exec);

        Api.Response response = refused("analyst", "birth-registration.bpmn", model, true, 400);

        assertThat(response.json().path("type").asText()).isEqualTo("ParseException");
        assertThat(response.json().path("message").asText())
                .contains("birth-registration.bpmn: Flow_Accept [allowed-expressions]", "'getClass'");
        JsonNode errors = response.json().path("details").path("birth-registration.bpmn").path("errors");
        assertThat(errors.findValuesAsText("mainElementId")).contains("Flow_Accept");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aJuelScriptTaskIsRefused() throws IOException {
        String model = shipped().replaceFirst("(<bpmn:userTask id=\"Task_Reception\")",
                "<bpmn:scriptTask id=\"Script_Juel\" scriptFormat=\"juel\"><bpmn:script>\\${''.getClass()}</bpmn:script>"
                        + "</bpmn:scriptTask>\n    $1");

        Api.Response response = refused("analyst", "birth-registration.bpmn", model, true, 400);

        assertThat(response.json().path("message").asText())
                .contains("birth-registration.bpmn: Script_Juel [no-scripts] a script task ('juel')");
    }

    @Test
    void anExpressionReachingTheIdentityServiceIsRefused() throws IOException {
        String model = shipped().replaceFirst("camunda:followUpDate=\"\\$\\{deadlines.followUp\\(execution\\)\\}\"",
                "camunda:followUpDate=\"\\${identityService.createUserQuery().singleResult().getId() == null ? null : null}\"");

        Api.Response response = refused("analyst", "birth-registration.bpmn", model, true, 400);

        assertThat(response.json().path("message").asText()).contains("[allowed-expressions]",
                "calls 'createUserQuery' on 'identityService', which is not a bean meant for models");
    }

    @Test
    void aClerkMayNotDeploy() throws IOException {
        Api.Response response = refused("clerk-a", "gate-clerk.bpmn",
                shipped().replace("\"birth-registration\"", "\"gate-clerk\""), true, 403);

        assertThat(response.body()).doesNotContain("Exception:").contains("clerk-a");
    }

    @Test
    void aUserGrantedDeploymentsWhoIsNoAnalystMayNotDeployEither() throws IOException {
        IdentityService identityService = app.bean(IdentityService.class);
        AuthorizationService authorizations = app.bean(AuthorizationService.class);
        if (identityService.createUserQuery().userId("gate-granted").count() == 0) {
            User user = identityService.newUser("gate-granted");
            user.setPassword("demo");
            identityService.saveUser(user);
            identityService.createMembership("gate-granted", "commune-a:clerk");
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId("gate-granted");
            grant.setResource(Resources.DEPLOYMENT);
            grant.setResourceId("*");
            grant.addPermission(Permissions.CREATE);
            grant.addPermission(Permissions.READ);
            authorizations.saveAuthorization(grant);
        }

        String model = shipped().replace("\"birth-registration\"", "\"gate-granted\"");
        Api.Response response = refused("gate-granted", "gate-granted.bpmn", model, true, 403);
        // Over engine-rest the door refuses them first (security/EngineRestAccess: deployments are the
        // analysts'); through the Java API the gate inside the engine refuses them all the same.
        assertThat(response.json().path("message").asText()).contains("gate-granted");
        identityService.setAuthentication("gate-granted", List.of("commune-a:clerk"));
        try {
            assertThatThrownBy(() -> app.bean(RepositoryService.class).createDeployment()
                    .addString("gate-granted.bpmn", model).deploy())
                    .hasMessageContaining("'gate-granted' may not deploy models: only analysts");
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void aModelBreakingTheFiveStepsIsRefusedWithItsViolations() throws IOException {
        String model = shipped().replace("\"birth-registration\"", "\"gate-four-steps\"")
                .replace("<camunda:property name=\"step\" value=\"approval\" />",
                        "<camunda:property name=\"step\" value=\"review\" />");

        Api.Response response = refused("analyst", "gate-four-steps.bpmn", model, true, 400);

        assertThat(response.json().path("message").asText())
                .contains("gate-four-steps.bpmn: gate-four-steps [five-steps] no user task has step 'approval'");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("gate-four-steps").count())
                .isZero();
    }

    /** The product's own processes (notices, apologies) cannot be replaced by a conforming look-alike. */
    @Test
    void aModelTakingTheKeyOfTheProductsOwnProcessesIsRefused() throws IOException {
        String model = shipped().replace("\"birth-registration\"", "\"motcua-system-overdue-notice\"");

        Api.Response response = refused("analyst", "notice.bpmn", model, true, 400);

        assertThat(response.json().path("message").asText()).contains("[reserved-key]", "motcua-system-overdue-notice");
    }

    @Test
    void aModelWithoutItsFormsIsRefused() throws IOException {
        // camunda:formRefBinding="deployment" binds the forms of the same deployment: Modeler must attach them
        String model = shipped().replace("\"birth-registration\"", "\"gate-no-forms\"");

        Api.Response response = refused("analyst", "gate-no-forms.bpmn", model, false, 400);

        assertThat(response.json().path("message").asText()).contains("[form-ref]");
    }

    @Test
    void notXmlIsRefused() {
        Api.Response response = refused("analyst", "notes.bpmn", "this is not XML at all", false, 400);

        assertThat(response.json().path("message").asText()).contains("notes.bpmn: [bpmn-parse]");
    }

    @Test
    void anXxeModelIsRefusedWithoutReadingTheFile() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" "
                + "targetNamespace=\"x\"><bpmn:process id=\"xxe\" name=\"&xxe;\" isExecutable=\"true\" />"
                + "</bpmn:definitions>";

        Api.Response response = refused("analyst", "xxe.bpmn", xxe, false, 400);

        assertThat(response.json().path("message").asText()).contains("xxe.bpmn: [bpmn-parse]").contains("DOCTYPE");
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void aBillionLaughsModelIsRefused() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
        }
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [" + entities + "]>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" "
                + "targetNamespace=\"x\"><bpmn:process id=\"laughs\" name=\"&lol9;\" isExecutable=\"true\" />"
                + "</bpmn:definitions>";

        Api.Response response = refused("analyst", "laughs.bpmn", laughs, false, 400);

        assertThat(response.json().path("message").asText()).contains("laughs.bpmn: [bpmn-parse]");
    }

    @Test
    void badFilesInProcessesAreRefusedOnReloadAndTheOthersStay() throws IOException {
        Files.writeString(processes.resolve("zz-not-xml.bpmn"), "this is not XML at all");
        Files.writeString(processes.resolve("zz-xxe.bpmn"), "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "id=\"d\" targetNamespace=\"x\"><bpmn:process id=\"xxe\" name=\"&x;\" /></bpmn:definitions>");
        long deployments = repositoryService.createDeploymentQuery().count();
        try {
            Api.Response reload = api.post("analyst", "/api/admin/deployments/reload", null);

            assertThat(reload.status()).as(reload.body()).isEqualTo(422);
            List<String> refusedFiles = new ArrayList<>();
            reload.json().path("refused").forEach(refused -> refusedFiles.add(refused.path("file").asText()));
            assertThat(refusedFiles).containsExactly("zz-not-xml.bpmn", "zz-xxe.bpmn");
            assertThat(reload.json().path("refused").findValuesAsText("ruleId")).containsOnly("bpmn-parse");
            assertThat(reload.json().path("deployed").findValuesAsText("processKey"))
                    .as("every shipped procedure").containsExactlyInAnyOrderElementsOf(shippedProcedureKeys());
            assertThat(reload.body()).doesNotContain("root:");
            assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        } finally {
            Files.delete(processes.resolve("zz-not-xml.bpmn"));
            Files.delete(processes.resolve("zz-xxe.bpmn"));
        }
    }

    @Test
    void aResourceThatIsNeitherModelNorFormIsRefused() {
        Api.Response response = refused("analyst", "decision.dmn", "<definitions/>", false, 400);

        assertThat(response.json().path("message").asText()).contains("decision.dmn: [deployment-resources]");
    }

    @Test
    void theEngineResolvesOnlyTheBeansMeantForModels() {
        // Deployed by the product's own code (no engine user), so only the code rules apply: a bare
        // identifier passes them. The engine itself must then not find the bean.
        String key = "gate-bean-resolution";
        repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_ModelBean").camundaExpression("${deadlines != null}").camundaResultVariable("modelBean")
                .userTask("Task_Wait")
                .endEvent().done()).deploy();
        String other = "gate-bean-resolution-other";
        repositoryService.createDeployment().name(other).addModelInstance(other + ".bpmn",
                Bpmn.createExecutableProcess(other).camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_OtherBean").camundaExpression("${identityService != null}")
                        .camundaResultVariable("otherBean")
                        .endEvent().done()).deploy();
        RuntimeService runtimeService = app.bean(RuntimeService.class);

        ProcessInstance instance = runtimeService.startProcessInstanceByKey(key);
        assertThat(runtimeService.getVariable(instance.getId(), "modelBean")).isEqualTo(true);
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(other))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("identityService");
    }

    @Test
    void theProductsOwnCodeCannotDeployScriptsEither() {
        String key = "gate-system-script";
        long before = repositoryService.createDeploymentQuery().count();

        assertThatThrownBy(() -> repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn",
                Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                        .scriptTask("Script_System").scriptFormat("juel").scriptText("${''.getClass()}")
                        .endEvent().done()).deploy())
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("gate-system-script.bpmn: Script_System [no-scripts]");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    // --- helpers ---

    /** The shipped birth registration, which conforms. */
    static String shipped() throws IOException {
        return Files.readString(Path.of("processes/birth-registration.bpmn"));
    }

    /** Deploys as Modeler does: name, source, the model and (optionally) every form of forms/. */
    Api.Response deploy(String user, String fileName, String model, boolean withForms) throws IOException {
        return deploy(user, fileName, model, withForms, fileName);
    }

    Api.Response deploy(String user, String fileName, String model, boolean withForms, String deploymentName)
            throws IOException {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("deployment-name", null, "text/plain", deploymentName.getBytes(StandardCharsets.UTF_8)));
        parts.add(new Part("deployment-source", null, "text/plain", "Camunda Modeler".getBytes(StandardCharsets.UTF_8)));
        parts.add(Part.file(fileName, fileName, "application/octet-stream", model.getBytes(StandardCharsets.UTF_8)));
        if (withForms) {
            for (Map.Entry<String, byte[]> form : forms().entrySet()) {
                parts.add(Part.file(form.getKey(), form.getKey(), "application/octet-stream", form.getValue()));
            }
        }
        return api.postMultipart(user, CREATE, parts);
    }

    /** Deploys and checks the refusal: the status, a JSON answer, and nothing stored. */
    Api.Response refused(String user, String fileName, String model, boolean withForms, int status) {
        long deployments = repositoryService.createDeploymentQuery().count();
        long definitions = repositoryService.createProcessDefinitionQuery().count();
        Api.Response response;
        try {
            response = deploy(user, fileName, model, withForms);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(repositoryService.createDeploymentQuery().count()).as("deployments").isEqualTo(deployments);
        assertThat(repositoryService.createProcessDefinitionQuery().count()).as("definitions").isEqualTo(definitions);
        return response;
    }

    ProcessDefinition latest(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private static Map<String, byte[]> forms() throws IOException {
        Map<String, byte[]> forms = new java.util.TreeMap<>();
        try (var files = Files.list(Path.of("forms"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
                forms.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return forms;
    }

    /** The process keys of the shipped models: their file names in processes/. */
    static List<String> shippedProcedureKeys() throws IOException {
        try (var files = Files.list(Path.of("processes"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".bpmn"))
                    .map(name -> name.substring(0, name.length() - ".bpmn".length())).toList();
        }
    }
}
