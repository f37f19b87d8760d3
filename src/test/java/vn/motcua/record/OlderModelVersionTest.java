package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;
import vn.motcua.support.EmbeddedDatabase;

/**
 * Records started before issue 17 run on their model's version: birth registration as it was drawn then
 * (escalation paths of boundary timers and {@code ${escalation}} service tasks; no {@code ${receipt}},
 * {@code ${resultDraft}} or {@code ${seal}} service tasks) still gets its receipt, draft, number and seal
 * from the engine door, and its escalation from the bean's older delegate. One node on a real PostgreSQL;
 * the older version is deployed as an operator's database would hold it (by the engine, not the gate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OlderModelVersionTest {

    final EmbeddedDatabase database = new EmbeddedDatabase();
    AppInstance node;
    Api api;
    ProcessDefinition older;

    @BeforeAll
    void start() throws IOException {
        node = database.startApp(Path.of("processes"));
        api = node.api();
        var deployment = node.bean(RepositoryService.class).createDeployment().name("birth-registration before issue 17");
        try (InputStream model = getClass().getResourceAsStream("/models-before-17/birth-registration.bpmn")) {
            deployment.addInputStream("birth-registration.bpmn", model);
        }
        for (String form : new String[] {"birth-registration-application", "birth-registration-reception",
                "birth-registration-appraisal", "approval", "issuing", "result"}) {
            deployment.addInputStream(form + ".form", Files.newInputStream(Path.of("forms", form + ".form")));
        }
        String id = deployment.deploy().getId();
        older = node.bean(RepositoryService.class).createProcessDefinitionQuery().deploymentId(id).singleResult();
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void aRecordOnTheVersionBeforeTheDrawnWorkGetsItsReceiptDraftNumberAndSealFromTheDoor() {
        Api.Response submitted = RecordsApiTest.submit(api, "portal",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Trần Minh An"), java.util.List.of());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        assertThat(node.bean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(code).singleResult().getProcessDefinitionId())
                .as("the record runs on the older version").isEqualTo(older.getId());

        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        JsonNode accepted = api.recordInState(code, 4);
        assertThat(RecordsApiTest.document(accepted, "receipt").get("step").asText()).isEqualTo("reception");

        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        assertThat(RecordsApiTest.document(api.record(code), "result-draft")).as("drafted when approval starts").isNotNull();
        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");

        api.work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        JsonNode issued = api.record(code);
        assertThat(issued.at("/state/code").asInt()).as("sealed in the records clerk's completion, as before").isEqualTo(9);
        assertThat(issued.get("signatures")).extracting(s -> s.get("signer").asText()).containsExactly("leader-a", "commune-a");
        String instance = node.bean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(code).singleResult().getId();
        assertThat(node.bean(ManagementService.class).createJobQuery().processInstanceId(instance).messages().count())
                .as("no seal job on the older version").isZero();
    }
}
