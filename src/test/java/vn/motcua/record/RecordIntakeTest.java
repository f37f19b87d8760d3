package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.record.RecordsApiTest.assertRefused;
import static vn.motcua.record.RecordsApiTest.document;
import static vn.motcua.record.RecordsApiTest.pdf;
import static vn.motcua.record.RecordsApiTest.pdfText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.demo.registry.SandboxSamples;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;

/**
 * A record's intake and the truths around it, over HTTP on a real PostgreSQL: the submission
 * checked against the application form, the applicant's name from the population registry
 * (declare once), engine-rest starts, the consulted unit reading the record, the draft after the
 * consultation, the rejection's own text, and the states' actors and steps.
 *
 * <p>Besides the shipped procedures, the node runs {@code applicant-lookup.bpmn}: the birth
 * registration looking the <em>applicant</em> up in the population registry (instead of the
 * father), with an application form where the applicant's name is optional and a unit field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordIntakeTest {

    static final String BIRTH = "1.001193";
    static final String PERMIT = "1.009994";
    static final String LOOKED_UP = "9.001193";

    EmbeddedPostgres postgres;
    AppInstance node;
    Api api;
    Path dir;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("intake");
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Path forms = Files.createDirectories(dir.resolve("forms"));
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, processes.resolve(file.getFileName()));
            }
        }
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path file : files.toList()) {
                Files.copy(file, forms.resolve(file.getFileName()));
            }
        }
        String model = Files.readString(Path.of("processes/birth-registration.bpmn"), StandardCharsets.UTF_8)
                .replace("id=\"birth-registration\"", "id=\"applicant-lookup\"")
                .replace("bpmnElement=\"birth-registration\"", "bpmnElement=\"applicant-lookup\"")
                .replace("value=\"1.001193\"", "value=\"" + LOOKED_UP + "\"")
                .replace("camunda:formRef=\"birth-registration-application\"",
                        "camunda:formRef=\"applicant-lookup-application\"")
                .replace("personalId=fatherPersonalId", "personalId=applicantPersonalId")
                .replace("name=\"lookup.prefix\" value=\"father\"", "name=\"lookup.prefix\" value=\"applicant\"");
        assertThat(model).contains("personalId=applicantPersonalId", "value=\"applicant\"", LOOKED_UP);
        Files.writeString(processes.resolve("applicant-lookup.bpmn"), model, StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode formJson = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(Path.of("forms/birth-registration-application.form").toFile());
        formJson.put("id", "applicant-lookup-application");
        com.fasterxml.jackson.databind.node.ArrayNode components = (com.fasterxml.jackson.databind.node.ArrayNode) formJson
                .get("components");
        components.forEach(component -> {
            if (component.path("key").asText().equals("applicantName")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) component.get("validate")).put("required", false);
            }
        });
        components.addObject().put("type", "textfield").put("key", "registeredAtUnit")
                .put("label", "Đơn vị đăng ký / Unit registered at").put("id", "Field_registeredAtUnit");
        String form = json.writerWithDefaultPrettyPrinter().writeValueAsString(formJson);
        assertThat(form).contains("applicant-lookup-application", "registeredAtUnit");
        Files.writeString(forms.resolve("applicant-lookup-application.form"), form, StandardCharsets.UTF_8);

        // the appraisal of birth registration with a field for the result's decision text (extra.decision)
        com.fasterxml.jackson.databind.node.ObjectNode appraisal = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(forms.resolve("birth-registration-appraisal.form").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) appraisal.get("components")).addObject()
                .put("type", "textarea").put("key", "decision").put("id", "Field_decision")
                .put("label", "Nội dung quyết định / Decision text");
        Files.writeString(forms.resolve("birth-registration-appraisal.form"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(appraisal), StandardCharsets.UTF_8);

        postgres = EmbeddedPostgres.builder().start();
        node = AppInstance.start(postgres, processes, forms);
        api = node.api();
        assertThat(api.get(null, "/api/procedures/" + LOOKED_UP).status()).as("the variant is deployed").isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // --- 1. formData against the application form ------------------------------------------

    @Test
    void aSubmissionTheApplicationFormRefusesIsRefusedNamingTheFieldAndStoresNothing() {
        long before = recordCount();
        assertRefused(submit(birth("001190012345", "\"motherPersonalId\": \"12\"")), 400, "formData.motherPersonalId");
        assertRefused(submit(birth("001190012345", "\"shopUnit\": \"commune-a\"")), 400, "formData.shopUnit");
        assertRefused(submit(birth("001190012345", "\"childSex\": \"other\"")), 400, "formData.childSex");
        assertRefused(submit(birth("001190012345", "\"childDateOfBirth\": \"20/11/2026\"")), 400,
                "formData.childDateOfBirth");
        assertRefused(submit(birth("001190012345", "\"applicantName\": \"Lan\"")), 400, "formData.applicantName");
        Api.Response missing = submit("""
                {"procedureCode": "%s", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"childFullName": "Trần Minh An"}}""".formatted(BIRTH));
        assertRefused(missing, 400, "formData.applicantRelationship");
        assertThat(missing.json().get("detail").asText()).contains("required", "formData.childSex",
                "formData.motherPersonalId");
        assertRefused(submit(birth("001190012345", "").replace("\"0912345678\"", "\"912 345 678\"")), 400,
                "applicant.phone");
        // the construction permit's numbers are numbers, within the form's bounds
        assertRefused(submit(permit("\"floors\": \"3\"")), 400, "formData.floors");
        assertRefused(submit(permit("\"floors\": 21")), 400, "formData.floors");
        assertRefused(submit(permit("\"landCommuneCode\": \"9001\"")), 400, "formData.landCommuneCode");
        // a unit field names an existing unit
        assertRefused(submit(lookedUp("001190012345", null, "\"registeredAtUnit\": \"commune-z\"")), 400,
                "formData.registeredAtUnit");
        assertThat(recordCount()).as("a refused submission stores nothing").isEqualTo(before);

        assertThat(submit(permit("")).status()).isEqualTo(201);
        Api.Response example = submit(RecordController.SUBMISSION_EXAMPLE);
        assertThat(example.status()).as("the API's documented example passes: " + example.body()).isEqualTo(201);
        assertThat(submit(lookedUp("001190012345", null, "\"registeredAtUnit\": \"commune-b\"")).status())
                .isEqualTo(201);
    }

    // --- 2. declare once for the applicant ---------------------------------------------------

    @Test
    void theApplicantsNameComesFromThePopulationRegistryWhenTheProcedureLooksThemUp() throws IOException {
        assertRefused(submit(birth("001190012345", "").replace("\"name\": \"Nguyễn Thị Lan\", ", "")), 400,
                "applicant.name");

        // nothing declared but the personal ID: the registry names the applicant
        Api.Response submitted = submit(lookedUp(SandboxSamples.MOTHER_ID, null, ""));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        assertThat(applicantName(code)).isEmpty();
        assertThat(variables(code)).doesNotContainKey("applicantName");
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        assertThat(applicantName(code)).isEqualTo(SandboxSamples.MOTHER_NAME);
        assertThat(variables(code)).containsEntry("applicantName", SandboxSamples.MOTHER_NAME)
                .doesNotContainKey(ApplicantFromRegistry.DECLARED);
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        assertThat(pdfText(api.get("leader-a", document(record(code), "result-draft").get("href").asText()).bytes()))
                .as("the result prints the registry's name").contains(SandboxSamples.MOTHER_NAME);

        // declared otherwise: the registry's name wins, the declaration is kept and the difference flagged
        String other = submit(lookedUp(SandboxSamples.MOTHER_ID, "Nguyen Thi Lan", "")).json().at("/record/code")
                .asText();
        work("clerk-a", other, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        JsonNode processing = recordInState(other, 4);
        assertThat(applicantName(other)).isEqualTo(SandboxSamples.MOTHER_NAME);
        Map<String, Object> variables = variables(other);
        assertThat(variables).containsEntry("applicantName", SandboxSamples.MOTHER_NAME)
                .containsEntry(ApplicantFromRegistry.DECLARED, "Nguyen Thi Lan")
                .containsEntry("applicantFullNameDeclared", "Nguyen Thi Lan");
        assertThat((String) variables.get("registryMismatches")).contains("applicantFullName", "Nguyen Thi Lan",
                SandboxSamples.MOTHER_NAME);
        List<String> supplied = new ArrayList<>();
        processing.get("registryData").forEach(v -> supplied.add(v.get("field").asText() + "="
                + v.path("declaredValue").asText()));
        assertThat(supplied).contains("applicantFullName=Nguyen Thi Lan");

        // a procedure that does not look the applicant up keeps the declared name
        String birth = submit(birth(SandboxSamples.FIRST_APPLICANT_ID, "")).json().at("/record/code").asText();
        work("clerk-a", birth, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(birth, 4);
        assertThat(applicantName(birth)).isEqualTo("Nguyễn Thị Lan");
    }

    // --- 4c. engine-rest starts ----------------------------------------------------------------

    @Test
    void anEngineRestStartNeedsAKnownUnitAndStoresNoEmptyApplicantName() {
        String start = "/engine-rest/process-definition/key/birth-registration/start";
        long before = recordCount();
        Api.Response noUnit = api.post("clerk-a", start, "{\"variables\": {}}");
        assertThat(noUnit.status()).as(noUnit.body()).isEqualTo(400);
        assertThat(noUnit.json().get("message").asText()).contains("'unit'").doesNotContain("Unknown property");
        Api.Response unknown = api.post("clerk-a", start,
                "{\"variables\": {\"unit\": {\"value\": \"commune-z\"}}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("'unit'", "commune-z");
        Api.Response tasklist = api.post("clerk-a",
                "/engine-rest/process-definition/key/birth-registration/submit-form", "{\"variables\": {}}");
        assertThat(tasklist.status()).as("Tasklist's start form: " + tasklist.body()).isEqualTo(400);
        assertThat(tasklist.json().get("message").asText()).contains("'unit'");
        assertThat(recordCount()).isEqualTo(before);
        assertThat(api.get("analyst", "/engine-rest/process-instance/count?variables=unit_eq_commune-z").json()
                .get("count").asInt()).as("nothing was started").isZero();

        // at the counter: the applicant declares the ID, the registry gives the name
        Api.Response started = api.post("clerk-a", "/engine-rest/process-definition/key/applicant-lookup/start", """
                {"variables": {"unit": {"value": "commune-a"}, "applicantName": {"value": ""},
                               "applicantPersonalId": {"value": "%s"}}}""".formatted(SandboxSamples.MOTHER_ID));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String code = node.bean(JdbcClient.class).sql("select code from record where process_instance_id = ?")
                .param(started.json().get("id").asText()).query(String.class).single();
        assertThat(variables(code)).as("no empty name is stored").doesNotContainKey("applicantName");
        assertThat(applicantName(code)).isEmpty();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        assertThat(applicantName(code)).isEqualTo(SandboxSamples.MOTHER_NAME);
    }

    // --- 4a, 4b. actors and steps ----------------------------------------------------------------

    @Test
    void theSupplementIsTheApplicantsDoingAndAWithdrawnRecordHasNoCurrentStep() throws IOException {
        Api.Response submitted = submit(birth("001190012356", ""));
        String code = submitted.json().at("/record/code").asText();
        String secret = submitted.json().get("trackingSecret").asText();
        work("clerk-a", code, "Task_Reception", """
                {"receptionDecision": {"value": "supplement"}, "missingDocuments": {"value": "Giấy chứng sinh"}}""");
        Api.Response supplemented = api.postMultipart(null, "/api/records/" + code + "/supplements",
                List.of(pdf("giay-chung-sinh.pdf")), "X-Tracking-Secret", secret);
        assertThat(supplemented.status()).as(supplemented.body()).isEqualTo(200);
        JsonNode last = lastChange(supplemented.json());
        assertThat(last.at("/from/code").asInt()).isEqualTo(5);
        assertThat(last.at("/to/code").asInt()).isEqualTo(1);
        assertThat(last.get("actor").asText()).isEqualTo("applicant");
        assertThat(last.get("step").asText()).isEqualTo("reception");

        work("clerk-a", code, "Task_Reception", """
                {"receptionDecision": {"value": "supplement"}, "missingDocuments": {"value": "Bản sao CCCD"}}""");
        Api.Response byPortal = api.postMultipart("portal", "/api/records/" + code + "/supplements",
                List.of(pdf("cccd.pdf")));
        assertThat(lastChange(byPortal.json()).get("actor").asText()).isEqualTo("portal");

        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        assertThat(recordInState(code, 4).get("currentStep").asText()).isEqualTo("appraisal");
        JsonNode withdrawn = api.post("portal", "/api/records/" + code + "/withdrawal", "{\"reason\": \"thôi\"}")
                .json();
        assertThat(withdrawn.at("/state/code").asInt()).isEqualTo(7);
        assertThat(withdrawn.path("currentStep").asText(null)).as(withdrawn.toString()).isNull();
        assertThat(lastChange(withdrawn).get("step").asText()).as("the history keeps where it was")
                .isEqualTo("appraisal");
    }

    // --- 6, 7. the consulted unit; the draft after consultation ----------------------------------

    @Test
    void theConsultedUnitReadsTheRecordAndItsOpinionIsOnTheDraft() throws IOException {
        String code = submit(permit("")).json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        assertThat(api.get("specialist-p", "/api/records/" + code).status()).as("not asked yet").isEqualTo(404);

        work("specialist-a", code, "Task_Appraisal", """
                {"proposal": {"value": "approve"}, "needsConsultation": {"value": true},
                 "consultationRequest": {"value": "Nhà trong khu bảo tồn?"},
                 "appraisalNotes": {"value": "Đủ điều kiện cấp phép"}}""");
        assertThat(record(code).get("documents")).as("no draft before the consultation's opinion")
                .noneMatch(d -> d.get("kind").asText().equals("result-draft"));
        Api.Response asked = api.get("specialist-p", "/api/records/" + code);
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.json().get("code").asText()).isEqualTo(code);
        assertThat(api.get("specialist-b", "/api/records/" + code).status()).as("another commune").isEqualTo(404);
        assertThat(api.post("specialist-p", "/api/records/" + code + "/withdrawal", "{}").status())
                .as("reading only").isEqualTo(403);

        work("specialist-p", code, "Task_Consultation", """
                {"consultedAgency": {"value": "Sở Văn hóa"}, "consultationAgreed": {"value": "conditions"},
                 "consultationOpinion": {"value": "Đồng ý, giữ khoảng lùi 3 m so với di tích"}}""");
        String draft = pdfText(api.get("leader-a", document(record(code), "result-draft").get("href").asText())
                .bytes());
        assertThat(draft).contains("Đồng ý, giữ khoảng lùi 3 m so với di tích", "Sở Văn hóa",
                "Đủ điều kiện cấp phép");
        assertThat(api.get("specialist-p", "/api/records/" + code).status()).as("it did have a task")
                .isEqualTo(200);
    }

    // --- 5, 8. the rejection's text; extra.decision ---------------------------------------------

    @Test
    void aRejectionIsDraftedWithItsOwnTextAndReasons() throws IOException {
        String code = submit(permit("")).json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        work("specialist-a", code, "Task_Appraisal", """
                {"proposal": {"value": "reject"}, "appraisalNotes": {"value": "Mật độ xây dựng vượt quy hoạch"}}""");
        String draft = pdfText(api.get("leader-a", document(record(code), "result-draft").get("href").asText())
                .bytes());
        assertThat(draft).contains("THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ", "Mật độ xây dựng vượt quy hoạch", code)
                .doesNotContain("cấp phép xây dựng theo hồ sơ", "GIẤY PHÉP XÂY DỰNG");
    }

    @Test
    void theDecisionVariableFillsExtraDecisionElseAppraisalsNotes() throws IOException {
        String withDecision = acceptedBirth("001190012357");
        work("specialist-a", withDecision, "Task_Appraisal", """
                {"proposal": {"value": "approve"}, "appraisalNotes": {"value": "Ghi chú nội bộ"},
                 "decision": {"value": "Đăng ký khai sinh cho cháu Trần Minh An"}}""");
        assertThat(draftText(withDecision)).contains("Đăng ký khai sinh cho cháu Trần Minh An")
                .doesNotContain("Ghi chú nội bộ");

        String withNotes = acceptedBirth("001190012358");
        work("specialist-a", withNotes, "Task_Appraisal", """
                {"proposal": {"value": "approve"}, "appraisalNotes": {"value": "Hồ sơ đầy đủ, hợp lệ"}}""");
        assertThat(draftText(withNotes)).contains("Hồ sơ đầy đủ, hợp lệ");
    }

    // --- helpers --------------------------------------------------------------------------------

    static String birth(String personalId, String moreFormData) {
        return """
                {"procedureCode": "%s", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "%s", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"applicantRelationship": "mother", "childFullName": "Trần Minh An",
                              "childDateOfBirth": "2026-11-20", "childSex": "male",
                              "childPlaceOfBirth": "Trạm y tế xã A", "motherPersonalId": "%s"%s}}"""
                .formatted(BIRTH, personalId, personalId, moreFormData.isEmpty() ? "" : ", " + moreFormData);
    }

    static String lookedUp(String personalId, String name, String moreFormData) {
        return birth(personalId, moreFormData).replace(BIRTH, LOOKED_UP)
                .replace("\"name\": \"Nguyễn Thị Lan\", ", name == null ? "" : "\"name\": \"" + name + "\", ");
    }

    static String permit(String moreFormData) {
        return """
                {"procedureCode": "%s", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"ownerFullName": "Nguyễn Thị Lan", "ownerPersonalId": "001190012345",
                              "landCommuneCode": "%s", "mapSheetNumber": "%s", "parcelNumber": "%s",
                              "landUseCertificateNumber": "DA 123456", "constructionAddress": "Thôn 1, xã A",
                              "buildingFootprint": 80, "totalFloorArea": 240.5, "floors": 3%s}}"""
                .formatted(PERMIT, SandboxSamples.OWNED_PARCEL_COMMUNE, SandboxSamples.OWNED_PARCEL_MAP_SHEET,
                        SandboxSamples.OWNED_PARCEL_NUMBER, moreFormData.isEmpty() ? "" : ", " + moreFormData)
                .replace("\"floors\": 3, \"floors\"", "\"floors\"");
    }

    String acceptedBirth(String personalId) {
        String code = submit(birth(personalId, "")).json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        return code;
    }

    String draftText(String code) throws IOException {
        return pdfText(api.get("leader-a", document(record(code), "result-draft").get("href").asText()).bytes());
    }

    Api.Response submit(String json) {
        return RecordsApiTest.submit(api, "portal", json, List.of());
    }

    JsonNode record(String code) {
        Api.Response response = api.get("portal", "/api/records/" + code);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode recordInState(String code, int state) {
        return Api.eventually(() -> {
            JsonNode record = record(code);
            return record.at("/state/code").asInt() == state ? record : record.path("no such field");
        }, Duration.ofSeconds(30));
    }

    static JsonNode lastChange(JsonNode record) {
        return record.get("history").get(record.get("history").size() - 1);
    }

    void work(String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }

    Map<String, Object> variables(String code) {
        RuntimeService runtime = node.bean(RuntimeService.class);
        return runtime.getVariables(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
                .singleResult().getId());
    }

    String applicantName(String code) {
        return node.bean(JdbcClient.class).sql("select applicant_name from record where code = ?").param(code)
                .query(String.class).single();
    }

    long recordCount() {
        return node.bean(JdbcClient.class).sql("select count(*) from record").query(Long.class).single();
    }
}
