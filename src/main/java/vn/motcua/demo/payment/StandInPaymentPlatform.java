package vn.motcua.demo.payment;

import static vn.motcua.demo.StandInServer.json;
import static vn.motcua.demo.StandInServer.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import vn.motcua.demo.StandInServer;
import vn.motcua.payment.PaymentSignatures;

/**
 * A stand-in for the national payment platform (PayGov, Nền tảng thanh toán): it serves the payment page an
 * applicant's browser opens from the product's signed payment link, "pays" when a button is pressed, and
 * sends the signed callback (IPN) to the link's notify address the way the platform does — in the
 * background, retried on failure — and answers the signed daily reconciliation list. The product's payment
 * feature is thereby tried against real HTTP, including the callbacks it must refuse. Not the platform: no
 * money, no banks, no persistence, one process. Signatures: {@link PaymentSignatures}.
 *
 * <ul>
 * <li>{@code GET /pay?merchant=&reference=&amount=&expires=&notify=&signature=}: the payment page (403 for a
 * link whose signature does not match, 410 once {@code expires} has passed); its buttons POST
 * {@code /pay/confirm}, which pays ({@code outcome=paid}) or fails ({@code outcome=failed}).</li>
 * <li>{@code GET /transactions?merchant=&date=yyyy-MM-dd&signature=}: the paid transactions of that day
 * (Asia/Ho_Chi_Minh) for reconciliation; 401 for a bad signature, 400 for a bad date.</li>
 * <li>Test controls: {@code POST /stand-in/pay} (pay without the page, with a delayed, duplicated or no
 * callback), {@code POST /stand-in/callbacks/forged} (a callback signed with the wrong secret),
 * {@code POST /stand-in/callbacks/replay} (the last callback again, byte for byte),
 * {@code GET /stand-in/callbacks[?reference=]} (every attempt), {@code GET /stand-in/transactions},
 * {@code POST /stand-in/reset}.</li>
 * </ul>
 *
 * A callback is delivered when the product answers 2xx; otherwise it is tried again after 1, 2, 4, 8 and 16
 * times {@link #retryBaseWait(Duration) the base wait} (1 s), then given up.
 */
public class StandInPaymentPlatform {

    public static final int DEFAULT_PORT = 8093;
    public static final String DEFAULT_MERCHANT = "motcua-demo";
    public static final String DEFAULT_SECRET = "demo-payment-secret";

    /** Retries after the first attempt; the waits double from the base wait. */
    static final int RETRIES = 5;
    static final String PAID = "paid";
    static final String FAILED = "failed";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Logger log = LoggerFactory.getLogger(StandInPaymentPlatform.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_KEPT = 500;
    private static final String PLATFORM_NAME = "Cổng thanh toán (mô phỏng) / Payment platform (stand-in)";
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

    /** Each path and the one method it answers; any other method is a 405. */
    private static final Map<String, String> ROUTES = Map.of("/pay", "GET", "/pay/confirm", "POST",
            "/transactions", "GET", "/stand-in/pay", "POST", "/stand-in/callbacks/forged", "POST",
            "/stand-in/callbacks/replay", "POST", "/stand-in/callbacks", "GET", "/stand-in/transactions", "GET",
            "/stand-in/reset", "POST");

    private final StandInServer server;
    private final String merchant;
    private final String secret;
    private ScheduledExecutorService callbacks;
    private HttpClient http;
    private Duration retryBaseWait = Duration.ofSeconds(1);

    private final List<Transaction> transactions = new ArrayList<>();
    private final Map<String, Transaction> paidReferences = new HashMap<>();
    private final Set<String> transactionIds = new HashSet<>();
    private final List<Map<String, Object>> attempts = new ArrayList<>();
    private final Map<String, Sent> lastSent = new HashMap<>();
    /** Bumped by {@link #reset()}: callbacks scheduled before it are dropped rather than sent. */
    private long generation;

    public StandInPaymentPlatform(int port, InetAddress host, String merchant, String secret) {
        if (merchant == null || merchant.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the stand-in payment platform needs a merchant and a secret");
        }
        this.server = new StandInServer(host, port, "stand-in-payment");
        this.merchant = merchant;
        this.secret = secret;
    }

    public StandInPaymentPlatform(int port, String merchant, String secret) {
        this(port, InetAddress.getLoopbackAddress(), merchant, secret);
    }

    public synchronized void start() {
        // Before the server: a request may use them as soon as it listens.
        callbacks = Executors.newScheduledThreadPool(2, StandInServer.daemon("stand-in-payment-callbacks"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        server.start(StandInServer.routed(ROUTES, log, "Stand-in payment platform", this::route));
    }

    public synchronized void stop() {
        server.stop();
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The wait before the first retry of a callback, doubled before each next one (1 s: 1, 2, 4, 8, 16 s, as
     * the platform's IPN does); tests shorten it.
     */
    public synchronized void retryBaseWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("a wait cannot be negative: " + wait);
        }
        retryBaseWait = wait;
    }

    /** Every transaction, in the order made. */
    public synchronized List<Map<String, Object>> transactions() {
        return transactions.stream().map(Transaction::json).toList();
    }

    /** Every callback attempt, in the order made; only the reference's when one is given. */
    public synchronized List<Map<String, Object>> callbacks(String reference) {
        return attempts.stream().filter(a -> reference == null || reference.equals(a.get("reference")))
                .map(a -> (Map<String, Object>) new LinkedHashMap<>(a)).toList();
    }

    /** Forgets every transaction and attempt; callbacks still waiting are not sent. */
    public synchronized void reset() {
        transactions.clear();
        paidReferences.clear();
        transactionIds.clear();
        attempts.clear();
        lastSent.clear();
        generation++;
    }

    // --- HTTP

    private void route(HttpExchange exchange, String path) throws IOException {
        switch (path) {
            case "/pay" -> payPage(exchange, StandInServer.query(exchange));
            case "/pay/confirm" -> confirm(exchange, StandInServer.form(new String(
                    exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            case "/transactions" -> reconciliation(exchange, StandInServer.query(exchange));
            case "/stand-in/pay" -> standInPay(exchange);
            case "/stand-in/callbacks/forged" -> forged(exchange);
            case "/stand-in/callbacks/replay" -> replay(exchange);
            case "/stand-in/callbacks" -> json(exchange, 200,
                    callbacks(StandInServer.query(exchange).get("reference")));
            case "/stand-in/transactions" -> json(exchange, 200, transactions());
            case "/stand-in/reset" -> {
                reset();
                json(exchange, 200, Map.of("reset", true));
            }
            default -> json(exchange, 404, Map.of("error", "no " + path));
        }
    }

    // --- The payment page

    private void payPage(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        Link link = verifiedLink(exchange, parameters);
        if (link == null) {
            return;
        }
        Transaction paid;
        synchronized (this) {
            paid = paidReferences.get(link.reference());
        }
        if (paid != null) {
            html(exchange, 200, alreadyPaidPage(paid));
            return;
        }
        html(exchange, 200, page("Xác nhận thanh toán / Confirm payment", details(link.reference(), link.amount())
                + "<dt>Hết hạn lúc / Expires at</dt><dd>" + SHOWN_TIME.format(Instant.ofEpochSecond(link.expires()))
                + "</dd></dl>\n"
                + "<form method=\"post\" action=\"/pay/confirm\">\n"
                + hidden("merchant", link.merchant()) + hidden("reference", link.reference())
                + hidden("amount", Long.toString(link.amount())) + hidden("expires", Long.toString(link.expires()))
                + hidden("notify", link.notifyUrl()) + hidden("signature", link.signature())
                + "<button id=\"pay\" type=\"submit\" name=\"outcome\" value=\"paid\">Thanh toán / Pay</button>\n"
                + "<button id=\"fail\" class=\"secondary\" type=\"submit\" name=\"outcome\" value=\"failed\">"
                + "Giả lập thất bại / Simulate failure</button>\n"
                + "</form>\n"));
    }

    private void confirm(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        Link link = verifiedLink(exchange, parameters);
        if (link == null) {
            return;
        }
        String outcome = parameters.get("outcome");
        if (!PAID.equals(outcome) && !FAILED.equals(outcome)) {
            html(exchange, 400, page("Yêu cầu không hợp lệ / Bad request",
                    "<p>outcome phải là paid hoặc failed / outcome must be paid or failed.</p>\n"));
            return;
        }
        Payment payment = pay(link.reference(), link.amount(), link.notifyUrl(), outcome);
        if (payment.alreadyPaid()) {
            html(exchange, 200, alreadyPaidPage(payment.transaction()));
            return;
        }
        sendCallbacks(payment.transaction(), Duration.ZERO, 0);
        Transaction transaction = payment.transaction();
        String heading = transaction.status.equals(PAID) ? "Thanh toán thành công / Payment successful"
                : "Thanh toán không thành công / Payment failed";
        html(exchange, 200, page(heading, details(transaction.reference, transaction.amount)
                + "<dt>Mã giao dịch / Transaction</dt><dd id=\"transaction\">" + escape(transaction.transactionId)
                + "</dd></dl>\n"));
    }

    /** The link's parameters when its merchant and signature are ours and it has not expired; else answers. */
    private Link verifiedLink(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        Link link;
        try {
            link = new Link(parameters.get("merchant"), parameters.get("reference"),
                    Long.parseLong(parameters.getOrDefault("amount", "")),
                    Long.parseLong(parameters.getOrDefault("expires", "")), parameters.get("notify"),
                    parameters.get("signature"));
        } catch (NumberFormatException e) {
            link = null;
        }
        if (link == null || !merchant.equals(link.merchant()) || link.reference() == null || link.notifyUrl() == null
                || !PaymentSignatures.matches(PaymentSignatures.link(secret, merchant, link.reference(), link.amount(),
                        link.expires(), link.notifyUrl()), link.signature())) {
            html(exchange, 403, page("Liên kết thanh toán không hợp lệ / Invalid payment link",
                    "<p>Liên kết đã bị thay đổi hoặc không do cơ quan cấp. / The link was altered or not issued by "
                            + "the agency.</p>\n"));
            return null;
        }
        if (Instant.now().getEpochSecond() > link.expires()) {
            html(exchange, 410, page("Yêu cầu thanh toán đã hết hạn / The payment request has expired",
                    "<p>Vui lòng lấy liên kết mới từ hồ sơ. / Please get a new link from the application.</p>\n"));
            return null;
        }
        return link;
    }

    private String alreadyPaidPage(Transaction paid) {
        return page("Đã thanh toán / Already paid", details(paid.reference, paid.amount)
                + "<dt>Mã giao dịch / Transaction</dt><dd id=\"transaction\">" + escape(paid.transactionId) + "</dd>"
                + "<dt>Thời điểm / Paid at</dt><dd>" + SHOWN_TIME.format(Instant.parse(paid.paidAt)) + "</dd></dl>\n");
    }

    /** The opening of the details list every page shows: reference, amount, merchant. */
    private String details(String reference, long amount) {
        return "<dl>\n<dt>Mã thanh toán / Reference</dt><dd id=\"reference\">" + escape(reference) + "</dd>"
                + "<dt>Số tiền / Amount</dt><dd id=\"amount\" class=\"amount\">" + dong(amount) + "</dd>"
                + "<dt>Đơn vị thụ hưởng / Merchant</dt><dd>" + escape(merchant) + "</dd>";
    }

    // --- Paying and the callbacks

    private synchronized Payment pay(String reference, long amount, String notify, String outcome) {
        Transaction paid = paidReferences.get(reference);
        if (paid != null) {
            return new Payment(paid, true);
        }
        String id;
        do {
            id = String.format("TXN%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        } while (!transactionIds.add(id));
        Transaction transaction = new Transaction(id, reference, amount, outcome,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), notify);
        transactions.add(transaction);
        if (PAID.equals(outcome)) {
            paidReferences.put(reference, transaction);
        }
        log.info("Stand-in payment platform: {} {} {} đồng ({})", id, outcome, amount, reference);
        return new Payment(transaction, false);
    }

    /** Sends the transaction's callback after {@code delay} in the background, then {@code duplicates} more. */
    private void sendCallbacks(Transaction transaction, Duration delay, int duplicates) {
        long current;
        synchronized (this) {
            current = generation;
            transaction.callback = "pending";
        }
        schedule(new Delivery(transaction, 1, duplicates, current), 1, delay);
    }

    private void schedule(Delivery delivery, int attempt, Duration wait) {
        ScheduledExecutorService scheduler;
        synchronized (this) {
            scheduler = callbacks;
        }
        try {
            scheduler.schedule(() -> attempt(delivery, attempt), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped: nothing more is sent
        }
    }

    /** One attempt of one delivery; schedules the retry, or the next duplicate once this one is settled. */
    private void attempt(Delivery delivery, int attempt) {
        Transaction transaction = delivery.transaction();
        Duration retryWait;
        synchronized (this) {
            if (delivery.generation() != generation) {
                return; // reset since
            }
            retryWait = retryBaseWait;
        }
        String sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] body = callbackBody(transaction.reference, transaction.transactionId, transaction.amount,
                transaction.status, transaction.paidAt, sentAt,
                PaymentSignatures.callback(secret, merchant, transaction.reference, transaction.transactionId,
                        transaction.amount, transaction.status, transaction.paidAt, sentAt));
        synchronized (this) {
            lastSent.put(transaction.transactionId, new Sent(transaction.notifyUrl, body));
        }
        Answer answer = post(transaction.notifyUrl, body);
        boolean delivered = answer.status() / 100 == 2;
        synchronized (this) {
            if (delivery.generation() != generation) {
                return;
            }
            record(transaction, delivery.number() == 1 ? "callback" : "duplicate", delivery.number(), attempt, answer);
            if (delivered) {
                transaction.callback = "delivered";
            } else if (attempt > RETRIES && !"delivered".equals(transaction.callback)) {
                transaction.callback = "gave up";
            }
        }
        if (!delivered && attempt <= RETRIES) {
            log.info("Stand-in payment platform: callback {} to {} answered {}, retrying (attempt {})",
                    transaction.transactionId, transaction.notifyUrl, answer.status(), attempt + 1);
            schedule(delivery, attempt + 1, retryWait.multipliedBy(1L << (attempt - 1)));
            return;
        }
        if (delivered) {
            log.info("Stand-in payment platform: callback {} delivered to {}", transaction.transactionId,
                    transaction.notifyUrl);
        } else {
            log.warn("Stand-in payment platform: callback {} to {} given up after {} attempts (last answer {})",
                    transaction.transactionId, transaction.notifyUrl, attempt, answer.status());
        }
        if (delivery.duplicatesLeft() > 0) {
            schedule(new Delivery(transaction, delivery.number() + 1, delivery.duplicatesLeft() - 1,
                    delivery.generation()), 1, Duration.ZERO);
        }
    }

    /** The callback's JSON, fields in the documented order; {@code amount} a number. */
    private byte[] callbackBody(String reference, String transactionId, long amount, String status, String paidAt,
            String sentAt, String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchant", merchant);
        body.put("reference", reference);
        body.put("transactionId", transactionId);
        body.put("amount", amount);
        body.put("status", status);
        body.put("paidAt", paidAt);
        body.put("sentAt", sentAt);
        body.put("signature", signature);
        return body(body);
    }

    /** POSTs a callback body; status 0 and the error for an IO failure (no answer). */
    private Answer post(String notify, byte[] body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(notify))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), truncate(response.body()));
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(0, truncate(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    private void record(Transaction transaction, String kind, int delivery, int attempt, Answer answer) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("transactionId", transaction.transactionId);
        entry.put("reference", transaction.reference);
        entry.put("kind", kind);
        entry.put("delivery", delivery);
        entry.put("attempt", attempt);
        entry.put("status", answer.status());
        entry.put("body", answer.body());
        entry.put("at", Instant.now().toString());
        attempts.add(entry);
    }

    // --- Reconciliation

    private void reconciliation(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        String date = parameters.getOrDefault("date", "");
        if (!merchant.equals(parameters.get("merchant"))
                || !PaymentSignatures.matches(PaymentSignatures.list(secret, merchant, date), parameters.get("signature"))) {
            json(exchange, 401, Map.of("error", "merchant or signature does not match"));
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeException e) {
            json(exchange, 400, Map.of("error", "date must be yyyy-MM-dd, not '" + date + "'"));
            return;
        }
        List<Map<String, Object>> paid = new ArrayList<>();
        synchronized (this) {
            for (Transaction transaction : transactions) {
                if (PAID.equals(transaction.status)
                        && Instant.parse(transaction.paidAt).atZone(VIETNAM).toLocalDate().equals(day)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("reference", transaction.reference);
                    entry.put("transactionId", transaction.transactionId);
                    entry.put("amount", transaction.amount);
                    entry.put("status", transaction.status);
                    entry.put("paidAt", transaction.paidAt);
                    paid.add(entry);
                }
            }
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("merchant", merchant);
        list.put("date", date);
        list.put("transactions", paid);
        json(exchange, 200, list);
    }

    // --- Test controls

    private void standInPay(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        if (request == null) {
            return;
        }
        String reference = text(request, "reference");
        String notify = text(request, "notify");
        String outcome = request.hasNonNull("outcome") ? request.get("outcome").asText() : PAID;
        Long amount = amount(request);
        String error = reference == null ? "missing reference"
                : amount == null ? "missing amount (a positive whole number of đồng)"
                : notify == null ? "missing notify" : !httpUrl(notify) ? "notify must be an http(s) URL"
                : !PAID.equals(outcome) && !FAILED.equals(outcome) ? "outcome must be paid or failed"
                : request.path("delayMillis").asLong(0) < 0 ? "delayMillis cannot be negative"
                : request.path("duplicates").asInt(0) < 0 ? "duplicates cannot be negative" : null;
        if (error != null) {
            json(exchange, 400, Map.of("error", error));
            return;
        }
        Payment payment = pay(reference, amount, notify, outcome);
        Transaction transaction = payment.transaction();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("transactionId", transaction.transactionId);
        result.put("status", transaction.status);
        if (payment.alreadyPaid()) {
            result.put("alreadyPaid", true);
        } else if (request.path("callback").asBoolean(true)) {
            sendCallbacks(transaction, Duration.ofMillis(request.path("delayMillis").asLong(0)),
                    request.path("duplicates").asInt(0));
        } else {
            synchronized (this) {
                transaction.callback = "none";
            }
        }
        json(exchange, 200, result);
    }

    private void forged(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        if (request == null) {
            return;
        }
        String notify = text(request, "notify");
        String reference = text(request, "reference");
        Long amount = amount(request);
        String error = notify == null ? "missing notify" : !httpUrl(notify) ? "notify must be an http(s) URL"
                : reference == null ? "missing reference"
                : amount == null ? "missing amount (a positive whole number of đồng)" : null;
        if (error != null) {
            json(exchange, 400, Map.of("error", error));
            return;
        }
        String transactionId = request.hasNonNull("transactionId") ? request.get("transactionId").asText()
                : "TXN-FORGED-" + System.currentTimeMillis();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        // Signed with a secret that is not the merchant's: a product that checks must refuse it.
        byte[] body = callbackBody(reference, transactionId, amount, PAID, now, now,
                PaymentSignatures.callback(secret + "x", merchant, reference, transactionId, amount, PAID, now, now));
        Answer answer = post(notify, body);
        synchronized (this) {
            record(new Transaction(transactionId, reference, amount, PAID, now, notify), "forged", 1, 1, answer);
        }
        json(exchange, 200, Map.of("status", answer.status(), "body", answer.body()));
    }

    private void replay(HttpExchange exchange) throws IOException {
        JsonNode request = readJson(exchange);
        if (request == null) {
            return;
        }
        String transactionId = text(request, "transactionId");
        if (transactionId == null) {
            json(exchange, 400, Map.of("error", "missing transactionId"));
            return;
        }
        Sent sent;
        Transaction transaction;
        synchronized (this) {
            sent = lastSent.get(transactionId);
            transaction = transactions.stream().filter(t -> t.transactionId.equals(transactionId)).findFirst()
                    .orElse(null);
        }
        if (sent == null || transaction == null) {
            json(exchange, 404, Map.of("error", "no callback of " + transactionId + " was sent"));
            return;
        }
        String notify = request.hasNonNull("notify") ? request.get("notify").asText() : sent.notifyUrl();
        if (!httpUrl(notify)) {
            json(exchange, 400, Map.of("error", "notify must be an http(s) URL"));
            return;
        }
        Answer answer = post(notify, sent.body());
        synchronized (this) {
            record(transaction, "replay", 0, 1, answer);
        }
        json(exchange, 200, Map.of("status", answer.status(), "body", answer.body()));
    }

    // --- Helpers

    /** The body as a JSON object; null, answered 400, when it is not one. */
    private JsonNode readJson(HttpExchange exchange) throws IOException {
        JsonNode node = StandInServer.jsonObject(exchange.getRequestBody().readAllBytes());
        if (node == null) {
            json(exchange, 400, Map.of("error", "the body must be a JSON object"));
        }
        return node;
    }

    /** A positive whole number of đồng, as a JSON number or digits in a string; null otherwise. */
    private static Long amount(JsonNode request) {
        JsonNode value = request.get("amount");
        long amount;
        if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
            amount = value.asLong();
        } else if (value != null && value.isTextual() && value.asText().matches("\\d{1,18}")) {
            amount = Long.parseLong(value.asText());
        } else {
            return null;
        }
        return amount > 0 ? amount : null;
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Vietnamese style: dots between thousands, the đồng sign after ("100.000 ₫"). */
    static String dong(long amount) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator('.');
        return new DecimalFormat("#,##0", symbols).format(amount) + " ₫";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String page(String heading, String content) {
        return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + PLATFORM_NAME + "</title>\n<style>\n"
                + "body{margin:0;font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2733}\n"
                + "header{background:#b3261e;color:#fff;padding:12px 16px;font-weight:600}\n"
                + "main{max-width:480px;margin:16px auto;padding:16px;background:#fff;border-radius:8px}\n"
                + "h1{font-size:1.25rem;margin:0 0 12px}\n"
                + "dt{color:#5b6775;font-size:.875rem;margin-top:8px}dd{margin:0;font-weight:600}\n"
                + ".amount{font-size:1.5rem;white-space:nowrap}\n"
                + "button{display:block;width:100%;margin-top:12px;padding:14px;font-size:1rem;border:0;"
                + "border-radius:6px;background:#b3261e;color:#fff}\n"
                + "button.secondary{background:#e4e7ec;color:#1d2733}\n"
                + ".note{color:#5b6775;font-size:.8rem;margin-top:16px}\n"
                + "</style>\n</head>\n<body>\n<header>" + PLATFORM_NAME + "</header>\n<main>\n<h1>" + heading
                + "</h1>\n" + content
                + "<p class=\"note\">Môi trường mô phỏng: không có tiền thật được chuyển. / A stand-in: no real money "
                + "moves.</p>\n</main>\n</body>\n</html>\n";
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        StandInServer.send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] body(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text) {
        return text == null ? "" : text.length() <= BODY_KEPT ? text : text.substring(0, BODY_KEPT);
    }

    /** A payment link's parameters, as given. */
    private record Link(String merchant, String reference, long amount, long expires, String notifyUrl,
            String signature) {
    }

    private record Payment(Transaction transaction, boolean alreadyPaid) {
    }

    /** One callback of a transaction (the first or a duplicate) and the duplicates still to send after it. */
    private record Delivery(Transaction transaction, int number, int duplicatesLeft, long generation) {
    }

    private record Sent(String notifyUrl, byte[] body) {
    }

    private record Answer(int status, String body) {
    }

    /** A payment made on the platform; {@code callback} is guarded by the platform's lock. */
    private static final class Transaction {
        final String transactionId;
        final String reference;
        final long amount;
        final String status;
        final String paidAt;
        final String notifyUrl;
        String callback = "none";

        Transaction(String transactionId, String reference, long amount, String status, String paidAt,
                String notify) {
            this.transactionId = transactionId;
            this.reference = reference;
            this.amount = amount;
            this.status = status;
            this.paidAt = paidAt;
            this.notifyUrl = notify;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("transactionId", transactionId);
            json.put("reference", reference);
            json.put("amount", amount);
            json.put("status", status);
            json.put("paidAt", paidAt);
            json.put("notify", notifyUrl);
            json.put("callback", callback);
            return json;
        }
    }
}
