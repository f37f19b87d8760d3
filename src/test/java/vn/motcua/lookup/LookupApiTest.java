package vn.motcua.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.demo.registry.SandboxSamples;
import vn.motcua.support.Api;

/**
 * Declare once, end to end in the embedded default with the real job executor: a birth
 * registration submitted with only the parents' personal IDs reaches appraisal with their data
 * from the sandbox registry, each value with its source in the record's API; the lookup log is
 * the administrators'. With the sandbox stopped the lookup retries, becomes an incident shown in
 * the health endpoint, and completes once the sandbox is back and the incident retried.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:lookups;DB_CLOSE_DELAY=-1",
        "motcua.registries.population.retry-cycle=PT1S,PT1S",
        "motcua.registries.residence.retry-cycle=PT1S,PT1S",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000"})
@ActiveProfiles("demo")
class LookupApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ManagementService management;

    Api api() {
        return new Api(port);
    }

    /** Submits a birth registration declaring only the parents' IDs, and the clerk accepts it. */
    String submitAndAccept(Api api, String childName) {
        Api.Response submitted = api.post("portal", "/api/records", """
                {"procedureCode": "1.001193", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "%s", "name": "%s", "phone": "0912345678"},
                 "formData": {"childFullName": "%s", "childDateOfBirth": "2026-11-20", "childSex": "female",
                              "applicantRelationship": "mother", "childPlaceOfBirth": "Trạm y tế xã A",
                              "motherPersonalId": "%s", "fatherPersonalId": "%s"}}"""
                .formatted(SandboxSamples.MOTHER_ID, SandboxSamples.MOTHER_NAME, childName, SandboxSamples.MOTHER_ID,
                        SandboxSamples.FATHER_ID));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        String task = Api.eventually(() -> api.get("clerk-a", "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=Task_Reception").json(), Duration.ofSeconds(10)).get(0).get("id").asText();
        assertThat(api.post("clerk-a", "/engine-rest/task/" + task + "/claim", "{\"userId\": \"clerk-a\"}").status())
                .isEqualTo(204);
        Api.Response accepted = api.post("clerk-a", "/engine-rest/task/" + task + "/complete",
                "{\"variables\": {\"receptionDecision\": {\"value\": \"accept\"}}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        return code;
    }

    JsonNode appraisal(Api api, String code, Duration limit) {
        return Api.eventually(() -> api.get("specialist-a", "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=Task_Appraisal").json(), limit);
    }

    @Test
    void onlyThePersonalIdsAreDeclaredAndAppraisalSeesTheRegistriesDataWithItsSources() {
        Api api = api();
        String code = submitAndAccept(api, "Trần Ngọc Anh");

        JsonNode appraisal = appraisal(api, code, Duration.ofSeconds(30));
        assertThat(appraisal).as("the lookups ran, the record is at appraisal").hasSize(1);
        JsonNode form = api.get("specialist-a", "/engine-rest/task/" + appraisal.get(0).get("id").asText()
                + "/form-variables?variableNames=motherFullName,motherDateOfBirth,fatherFullName,householdAddress,"
                + "registrySources").json();
        assertThat(form.at("/motherFullName/value").asText()).isEqualTo(SandboxSamples.MOTHER_NAME);
        assertThat(form.at("/motherDateOfBirth/value").asText()).isEqualTo("1990-03-15");
        assertThat(form.at("/fatherFullName/value").asText()).isEqualTo(SandboxSamples.FATHER_NAME);
        assertThat(form.at("/householdAddress/value").asText()).isEqualTo(SandboxSamples.FAMILY_ADDRESS);
        assertThat(form.at("/registrySources/value").asText()).contains("fatherFullName = Trần Văn Minh — CSDLQG");

        JsonNode record = api.get("portal", "/api/records/" + code).json();
        JsonNode mother = null;
        for (JsonNode value : record.get("registryData")) {
            if (value.get("field").asText().equals("motherFullName")) {
                mother = value;
            }
        }
        assertThat(mother).as("the record's API says where motherFullName came from").isNotNull();
        assertThat(mother.get("value").asText()).isEqualTo(SandboxSamples.MOTHER_NAME);
        assertThat(mother.get("registry").asText()).isEqualTo("population");
        assertThat(mother.get("key").asText()).isEqualTo("personalId=" + SandboxSamples.MOTHER_ID);
        assertThat(mother.get("requestId").asText()).hasSize(36);
        assertThat(mother.has("declaredValue")).as("nothing declared").isFalse();
        assertThat(record.get("registryData").size()).isEqualTo(7 + 7 + 4);

        JsonNode log = api.get("admin", "/api/admin/lookups?record=" + code).json();
        assertThat(log).extracting(e -> e.get("registry").asText() + ":" + e.get("outcome").asText())
                .containsExactlyInAnyOrder("population:found", "population:found", "residence:found");
        assertThat(log.get(0).get("purpose").asText()).startsWith("Đăng ký khai sinh");
        assertThat(api.get("clerk-a", "/api/admin/lookups?record=" + code).status()).as("admin only").isEqualTo(403);
        Api.Response bad = api.get("admin", "/api/admin/lookups?registry=tax");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("registry");
    }

    @Test
    void aStoppedRegistryIsRetriedThenAnIncidentInTheHealthAndTheRecordGoesOnOnceItIsBack() {
        Api api = api();
        assertThat(api.post("admin", "/api/admin/sandbox/stop", "").json().get("running").asBoolean()).isFalse();
        try {
            String code = submitAndAccept(api, "Trần Ngọc Bích");

            JsonNode incidents = Api.eventually(() -> api.get("admin", "/engine-rest/incident?activityId=Lookup_Mother").json(),
                    Duration.ofSeconds(30));
            assertThat(incidents).as("after its retries the lookup is an incident (Cockpit)").hasSize(1);
            assertThat(incidents.get(0).get("incidentMessage").asText()).contains("population registry cannot be reached");
            JsonNode health = api.get("admin", "/actuator/health").json();
            assertThat(health.at("/components/registries/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/registries/details/lookupIncidents").asInt()).isEqualTo(1);
            assertThat(health.at("/components/registries/details/incidents/0/record").asText()).isEqualTo(code);
            assertThat(appraisal(api, code, Duration.ZERO)).isEmpty();

            assertThat(api.post("admin", "/api/admin/sandbox/start", "").json().get("running").asBoolean()).isTrue();
            // the operator retries the incident (Cockpit: "Retry")
            management.setJobRetries(incidents.get(0).get("configuration").asText(), 1);

            assertThat(appraisal(api, code, Duration.ofSeconds(30))).as("the record goes on to appraisal").hasSize(1);
            assertThat(api.get("admin", "/actuator/health").json().at("/components/registries/status").asText())
                    .isEqualTo("UP");
            assertThat(api.get("admin", "/api/admin/lookups?record=" + code + "&registry=population").json())
                    .extracting(e -> e.get("outcome").asText()).contains("failed", "found");
        } finally {
            api.post("admin", "/api/admin/sandbox/start", "");
        }
    }
}
