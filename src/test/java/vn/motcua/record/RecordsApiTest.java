package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.Loader;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Applications;
import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.support.AppInstance;
import vn.motcua.support.RequiredTool;

/**
 * The public-service API over HTTP, as the portal, the applicant and the unit's staff use it, on
 * two app nodes sharing one real PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the issued result of the first test is checked by poppler next
class RecordsApiTest {

    static final String BIRTH = "1.001193";

    EmbeddedPostgres postgres;
    AppInstance nodeA;
    AppInstance nodeB;
    Api api;
    /** The signed and sealed result issued in {@link #aRecordGoesFromSubmissionToRatingThroughStates1_2_4_9_10}. */
    byte[] issuedResult;

    @BeforeAll
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        String[] limits = {"--motcua.records.max-document-size=100KB", "--motcua.records.max-documents=3"};
        // Two nodes in one JVM share Camunda's static engine registry, where the engine REST API
        // finds "default": the node started last. So node A, whose REST API the tests use to work
        // tasks, starts last (in production each node is a JVM of its own).
        nodeB = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), limits);
        nodeA = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), limits);
        api = nodeA.api();
    }

    @AfterAll
    void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, postgres}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    @Order(1)
    void aRecordGoesFromSubmissionToRatingThroughStates1_2_4_9_10() throws IOException, InterruptedException {
        Api.Response submitted = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012345"),
                List.of(pdf("to-khai.pdf")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        String secret = submitted.json().get("trackingSecret").asText();
        assertThat(code).matches("commune-a-\\d{8}-\\d{5}");
        assertThat(submitted.json().at("/record/state/code").asInt()).isEqualTo(1);

        // the applicant tracks with the secret; nobody else without logging in
        assertThat(api.get(null, "/api/records/" + code, "X-Tracking-Secret", secret).json().at("/state/code")
                .asInt()).isEqualTo(1);
        assertThat(api.get(null, "/api/records/" + code).status()).isEqualTo(401);
        assertThat(api.get(null, "/api/records/" + code, "X-Tracking-Secret", "guess").status()).isEqualTo(404);
        assertThat(api.get("clerk-b", "/api/records/" + code).status()).isEqualTo(404);

        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        JsonNode accepted = recordInState(code, 4); // in processing once the registry lookups are done
        assertThat(accepted.at("/state/code").asInt()).isEqualTo(4);
        assertThat(accepted.get("appointmentAt").isNull()).isFalse();
        JsonNode receipt = document(accepted, "receipt");
        String receiptText = pdfText(api.get(null, receipt.get("href").asText(), "X-Tracking-Secret", secret).bytes());
        assertThat(receiptText).contains(code);
        assertThat(receiptText).containsAnyOf(appointmentDay(accepted), appointmentDaySlashed(accepted));

        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        assertThat(pdfText(api.get("leader-a", document(record(code), "result-draft").get("href").asText()).bytes()))
                .as("the birth certificate's own template, with the verification link")
                .contains("GIẤY KHAI SINH", code, "/verify/" + code);

        // approval without the leader's signature is refused, in Tasklist and over REST
        String approval = api.get("leader-a", "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=Task_Approval").json().get(0).get("id").asText();
        assertThat(api.post("leader-a", "/engine-rest/task/" + approval + "/claim", "{\"userId\": \"leader-a\"}")
                .status()).isEqualTo(204);
        Api.Response unsigned = api.post("leader-a", "/engine-rest/task/" + approval + "/complete",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}}}");
        assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(400);
        assertThat(unsigned.json().get("message").asText()).contains("not signed by leader-a");

        assertRefused(api.post("leader-b", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}"), 404, null);
        assertRefused(api.post("specialist-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}"), 403,
                null);
        assertRefused(api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"000000\"}"), 400, "pin");
        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().get("signatures")).singleElement().satisfies(sig -> {
            assertThat(sig.get("kind").asText()).isEqualTo("personal");
            assertThat(sig.get("signer").asText()).isEqualTo("leader-a");
            assertThat(sig.get("valid").asBoolean()).isTrue();
        });
        Api.Response approved = api.post("leader-a", "/engine-rest/task/" + approval + "/complete",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"approve\"}}}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);

        ZoneId vietnam = nodeA.bean(WorkingCalendars.class).standard().zone();
        Year issuedIn = Year.now(vietnam);
        work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        // the number and seal are the model's asynchronous Service_Seal: state 9 comes when its job has run
        JsonNode completed = recordInState(code, 9);
        assertThat(completed.at("/state/code").asInt()).isEqualTo(9);
        assertThat(completed.get("signatures")).hasSize(2);
        JsonNode seal = completed.get("signatures").get(1);
        assertThat(seal.get("kind").asText()).isEqualTo("seal");
        assertThat(seal.get("signer").asText()).isEqualTo("commune-a");
        // numbered by the year in Vietnam (the calendar's zone), not the JVM's: on 31 December after 17:00 UTC it is
        // already the next year there; the year is read just after issuing (a New Year's midnight between is allowed)
        assertThat(seal.get("documentNumber").asText()).matches("\\d+/(" + issuedIn + "|" + Year.now(vietnam) + ")/commune-a");
        // kept once: the sealed result contains the leader-signed revision; the draft, the signed copy and
        // the DSS reports are not kept (issue #16) — each signature's report is made again on request
        assertThat(completed.get("documents")).extracting(d -> d.get("kind").asText())
                .contains("receipt", "result").doesNotContain("result-draft", "result-signed", "signature-report");
        for (JsonNode signature : completed.get("signatures")) {
            Api.Response report = api.get("leader-a", signature.get("report").asText());
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.contentType()).startsWith("application/xml");
            assertThat(report.body()).contains("SimpleReport", "TOTAL_PASSED", "leader-a", "commune-a");
        }
        assertThat(api.get(null, completed.get("signatures").get(0).get("report").asText(), "X-Tracking-Secret", secret)
                .status()).as("the applicant may read the reports too").isEqualTo(200);
        assertThat(api.get("clerk-b", completed.get("signatures").get(0).get("report").asText()).status()).isEqualTo(404);
        Api.Response result = api.get(null, "/api/records/" + code + "/result", "X-Tracking-Secret", secret);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.contentType()).startsWith("application/pdf");
        assertThat(pdfText(result.bytes())).contains(code);
        vn.motcua.signature.VerificationReport report = nodeA.bean(vn.motcua.signature.SignatureVerifier.class)
                .verify(result.bytes());
        assertThat(report.allValid()).isTrue();
        assertThat(report.signatures()).extracting(vn.motcua.signature.VerifiedSignature::signerName)
                .containsExactly("leader-a", "commune-a");

        issuedResult = result.bytes(); // poppler checks it too: popplerAgreesTheIssuedResultIsSignedAndSealed
        // on its face (issue 16): the number and the place and date in the fields issuing filled, the signing
        // leader's name and title, the seal; still PDF/A-2b after both signatures
        assertThat(vn.motcua.record.pdf.SigningFields.value(result.bytes(), vn.motcua.record.pdf.SigningFields.DOCUMENT_NUMBER))
                .hasValue(seal.get("documentNumber").asText());
        assertThat(vn.motcua.record.pdf.SigningFields.value(result.bytes(), vn.motcua.record.pdf.SigningFields.ISSUED_ON)
                .orElseThrow()).matches("Xã A, ngày \\d{2} tháng \\d{1,2} năm \\d{4}");
        assertThat(vn.motcua.record.pdf.SigningFields.value(result.bytes(), vn.motcua.record.pdf.SigningFields.SIGNER_NAME))
                .hasValue("Lê Thị Thu Hà");
        assertThat(pdfText(result.bytes())).contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Giới tính: Nam", "20/11/2026")
                .doesNotContain("male", "2026-11-20");
        assertThat(vn.motcua.support.PdfA.violations(result.bytes())).as("veraPDF, the issued result").isEmpty();

        // the public verification page (the QR code): no login
        Api.Response page = api.get(null, "/verify/" + code);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("leader-a", "commune-a", seal.get("documentNumber").asText(),
                "The document is intact and every signature is valid");
        Api.Response same = api.postMultipart(null, "/verify/" + code,
                List.of(Part.file("file", "result.pdf", "application/pdf", result.bytes())));
        assertThat(same.body()).contains("This is the issued document, unchanged");
        byte[] tampered = result.bytes().clone();
        tampered[tampered.length / 3] ^= 0x01;
        Api.Response changed = api.postMultipart(null, "/verify/" + code,
                List.of(Part.file("file", "result.pdf", "application/pdf", tampered)));
        assertThat(changed.body()).contains("not the document issued for this record, or it was changed");
        assertThat(api.get(null, "/verify/commune-a-20200101-99999").status()).isEqualTo(404);

        work("clerk-a", code, "Task_Result", "{\"deliveryChannel\": {\"value\": \"portal\"}, \"resultDelivered\": {\"value\": true}}");
        JsonNode returned = record(code);
        assertThat(returned.at("/state/code").asInt()).isEqualTo(10);
        assertThat(stateCodes(returned)).containsExactly(1, 2, 4, 9, 10);
        List<String> actors = new ArrayList<>();
        returned.get("history").forEach(change -> actors.add(change.get("actor").asText()));
        // 2 → 4 happens when appraisal starts, after the registry lookups the engine ran as jobs
        assertThat(actors).as(returned.get("history").toString())
                .containsExactly("portal", "clerk-a", "system", "records-a", "clerk-a");

        // the applicant downloads the result from the tracking page, with the code and the secret
        java.net.http.HttpResponse<byte[]> fromPage = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + nodeA.port() + "/tra-cuu/ket-qua"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("ma=" + code + "&secret="
                                + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(fromPage.body()).isEqualTo(result.bytes());

        assertThat(api.post(null, "/api/records/" + code + "/rating", "{\"score\": 5}", "X-Tracking-Secret", secret)
                .json().get("rating").asInt()).isEqualTo(5);
        Api.Response again = api.post(null, "/api/records/" + code + "/rating", "{\"score\": 4}",
                "X-Tracking-Secret", secret);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("field").asText()).isEqualTo("score");
    }

    /** The result the first test issued, signed by leader-a and sealed by commune-a, as poppler reads it. */
    @Test
    @Order(2)
    void popplerAgreesTheIssuedResultIsSignedAndSealed() throws IOException {
        assertThat(issuedResult).as("the result issued by aRecordGoesFromSubmissionToRating…, which runs first").isNotNull();
        pdfsigAgrees(issuedResult, "leader-a", "commune-a");
    }

    @Test
    void theLeaderMaySignWithTheirOwnToolWhileForgeriesAreRefusedAndNothingOfThemIsKept() throws IOException {
        String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012355"), List.of())
                .json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        byte[] draft = api.get("leader-a", document(record(code), "result-draft").get("href").asText()).bytes();
        vn.motcua.signature.Signatures tool = nodeA.bean(vn.motcua.signature.Signatures.class);
        byte[] byLeaderA = tool.sign(draft, "leader-a", "123456"); // as the leader's own signing tool would
        byte[] tampered = byLeaderA.clone();
        tampered[tampered.length / 2] ^= 0x01;

        assertRefused(upload(code, "not-a-pdf.pdf", "just text".getBytes()), 400, "file");
        assertRefused(upload(code, "draft.pdf", draft), 400, "file");
        Api.Response foreign = upload(code, "by-leader-b.pdf", tool.sign(draft, "leader-b", "123456"));
        assertRefused(foreign, 400, "file");
        assertThat(foreign.json().get("detail").asText()).contains("leader-b", "leader-a");
        assertRefused(upload(code, "tampered.pdf", tampered), 400, "file");
        assertRefused(upload(code, "other.pdf", tool.sign(pdfBytes(1), "leader-a", "123456")), 400, "file");
        assertThat(record(code).get("signatures")).as("nothing kept of the refused uploads").isEmpty();

        Api.Response accepted = upload(code, "signed.pdf", byLeaderA);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("signatures")).singleElement()
                .satisfies(sig -> assertThat(sig.get("signer").asText()).isEqualTo("leader-a"));
        work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        assertThat(record(code).get("currentStep").asText()).isEqualTo("issuing");

        // the bare draft was signed: issuing writes the approving leader's name with the number, then seals
        work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        byte[] result = api.get("leader-a", document(recordInState(code, 9), "result").get("href").asText()).bytes();
        assertThat(vn.motcua.record.pdf.SigningFields.value(result, vn.motcua.record.pdf.SigningFields.SIGNER_NAME))
                .hasValue("Lê Thị Thu Hà");
        assertThat(vn.motcua.record.pdf.SigningFields.value(result, vn.motcua.record.pdf.SigningFields.DOCUMENT_NUMBER))
                .get().asString().endsWith("/commune-a");
        assertThat(nodeA.bean(vn.motcua.signature.SignatureVerifier.class).verify(result).allValid()).isTrue();
    }

    Api.Response upload(String code, String name, byte[] content) {
        return api.postMultipart("leader-a", "/api/records/" + code + "/signature",
                List.of(Part.file("file", name, "application/pdf", content)));
    }

    @Test
    void aSupplementBringsTheRecordBackToReception() throws IOException {
        Api.Response submitted = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012346"), List.of());
        String code = submitted.json().at("/record/code").asText();
        String secret = submitted.json().get("trackingSecret").asText();

        Api.Response early = supplement(code, secret);
        assertThat(early.status()).as("nothing was asked yet").isEqualTo(409);

        work("clerk-a", code, "Task_Reception", """
                {"receptionDecision": {"value": "supplement"},
                 "missingDocuments": {"value": "Giấy chứng sinh / birth certificate"}}""");
        JsonNode waiting = record(code);
        assertThat(waiting.at("/state/code").asInt()).isEqualTo(5);
        assertThat(pdfText(api.get("portal", document(waiting, "supplement-request").get("href").asText()).bytes()))
                .contains("Giấy chứng sinh");

        assertThat(supplement(code, secret).status()).isEqualTo(200);
        JsonNode back = record(code);
        assertThat(back.at("/state/code").asInt()).isEqualTo(1);
        assertThat(back.get("currentStep").asText()).isEqualTo("reception");
        assertThat(document(back, "supplement").get("sha256").asText()).hasSize(64);
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        assertThat(stateCodes(recordInState(code, 4))).containsExactly(1, 5, 1, 2, 4);
    }

    @Test
    void aWithdrawnRecordEndsItsProcess() {
        Api.Response submitted = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012347"), List.of());
        String code = submitted.json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");

        Api.Response withdrawn = api.post("portal", "/api/records/" + code + "/withdrawal",
                "{\"reason\": \"đã nộp ở nơi khác\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().at("/state/code").asInt()).isEqualTo(7);
        assertThat(api.get("specialist-a", "/engine-rest/task?processInstanceBusinessKey=" + code).json()).isEmpty();
        assertThat(api.get("analyst", "/engine-rest/process-instance?businessKey=" + code).json()).isEmpty();
        assertThat(api.post("portal", "/api/records/" + code + "/withdrawal", "{}").status()).isEqualTo(409);
    }

    @Test
    void aRefusalAtReceptionClosesTheRecordWithForm03() throws IOException {
        String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012350"), List.of())
                .json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", """
                {"receptionDecision": {"value": "refuse"},
                 "refusalReasons": {"value": "Không thuộc thẩm quyền của xã A"}}""");
        JsonNode refused = record(code);
        assertThat(stateCodes(refused)).containsExactly(1, 3);
        assertThat(refused.get("closedAt").isNull()).isFalse();
        assertThat(pdfText(api.get("portal", document(refused, "refusal").get("href").asText()).bytes()))
                .contains("Không thuộc thẩm quyền của xã A", code);
        assertThat(api.get("clerk-a", "/engine-rest/task?processInstanceBusinessKey=" + code).json()).isEmpty();
    }

    @Test
    void processingStoppedAtAppraisalWithForm05ResumesOnRequest() throws IOException {
        String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012351"), List.of())
                .json().at("/record/code").asText();
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        work("specialist-a", code, "Task_Appraisal", """
                {"proposal": {"value": "stop"}, "stopReasons": {"value": "Chờ kết quả xác minh của Công an"}}""");
        JsonNode stopped = record(code);
        assertThat(stopped.at("/state/code").asInt()).isEqualTo(8);
        assertThat(pdfText(api.get("portal", document(stopped, "stop-notice").get("href").asText()).bytes()))
                .contains("Chờ kết quả xác minh của Công an");

        assertThat(api.post("clerk-a", "/api/records/" + code + "/resumption", "").status())
                .as("only the unit's specialists and leaders resume").isEqualTo(403);
        assertThat(api.post("specialist-b", "/api/records/" + code + "/resumption", "").status()).isEqualTo(404);
        Api.Response resumed = api.post("specialist-a", "/api/records/" + code + "/resumption", "");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().at("/state/code").asInt()).isEqualTo(4);
        assertThat(stateCodes(resumed.json())).containsExactly(1, 2, 4, 8, 4);
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
    }

    @Test
    void stoppedProcessingPausesTheClockAndResumingMovesTheAppointment() {
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        // Monday 23 November 2026, 09:00 in Vietnam; the procedure takes 1 working day
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, vietnam).toInstant()));
        try {
            String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012353"), List.of())
                    .json().at("/record/code").asText();
            work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
            assertThat(java.time.Instant.parse(record(code).get("appointmentAt").asText()).atZone(vietnam)
                    .toLocalDateTime()).isEqualTo("2026-11-24T09:00");
            work("specialist-a", code, "Task_Appraisal", """
                    {"proposal": {"value": "stop"}, "stopReasons": {"value": "Chờ xác minh"}}""");

            ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 11, 23, 11, 0, 0, 0, vietnam)
                    .toInstant()));
            JsonNode resumed = api.post("specialist-a", "/api/records/" + code + "/resumption", "").json();
            assertThat(java.time.Instant.parse(resumed.get("appointmentAt").asText()).atZone(vietnam)
                    .toLocalDateTime()).as("moved by the 2 working hours paused").isEqualTo("2026-11-24T11:00");
            JsonNode last = resumed.get("history").get(resumed.get("history").size() - 1);
            assertThat(last.at("/to/code").asInt()).isEqualTo(4);
            assertThat(last.get("note").asText()).contains("2.0 working hours");
            assertThat(resumed.get("colour").asText()).isEqualTo("green");
        } finally {
            ClockUtil.reset();
        }
    }

    /**
     * Issue 21: the monitor foresees the record will be late before its appointment; both nodes notice and publish,
     * the leaders get one task with the proposed day in its form, and the record is not asked again when its
     * appointment passes while that apology is pending.
     */
    @Test
    void aLatenessForeseenOnTwoNodesAsksTheLeadersOnceWithTheProposedDay() {
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.Instant monday = java.time.ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, vietnam).toInstant();
        ClockUtil.setCurrentTime(Date.from(monday));
        try {
            String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012358"), List.of())
                    .json().at("/record/code").asText();
            work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
            java.time.Instant noticed = monday.plus(java.time.Duration.ofHours(1));
            LatenessForeseen foreseen = new LatenessForeseen(code, java.time.LocalDate.of(2026, 11, 26), noticed);
            nodeA.context().publishEvent(foreseen);
            nodeB.context().publishEvent(foreseen);
            String taskQuery = "/engine-rest/task?name=" + java.net.URLEncoder.encode(LateRecords.FORESEEN_TASK_NAME + code,
                    java.nio.charset.StandardCharsets.UTF_8);
            JsonNode tasks = api.get("leader-a", taskQuery).json();
            assertThat(tasks).as("one task for the unit's leaders").hasSize(1);
            assertThat(api.get("leader-a", "/engine-rest/task/" + tasks.get(0).get("id").asText()
                    + "/form-variables?variableNames=newAppointmentDate").json().at("/newAppointmentDate/value").asText())
                    .isEqualTo("2026-11-26");
            assertThat(tasks.get(0).get("description").asText()).contains("dự báo sẽ trễ", "26/11/2026");
            // the appointment passes while the apology is pending: not asked a second time
            ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, vietnam).toInstant()));
            nodeA.bean(LateRecords.class).sweep();
            String missedQuery = "/engine-rest/task?name=" + java.net.URLEncoder.encode(LateRecords.TASK_NAME + code,
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(api.get("leader-a", missedQuery).json()).isEmpty();
            // a foreseen lateness after the appointment has passed is the sweep's, not the forecast's
            nodeA.context().publishEvent(
                    new LatenessForeseen(code, java.time.LocalDate.of(2026, 11, 27), ClockUtil.now().toInstant()));
            assertThat(api.get("leader-a", taskQuery).json()).hasSize(1);
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aLateRecordGetsItsLeaderToIssueAnApologyWithANewAppointment() throws IOException {
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, vietnam).toInstant()));
        try {
            String code = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012354"), List.of())
                    .json().at("/record/code").asText();
            work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
            // the appointment was Tuesday 09:00; on Tuesday at 10:00 the record is late
            ClockUtil.setCurrentTime(Date.from(java.time.ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, vietnam)
                    .toInstant()));
            nodeA.bean(LateRecords.class).sweep();
            nodeB.bean(LateRecords.class).sweep();
            // the apology task only: the overdue steps also notify the leaders, with notices of their own
            String taskQuery = "/engine-rest/task?name=" + java.net.URLEncoder.encode(LateRecords.TASK_NAME + code,
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(api.get("leader-a", taskQuery).json()).as("one task for the unit's leaders").hasSize(1);
            assertThat(api.get("leader-b", taskQuery).json()).isEmpty();

            String apology = "{\"newAppointmentAt\": \"2026-11-25T10:00:00+07:00\", \"reason\": \"Chờ xác minh hộ tịch\"}";
            assertRefused(api.post("clerk-a", "/api/records/" + code + "/apology", apology), 403, null);
            assertRefused(api.post("leader-a", "/api/records/" + code + "/apology",
                    "{\"newAppointmentAt\": \"2026-11-20T10:00:00+07:00\", \"reason\": \"x\"}"), 400,
                    "newAppointmentAt");
            assertRefused(api.post("leader-a", "/api/records/" + code + "/apology",
                    "{\"newAppointmentAt\": \"tomorrow\", \"reason\": \"x\"}"), 400, "newAppointmentAt");
            Api.Response issued = api.post("leader-a", "/api/records/" + code + "/apology", apology);
            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            assertThat(java.time.Instant.parse(issued.json().get("appointmentAt").asText()))
                    .isEqualTo(java.time.Instant.parse("2026-11-25T03:00:00Z"));
            assertThat(pdfText(api.get("portal", document(issued.json(), "apology").get("href").asText()).bytes()))
                    .contains("Chờ xác minh hộ tịch", code);
            JsonNode newestReceipt = null;
            for (JsonNode d : issued.json().get("documents")) {
                if (d.get("kind").asText().equals("receipt")) {
                    newestReceipt = d;
                }
            }
            assertThat(pdfText(api.get("portal", newestReceipt.get("href").asText()).bytes()))
                    .contains("Thứ Tư, ngày 25/11/2026");
            assertThat(api.get("leader-a", taskQuery).json()).as("the leader's task is done").isEmpty();
            assertThat(nodeA.bean(JdbcClient.class).sql("select subject from notice_outbox where notice_id = ?")
                    .param(code).query(String.class).list()).as("the applicant is notified, once")
                    .filteredOn(subject -> subject.contains("hẹn lại ngày trả kết quả")).hasSize(1);

            nodeA.bean(LateRecords.class).sweep();
            assertThat(api.get("leader-a", taskQuery).json()).as("asked once").isEmpty();
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void theClerkAttachesScansOfPaperReceivedAtTheCounter() throws IOException {
        String code = submit(api, "clerk-a", application(BIRTH, "commune-a", 1, "001190012352"), List.of())
                .json().at("/record/code").asText();
        Api.Response scanned = api.postMultipart("clerk-a", "/api/records/" + code + "/documents",
                List.of(pdf("giay-chung-sinh-scan.pdf")));
        assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        JsonNode scan = document(scanned.json(), "scan");
        assertThat(scan.get("digitised").asBoolean()).isTrue();
        assertThat(scan.get("mediaType").asText()).isEqualTo("application/pdf");
        Api.Response download = api.get("specialist-a", scan.get("href").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(DocumentStore.sha256(download.bytes())).isEqualTo(scan.get("sha256").asText());
        assertThat(api.postMultipart("clerk-b", "/api/records/" + code + "/documents",
                List.of(pdf("x.pdf"))).status()).isEqualTo(404);
        assertThat(api.postMultipart("specialist-a", "/api/records/" + code + "/documents",
                List.of(pdf("x.pdf"))).status()).isEqualTo(403);
    }

    @Test
    void aRetriedSubmissionWithTheSameIdempotencyKeyMakesOneRecord() {
        String body = application(BIRTH, "commune-a", 2, "001190012348");
        Api.Response first = submit(api, "portal", body, List.of(), "Idempotency-Key", "portal-req-42");
        Api.Response retry = submit(nodeB.api(), "portal", body, List.of(), "Idempotency-Key", "portal-req-42");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().at("/record/code").asText()).isEqualTo(first.json().at("/record/code").asText());
        assertThat(retry.json().has("trackingSecret")).isFalse();

        long before = recordCount();
        Api.Response different = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190099999"), List.of(),
                "Idempotency-Key", "portal-req-42");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(recordCount()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() throws IOException {
        long before = recordCount();
        assertRefused(submit(api, "portal", application("9.999999", "commune-a", 2, "001190012345"), List.of()),
                400, "procedureCode");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-z", 2, "001190012345"), List.of()),
                400, "unit");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 7, "001190012345"), List.of()),
                400, "channel");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 2, "12345"), List.of()),
                400, "applicant.personalId");
        assertRefused(submit(api, "portal", "{not json", List.of()), 400, "record");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012345"),
                List.of(Part.file("documents", "empty.pdf", "application/pdf", new byte[0]))), 400, "documents[0]");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012345"),
                List.of(Part.file("documents", "big.pdf", "application/pdf", bigPdf()))), 413, "documents[0]");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012345"),
                List.of(Part.file("documents", "fake.pdf", "application/pdf",
                        "this is not a PDF".getBytes(java.nio.charset.StandardCharsets.UTF_8)))), 415, "documents[0]");
        assertRefused(submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012345"),
                List.of(pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"), pdf("4.pdf"))), 400, "documents");
        assertRefused(submit(api, "clerk-b", application(BIRTH, "commune-a", 1, "001190012345"), List.of()), 403, null);
        assertThat(submit(api, null, application(BIRTH, "commune-a", 2, "001190012345"), List.of()).status())
                .isEqualTo(401);
        assertThat(submit(api, "specialist-a", application(BIRTH, "commune-a", 2, "001190012345"), List.of())
                .status()).isEqualTo(403);
        assertThat(recordCount()).as("a refused request stores nothing").isEqualTo(before);

        Api.Response submitted = submit(api, "portal", application(BIRTH, "commune-a", 2, "001190012349"), List.of());
        String code = submitted.json().at("/record/code").asText();
        assertRefused(api.post("portal", "/api/records/" + code + "/rating", "{\"score\": 5}"), 409, "state");
        assertRefused(api.post("portal", "/api/records/" + code + "/rating", "{\"score\": 9}"), 400, "score");
        assertRefused(api.get("portal", "/api/records/" + code + "/result"), 409, "state");
        assertThat(api.get("portal", "/api/records/nope-20260101-00001").status()).isEqualTo(404);
    }

    /** Issue 17: one problem type for every 4xx — the records API, the calendar and the monitoring centre alike. */
    @Test
    void aBadRequestIsTheSameProblemInEveryFeature() {
        assertSameProblem(submit(api, "portal", application(BIRTH, "commune-a", 7, "001190012345"), List.of()),
                "channel", "channel must be 1 (in person), 2 (online) or 3 (postal)", "/api/records");
        assertSameProblem(api.get(null, "/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=-1"),
                "workingDays", "workingDays must be a number from 0 to 3650, was '-1'", "/api/calendar/due");
        assertSameProblem(api.get("leader-a", "/api/monitor/kpis?period=week"),
                "period", "period must be day, month, quarter or year, was 'week'", "/api/monitor/kpis");
    }

    static void assertSameProblem(Api.Response response, String field, String detail, String instance) {
        assertRefused(response, 400, field);
        JsonNode problem = response.json();
        List<String> members = new ArrayList<>();
        problem.fieldNames().forEachRemaining(members::add);
        assertThat(members).as(response.body())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "field");
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo("Invalid '" + field + "'");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(problem.get("instance").asText()).isEqualTo(instance);
    }

    @Test
    void twoNodesSubmittingAtOnceNeverShareARecordCode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Api node = (i % 2 == 0 ? nodeA : nodeB).api();
                String personalId = "0011900%05d".formatted(20000 + i);
                Callable<Api.Response> call = () -> submit(node, "portal",
                        application(BIRTH, "commune-b", 2, personalId), List.of());
                futures.add(pool.submit(call));
            }
            Set<String> codes = new HashSet<>();
            for (Future<Api.Response> future : futures) {
                Api.Response response = future.get();
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                codes.add(response.json().at("/record/code").asText());
            }
            assertThat(codes).hasSize(24);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers -------------------------------------------------------------------------

    static String application(String procedure, String unit, int channel, String personalId) {
        return Applications.birthRegistration(unit, channel, personalId, "Trần Minh An")
                .replace(Applications.BIRTH_REGISTRATION, procedure);
    }

    static Api.Response submit(Api api, String user, String recordJson, List<Part> files, String... headers) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.json("record", recordJson));
        parts.addAll(files);
        return api.postMultipart(user, "/api/records", parts, headers);
    }

    Api.Response supplement(String code, String secret) throws IOException {
        return api.postMultipart(null, "/api/records/" + code + "/supplements", List.of(pdf("giay-chung-sinh.pdf")),
                "X-Tracking-Secret", secret);
    }

    /** The record once it reaches the state (or after 30 s): appraisal starts after the lookup jobs. */
    JsonNode recordInState(String code, int state) {
        return Api.eventually(() -> {
            JsonNode record = record(code);
            return record.at("/state/code").asInt() == state ? record : record.path("no such field");
        }, java.time.Duration.ofSeconds(30));
    }

    JsonNode record(String code) {
        Api.Response response = api.get("portal", "/api/records/" + code);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The user claims and completes the record's task at {@code taskKey}, as in Tasklist. */
    void work(String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }

    static JsonNode document(JsonNode record, String kind) {
        for (JsonNode document : record.get("documents")) {
            if (document.get("kind").asText().equals(kind)) {
                return document;
            }
        }
        throw new AssertionError("record has no " + kind + " document: " + record.get("documents"));
    }

    static List<Integer> stateCodes(JsonNode record) {
        List<Integer> codes = new ArrayList<>();
        record.get("history").forEach(change -> codes.add(change.at("/to/code").asInt()));
        return codes;
    }

    static String appointmentDay(JsonNode record) {
        java.time.ZonedDateTime at = java.time.Instant.parse(record.get("appointmentAt").asText())
                .atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        return "ngày %02d tháng %02d năm %d".formatted(at.getDayOfMonth(), at.getMonthValue(), at.getYear());
    }

    static String appointmentDaySlashed(JsonNode record) {
        java.time.ZonedDateTime at = java.time.Instant.parse(record.get("appointmentAt").asText())
                .atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        return "%02d/%02d/%d".formatted(at.getDayOfMonth(), at.getMonthValue(), at.getYear());
    }

    long recordCount() {
        return nodeA.bean(JdbcClient.class).sql("select count(*) from record").query(Long.class).single();
    }

    /**
     * poppler's pdfsig, an independent validator (installed by .ci/run), names the signers and finds
     * them valid. Required on CI; without it a developer's run skips the test that calls this.
     */
    static void pdfsigAgrees(byte[] pdf, String... signers) throws IOException {
        RequiredTool.requireCommand("pdfsig", "pdfsig (apt-get install poppler-utils)");
        Path file = java.nio.file.Files.createTempFile("result", ".pdf");
        try {
            java.nio.file.Files.write(file, pdf);
            Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String signer : signers) {
                assertThat(output).as(output).contains("Signer Certificate Common Name: " + signer);
            }
            assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(signers.length + 1);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    static void assertRefused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("\tat ", "Exception");
        if (field != null) {
            assertThat(response.json().get("field").asText()).isEqualTo(field);
        }
    }

    static Part pdf(String name) throws IOException {
        return Part.file("documents", name, "application/pdf", pdfBytes(1));
    }

    static byte[] pdfBytes(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A real PDF over the 100 KB limit the nodes run with. */
    static byte[] bigPdf() throws IOException {
        byte[] pdf = pdfBytes(1);
        byte[] big = new byte[150 * 1024];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        return big;
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
