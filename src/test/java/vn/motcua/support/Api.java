package vn.motcua.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests that call the running app as a user would (HTTP Basic). */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A part of a multipart request: a JSON or text field when {@code fileName} is null, else a file. */
    public record Part(String name, String fileName, String contentType, byte[] content) {
        public static Part json(String name, String json) {
            return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String fileName, String contentType, byte[] content) {
            return new Part(name, fileName, contentType, content);
        }
    }

    /** POST multipart/form-data; {@code headers} are name, value pairs (e.g. Idempotency-Key). */
    public Response postMultipart(String user, String path, List<Part> parts, String... headers) {
        String boundary = "motcua-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(user, request);
    }

    /** GET with extra headers (name, value pairs), answering the raw bytes too. */
    public Response get(String user, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(user, request);
    }

    /** POST JSON with extra headers (name, value pairs). */
    public Response post(String user, String path, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(user, request);
    }

    /** Any method (PUT, DELETE, OPTIONS …) with an optional JSON body. */
    public Response request(String user, String method, String path, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(user, request);
    }

    /**
     * A browser-like session of one of the Camunda webapps, logged in as the user (their password
     * is {@code demo}): its calls carry the session cookie and the webapps' XSRF token, as
     * Tasklist's and Cockpit's own calls to {@code /camunda/api/…} do.
     */
    public WebappSession webappSession(String user, String app) {
        return new WebappSession(user, app);
    }

    public final class WebappSession {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient browserLike = HttpClient.newBuilder().cookieHandler(cookies).build();
        /** The login's HTTP status (200 when the user may use the app). */
        public final int loginStatus;

        private WebappSession(String user, String app) {
            loginStatus = signIn(browserLike, cookies, baseUrl, user, app);
        }

        /** A call of the webapps' API, e.g. {@code /camunda/api/engine/engine/default/task}. */
        public Response request(String method, String path, String jsonBody, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(jsonBody));
            if (jsonBody != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return exchange(request);
        }

        private Response exchange(HttpRequest.Builder request) {
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                    .ifPresent(xsrf -> request.header("X-XSRF-TOKEN", xsrf.getValue()));
            try {
                HttpResponse<byte[]> response = browserLike.send(request.build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                        response.body(), response.headers().firstValue("Content-Type").orElse(""), response.headers());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Signs in to one of the Camunda webapps ({@code tasklist}, {@code cockpit}, {@code admin}) as
     * the browser does: the staff sign-in page ({@code /login}, password {@code demo}), then the
     * app's page. Answers 200 when the user may use that app, 401 when the sign-in was refused and
     * 403 when the app is not theirs.
     */
    public int webappLogin(String user, String app) {
        CookieManager cookies = new CookieManager();
        return signIn(HttpClient.newBuilder().cookieHandler(cookies).build(), cookies, baseUrl, user, app);
    }

    private static final java.util.regex.Pattern CSRF_FIELD =
            java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /**
     * The staff's one sign-in with a browser-like client (its cookie jar keeps the session): the
     * sign-in page's CSRF token, the credentials, then the app's page and the webapps' first call,
     * which hands out their XSRF token. Answers as {@link #webappLogin}.
     */
    public static int signIn(HttpClient browser, CookieManager cookies, String baseUrl, String user, String app) {
        try {
            java.util.regex.Matcher csrf = CSRF_FIELD.matcher(browser.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                            + csrf.group(1))).build(), HttpResponse.BodyHandlers.discarding());
            if (login.headers().firstValue("Location").orElse("").contains("/login?error")) {
                return 401;
            }
            if (app == null) {
                return 200;
            }
            browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/default/"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> me = browser.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/camunda/api/admin/auth/user/default")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return me.statusCode() == 200 && me.body().contains("\"" + app + "\"") ? 200 : 403;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(String user, HttpRequest.Builder request) {
        if (user != null) {
            String credentials = user + ":demo";
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.body(), response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The query's answer once it is not empty, asked again every 250 ms up to {@code limit}: work
     * done by the engine's jobs (registry lookups, timers) shows up a moment later.
     */
    /** The record as the portal reads it ({@code GET /api/records/{code}}); fails the test unless it is there. */
    public JsonNode record(String code) {
        Response response = get("portal", "/api/records/" + code);
        if (response.status() != 200) {
            throw new AssertionError("record " + code + ": " + response);
        }
        return response.json();
    }

    /** The record once it reaches {@code state} (an asynchronous job may take it there); fails after 30 s. */
    public JsonNode recordInState(String code, int state) {
        JsonNode record = eventually(() -> {
            JsonNode current = record(code);
            return current.at("/state/code").asInt() == state ? current : current.path("no such field");
        }, java.time.Duration.ofSeconds(30));
        if (record.isEmpty()) {
            throw new AssertionError("record " + code + " did not reach state " + state + ": " + record(code).at("/state"));
        }
        return record;
    }

    public static JsonNode eventually(java.util.function.Supplier<JsonNode> query, java.time.Duration limit) {
        java.time.Instant until = java.time.Instant.now().plus(limit);
        JsonNode result = query.get();
        while (result.isEmpty() && java.time.Instant.now().isBefore(until)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = query.get();
        }
        return result;
    }

    /**
     * Works a record's step in Tasklist's way: waits until {@code user} sees the record's open task
     * {@code taskKey}, claims it and completes it with {@code variables} (engine-rest JSON, e.g.
     * {@code {"receptionDecision": {"value": "accept"}}}); fails the test unless each call succeeds.
     */
    public void work(String user, String code, String taskKey, String variables) {
        JsonNode tasks = eventually(() -> get(user, "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=" + taskKey).json(), java.time.Duration.ofSeconds(30));
        if (tasks.size() != 1) {
            throw new AssertionError(user + " sees " + tasks.size() + " tasks " + taskKey + " of " + code + ": " + tasks);
        }
        String id = tasks.get(0).get("id").asText();
        Response claimed = post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}");
        if (claimed.status() != 204) {
            throw new AssertionError(user + " could not claim " + taskKey + " of " + code + ": " + claimed);
        }
        Response completed = post(user, "/engine-rest/task/" + id + "/complete", "{\"variables\": " + variables + "}");
        if (completed.status() != 204) {
            throw new AssertionError(user + " could not complete " + taskKey + " of " + code + ": " + completed);
        }
    }

    public record Response(int status, String body, byte[] bytes, String contentType,
            java.net.http.HttpHeaders headers) {
        public Response(int status, String body, byte[] bytes, String contentType) {
            this(status, body, bytes, contentType, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        }

        /** A header's first value, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
