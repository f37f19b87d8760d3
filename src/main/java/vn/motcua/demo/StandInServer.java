package vn.motcua.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP plumbing the JDK-HttpServer stand-ins share (portal, payment platform, SMS gateway): one server on a
 * host and port (0: any free one) served by four daemon threads, so a stand-in never keeps a process alive;
 * and the helpers their handlers answer with. The stand-ins keep their routes and rules.
 */
public final class StandInServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InetAddress host;
    private final int requestedPort;
    private final String threadName;
    private HttpServer server;
    private ExecutorService executor;

    public StandInServer(InetAddress host, int port, String threadName) {
        this.host = host;
        this.requestedPort = port;
        this.threadName = threadName;
    }

    public synchronized void start(HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4, daemon(threadName));
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    /** Stops at once, requests under way included; nothing when not started. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** The port listened on (the chosen one when 0 was asked); only while started. */
    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + host.getHostAddress() + ":" + port();
    }

    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Answers a request {@link #routed} has let through: its path is a route and its method the route's. */
    @FunctionalInterface
    public interface Route {
        void answer(HttpExchange exchange, String path) throws IOException;
    }

    /**
     * A handler for a stand-in whose every path answers one method ({@code routes}: path to method): 404 for
     * another path, 405 with {@code Allow} for another method, else {@code route}; a RuntimeException it
     * throws is logged ({@code "<name>: GET /path failed"}) and answered 500. Each exchange is closed after.
     */
    public static HttpHandler routed(Map<String, String> routes, Logger log, String name, Route route) {
        return exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                String allowed = routes.get(path);
                if (allowed == null) {
                    json(exchange, 404, Map.of("error", "no " + method + " " + path));
                    return;
                }
                if (!allowed.equals(method)) {
                    exchange.getResponseHeaders().set("Allow", allowed);
                    json(exchange, 405, Map.of("error", path + " answers " + allowed + " only"));
                    return;
                }
                try {
                    route.answer(exchange, path);
                } catch (RuntimeException e) {
                    log.warn("{}: {} {} failed", name, method, path, e);
                    json(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
                }
            }
        };
    }

    /** Answers {@code status} with {@code body} as JSON (Jackson, UTF-8). */
    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The request body as a JSON object; null when it is not JSON or not an object. */
    public static JsonNode jsonObject(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The field as text; null when absent, null or blank. */
    public static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** The parameters of the request's query string, decoded as {@link #form} does. */
    public static Map<String, String> query(HttpExchange exchange) {
        return form(exchange.getRequestURI().getRawQuery());
    }

    /** The parameters of a query string or form body, decoded (UTF-8); the first of a repeated name wins. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the parameter is left out (a signed link's signature then fails)
                }
            }
        }
        return values;
    }
}
