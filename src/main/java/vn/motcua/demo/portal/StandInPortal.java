package vn.motcua.demo.portal;

import static vn.motcua.demo.StandInServer.json;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import vn.motcua.demo.StandInServer;

/**
 * A stand-in for the National Public Service Portal's status API (docs/portal-sync.md): it receives record
 * state updates over HTTP as the portal would, keeps them in memory, recognises a repeated event id, notes an
 * update out of its record's sequence, and can be told to fail, so that the product's relay is tried against
 * real HTTP. Not the portal: no persistence, one process.
 *
 * <ul>
 * <li>{@code POST /records/status} (HTTP Basic): an update; 200 {@code {"received":true}}, or
 * {@code {"duplicate":true}} for an event id it has; 400 for a body without the fields the format requires,
 * 422 for a state code outside 1–10, 401 without the credentials.</li>
 * <li>{@code POST /stand-in/failures?status=503&times=3}: the next updates are answered with that status
 * (0: the connection is closed without an answer) and not kept.</li>
 * <li>{@code GET /stand-in/updates[?record=code]}: what it kept, in the order received;
 * {@code POST /stand-in/reset}: forget everything.</li>
 * </ul>
 */
public class StandInPortal {

    public static final int DEFAULT_PORT = 8092;
    public static final String DEFAULT_USERNAME = "motcua";
    public static final String DEFAULT_PASSWORD = "portal";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUIRED = Set.of("eventId", "recordCode", "sequence", "procedureCode", "state",
            "changedAt", "unit", "official");

    private final StandInServer server;
    private final String authorization;

    private final List<Map<String, Object>> updates = new ArrayList<>();
    private final Map<String, Integer> lastSequence = new HashMap<>();
    private final java.util.Set<String> eventIds = new java.util.HashSet<>();
    private int outOfOrder;
    private int duplicates;
    private int failStatus;
    private int failTimes;

    public StandInPortal(int port, InetAddress host, String username, String password) {
        this.server = new StandInServer(host, port, "stand-in-portal");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public StandInPortal(int port, String username, String password) {
        this(port, InetAddress.getLoopbackAddress(), username, password);
    }

    public void start() {
        server.start(this::handle);
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

    /** The next {@code times} updates are answered with {@code status} (0: no answer at all). */
    public synchronized void failNext(int status, int times) {
        failStatus = status;
        failTimes = times;
    }

    public synchronized List<Map<String, Object>> updates(String recordCode) {
        return updates.stream().filter(u -> recordCode == null || recordCode.equals(u.get("recordCode")))
                .map(LinkedHashMap::new).map(u -> (Map<String, Object>) u).toList();
    }

    /** Updates that arrived out of their record's sequence (not the one after the last kept). */
    public synchronized int outOfOrder() {
        return outOfOrder;
    }

    /** Updates whose event id had been received before. */
    public synchronized int duplicates() {
        return duplicates;
    }

    public synchronized void reset() {
        updates.clear();
        lastSequence.clear();
        eventIds.clear();
        outOfOrder = 0;
        duplicates = 0;
        failTimes = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"stand-in portal\"");
                json(exchange, 401, Map.of("error", "HTTP Basic credentials required"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/records/status")) {
                receive(exchange);
            } else if (method.equals("GET") && path.equals("/stand-in/updates")) {
                String query = exchange.getRequestURI().getQuery();
                String record = query != null && query.startsWith("record=") ? query.substring("record=".length()) : null;
                json(exchange, 200, updates(record));
            } else if (method.equals("POST") && path.equals("/stand-in/failures")) {
                Map<String, String> query = query(exchange.getRequestURI().getQuery());
                failNext(Integer.parseInt(query.getOrDefault("status", "503")),
                        Integer.parseInt(query.getOrDefault("times", "1")));
                json(exchange, 200, Map.of("failing", query));
            } else if (method.equals("POST") && path.equals("/stand-in/reset")) {
                reset();
                json(exchange, 200, Map.of("reset", true));
            } else {
                json(exchange, 404, Map.of("error", "no " + method + " " + path));
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
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
            json(exchange, failing, Map.of("error", "told to fail with " + failing));
            return;
        }
        JsonNode update;
        try {
            update = JSON.readTree(bytes);
        } catch (IOException e) {
            json(exchange, 400, Map.of("error", "not JSON: " + e.getMessage()));
            return;
        }
        List<String> missing = REQUIRED.stream().filter(field -> update == null || !update.hasNonNull(field)).sorted()
                .toList();
        if (!missing.isEmpty()) {
            json(exchange, 400, Map.of("error", "missing " + String.join(", ", missing)));
            return;
        }
        String state = update.get("state").asText();
        if (!state.matches("[1-9]|10")) {
            json(exchange, 422, Map.of("error", "state '" + state + "' is not a record state code (1-10)"));
            return;
        }
        synchronized (this) {
            String eventId = update.get("eventId").asText();
            if (!eventIds.add(eventId)) {
                duplicates++;
                json(exchange, 200, Map.of("duplicate", true));
                return;
            }
            String record = update.get("recordCode").asText();
            int sequence = update.get("sequence").asInt();
            if (sequence != lastSequence.getOrDefault(record, 0) + 1) {
                outOfOrder++;
            }
            lastSequence.merge(record, sequence, Math::max);
            @SuppressWarnings("unchecked")
            Map<String, Object> kept = JSON.convertValue(update, LinkedHashMap.class);
            kept.put("receivedAt", Instant.now().toString());
            updates.add(kept);
        }
        json(exchange, 200, Map.of("received", true));
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }
}
