package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.record.RecordsApiTest.assertRefused;
import static vn.motcua.record.RecordsApiTest.document;
import static vn.motcua.record.RecordsApiTest.pdfText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.EmbeddedDatabase;

/**
 * A procedure names its competent level and unit; submissions elsewhere are refused, over the
 * public API and at the Tasklist counter, and the documents are headed by the competent unit's
 * configured names. One node of the demo organisation on a real PostgreSQL, with birth registration
 * (commune level) and a provincial licence of the Department of Industry and Trade made from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompetentUnitTest {

    static final String BIRTH = "1.001193";
    static final String LICENCE = "9.000001";
    static final String TRADE = "dept-industry-trade";

    final EmbeddedDatabase database = new EmbeddedDatabase();
    AppInstance node;
    Api api;
    Path processes;

    @BeforeAll
    void start() throws IOException {
        processes = Files.createTempDirectory("competent-unit");
        String birth = Files.readString(Path.of("processes/birth-registration.bpmn"));
        Files.writeString(processes.resolve("birth-registration.bpmn"), birth);
        Files.writeString(processes.resolve("trade-licence.bpmn"), provincialLicence(birth));
        node = database.startApp(processes);
        api = node.api();
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            database.close();
            try (var files = Files.list(processes)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(processes);
        }
    }

    /** Birth registration's model as a provincial licence received by the Department of Industry and Trade only. */
    static String provincialLicence(String birth) {
        String licence = birth.replace("id=\"birth-registration\"", "id=\"trade-licence\"")
                .replace("bpmnElement=\"birth-registration\"", "bpmnElement=\"trade-licence\"")
                .replace("value=\"1.001193\"", "value=\"" + LICENCE + "\"")
                .replace("<camunda:property name=\"procedure.name\" value=\"Đăng ký khai sinh\" />",
                        "<camunda:property name=\"procedure.name\" value=\"Giấy phép kinh doanh (thử)\" />")
                .replace("<camunda:property name=\"procedure.level\" value=\"commune\" />",
                        "<camunda:property name=\"procedure.level\" value=\"province\" />\n"
                                + "        <camunda:property name=\"procedure.unit\" value=\"" + TRADE + "\" />");
        assertThat(licence).contains("id=\"trade-licence\"", "procedure.unit", "value=\"province\"");
        return licence;
    }

    @Test
    void theCatalogueNamesEachProceduresLevelUnitAndTheUnitsThatReceiveIt() {
        JsonNode birth = api.get(null, "/api/procedures/" + BIRTH).json();
        assertThat(birth.get("level").asText()).isEqualTo("commune");
        assertThat(birth.has("units")).as("names no unit: any commune").isFalse();
        assertThat(ids(birth.get("competentUnits"))).containsExactly("commune-a", "commune-b");

        JsonNode licence = api.get(null, "/api/procedures/" + LICENCE).json();
        assertThat(licence.get("level").asText()).isEqualTo("province");
        assertThat(licence.get("units")).extracting(JsonNode::asText).containsExactly(TRADE);
        assertThat(licence.at("/competentUnits/0/name").asText()).isEqualTo("Sở Công Thương");
        assertThat(licence.at("/competentUnits/0/nameEn").asText()).isEqualTo("Department of Industry and Trade");
        assertThat(licence.at("/competentUnits/0/kind").asText()).isEqualTo("department");
        assertThat(licence.get("competentUnits")).hasSize(1);
    }

    @Test
    void aSubmissionToAUnitThatDoesNotReceiveTheProcedureIs400NamingUnitAndStoresNothing() {
        long before = recordCount();
        Api.Response provincialAtCommune = submit(LICENCE, "commune-a");
        assertRefused(provincialAtCommune, 400, "unit");
        assertThat(provincialAtCommune.json().get("detail").asText())
                .contains("'commune-a'", LICENCE, "level province", TRADE + " (Sở Công Thương)");
        assertRefused(submit(LICENCE, "province"), 400, "unit");
        assertRefused(submit(LICENCE, "dept-construction"), 400, "unit");

        Api.Response birthAtProvince = submit(BIRTH, "province");
        assertRefused(birthAtProvince, 400, "unit");
        assertThat(birthAtProvince.json().get("detail").asText())
                .contains("'province'", "level commune", "commune-a (Ủy ban nhân dân xã A)", "commune-b");
        assertRefused(submit(BIRTH, TRADE), 400, "unit");
        assertThat(recordCount()).as("a refused request stores nothing").isEqualTo(before);
    }

    @Test
    void aCounterStartInTasklistAtAUnitThatDoesNotReceiveTheProcedureIsRefusedToo() {
        long records = recordCount();
        long instances = instanceCount();
        String startForm = "{\"variables\": {\"unit\": {\"value\": \"%s\"}, "
                + "\"applicantPersonalId\": {\"value\": \"001190012345\"}}}";
        // Tasklist submits the start form
        Api.Response submitted = api.post("clerk-p", "/engine-rest/process-definition/key/birth-registration/submit-form",
                startForm.formatted("province"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(400);
        assertThat(submitted.json().get("message").asText()).contains("'province'", BIRTH, "commune-a", "commune-b");
        // a plain start over engine REST is refused alike (the engine's REST API answers such refusals with 500)
        Api.Response started = api.post("clerk-p", "/engine-rest/process-definition/key/birth-registration/start",
                startForm.formatted("province"));
        assertThat(started.status()).as(started.body()).isNotEqualTo(200);
        assertThat(started.json().get("message").asText()).contains("'province'", BIRTH);
        assertThat(recordCount()).isEqualTo(records);
        assertThat(instanceCount()).as("the process did not start").isEqualTo(instances);

        Api.Response atTheCommune = api.post("clerk-a",
                "/engine-rest/process-definition/key/birth-registration/submit-form", startForm.formatted("commune-a"));
        assertThat(atTheCommune.status()).as(atTheCommune.body()).isEqualTo(200);
        assertThat(atTheCommune.json().get("businessKey").asText()).startsWith("commune-a-");
        assertThat(recordCount()).isEqualTo(records + 1);
    }

    @Test
    void documentsAreHeadedByTheCompetentUnitAndForADepartmentItsGoverningBody() throws IOException {
        Api.Response licence = submit(LICENCE, TRADE);
        assertThat(licence.status()).as(licence.body()).isEqualTo(201);
        String code = licence.json().at("/record/code").asText();
        assertThat(code).startsWith(TRADE + "-");
        work("clerk-ct", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        String receipt = pdfText(api.get("clerk-ct", document(withDocument(code, "receipt"), "receipt")
                .get("href").asText()).bytes());
        assertThat(receipt).contains("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", "SỞ CÔNG THƯƠNG", code)
                .doesNotContain("XÂY DỰNG");
        assertThat(receipt).as("the receiving clerk by name, not by login").contains("Ngô Thị Lan Anh")
                .doesNotContain("clerk-ct");

        Api.Response birth = submit(BIRTH, "commune-b");
        assertThat(birth.status()).as(birth.body()).isEqualTo(201);
        String birthCode = birth.json().at("/record/code").asText();
        work("clerk-b", birthCode, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        String communeReceipt = pdfText(api.get("clerk-b", document(withDocument(birthCode, "receipt"), "receipt")
                .get("href").asText()).bytes());
        assertThat(communeReceipt).contains("ỦY BAN NHÂN DÂN XÃ B", birthCode)
                .as("a People's Committee heads its own documents").doesNotContain("TỈNH HƯNG YÊN");
    }

    @Test
    void everyConfiguredUnitHasItsFourGroupsNamedAfterIt() {
        JsonNode groups = api.get("admin", "/engine-rest/group?type=unit-role&sortBy=id&sortOrder=asc").json();
        List<String> ids = new ArrayList<>();
        groups.forEach(group -> ids.add(group.get("id").asText()));
        for (String unit : List.of("province", "dept-construction", TRADE, "commune-a", "commune-b")) {
            assertThat(ids).contains(unit + ":clerk", unit + ":specialist", unit + ":leader", unit + ":records");
        }
        assertThat(ids).hasSize(20);
        assertThat(api.get("admin", "/engine-rest/group/" + TRADE + ":specialist").json().get("name").asText())
                .isEqualTo("Sở Công Thương / Department of Industry and Trade — Specialist");
        assertThat(api.get("admin", "/engine-rest/user/clerk-ct/profile").json().get("firstName").asText())
                .as("demo staff have names").isEqualTo("Ngô Thị Lan");
    }

    // --- helpers -------------------------------------------------------------------------

    Api.Response submit(String procedure, String unit) {
        return api.post("portal", "/api/records", RecordsApiTest.application(procedure, unit, 2, "001190012345"));
    }

    JsonNode withDocument(String code, String kind) {
        return Api.eventually(() -> {
            JsonNode record = api.get("portal", "/api/records/" + code).json();
            for (JsonNode document : record.get("documents")) {
                if (document.get("kind").asText().equals(kind)) {
                    return record;
                }
            }
            return record.path("no such field");
        }, Duration.ofSeconds(30));
    }

    void work(String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }

    long recordCount() {
        return node.bean(JdbcClient.class).sql("select count(*) from record").query(Long.class).single();
    }

    long instanceCount() {
        return node.bean(JdbcClient.class).sql("select count(*) from act_hi_procinst").query(Long.class).single();
    }

    static List<String> ids(JsonNode units) {
        List<String> ids = new ArrayList<>();
        units.forEach(unit -> ids.add(unit.get("id").asText()));
        return ids;
    }
}
