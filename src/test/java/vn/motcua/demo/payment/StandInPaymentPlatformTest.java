package vn.motcua.demo.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.demo.payment.StandInPaymentPlatform.DEFAULT_MERCHANT;
import static vn.motcua.demo.payment.StandInPaymentPlatform.DEFAULT_SECRET;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import vn.motcua.payment.PaymentSignatures;

/**
 * The stand-in payment platform over real HTTP: its callbacks reach a small receiver standing for the
 * product's callback endpoint, signed, retried, duplicated, forged and replayed as the tests ask.
 */
class StandInPaymentPlatformTest {

    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    StandInPaymentPlatform platform;
    Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        platform = new StandInPaymentPlatform(0, DEFAULT_MERCHANT, DEFAULT_SECRET);
        platform.retryBaseWait(Duration.ofMillis(20));
        platform.start();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        platform.stop();
        receiver.stop();
    }

    // --- Callbacks

    @Test
    void aPaidCallbackArrivesSignedWithTheRightFields() throws Exception {
        JsonNode paid = post("/stand-in/pay", Map.of("reference", "HS-001", "amount", 100000, "notify", receiver.url()));
        assertThat(paid.path("status").asText()).isEqualTo("paid");
        String transactionId = paid.path("transactionId").asText();
        assertThat(transactionId).matches("TXN\\d{12}");

        await(() -> receiver.bodies().size() == 1);
        JsonNode callback = json.readTree(receiver.bodies().get(0));
        assertThat(callback.path("merchant").asText()).isEqualTo(DEFAULT_MERCHANT);
        assertThat(callback.path("reference").asText()).isEqualTo("HS-001");
        assertThat(callback.path("transactionId").asText()).isEqualTo(transactionId);
        assertThat(callback.path("amount").isIntegralNumber()).isTrue();
        assertThat(callback.path("amount").asLong()).isEqualTo(100000);
        assertThat(callback.path("status").asText()).isEqualTo("paid");
        assertThat(Instant.parse(callback.path("paidAt").asText())).isNotNull();
        assertThat(Instant.parse(callback.path("sentAt").asText())).isNotNull();
        assertThat(verifies(callback, DEFAULT_SECRET)).isTrue();
        assertThat(receiver.contentTypes()).containsExactly("application/json");

        await(() -> platform.callbacks("HS-001").size() == 1);
        assertThat(platform.callbacks("HS-001").get(0)).containsEntry("attempt", 1).containsEntry("status", 200)
                .containsEntry("transactionId", transactionId);
        JsonNode attempts = get("/stand-in/callbacks?reference=HS-001");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("reference").asText()).isEqualTo("HS-001");
        assertThat(get("/stand-in/callbacks?reference=other")).isEmpty();
    }

    @Test
    void aCallbackTheProductRefusesIsRetriedUntilDelivered() throws Exception {
        receiver.failFirst(2);
        String transactionId = post("/stand-in/pay",
                Map.of("reference", "HS-002", "amount", 50000, "notify", receiver.url())).path("transactionId").asText();

        await(() -> platform.callbacks("HS-002").size() == 3);
        assertThat(platform.callbacks("HS-002")).extracting(a -> a.get("attempt")).containsExactly(1, 2, 3);
        assertThat(platform.callbacks("HS-002")).extracting(a -> a.get("status")).containsExactly(500, 500, 200);
        assertThat(receiver.bodies()).hasSize(3).allSatisfy(body -> {
            JsonNode callback = json.readTree(body);
            assertThat(callback.path("transactionId").asText()).isEqualTo(transactionId);
            assertThat(verifies(callback, DEFAULT_SECRET)).isTrue();
        });
        assertThat(platform.transactions().get(0)).containsEntry("callback", "delivered");
    }

    @Test
    void aCallbackNobodyTakesIsGivenUpAfterFiveRetries() throws Exception {
        receiver.failFirst(100);
        post("/stand-in/pay", Map.of("reference", "HS-003", "amount", 1000, "notify", receiver.url()));

        await(() -> "gave up".equals(platform.transactions().get(0).get("callback")));
        assertThat(platform.callbacks("HS-003")).extracting(a -> a.get("attempt")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(platform.callbacks("HS-003").get(0).get("body")).isEqualTo("told to fail");
    }

    @Test
    void duplicatesSendTheSameTransactionAgain() throws Exception {
        String transactionId = post("/stand-in/pay", Map.of("reference", "HS-004", "amount", 20000, "notify",
                receiver.url(), "duplicates", 2)).path("transactionId").asText();

        await(() -> receiver.bodies().size() == 3);
        Thread.sleep(200); // and no more
        assertThat(receiver.bodies()).hasSize(3).allSatisfy(body -> {
            JsonNode callback = json.readTree(body);
            assertThat(callback.path("transactionId").asText()).isEqualTo(transactionId);
            assertThat(verifies(callback, DEFAULT_SECRET)).isTrue();
        });
        assertThat(platform.callbacks("HS-004")).extracting(a -> a.get("kind"))
                .containsExactly("callback", "duplicate", "duplicate");
    }

    @Test
    void aPaymentWithoutCallbackIsStillInTheDaysReconciliationList() throws Exception {
        String transactionId = post("/stand-in/pay", Map.of("reference", "HS-005", "amount", 75000, "notify",
                receiver.url(), "callback", false)).path("transactionId").asText();
        post("/stand-in/pay", Map.of("reference", "HS-006", "amount", 75000, "notify", receiver.url(), "outcome",
                "failed", "callback", false));
        Thread.sleep(200);
        assertThat(receiver.bodies()).isEmpty();

        JsonNode transactions = get("/stand-in/transactions");
        assertThat(transactions).hasSize(2);
        String date = Instant.parse(transactions.get(0).path("paidAt").asText())
                .atZone(StandInPaymentPlatform.VIETNAM).toLocalDate().toString();
        HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/transactions?merchant=" + DEFAULT_MERCHANT
                + "&date=" + date + "&signature=" + PaymentSignatures.list(DEFAULT_SECRET, DEFAULT_MERCHANT, date))));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(list.body());
        assertThat(body.path("merchant").asText()).isEqualTo(DEFAULT_MERCHANT);
        assertThat(body.path("date").asText()).isEqualTo(date);
        assertThat(body.path("transactions")).hasSize(1); // the failed one is not listed
        JsonNode entry = body.path("transactions").get(0);
        assertThat(entry.path("reference").asText()).isEqualTo("HS-005");
        assertThat(entry.path("transactionId").asText()).isEqualTo(transactionId);
        assertThat(entry.path("amount").asLong()).isEqualTo(75000);
        assertThat(entry.path("status").asText()).isEqualTo("paid");

        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/transactions?merchant=" + DEFAULT_MERCHANT
                + "&date=" + date + "&signature=" + PaymentSignatures.list(DEFAULT_SECRET + "x", DEFAULT_MERCHANT, date))));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json.readTree(forged.body()).path("error").asText()).isNotBlank();
        HttpResponse<String> otherDay = send(HttpRequest.newBuilder(uri("/transactions?merchant=" + DEFAULT_MERCHANT
                + "&date=2001-01-01&signature=" + PaymentSignatures.list(DEFAULT_SECRET, DEFAULT_MERCHANT, "2001-01-01"))));
        assertThat(json.readTree(otherDay.body()).path("transactions")).isEmpty();
        HttpResponse<String> badDate = send(HttpRequest.newBuilder(uri("/transactions?merchant=" + DEFAULT_MERCHANT
                + "&date=yesterday&signature=" + PaymentSignatures.list(DEFAULT_SECRET, DEFAULT_MERCHANT, "yesterday"))));
        assertThat(badDate.statusCode()).isEqualTo(400);
    }

    @Test
    void theTestHarnessNamesAMissingField() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/stand-in/pay"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"HS-007\",\"notify\":\"" + receiver.url()
                        + "\"}")));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).path("error").asText()).contains("amount");
    }

    // --- The payment page

    @Test
    void aValidLinkShowsThePaymentPage() throws Exception {
        long expires = Instant.now().getEpochSecond() + 600;
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(link("HS-010", 100000, expires, receiver.url()))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<html lang=\"vi\">", "name=\"viewport\"",
                "Cổng thanh toán (mô phỏng) / Payment platform (stand-in)", "HS-010", "100.000 ₫", "id=\"pay\"",
                "Thanh toán / Pay", "id=\"fail\"", "Giả lập thất bại / Simulate failure", "action=\"/pay/confirm\"",
                "name=\"notify\" value=\"" + receiver.url() + "\"");
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        long expires = Instant.now().getEpochSecond() + 600;
        String tampered = link("HS-011", 100000, expires, receiver.url()).replace("amount=100000", "amount=1000");
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(tampered)));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Liên kết thanh toán không hợp lệ / Invalid payment link")
                .doesNotContain("id=\"pay\"");
        String unsigned = link("HS-011", 100000, expires, receiver.url()).replaceAll("&signature=[0-9a-f]+", "");
        assertThat(send(HttpRequest.newBuilder(uri(unsigned))).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredLinkIsGone() throws Exception {
        long expired = Instant.now().getEpochSecond() - 60;
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(link("HS-012", 100000, expired, receiver.url()))));
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("Yêu cầu thanh toán đã hết hạn / The payment request has expired");
    }

    @Test
    void payingOnThePageSendsTheCallbackAndThenShowsAlreadyPaid() throws Exception {
        long expires = Instant.now().getEpochSecond() + 600;
        String link = link("HS-013", 1250000, expires, receiver.url());
        String form = link.substring(link.indexOf('?') + 1) + "&outcome=paid";
        HttpResponse<String> paid = send(HttpRequest.newBuilder(uri("/pay/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("Thanh toán thành công / Payment successful", "id=\"transaction\"",
                "1.250.000 ₫");
        await(() -> receiver.bodies().size() == 1);
        JsonNode callback = json.readTree(receiver.bodies().get(0));
        assertThat(paid.body()).contains(callback.path("transactionId").asText());

        HttpResponse<String> again = send(HttpRequest.newBuilder(uri(link)));
        assertThat(again.body()).contains("Đã thanh toán / Already paid").doesNotContain("id=\"pay\"");
        HttpResponse<String> twice = send(HttpRequest.newBuilder(uri("/pay/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(twice.body()).contains("Đã thanh toán / Already paid");
        Thread.sleep(200);
        assertThat(receiver.bodies()).hasSize(1);
        assertThat(platform.transactions()).hasSize(1);
    }

    @Test
    void aFailureOnThePageIsReportedAndCalledBack() throws Exception {
        long expires = Instant.now().getEpochSecond() + 600;
        String link = link("HS-014", 30000, expires, receiver.url());
        HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/pay/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(link.substring(link.indexOf('?') + 1) + "&outcome=failed")));
        assertThat(failed.body()).contains("Thanh toán không thành công / Payment failed");
        await(() -> receiver.bodies().size() == 1);
        assertThat(json.readTree(receiver.bodies().get(0)).path("status").asText()).isEqualTo("failed");
        assertThat(send(HttpRequest.newBuilder(uri(link))).body()).contains("id=\"pay\""); // may be tried again
    }

    // --- Forged and replayed callbacks

    @Test
    void aForgedCallbackDoesNotVerify() throws Exception {
        JsonNode answer = post("/stand-in/callbacks/forged", Map.of("notify", receiver.url(), "reference", "HS-020",
                "amount", 100000, "transactionId", "TXN000000000001"));
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("body").asText()).isEqualTo("{\"received\":true}");
        assertThat(receiver.bodies()).hasSize(1);
        JsonNode callback = json.readTree(receiver.bodies().get(0));
        assertThat(callback.path("transactionId").asText()).isEqualTo("TXN000000000001");
        assertThat(verifies(callback, DEFAULT_SECRET)).isFalse();
    }

    @Test
    void aReplayResendsTheLastCallbackByteForByte() throws Exception {
        String transactionId = post("/stand-in/pay", Map.of("reference", "HS-021", "amount", 100000, "notify",
                receiver.url())).path("transactionId").asText();
        await(() -> receiver.bodies().size() == 1);

        JsonNode answer = post("/stand-in/callbacks/replay", Map.of("notify", receiver.url(), "transactionId",
                transactionId));
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(receiver.bodies()).hasSize(2);
        assertThat(receiver.bodies().get(1)).isEqualTo(receiver.bodies().get(0));

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/stand-in/callbacks/replay"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"notify\":\"" + receiver.url()
                        + "\",\"transactionId\":\"TXN999\"}")));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    // --- The rest

    @Test
    void resetForgetsEverything() throws Exception {
        post("/stand-in/pay", Map.of("reference", "HS-030", "amount", 1000, "notify", receiver.url(), "delayMillis",
                300));
        post("/stand-in/reset", Map.of());
        assertThat(get("/stand-in/transactions")).isEmpty();
        Thread.sleep(500);
        assertThat(receiver.bodies()).isEmpty(); // the delayed callback was dropped
        assertThat(get("/stand-in/callbacks")).isEmpty();
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/nothing"))).statusCode()).isEqualTo(404);
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/stand-in/pay")));
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    }

    // --- Helpers

    String link(String reference, long amount, long expires, String notify) {
        String signature = PaymentSignatures.link(DEFAULT_SECRET, DEFAULT_MERCHANT, reference, amount, expires, notify);
        return "/pay?merchant=" + DEFAULT_MERCHANT + "&reference=" + reference + "&amount=" + amount + "&expires="
                + expires + "&notify=" + URLEncoder.encode(notify, StandardCharsets.UTF_8) + "&signature=" + signature;
    }

    static boolean verifies(JsonNode callback, String secret) {
        return PaymentSignatures.matches(PaymentSignatures.callback(secret, callback.path("merchant").asText(),
                callback.path("reference").asText(), callback.path("transactionId").asText(),
                callback.path("amount").asLong(), callback.path("status").asText(), callback.path("paidAt").asText(),
                callback.path("sentAt").asText()), callback.path("signature").asText());
    }

    URI uri(String path) {
        return URI.create(platform.baseUrl() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    JsonNode post(String path, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Polls until the condition holds (Awaitility is not on the classpath); fails after five seconds. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The product's callback endpoint, as far as the platform can tell: keeps what arrives, can refuse. */
    static final class Receiver {
        private final HttpServer server;
        private final List<String> bodies = new ArrayList<>();
        private final List<String> contentTypes = new ArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/payments/callback", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (this) {
                        bodies.add(body);
                        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                    }
                    boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                    byte[] answer = (fail ? "told to fail" : "{\"received\":true}").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/payments/callback";
        }

        void failFirst(int times) {
            failures.set(times);
        }

        synchronized List<String> bodies() {
            return List.copyOf(bodies);
        }

        synchronized List<String> contentTypes() {
            return List.copyOf(contentTypes);
        }

        void stop() {
            server.stop(0);
        }
    }
}
