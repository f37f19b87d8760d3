package vn.motcua.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.demo.payment.StandInPaymentPlatform;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Browser;

/**
 * Fees end to end on PostgreSQL, against the stand-in payment platform over real HTTP: a household business
 * registration is accepted and asked for its 100,000 VND (state 6, the clock paused, the payment request with
 * its link and VietQR code); the applicant pays on the platform's page in headless Chromium; the signed
 * callback resumes the record (the appointment moved by the time paused) and the receipt is issued. Duplicate,
 * replayed, forged, failed, wrong-amount and late callbacks change nothing; an unpaid request expires and the
 * record is withdrawn; the reconciliation finds what the platform took that the product did not record, and
 * the administrators see it on their page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentPostgresTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String MERCHANT = "motcua-test";
    static final String SECRET = "a-secret-only-these-two-know";
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedPostgres postgres;
    StandInPaymentPlatform platform;
    AppInstance node;
    Api api;
    String callbackUrl;
    int applicant;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        platform = new StandInPaymentPlatform(0, MERCHANT, SECRET);
        platform.retryBaseWait(Duration.ofMillis(100));
        platform.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        callbackUrl = "http://localhost:" + port + "/api/payments/callback";
        node = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), "--server.port=" + port,
                "--motcua.payment.platform-url=" + platform.baseUrl(), "--motcua.payment.merchant=" + MERCHANT,
                "--motcua.payment.secret=" + SECRET, "--motcua.payment.callback-url=" + callbackUrl,
                "--motcua.payment.callback-max-age=PT4S", "--motcua.payment-stand-in.enabled=false",
                "--motcua.portal-stand-in.enabled=false", "--motcua.portal-sync.enabled=false");
        api = node.api();
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {node, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        platform.stop();
    }

    @Test
    void theApplicantPaysOnThePlatformsPageAndTheRecordGoesOnWithItsAppointmentMovedByThePause() throws Exception {
        // a working Monday, 09:00 in Vietnam: the clock runs in office hours
        ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2026-12-14T02:00:00Z")));
        String code = acceptedAwaitingTheFee();
        JsonNode asked = api.record(code);
        Instant appointment = Instant.parse(asked.get("appointmentAt").asText());
        assertThat(asked.at("/state/code").asInt()).isEqualTo(6);
        assertThat(asked.findValuesAsText("kind")).contains("receipt", "payment-request");

        JsonNode payment = api.get("portal", "/api/records/" + code + "/payment").json();
        assertThat(payment.get("amount").asLong()).isEqualTo(100_000);
        assertThat(payment.get("status").asText()).isEqualTo("requested");
        String reference = payment.get("reference").asText();
        assertThat(reference).matches("P[A-Z2-9]{11}");
        String vietQr = payment.get("vietQr").asText();
        assertThat(vietQr).startsWith("000201010212").contains("5406100000", "0812" + reference, "5802VN");
        assertThat(vietQr.substring(vietQr.length() - 4))
                .isEqualTo(String.format("%04X", VietQr.crc16(vietQr.substring(0, vietQr.length() - 4).getBytes())));
        Api.Response png = api.get("portal", "/api/records/" + code + "/payment/qr.png");
        assertThat(png.contentType()).startsWith("image/png");
        assertThat(decodeQr(png.bytes())).as("a banking app reads the same VietQR payload").isEqualTo(vietQr);
        assertThat(pdfText(code, "payment-request")).contains("THÔNG BÁO NỘP PHÍ, LỆ PHÍ", "100.000 đồng", reference);
        assertThat(api.get(null, "/api/records/" + code + "/payment").status()).as("nobody without the secret").isEqualTo(401);

        // the clerk's paused time: two working hours in state 6
        ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2026-12-14T04:00:00Z")));
        WebDriver browser = Browser.start();
        try {
            browser.get(payment.get("paymentUrl").asText());
            assertThat(browser.getPageSource()).contains("100.000", reference);
            browser.findElement(By.id("pay")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("transaction")));
            assertThat(browser.findElement(By.id("transaction")).getText()).startsWith("TXN");
        } finally {
            browser.quit();
        }

        JsonNode paid = api.recordInState(code, 4); // paid: back to 2, then the lookups and appraisal
        assertThat(states(paid)).containsSubsequence(2, 6, 2, 4);
        assertThat(Duration.between(appointment, Instant.parse(paid.get("appointmentAt").asText())))
                .as("the appointment moves by the working time paused").isEqualTo(Duration.ofHours(2));
        JsonNode settled = api.get("portal", "/api/records/" + code + "/payment").json();
        assertThat(settled.get("status").asText()).isEqualTo("paid");
        assertThat(settled.get("receiptDocumentId").asText()).isNotBlank();
        assertThat(settled.has("paymentUrl")).as("nothing left to pay").isFalse();
        assertThat(pdfText(code, "fee-receipt")).contains("BIÊN LAI THU PHÍ, LỆ PHÍ", "100.000 đồng", reference,
                settled.get("transactionId").asText());

        // the platform's duplicate, a replay within the window: acknowledged, nothing happens twice
        String transaction = settled.get("transactionId").asText();
        JsonNode again = standIn("/stand-in/callbacks/replay", Map.of("transactionId", transaction));
        assertThat(again.get("status").asInt()).isEqualTo(200);
        assertThat(again.get("body").asText()).contains("\"duplicate\"");
        Thread.sleep(4_500);
        JsonNode stale = standIn("/stand-in/callbacks/replay", Map.of("transactionId", transaction));
        assertThat(stale.get("status").asInt()).as("a replay older than the window").isEqualTo(409);
        assertThat(stale.get("body").asText()).contains("\"stale\"");
        JsonNode forged = standIn("/stand-in/callbacks/forged", Map.of("notify", callbackUrl, "reference", reference,
                "amount", 100_000));
        assertThat(forged.get("status").asInt()).isEqualTo(401);
        JsonNode after = api.record(code);
        assertThat(states(after)).isEqualTo(states(paid));
        assertThat(after.findValuesAsText("kind").stream().filter("fee-receipt"::equals)).hasSize(1);
    }

    @Test
    void aFailedPaymentAndAPaymentOfAnotherAmountLeaveTheRequestPayable() throws Exception {
        String code = acceptedAwaitingTheFee();
        String reference = api.get("portal", "/api/records/" + code + "/payment").json().get("reference").asText();

        standIn("/stand-in/pay", Map.of("reference", reference, "amount", 100_000, "notify", callbackUrl,
                "outcome", "failed"));
        awaitCallback(reference, 200);
        standIn("/stand-in/pay", Map.of("reference", reference, "amount", 10_000, "notify", callbackUrl));
        awaitCallback(reference, 409);

        assertThat(api.record(code).at("/state/code").asInt()).isEqualTo(6);
        JsonNode payment = api.get("portal", "/api/records/" + code + "/payment").json();
        assertThat(payment.get("status").asText()).isEqualTo("requested");
        JsonNode seen = api.get("admin", "/api/admin/payments").json();
        assertThat(seen.get("callbacks").findValuesAsText("outcome")).contains("failed", "amount-mismatch");
    }

    @Test
    void anUnpaidRequestExpiresTheRecordIsWithdrawnALatePaymentIsRefusedAndTheReconciliationShowsIt() throws Exception {
        String code = acceptedAwaitingTheFee();
        String reference = api.get("portal", "/api/records/" + code + "/payment").json().get("reference").asText();
        ManagementService management = node.bean(ManagementService.class);
        String instance = node.bean(org.camunda.bpm.engine.RuntimeService.class).createProcessInstanceQuery()
                .processInstanceBusinessKey(code).singleResult().getId();
        Job expiry = management.createJobQuery().processInstanceId(instance).timers()
                .activityId("Event_PaymentExpired").singleResult();
        management.executeJob(expiry.getId());
        assertThat(api.record(code).at("/state/code").asInt()).as("unpaid: withdrawn").isEqualTo(7);

        standIn("/stand-in/pay", Map.of("reference", reference, "amount", 100_000, "notify", callbackUrl));
        awaitCallback(reference, 409);
        // paid on the platform, never told to the product (a callback lost for good)
        String lost = acceptedAwaitingTheFee();
        String lostReference = api.get("portal", "/api/records/" + lost + "/payment").json().get("reference").asText();
        standIn("/stand-in/pay", Map.of("reference", lostReference, "amount", 100_000, "notify", callbackUrl,
                "callback", false));

        String today = PaymentController.DAY.format(LocalDate.now(VIETNAM));
        Api.Response refused = api.post("clerk-a", "/api/admin/payments/reconciliations?day=" + today, "");
        assertThat(refused.status()).as("administrators only").isEqualTo(403);
        assertThat(api.post("admin", "/api/admin/payments/reconciliations?day=31/02/2026", "").status()).isEqualTo(400);
        JsonNode report = api.post("admin", "/api/admin/payments/reconciliations?day=" + today, "").json();
        assertThat(report.get("status").asText()).isEqualTo("differences");
        assertThat(report.get("differences")).anySatisfy(d -> {
            assertThat(d.get("reference").asText()).isEqualTo(reference);
            assertThat(d.get("kind").asText()).isEqualTo("not-recorded-here");
            assertThat(d.get("ourStatus").asText()).isEqualTo("expired");
        }).anySatisfy(d -> {
            assertThat(d.get("reference").asText()).isEqualTo(lostReference);
            assertThat(d.get("ourStatus").asText()).isEqualTo("requested");
        });

        WebDriver browser = Browser.start();
        try {
            Browser.signIn(browser, "http://localhost:" + node.port(), "admin");
            browser.get("http://localhost:" + node.port() + "/admin/payments");
            assertThat(browser.findElement(By.cssSelector("#reconciliations tr[data-day='" + today + "']"))
                    .getAttribute("data-status")).isEqualTo("differences");
            assertThat(browser.findElement(By.id("reconciliations")).getText()).contains(reference, lostReference);
            assertThat(browser.findElement(By.id("awaiting")).getText()).contains(lostReference, "100.000 ₫");
            browser.findElement(By.id("day")).clear();
            browser.findElement(By.id("day")).sendKeys(today);
            browser.findElement(By.id("reconcile")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
            assertThat(browser.findElement(By.id("message")).getText()).contains("Đối soát ngày " + today, "có chênh lệch");
        } finally {
            browser.quit();
        }
    }

    /** A household business registration submitted and accepted by the clerk: then it waits for its fee (state 6). */
    String acceptedAwaitingTheFee() {
        String submission = """
                {"procedureCode": "2.000575", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012346", "name": "Lê Văn Hùng", "phone": "0912345679",
                               "email": "hung@example.vn", "address": "Thôn 2, xã A"},
                 "formData": {"ownerPersonalId": "001190012346", "ownerFullName": "Lê Văn Hùng",
                              "businessName": "Tạp hóa Hùng Lan %d", "businessAddress": "Thôn 2, xã A",
                              "businessLines": "Bán lẻ tạp hóa / Grocery retail", "capital": 50000000}}"""
                .formatted(++applicant);
        Api.Response submitted = api.post("portal", "/api/records", submission);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        api.recordInState(code, 6);
        return code;
    }

    static List<Integer> states(JsonNode record) {
        return record.get("history").findValues("to").stream().map(to -> to.get("code").asInt()).toList();
    }

    String pdfText(String code, String kind) throws IOException {
        JsonNode document = api.record(code).get("documents").findParents("kind").stream()
                .filter(d -> kind.equals(d.get("kind").asText())).reduce((a, b) -> b).orElseThrow();
        byte[] pdf = api.get("portal", "/api/records/" + code + "/documents/" + document.get("id").asText()).bytes();
        try (var loaded = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(loaded).replaceAll("\\s+", " ");
        }
    }

    JsonNode standIn(String path, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Waits until the platform got the product's answer {@code status} to a callback for the reference. */
    void awaitCallback(String reference, int status) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            if (platform.callbacks(reference).stream().anyMatch(c -> Integer.valueOf(status).equals(c.get("status")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no callback of " + reference + " answered " + status + ": " + platform.callbacks(reference));
    }

    static String decodeQr(byte[] png) throws Exception {
        var image = ImageIO.read(new java.io.ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
