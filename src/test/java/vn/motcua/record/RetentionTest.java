package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * Issue #16 (cost little to keep), on H2 and on PostgreSQL (subclasses): what a record keeps once
 * sealed, the engine's history cleanup after the time to live, and our retention purge — whole
 * records only, never an open one, one node at a time. The birth registration's model is given
 * {@code procedure.retentionDays = 30}; the other procedures keep the default (10 years).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RetentionTest {

    static final int BIRTH_RETENTION_DAYS = 30;

    AppInstance app;
    Api api;
    Path processes;
    /** Worked to the end (state 10): sealed, returned. */
    String returned;
    String returnedInstance;
    /** Refused at reception (state 3). */
    String refused;
    String refusedInstance;
    /** Waiting at reception (state 1). */
    String open;
    String openInstance;

    abstract AppInstance startApp(Path processes);

    void stopDatabase() throws IOException {
    }

    @BeforeAll
    void start() throws IOException {
        processes = Files.createTempDirectory("retention-processes");
        try (var files = Files.list(Path.of("processes"))) {
            for (Path file : files.toList()) {
                String xml = Files.readString(file);
                if (file.getFileName().toString().equals("birth-registration.bpmn")) {
                    xml = xml.replace("<camunda:property name=\"procedure.code\"", "<camunda:property name=\""
                            + Retention.RETENTION_DAYS + "\" value=\"" + BIRTH_RETENTION_DAYS + "\" />\n"
                            + "        <camunda:property name=\"procedure.code\"");
                }
                Files.writeString(processes.resolve(file.getFileName()), xml);
            }
        }
        app = startApp(processes);
        api = app.api();
        returned = submit("001190012345", true);
        refused = submit("001190012346", false);
        open = submit("001190012347", false);
        api.work("clerk-a", refused, "Task_Reception",
                "{\"receptionDecision\": {\"value\": \"refuse\"}, \"refusalReasons\": {\"value\": \"Thiếu giấy chứng sinh\"}}");
        workToTheEnd(returned);
        recordInState(refused, 3);
        returnedInstance = instanceOf(returned);
        refusedInstance = instanceOf(refused);
        openInstance = instanceOf(open);
    }

    @AfterEach
    void clockAndClaim() {
        ClockUtil.reset();
        // each test starts with nobody holding the purge
        jdbc().sql("update retention_claim set claimed_by = null, claimed_until = ?")
                .param(java.sql.Timestamp.from(Instant.parse("2000-01-01T00:00:00Z"))).update();
    }

    @AfterAll
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        stopDatabase();
    }

    // --- kept once ---------------------------------------------------------------------------

    @Test
    @Order(1)
    void afterSealingOnlyTheResultIsKeptAndItStillVerifies() {
        JsonNode record = record(returned);
        assertThat(record.get("documents")).extracting(d -> d.get("kind").asText())
                .containsExactlyInAnyOrder("application", "receipt", "result");
        assertThat(jdbc().sql("select count(*) from record_document where record_code = ? and kind in "
                + "('result-draft', 'result-signed', 'signature-report')").param(returned).query(Long.class).single())
                .isZero();
        // the compact summary per signature: indication, signer, certificate, time
        List<String> summaries = jdbc().sql("""
                select signature_kind || ' ' || signer || ' ' || indication || ' ' || certificate_sha256 || ' '
                       || certificate_subject || ' ' || (case when signed_at is null then 'no time' else 'timed' end)
                  from record_signature where record_code = ? order by created_at""").param(returned)
                .query(String.class).list();
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(0)).startsWith("personal leader-a TOTAL_PASSED ").contains("CN=leader-a").endsWith("timed");
        assertThat(summaries.get(1)).startsWith("seal commune-a TOTAL_PASSED ").contains("CN=commune-a");

        Api.Response page = api.get(null, "/verify/" + returned);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("leader-a", "commune-a", "The document is intact and every signature is valid");
        for (JsonNode signature : record.get("signatures")) {
            Api.Response report = api.get("clerk-a", signature.get("report").asText());
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.body()).contains("SimpleReport", "TOTAL_PASSED", "leader-a", "commune-a");
        }
        assertThat(api.get("clerk-a", "/api/records/" + returned + "/signatures/no-such-signature/report").status())
                .isEqualTo(404);
        Api.Response result = api.get("clerk-a", RecordsApiTest.document(record, "result").get("href").asText());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.contentType()).startsWith("application/pdf");
    }

    // --- our retention purge --------------------------------------------------------------------

    @Test
    @Order(2)
    void theProcedurePropertyOrTheDefaultGivesTheRetention() {
        Retention retention = retention(Instant.now(), "node-a");
        assertThat(retention.retentionDays("birth-registration")).isEqualTo(BIRTH_RETENTION_DAYS);
        assertThat(retention.retentionDays("household-business-registration")).isEqualTo(3650);
        assertThat(retention.retentionDays("no-such-procedure")).isEqualTo(3650);
    }

    /** A feature that adds a table keyed by the record's code adds it to the purge, or this fails. */
    @Test
    @Order(2)
    void everyTableOfOursKeyedByARecordIsPurged() {
        List<String> keyed = jdbc().sql("""
                select lower(table_name) from information_schema.columns
                 where lower(column_name) = 'record_code' and lower(table_schema) = lower(current_schema)""")
                .query(String.class).list();
        assertThat(keyed).contains("portal_outbox")
                .allSatisfy(table -> assertThat(table).as("a table with rows per record")
                        .isIn(Stream.concat(Retention.PER_RECORD_TABLES.stream(), Stream.of("escalation_notice")).toList()));
    }

    @Test
    @Order(3)
    void nothingIsPurgedBeforeItsRetentionHasPassed() {
        Instant soon = Instant.now().plus(Duration.ofDays(BIRTH_RETENTION_DAYS - 1));
        assertThat(retention(soon, "node-a").purgeDue()).isZero();
        assertThat(rowsOf(returned)).isPositive();
        assertThat(rowsOf(refused)).isPositive();
    }

    @Test
    @Order(4)
    void onlyOneNodeAtATimeHoldsThePurge() {
        Instant now = Instant.now();
        Retention a = retention(now, "node-a");
        Retention b = retention(now, "node-b");
        assertThat(a.claim()).isTrue();
        assertThat(b.claim()).as("node-a holds it").isFalse();
        assertThat(a.claim()).as("node-a renews its own claim").isTrue();
        assertThat(retention(now.plus(Duration.ofMinutes(16)), "node-b").claim())
                .as("a lapsed claim (node-a died) is taken over").isTrue();
        assertThat(a.purgeDue()).as("node-b holds it now").isZero();
        // release node-b's claim the way a finished purge does
        assertThat(retention(now.plus(Duration.ofMinutes(16)), "node-b").purgeDue()).isZero();
    }

    @Test
    @Order(5)
    void anOldClosedRecordIsPurgedWholeAndAnOpenOneNeverEvenWhenOlder() throws Exception {
        Instant later = Instant.now().plus(Duration.ofDays(BIRTH_RETENTION_DAYS + 1));
        assertThat(rowsOf(returned)).isPositive();
        // two nodes at once: the records are purged once, by one of them
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> nodes = new ArrayList<>();
        nodes.add(() -> retention(later, "node-a").purgeDue());
        nodes.add(() -> retention(later, "node-b").purgeDue());
        int purged = 0;
        for (Future<Integer> done : pool.invokeAll(nodes)) {
            purged += done.get();
        }
        pool.shutdown();
        assertThat(purged).isEqualTo(2);
        for (String code : List.of(returned, refused)) {
            assertThat(rowsOf(code)).as(code + ": nothing left in our tables").isZero();
            assertThat(api.get("portal", "/api/records/" + code).status()).isEqualTo(404);
        }
        assertThat(historicInstances(returnedInstance)).as("the engine's history goes with the record").isZero();
        assertThat(historicInstances(refusedInstance)).isZero();
        assertThat(api.get(null, "/verify/" + returned).status()).isEqualTo(404);

        // the open record — as old as the others — stays, with everything it has
        assertThat(record(open).at("/state/code").asInt()).isEqualTo(1);
        assertThat(rowsOf(open)).isPositive();
        assertThat(app.bean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(openInstance).count())
                .isEqualTo(1);
        // and stays however late it is
        assertThat(retention(Instant.now().plus(Duration.ofDays(100_000)), "node-a").purgeDue()).isZero();
        assertThat(rowsOf(open)).isPositive();
    }

    @Test
    @Order(6)
    void aRecordMarkedClosedWhoseProcessStillRunsIsKept() {
        // a record row closed by hand (or by a bug) while its process instance still runs
        jdbc().sql("update record set state = 7, closed_at = ? where code = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(40))), open).update();
        try {
            Retention retention = retention(Instant.now(), "node-a");
            assertThat(retention.due(10)).as("due by its row").contains(open);
            assertThat(retention.purgeDue()).isZero();
            assertThat(rowsOf(open)).isPositive();
        } finally {
            jdbc().sql("update record set state = 1, closed_at = null where code = ?").param(open).update();
        }
    }

    @Test
    @Order(0)
    void aNewDraftSupersedesTheEarlierDraftAndItsSignedCopy() throws IOException {
        String code = submit("001190012349", false);
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        String firstDraft = Api.eventually(() -> {
            JsonNode r = record(code);
            return r.get("documents").toString().contains("result-draft") ? r : r.path("none");
        }, Duration.ofSeconds(30)).toString();
        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        String firstSignature = signed.json().get("signatures").get(0).get("id").asText();
        // the leader sends it back; appraisal drafts again
        api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"return\"}}");
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        JsonNode redrafted = Api.eventually(() -> {
            JsonNode r = record(code);
            return r.get("documents").toString().contains("result-draft") && !r.toString().equals(firstDraft)
                    && !r.get("documents").toString().contains("result-signed") ? r : r.path("none");
        }, Duration.ofSeconds(30));
        assertThat(redrafted.get("documents")).extracting(d -> d.get("kind").asText())
                .containsExactly("receipt", "result-draft");
        assertThat(redrafted.get("signatures")).as("the first signature's summary stays").hasSize(1);
        assertThat(api.get("leader-a", "/api/records/" + code + "/signatures/" + firstSignature + "/report").status())
                .as("its signed copy is superseded: no report to make").isEqualTo(404);
        // the new draft is signed and approved as usual
        assertThat(api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}").status())
                .isEqualTo(200);
        api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
    }

    // --- the engine's history cleanup ----------------------------------------------------------

    @Test
    @Order(7)
    void theHistoryCleanupRemovesAnEndedRecordsHistoryAfterItsTimeToLiveAndLeavesOpenOnes() throws IOException {
        HistoryService history = app.bean(HistoryService.class);
        String ended = submit("001190012348", false);
        api.work("clerk-a", ended, "Task_Reception",
                "{\"receptionDecision\": {\"value\": \"refuse\"}, \"refusalReasons\": {\"value\": \"Thiếu giấy tờ\"}}");
        recordInState(ended, 3);
        String endedInstance = instanceOf(ended);
        assertThat(app.bean(org.camunda.bpm.engine.ProcessEngine.class).getProcessEngineConfiguration())
                .satisfies(c -> {
                    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) c;
                    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00+0700");
                    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0700");
                    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
                });
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(endedInstance).singleResult()
                .getRemovalTime()).as("ended: removed 180 days after its end")
                .isAfter(Date.from(Instant.now().plus(Duration.ofDays(179))));

        // before the time to live has passed the cleanup removes nothing
        runHistoryCleanup(Instant.now().plus(Duration.ofDays(170)));
        assertThat(historicInstances(endedInstance)).isEqualTo(1);

        runHistoryCleanup(Instant.now().plus(Duration.ofDays(181)));
        assertThat(historicInstances(endedInstance)).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(endedInstance).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(endedInstance).count()).isZero();
        assertThat(historicInstances(openInstance)).as("an open record's history stays").isEqualTo(1);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(openInstance).count()).isEqualTo(1);
        // our tables keep the record (its own retention): its page still answers, its data is kept
        assertThat(record(ended).at("/state/code").asInt()).isEqualTo(3);
        assertThat(jdbc().sql("select data from record_data where record_code = ?").param(ended).query(String.class)
                .single()).contains("\"refusalReasons\":\"Thiếu giấy tờ\"", "\"receptionDecision\":\"refuse\"");
        assertThat(rowsOf(ended)).isPositive();
    }

    // --- helpers ---------------------------------------------------------------------------------

    Retention retention(Instant now, String node) {
        return new Retention(jdbc(), app.bean(TransactionTemplate.class), app.bean(RetentionProperties.class),
                app.bean(RepositoryService.class), app.bean(RuntimeService.class), app.bean(HistoryService.class),
                () -> now, node);
    }

    JdbcClient jdbc() {
        return app.bean(JdbcClient.class);
    }

    /** Rows about the record in every table of ours that keeps some. */
    long rowsOf(String code) {
        long rows = jdbc().sql("select count(*) from record where code = ?").param(code).query(Long.class).single();
        rows += jdbc().sql("select count(*) from monitor_record where code = ?").param(code).query(Long.class).single();
        for (String table : Retention.PER_RECORD_TABLES) {
            rows += jdbc().sql("select count(*) from " + table + " where record_code = ?").param(code)
                    .query(Long.class).single();
        }
        rows += jdbc().sql("select count(*) from escalation_notice where record_code = ?").param(code)
                .query(Long.class).single();
        return rows;
    }

    long historicInstances(String instance) {
        return app.bean(HistoryService.class).createHistoricProcessInstanceQuery().processInstanceId(instance).count();
    }

    /** Runs the engine's cleanup job as the job executor would at {@code at}, until it has nothing left to do. */
    void runHistoryCleanup(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        try {
            HistoryService history = app.bean(HistoryService.class);
            ManagementService management = app.bean(ManagementService.class);
            for (int attempt = 1;; attempt++) {
                try {
                    history.cleanUpHistoryAsync(true);
                    break;
                } catch (org.camunda.bpm.engine.OptimisticLockingException busy) {
                    // the node's job executor was rescheduling the same cleanup job at that moment
                    if (attempt == 5) {
                        throw busy;
                    }
                }
            }
            for (Job job : history.findHistoryCleanupJobs()) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException executedMeanwhile) {
                    // the node's job executor ran it at the same moment
                }
            }
        } finally {
            ClockUtil.reset();
        }
    }

    String submit(String mothersPersonalId, boolean withDocument) throws IOException {
        String json = Applications.birthRegistration("commune-a", 2, mothersPersonalId, "Trần Minh An");
        Api.Response submitted = withDocument
                ? api.postMultipart("portal", "/api/records", List.of(Part.json("record", json),
                        Part.file("documents", "to-khai.pdf", "application/pdf", pdf())))
                : api.post("portal", "/api/records", json);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json().at("/record/code").asText();
    }

    void workToTheEnd(String code) {
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        recordInState(code, 4);
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        Api.eventually(() -> {
            JsonNode r = record(code);
            return r.get("documents").toString().contains("result-draft") ? r : r.path("none");
        }, Duration.ofSeconds(30));
        Api.Response signed = api.post("leader-a", "/api/records/" + code + "/signature", "{\"pin\": \"123456\"}");
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(record(code).get("documents")).extracting(d -> d.get("kind").asText())
                .as("before issuing the signed copy is what the leader approves").contains("result-signed");
        api.work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        api.work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-12-01\"}}");
        api.work("clerk-a", code, "Task_Result",
                "{\"deliveryChannel\": {\"value\": \"portal\"}, \"resultDelivered\": {\"value\": true}}");
        recordInState(code, 10);
    }

    String instanceOf(String code) {
        return jdbc().sql("select process_instance_id from record where code = ?").param(code).query(String.class)
                .single();
    }

    JsonNode recordInState(String code, int state) {
        return Api.eventually(() -> {
            JsonNode record = record(code);
            return record.at("/state/code").asInt() == state ? record : record.path("no such field");
        }, Duration.ofSeconds(30));
    }

    JsonNode record(String code) {
        Api.Response response = api.get("portal", "/api/records/" + code);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
