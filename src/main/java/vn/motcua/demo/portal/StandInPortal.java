package vn.motcua.demo.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

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

    private final int requestedPort;
    private final InetAddress host;
    private final String authorization;
    private HttpServer server;
    private ExecutorService executor;

    private final List<Map<String, Object>> updates = new ArrayList<>();
    private final Map<String, Integer> lastSequence = new HashMap<>();
    private final java.util.Set<String> eventIds = new java.util.HashSet<>();
    private int outOfOrder;
    private int duplicates;
    private int failStatus;
    private int failTimes;

    public StandInPortal(int port, InetAddress host, String username, String password) {
        this.requestedPort = port;
        this.host = host;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public StandInPortal(int port, String username, String password) {
        this(port, InetAddress.getLoopbackAddress(), username, password);
    }

    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "stand-in-portal");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + host.getHostAddress() + ":" + port();
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
                answer(exchange, 401, Map.of("error", "HTTP Basic credentials required"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/records/status")) {
                receive(exchange);
            } else if (method.equals("GET") && path.equals("/stand-in/updates")) {
                String query = exchange.getRequestURI().getQuery();
                String record = query != null && query.startsWith("record=") ? query.substring("record=".length()) : null;
                answer(exchange, 200, updates(record));
            } else if (method.equals("POST") && path.equals("/stand-in/failures")) {
                Map<String, String> query = query(exchange.getRequestURI().getQuery());
                failNext(Integer.parseInt(query.getOrDefault("status", "503")),
                        Integer.parseInt(query.getOrDefault("times", "1")));
                answer(exchange, 200, Map.of("failing", query));
            } else if (method.equals("POST") && path.equals("/stand-in/reset")) {
                reset();
                answer(exchange, 200, Map.of("reset", true));
            } else {
                answer(exchange, 404, Map.of("error", "no " + method + " " + path));
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
            answer(exchange, failing, Map.of("error", "told to fail with " + failing));
            return;
        }
        JsonNode update;
        try {
            update = JSON.readTree(bytes);
        } catch (IOException e) {
            answer(exchange, 400, Map.of("error", "not JSON: " + e.getMessage()));
            return;
        }
        List<String> missing = REQUIRED.stream().filter(field -> update == null || !update.hasNonNull(field)).sorted()
                .toList();
        if (!missing.isEmpty()) {
            answer(exchange, 400, Map.of("error", "missing " + String.join(", ", missing)));
            return;
        }
        String state = update.get("state").asText();
        if (!state.matches("[1-9]|10")) {
            answer(exchange, 422, Map.of("error", "state '" + state + "' is not a record state code (1-10)"));
            return;
        }
        synchronized (this) {
            String eventId = update.get("eventId").asText();
            if (!eventIds.add(eventId)) {
                duplicates++;
                answer(exchange, 200, Map.of("duplicate", true));
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
        answer(exchange, 200, Map.of("received", true));
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

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
