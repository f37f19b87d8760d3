package vn.motcua.demo.sms;

import static vn.motcua.demo.StandInServer.json;
import static vn.motcua.demo.StandInServer.text;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import vn.motcua.demo.StandInServer;

/**
 * A stand-in for an HTTP SMS gateway (an "SMS brandname" provider's send API): it takes messages over HTTP
 * as such a provider would, checks the number and the length, counts the parts the text would be sent in,
 * keeps them in memory, recognises a repeated message id, and can be told to fail, so that the product's
 * applicant messages are tried against real HTTP. Not a gateway: nothing reaches a phone, no delivery
 * reports, no persistence, one process.
 *
 * <ul>
 * <li>{@code POST /sms} ({@code Authorization: Bearer <api key>}, else 401): body
 * {@code {"id","to","text","sender"?}}, the id being the sender's idempotency key. 200
 * {@code {"id","accepted":true,"parts":n}}, or {@code {"id","duplicate":true}} for an id it has (not kept
 * again); 400 for a missing field, 422 for a number that is not a Vietnamese mobile one ({@code 0} or
 * {@code 84}/{@code +84} and nine digits) or a text over {@value #MAX_TEXT} characters.</li>
 * <li>{@code POST /stand-in/failures?status=503&times=2}: the next messages are answered with that status
 * (0: the connection is closed without an answer) and not kept.</li>
 * <li>{@code GET /stand-in/messages[?to=phone]}: what it kept, in the order received;
 * {@code POST /stand-in/reset}: forget everything.</li>
 * </ul>
 *
 * Parts are counted as a provider bills them: a text wholly in the GSM 7-bit alphabet goes in one part up to
 * 160 septets (an extension character such as {@code €} or {@code [} takes two), else in parts of 153; any
 * other character (Vietnamese letters with diacritics, most of them) makes it UCS-2: 70 characters in one
 * part, else parts of 67.
 */
public class StandInSmsGateway {

    public static final int DEFAULT_PORT = 8094;
    public static final String DEFAULT_API_KEY = "demo-sms-key";

    /** The longest text taken: four concatenated GSM 7-bit parts of 153. */
    static final int MAX_TEXT = 612;

    private static final Logger log = LoggerFactory.getLogger(StandInSmsGateway.class);

    /** Each path and the one method it answers; any other method is a 405. */
    private static final Map<String, String> ROUTES = Map.of("/sms", "POST", "/stand-in/messages", "GET",
            "/stand-in/failures", "POST", "/stand-in/reset", "POST");

    /** The GSM 03.38 default alphabet (without the escape to the extension table), and its extension table. */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private final StandInServer server;
    private final String authorization;

    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private int duplicates;
    private int failStatus;
    private int failTimes;

    public StandInSmsGateway(int port, InetAddress host, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("the stand-in SMS gateway needs an API key");
        }
        this.server = new StandInServer(host, port, "stand-in-sms");
        this.authorization = "Bearer " + apiKey;
    }

    public StandInSmsGateway(int port, String apiKey) {
        this(port, InetAddress.getLoopbackAddress(), apiKey);
    }

    public void start() {
        server.start(StandInServer.routed(ROUTES, log, "Stand-in SMS gateway", this::route));
    }

    public void stop() {
        server.stop();
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The next {@code times} messages are answered with {@code status} (0: no answer at all, the connection is
     * closed) and not kept.
     */
    public synchronized void failNext(int status, int times) {
        if (status != 0 && (status < 200 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 (no answer) or 200-599, not " + status);
        }
        if (times < 0) {
            throw new IllegalArgumentException("times cannot be negative: " + times);
        }
        failStatus = status;
        failTimes = times;
    }

    /** Every message kept, in the order received. */
    public List<Map<String, Object>> messages() {
        return messages(null);
    }

    /**
     * The messages kept for {@code to} (any accepted spelling of the number; one that is none matches nothing),
     * or all of them when it is null or blank.
     */
    public synchronized List<Map<String, Object>> messages(String to) {
        String number = to == null || to.isBlank() ? null : normalise(to);
        String wanted = number != null ? number : to == null || to.isBlank() ? null : to;
        return messages.stream().filter(m -> wanted == null || wanted.equals(m.get("to")))
                .map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
    }

    /** Messages whose id had been received before (answered, not kept again). */
    public synchronized int duplicates() {
        return duplicates;
    }

    /** Forgets every message and id, the duplicate count and any failure still armed. */
    public synchronized void reset() {
        messages.clear();
        ids.clear();
        duplicates = 0;
        failTimes = 0;
    }

    // --- HTTP

    private void route(HttpExchange exchange, String path) throws IOException {
        switch (path) {
            case "/sms" -> receive(exchange);
            case "/stand-in/messages" -> json(exchange, 200, messages(StandInServer.query(exchange).get("to")));
            case "/stand-in/failures" -> arm(exchange, StandInServer.query(exchange));
            case "/stand-in/reset" -> {
                reset();
                json(exchange, 200, Map.of("reset", true));
            }
            default -> throw new IllegalStateException("no route for " + path);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"stand-in sms gateway\"");
            json(exchange, 401, Map.of("error", "Authorization: Bearer <api key> required"));
            return;
        }
        int failing;
        synchronized (this) {
            failing = failTimes > 0 ? failStatus : -1;
            if (failTimes > 0) {
                failTimes--;
            }
        }
        if (failing == 0) {
            exchange.close(); // no answer: the connection just ends
            return;
        }
        if (failing > 0) {
            json(exchange, failing, Map.of("error", "stand-in failure"));
            return;
        }
        JsonNode message = StandInServer.jsonObject(bytes);
        if (message == null) {
            json(exchange, 400, Map.of("error", "the body must be a JSON object"));
            return;
        }
        String id = text(message, "id");
        String to = text(message, "to");
        String text = text(message, "text");
        List<String> missing = new ArrayList<>();
        if (id == null) {
            missing.add("id");
        }
        if (to == null) {
            missing.add("to");
        }
        if (text == null) {
            missing.add("text");
        }
        if (!missing.isEmpty()) {
            json(exchange, 400, Map.of("error", "missing " + String.join(", ", missing)));
            return;
        }
        String number = normalise(to);
        if (number == null) {
            json(exchange, 422, Map.of("error", "to '" + to + "' is not a Vietnamese mobile number "
                    + "(0 and nine digits, or 84 / +84 and nine digits)"));
            return;
        }
        if (text.length() > MAX_TEXT) {
            json(exchange, 422, Map.of("error", "text is " + text.length() + " characters; at most " + MAX_TEXT
                    + " (four concatenated parts)"));
            return;
        }
        int parts = parts(text);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        synchronized (this) {
            if (!ids.add(id)) {
                duplicates++;
                result.put("duplicate", true);
                json(exchange, 200, result);
                return;
            }
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("id", id);
            kept.put("to", number);
            kept.put("text", text);
            kept.put("sender", text(message, "sender"));
            kept.put("receivedAt", Instant.now().toString());
            kept.put("parts", parts);
            messages.add(kept);
        }
        log.info("Stand-in SMS gateway: message {} to {} ({} part(s))", id, number, parts);
        result.put("accepted", true);
        result.put("parts", parts);
        json(exchange, 200, result);
    }

    private void arm(HttpExchange exchange, Map<String, String> query) throws IOException {
        int status;
        int times;
        try {
            status = Integer.parseInt(query.getOrDefault("status", "503"));
            times = Integer.parseInt(query.getOrDefault("times", "1"));
            failNext(status, times);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            json(exchange, 400, Map.of("error", "status and times must be numbers (status 0 or 200-599, "
                    + "times 0 or more): " + e.getMessage()));
            return;
        }
        json(exchange, 200, Map.of("failing", Map.of("status", status, "times", times)));
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    // --- Numbers and parts

    /**
     * The number as 84 and nine digits, from {@code 0xxxxxxxxx}, {@code 84xxxxxxxxx} or {@code +84xxxxxxxxx}
     * (spaces ignored); null when it is none of those. The operator prefix is not checked.
     */
    static String normalise(String phone) {
        String digits = phone.replaceAll("\\s", "");
        if (digits.startsWith("+84")) {
            digits = digits.substring(1);
        }
        if (digits.matches("0\\d{9}")) {
            return "84" + digits.substring(1);
        }
        return digits.matches("84\\d{9}") ? digits : null;
    }

    /** The parts the text is sent in: 160 / 153 septets in GSM 7-bit, 70 / 67 characters in UCS-2. */
    static int parts(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2; // the escape, then the character
            } else {
                return count(text.length(), 70, 67); // UCS-2, counted in UTF-16 units as sent
            }
        }
        return count(septets, 160, 153);
    }

    private static int count(int length, int single, int perPart) {
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
