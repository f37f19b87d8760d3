package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Browser;

/**
 * The applicants' tracking page {@code /tra-cuu} on a phone (headless Chromium, 390 px wide), with two nodes on
 * one PostgreSQL: the code and the secret show the record — its state, step, appointment and the fee to pay with
 * its VietQR code — and nobody of staff but the unit; the receipt's QR token opens it too; a wrong secret, or
 * another record's, shows nothing and says the same; failures count on every node until the page refuses (429).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingPagePostgresTest {

    EmbeddedPostgres postgres;
    AppInstance nodeA;
    AppInstance nodeB;
    final HttpClient http = HttpClient.newHttpClient();
    int applicant;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String[] args = {"--motcua.tracking.failures-per-client=5", "--motcua.tracking.failures-per-record=3",
                "--motcua.portal-sync.enabled=false"};
        nodeB = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), args);
        nodeA = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"), args);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void anApplicantTracksTheirRecordOnAPhoneWithTheCodeAndSecretOrTheReceiptsQrCode() throws Exception {
        JsonNode submitted = submit();
        String code = submitted.at("/record/code").asText();
        String secret = submitted.get("trackingSecret").asText();
        nodeA.api().work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        nodeA.api().recordInState(code, 6);

        WebDriver phone = Browser.startPhone();
        try {
            phone.get(base(nodeB) + "/tra-cuu?ma=" + code);
            assertThat(phone.findElement(By.id("ma")).getAttribute("value")).isEqualTo(code);
            phone.findElement(By.id("secret")).sendKeys(secret);
            phone.findElement(By.id("look-up")).click();
            new WebDriverWait(phone, java.time.Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("record")));

            assertThat(phone.findElement(By.id("state")).getAttribute("data-code")).isEqualTo("6");
            assertThat(phone.findElement(By.id("state")).getText()).isEqualTo(
                    "Yêu cầu thực hiện nghĩa vụ tài chính / Financial obligation requested");
            assertThat(phone.findElement(By.id("unit")).getText()).isEqualTo("Ủy ban nhân dân xã A");
            assertThat(phone.findElement(By.id("step")).getText()).isEqualTo("Nộp phí, lệ phí / Fee payment");
            assertThat(phone.findElement(By.id("appointment")).getText()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
            assertThat(phone.findElement(By.id("fee-amount")).getText()).isEqualTo("100.000 đồng");
            assertThat(phone.findElement(By.id("pay")).getAttribute("href")).startsWith("http://localhost:8093/pay?")
                    .contains("reference=" + phone.findElement(By.id("fee-reference")).getText());
            assertThat(phone.findElement(By.cssSelector("#fee img")).getAttribute("src")).startsWith("data:image/png;base64,");
            assertThat(phone.findElement(By.id("history")).getText()).contains("Mới / New", "Đã tiếp nhận / Accepted");
            assertThat(phone.getPageSource()).as("nobody of staff: not clerk-a, not her name")
                    .doesNotContain("clerk-a", "Nguyễn Thị Hoa", "portal");
            Object overflow = ((JavascriptExecutor) phone).executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth;");
            assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
            Browser.screenshot(phone, "tra-cuu-phone");

            // the QR code printed on the receipt (form 01), read as a phone's camera would: it opens the page
            JsonNode receipt = RecordsApiTest.document(nodeA.api().record(code), "receipt");
            String scanned = qrOnFirstPage(nodeA.api().get("portal", receipt.get("href").asText()).bytes());
            assertThat(scanned).startsWith("http://localhost:8080/tra-cuu?ma=" + code + "&t=");
            String token = scanned.substring(scanned.indexOf("&t=") + 3);
            phone.get(base(nodeA) + "/tra-cuu?ma=" + code + "&t=" + token);
            assertThat(phone.findElement(By.id("state")).getAttribute("data-code")).isEqualTo("6");
            phone.get(base(nodeA) + "/tra-cuu?ma=" + code + "&t=" + token.substring(1) + "A");
            assertThat(phone.findElement(By.id("error")).getText()).startsWith("Không tìm thấy hồ sơ");
            assertThat(phone.findElements(By.id("record"))).isEmpty();
        } finally {
            phone.quit();
        }
    }

    @Test
    void anotherRecordsSecretShowsNothingAndGuessingIsRefusedOnEveryNode() throws Exception {
        String code = submit().at("/record/code").asText();
        JsonNode other = submit();
        String otherSecret = other.get("trackingSecret").asText();

        HttpResponse<String> wrong = lookUp(nodeA, code, otherSecret);
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("Không tìm thấy hồ sơ").doesNotContain(other.at("/record/code").asText());
        HttpResponse<String> unknown = lookUp(nodeB, "commune-a-20200101-99999", otherSecret);
        assertThat(unknown.statusCode()).as("the same answer for a code that does not exist").isEqualTo(404);
        assertThat(lookUp(nodeB, code, "guess").statusCode()).isEqualTo(404);
        assertThat(lookUp(nodeA, code, "guess-again").statusCode()).isEqualTo(404);

        // three failures for this record, counted on both nodes: even its right secret is refused for now
        HttpResponse<String> refused = lookUp(nodeB, code, "still-guessing");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("quá nhiều lần tra cứu sai");
        assertThat(lookUp(nodeA, other.at("/record/code").asText(), otherSecret).statusCode())
                .as("another record, from this address, still works (5 per client)").isEqualTo(200);
        assertThat(lookUp(nodeA, code, "one-more").statusCode()).isEqualTo(429);
        // the client's own limit (5), whatever record it guesses at: at most one more failure is let through
        int status = lookUp(nodeB, "commune-a-20200101-99998", "x").statusCode();
        if (status == 404) {
            status = lookUp(nodeA, "commune-a-20200101-99997", "x").statusCode();
        }
        assertThat(status).as("the client's own limit").isEqualTo(429);
    }

    JsonNode submit() {
        String submission = """
                {"procedureCode": "2.000575", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012346", "name": "Lê Văn Hùng", "phone": "0912345678",
                               "email": "hung@example.vn", "address": "Thôn 2, xã A"},
                 "formData": {"ownerPersonalId": "001190012346", "ownerFullName": "Lê Văn Hùng",
                              "businessName": "Tạp hóa Hùng Lan %d", "businessAddress": "Thôn 2, xã A",
                              "businessLines": "Bán lẻ tạp hóa / Grocery retail", "capital": 50000000}}"""
                .formatted(++applicant);
        Api.Response response = nodeA.api().post("portal", "/api/records", submission);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    HttpResponse<String> lookUp(AppInstance node, String code, String secret) throws Exception {
        String form = "ma=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base(node) + "/tra-cuu"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The QR code on a PDF's first page: its image, as drawn (one bit a sample), read with a quiet zone around it. */
    static String qrOnFirstPage(byte[] pdf) throws Exception {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            for (java.awt.image.BufferedImage image : images(document.getPage(0).getResources())) {
                java.awt.image.BufferedImage padded = new java.awt.image.BufferedImage(image.getWidth() + 80,
                        image.getHeight() + 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = padded.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, padded.getWidth(), padded.getHeight());
                g.drawImage(image, 40, 40, null);
                g.dispose();
                int[] pixels = padded.getRGB(0, 0, padded.getWidth(), padded.getHeight(), null, 0, padded.getWidth());
                try {
                    return new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                            new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                                    padded.getWidth(), padded.getHeight(), pixels))),
                            java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
                } catch (com.google.zxing.NotFoundException notAQrCode) {
                    // another image (a seal, a logo): the next
                }
            }
        }
        throw new AssertionError("no QR code on the document's first page");
    }

    /** The images a page draws, also inside its form XObjects. */
    static java.util.List<java.awt.image.BufferedImage> images(org.apache.pdfbox.pdmodel.PDResources resources)
            throws java.io.IOException {
        java.util.List<java.awt.image.BufferedImage> found = new java.util.ArrayList<>();
        if (resources == null) {
            return found;
        }
        for (org.apache.pdfbox.cos.COSName name : resources.getXObjectNames()) {
            var object = resources.getXObject(name);
            if (object instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
                found.add(image.getImage());
            } else if (object instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                found.addAll(images(form.getResources()));
            }
        }
        return found;
    }

    static String base(AppInstance node) {
        return "http://localhost:" + node.port();
    }
}
