package vn.motcua.demo.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import vn.motcua.demo.registry.SandboxData.Citizen;
import vn.motcua.demo.registry.SandboxData.Enterprise;
import vn.motcua.demo.registry.SandboxData.Household;
import vn.motcua.demo.registry.SandboxData.Parcel;
import vn.motcua.lookup.EmbeddedRegistry;

/**
 * The sandbox registry: a stand-in for the four national registries (population, residence,
 * enterprise, land), served over real HTTP JSON from {@link SandboxData} by the JDK's
 * {@link HttpServer}, so the product's connectors can be exercised — timeouts and outages
 * included — without the real ones. Plain Java, no Spring: it runs embedded
 * ({@link SandboxConfiguration}) or alone ({@link SandboxRegistryMain}). The contract is in
 * {@code docs/sandbox-registry.md}.
 *
 * <p>{@link #stop()} closes the listening socket (callers then get "connection refused", as from a
 * registry that is down) and {@link #start()} opens it again on the same port.
 */
public final class SandboxRegistry implements EmbeddedRegistry {

    public static final int DEFAULT_PORT = 8091;
    public static final String DEFAULT_USERNAME = "motcua";
    public static final String DEFAULT_PASSWORD = "sandbox";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger log = LoggerFactory.getLogger(SandboxRegistry.class);
    private static final int THREADS = 4;
    private static final int MAX_REQUEST_ID_LENGTH = 100;
    private static final int MAX_NAME_LENGTH = 200;
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    private final SandboxData data;
    private final int configuredPort;
    private final InetAddress bindAddress;
    private final byte[] credentials;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes = new ArrayList<>();

    private HttpServer server;
    private ExecutorService executor;
    /** The port bound at the first start; later starts bind it again, so the base URL stays the same. */
    private int boundPort;

    /** The shipped sample data on the loopback interface; port 0 = any free port. */
    public SandboxRegistry(int port, String username, String password) {
        this(new SandboxData(), port, InetAddress.getLoopbackAddress(), username, password);
    }

    public SandboxRegistry(SandboxData data, int port, InetAddress bindAddress, String username, String password) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (username == null || username.isEmpty() || username.contains(":") || password == null) {
            throw new IllegalArgumentException("username must be non-empty without ':', password non-null");
        }
        this.data = data;
        this.configuredPort = port;
        this.bindAddress = bindAddress;
        this.credentials = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        route("GET", "/health", (m, q) -> body("status", "UP"));
        route("GET", "/population/v1/citizens/([^/]+)", (m, q) -> citizen(m.group(1)));
        route("GET", "/residence/v1/households", (m, q) -> household(q.get("personalId")));
        route("GET", "/enterprise/v1/enterprises/([^/]+)", (m, q) -> enterprise(m.group(1)));
        route("GET", "/enterprise/v1/enterprises", (m, q) -> enterprisesNamed(q.get("name")));
        route("GET", "/land/v1/parcels/([^/]+)/([^/]+)/([^/]+)", (m, q) -> parcel(m.group(1), m.group(2), m.group(3)));
    }

    // --- Life cycle

    /** Opens the socket and serves; does nothing if already running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        int port = boundPort != 0 ? boundPort : configuredPort;
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox registry cannot listen on " + bindAddress.getHostAddress()
                    + ":" + port + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        boundPort = created.getAddress().getPort();
        log.info("Sandbox registry listening on {}", baseUrl());
    }

    /** Closes the socket and every open connection at once; does nothing if not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
        log.info("Sandbox registry on port {} stopped", boundPort);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port it listens on (or did, when stopped); before the first start, the configured one (0: not chosen yet). */
    public synchronized int port() {
        return boundPort != 0 ? boundPort : configuredPort;
    }

    /** {@code http://localhost:<port>}: each registry lives under its own path prefix below it. */
    @Override
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public SandboxData data() {
        return data;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- Requests

    private record Route(String method, Pattern path, BiFunction<Matcher, Map<String, String>, Map<String, Object>> handler) {
    }

    /** An answer other than 200: status, error code (contract), message and extra headers. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final String error;
        final Map<String, String> headers;

        ApiError(int status, String error, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
            this.headers = headers;
        }

        ApiError(int status, String error, String message) {
            this(status, error, message, Map.of());
        }
    }

    private void route(String method, String path, BiFunction<Matcher, Map<String, String>, Map<String, Object>> handler) {
        routes.add(new Route(method, Pattern.compile(path), handler));
    }

    private void handle(HttpExchange exchange) {
        try {
            String given = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
            boolean validId = given == null
                    || (given.length() <= MAX_REQUEST_ID_LENGTH && PRINTABLE_ASCII.matcher(given).matches());
            // Without one, the sandbox makes one up, so every answer can be traced in the logs.
            String requestId = given != null && validId ? given : "sandbox-" + UUID.randomUUID();
            int status = 200;
            Map<String, Object> body;
            Map<String, String> headers = Map.of();
            try {
                if (!validId) {
                    throw new ApiError(400, "bad-request", REQUEST_ID_HEADER + " must be 1 to "
                            + MAX_REQUEST_ID_LENGTH + " printable ASCII characters");
                }
                body = dispatch(exchange);
            } catch (ApiError e) {
                status = e.status;
                headers = e.headers;
                body = body("error", e.error, "message", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Sandbox registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = body("error", "internal-error", "message", "the sandbox registry failed: " + e);
            }
            body.put("requestId", requestId);
            send(exchange, status, body, headers, requestId);
        } catch (IOException e) {
            log.debug("Sandbox registry could not answer {}", exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        // Health is the one thing anybody may ask (load balancers, scripts waiting for start-up).
        if (!("GET".equals(method) && "/health".equals(path))) {
            authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(path);
            if (matcher.matches()) {
                if (route.method().equals(method)) {
                    return route.handler().apply(matcher, query(exchange.getRequestURI().getRawQuery()));
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new ApiError(405, "method-not-allowed", method + " is not allowed on " + path,
                    Map.of("Allow", String.join(", ", allowed)));
        }
        throw new ApiError(404, "no-such-endpoint", "no endpoint at " + path);
    }

    private void authenticate(String authorization) {
        byte[] given = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).trim());
            } catch (IllegalArgumentException e) {
                given = null;
            }
        }
        // Constant-time comparison: the sandbox's credentials stand in for real ones.
        if (given == null || !MessageDigest.isEqual(given, credentials)) {
            throw new ApiError(401, "unauthorized", authorization == null
                    ? "HTTP Basic authentication required" : "wrong username or password",
                    Map.of("WWW-Authenticate", "Basic realm=\"sandbox-registry\", charset=\"UTF-8\""));
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value); // the first of repeated parameters counts
            } catch (IllegalArgumentException e) {
                throw badRequest("query string has a malformed %-escape: '" + clip(pair) + "'");
            }
        }
        return parameters;
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body, Map<String, String> headers,
            String requestId) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
        headers.forEach(exchange.getResponseHeaders()::set);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- The registries

    private static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}");
    private static final Pattern COMMUNE_CODE = Pattern.compile("\\d{5}");
    private static final Pattern MAP_SHEET = Pattern.compile("\\d{1,3}");
    private static final Pattern PARCEL_NUMBER = Pattern.compile("\\d{1,4}");

    /** Population registry (cơ sở dữ liệu quốc gia về dân cư). */
    private Map<String, Object> citizen(String personalId) {
        requirePersonalId(personalId);
        Citizen citizen = data.citizen(personalId)
                .orElseThrow(() -> notFound("no citizen with personalId " + personalId));
        return body("personalId", citizen.personalId(), "fullName", citizen.fullName(),
                "dateOfBirth", citizen.dateOfBirth().toString(), "sex", citizen.sex().json(),
                "permanentResidence", citizen.permanentResidence(), "ethnicity", citizen.ethnicity(),
                "nationality", citizen.nationality(), "deceased", citizen.deceased(),
                "dateOfDeath", citizen.dateOfDeath() == null ? null : citizen.dateOfDeath().toString());
    }

    /** Residence registry (cơ sở dữ liệu về cư trú): the household a person belongs to. */
    private Map<String, Object> household(String personalId) {
        requirePersonalId(personalId);
        Household household = data.householdOf(personalId)
                .orElseThrow(() -> notFound("no household with a member whose personalId is " + personalId));
        List<Map<String, Object>> members = household.members().stream().map(member -> {
            Citizen citizen = data.citizen(member.personalId()).orElseThrow();
            return body("personalId", citizen.personalId(), "fullName", citizen.fullName(),
                    "relationship", member.relationship().json(), "dateOfBirth", citizen.dateOfBirth().toString());
        }).toList();
        return body("householdId", household.householdId(), "address", household.address(),
                "headPersonalId", household.headPersonalId(), "members", members);
    }

    /** Enterprise registry (cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp). */
    private Map<String, Object> enterprise(String enterpriseCode) {
        if (!ENTERPRISE_CODE.matcher(enterpriseCode).matches()) {
            throw badRequest("enterpriseCode must be 10 digits, got '" + clip(enterpriseCode) + "'");
        }
        Enterprise enterprise = data.enterprise(enterpriseCode)
                .orElseThrow(() -> notFound("no enterprise with enterpriseCode " + enterpriseCode));
        return enterpriseBody(enterprise);
    }

    /** Name search for clashes (trùng tên): same name ignoring case, diacritics and repeated spaces. */
    private Map<String, Object> enterprisesNamed(String name) {
        if (name == null || name.isBlank()) {
            throw badRequest("name is required and must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw badRequest("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return body("matches", data.enterprisesNamed(name).stream().map(this::enterpriseBody).toList());
    }

    private Map<String, Object> enterpriseBody(Enterprise enterprise) {
        Citizen representative = data.citizen(enterprise.legalRepresentativeId()).orElseThrow();
        return body("enterpriseCode", enterprise.enterpriseCode(), "name", enterprise.name(),
                "status", enterprise.status().json(),
                "legalRepresentative", body("personalId", representative.personalId(),
                        "fullName", representative.fullName()),
                "address", enterprise.address(),
                "businessLines", enterprise.businessLines().stream()
                        .map(line -> body("code", line.code(), "name", line.name())).toList());
    }

    /** Land registry (cơ sở dữ liệu đất đai): a parcel by commune, map sheet (tờ bản đồ) and number (thửa). */
    private Map<String, Object> parcel(String communeCode, String mapSheet, String parcelNumber) {
        if (!COMMUNE_CODE.matcher(communeCode).matches()) {
            throw badRequest("communeCode must be 5 digits, got '" + clip(communeCode) + "'");
        }
        if (!MAP_SHEET.matcher(mapSheet).matches() || Integer.parseInt(mapSheet) == 0) {
            throw badRequest("mapSheet must be 1 to 3 digits and not 0, got '" + clip(mapSheet) + "'");
        }
        if (!PARCEL_NUMBER.matcher(parcelNumber).matches() || Integer.parseInt(parcelNumber) == 0) {
            throw badRequest("parcelNumber must be 1 to 4 digits and not 0, got '" + clip(parcelNumber) + "'");
        }
        Parcel parcel = data.parcel(communeCode, mapSheet, parcelNumber).orElseThrow(() -> notFound(
                "no parcel " + parcelNumber + " on map sheet " + mapSheet + " in commune " + communeCode));
        Citizen owner = data.citizen(parcel.ownerPersonalId()).orElseThrow();
        return body("communeCode", parcel.communeCode(), "mapSheet", parcel.mapSheet(),
                "parcelNumber", parcel.parcelNumber(), "ownerPersonalId", owner.personalId(),
                "ownerFullName", owner.fullName(), "area", parcel.area(), "landUse", parcel.landUse(),
                "certificateNumber", parcel.certificateNumber(), "disputed", parcel.disputed());
    }

    private static void requirePersonalId(String personalId) {
        if (personalId == null || !PERSONAL_ID.matcher(personalId).matches()) {
            throw badRequest("personalId must be 12 digits, got "
                    + (personalId == null ? "none" : "'" + clip(personalId) + "'"));
        }
    }

    private static ApiError badRequest(String message) {
        return new ApiError(400, "bad-request", message);
    }

    private static ApiError notFound(String message) {
        return new ApiError(404, "not-found", message);
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** A JSON object from name/value pairs, in order; null values stay (the contract has nullable fields). */
    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }
}
