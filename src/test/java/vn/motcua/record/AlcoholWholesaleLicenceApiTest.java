package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.record.RecordsApiTest.assertRefused;
import static vn.motcua.record.RecordsApiTest.document;
import static vn.motcua.record.RecordsApiTest.pdfText;
import static vn.motcua.record.RecordsApiTest.stateCodes;

import java.io.IOException;
import java.nio.file.Path;

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
 * The shipped province-level procedure from the portal to the electronic licence, on one node over a
 * real PostgreSQL with everything in {@code processes/}: the Department of Industry and Trade receives
 * it, the registries supply the enterprise and its warehouse, the commune named on the application
 * ({@code shopUnit}) is consulted and may read the record meanwhile, and the opinion is on the licence
 * the department's leader signs and its records clerk seals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlcoholWholesaleLicenceApiTest {

    static final String LICENCE = "2.000633";
    static final String DEPT = "dept-industry-trade";
    static final String OPINION = "UBND xã B đồng ý địa điểm kho hàng";

    final EmbeddedDatabase database = new EmbeddedDatabase();
    AppInstance node;
    Api api;

    @BeforeAll
    void start() throws IOException {
        node = database.startApp(Path.of("processes"));
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
        }
    }

    /** The sandbox's Công ty TNHH Thương mại Hoa Sen, its warehouse on parcel 90001/12/345. */
    static String application(String unit, String enterpriseCode, String shopUnit) {
        return """
                {"procedureCode": "%s", "unit": "%s", "channel": 2,
                 "applicant": {"personalId": "001089023456", "name": "Trần Văn Minh", "phone": "0903123456",
                               "email": "hoasen@example.vn"},
                 "formData": {"enterpriseCode": "%s", "enterpriseName": "Công ty TNHH Thương mại Hoa Sen",
                              "shopUnit": "%s", "warehouseAddress": "Thửa 345, tờ bản đồ 12, xã B",
                              "warehouseCommuneCode": "90001", "warehouseMapSheet": "12",
                              "warehouseParcelNumber": "345", "warehouseFloorArea": 120,
                              "suppliers": "Công ty CP Rượu Hà Nội (hợp đồng số 12/2026)",
                              "retailersInProvince": 5}}"""
                .formatted(LICENCE, unit, enterpriseCode, shopUnit);
    }

    @Test
    void aBadApplicationIs400NamingTheFieldAndStoresNothing() {
        long before = recordCount();
        assertRefused(submit(application(DEPT, "12", "commune-b")), 400, "formData.enterpriseCode");
        assertRefused(submit(application(DEPT, "0101234567", "nowhere")), 400, "formData.shopUnit");
        Api.Response atACommune = submit(application("commune-a", "0101234567", "commune-b"));
        assertRefused(atACommune, 400, "unit");
        assertThat(atACommune.json().get("detail").asText()).contains(DEPT);
        assertThat(recordCount()).as("a refused request stores nothing").isEqualTo(before);
    }

    @Test
    void theLicenceRunsFromTheDepartmentsCounterThroughTheCommunesOpinionToTheSealedResult() throws IOException {
        Api.Response submitted = submit(application(DEPT, "0101234567", "commune-b"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        assertThat(code).startsWith(DEPT + "-");
        assertThat(api.get("clerk-a", "/api/records/" + code).status()).as("a commune's clerk").isEqualTo(404);

        api.work("clerk-ct", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 6); // the licence's fee (1,200,000 VND) is collected after acceptance …
        vn.motcua.support.Payments.pay(api, code); // … and paid through the platform
        JsonNode accepted = recordInState(code, 4);
        assertThat(pdfText(api.get("clerk-ct", document(accepted, "receipt").get("href").asText()).bytes()))
                .contains("SỞ CÔNG THƯƠNG", code);

        assertThat(api.get("specialist-b", "/api/records/" + code).status())
                .as("the commune is not consulted yet").isEqualTo(404);
        api.work("specialist-ct", code, "Task_Appraisal", """
                {"proposal": {"value": "approve"}, "needsConsultation": {"value": true},
                 "consultationRequest": {"value": "Địa điểm kho có phù hợp? / is the warehouse's location fit?"}}""");

        // the consultation goes to the commune the application names, which now reads the record
        Api.Response consulted = api.get("specialist-b", "/api/records/" + code);
        assertThat(consulted.status()).as(consulted.body()).isEqualTo(200);
        assertThat(consulted.json().at("/currentStep").asText()).isEqualTo("consultation");
        assertThat(api.get("specialist-a", "/api/records/" + code).status()).as("another commune").isEqualTo(404);
        api.work("specialist-b", code, "Task_Consultation", """
                {"consultedAgency": {"value": "UBND xã B"}, "consultationAgreed": {"value": "yes"},
                 "consultationOpinion": {"value": "%s"}}""".formatted(OPINION));

        String draft = pdfText(api.get("leader-ct", document(record(code), "result-draft").get("href").asText()).bytes());
        assertThat(draft).as("drafted when approval starts, with the registry's data and the opinion")
                .contains("Công ty TNHH Thương mại Hoa Sen", "Trần Văn Minh", OPINION, code);

        Api.Response signed = api.post("leader-ct", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        api.work("leader-ct", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        api.work("records-ct", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        JsonNode issued = recordInState(code, 9);
        assertThat(issued.get("signatures")).extracting(s -> s.get("signer").asText()).containsExactly("leader-ct", DEPT);
        assertThat(issued.get("signatures").get(1).get("documentNumber").asText()).endsWith("/" + DEPT);

        api.work("clerk-ct", code, "Task_Result", "{\"deliveryChannel\": {\"value\": \"portal\"}, "
                + "\"resultDelivered\": {\"value\": true}}");
        JsonNode done = recordInState(code, 10);
        assertThat(stateCodes(done)).containsExactly(1, 2, 6, 2, 4, 9, 10);
        assertThat(pdfText(api.get("portal", "/api/records/" + code + "/result").bytes()))
                .contains("SỞ CÔNG THƯƠNG", "Công ty TNHH Thương mại Hoa Sen", OPINION);
        assertThat(api.get("specialist-b", "/api/records/" + code).status())
                .as("a consulted unit keeps reading the record it gave its opinion on").isEqualTo(200);
    }

    // --- helpers -------------------------------------------------------------------------

    Api.Response submit(String json) {
        return api.post("portal", "/api/records", json);
    }

    JsonNode record(String code) {
        return api.record(code);
    }

    JsonNode recordInState(String code, int state) {
        return api.recordInState(code, state);
    }

    long recordCount() {
        return node.bean(JdbcClient.class).sql("select count(*) from record").query(Long.class).single();
    }
}
