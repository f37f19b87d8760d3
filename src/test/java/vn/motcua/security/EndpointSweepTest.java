package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import vn.motcua.support.AppInstance;

/**
 * Every route of the running app, called anonymously and as each demo role, answers what
 * {@code security/endpoint-sweep.tsv} says: {@code 401} (log in), {@code login} (a page redirects
 * to its login), {@code 403} (refused at the door), {@code ok} (past the door: the handler answered,
 * e.g. 200, or 400, 403 or 404 for the made-up ids and bodies the sweep sends). The routes come from the app, not
 * from a hand list: Spring MVC's mappings (our APIs and pages, actuator, springdoc, static
 * resources), the engine REST API's JAX-RS resources (at {@code /engine-rest}, in its named-engine
 * form, and inside the webapps at {@code /camunda/api/engine}, with their session login) and the
 * webapps' own JAX-RS APIs. A route missing from the table fails the test, and so does a row whose
 * route is gone.
 *
 * <p>After a deliberate change, write the table anew with {@code -Dsweep.write=true} and review
 * the diff: it is the security policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSweepTest {

    static final Path TABLE = Path.of("src/test/resources/security/endpoint-sweep.tsv");

    /** Column → the demo user who plays the role (null: nobody logged in). */
    static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("anonymous", null);
        ROLES.put("clerk", "clerk-a");
        ROLES.put("specialist", "specialist-a");
        ROLES.put("leader", "leader-a");
        ROLES.put("records", "records-a");
        ROLES.put("analyst", "analyst");
        ROLES.put("admin", "admin");
        ROLES.put("portal", "portal");
    }

    /** The webapp each role logs in to for the webapps' APIs. */
    static final Map<String, String> WEBAPP_OF = Map.of("clerk", "tasklist", "specialist", "tasklist", "leader",
            "tasklist", "records", "tasklist", "analyst", "cockpit", "admin", "admin", "portal", "welcome");

    /** The webapps' JAX-RS applications and where they are mounted. */
    static final Map<String, String> WEBAPP_APPLICATIONS = Map.of(
            "/camunda/api/cockpit", "org.camunda.bpm.cockpit.impl.web.CockpitApplication",
            "/camunda/api/tasklist", "org.camunda.bpm.tasklist.impl.web.TasklistApplication",
            "/camunda/api/admin", "org.camunda.bpm.admin.impl.web.AdminApplication",
            "/camunda/api/welcome", "org.camunda.bpm.welcome.impl.web.WelcomeApplication");

    /**
     * What the webapps answer a visitor who has not signed in, where it is not 401: nothing. Their
     * engine API trusts only the staff session (container-based authentication), so even the
     * password policy, public at /engine-rest, needs a sign-in there.
     */
    static final Map<String, String> PUBLIC_IN_WEBAPPS = Map.of();

    AppInstance app;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, Session> sessions = new HashMap<>();

    @BeforeAll
    void start() {
        app = AppInstance.startEmbedded("--camunda.bpm.job-execution.enabled=false");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRouteAnswersEachRoleAsTheTableSays() throws Exception {
        Map<String, List<String>> observed = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (Route route : routes()) {
            List<String> classes = new ArrayList<>();
            for (Map.Entry<String, String> role : ROLES.entrySet()) {
                String seen = call(route, role.getKey(), role.getValue(), route.path());
                classes.add(seen);
                if (route.door().equals("engine")) {
                    // The same endpoint in its named-engine form, and inside the webapps, answers alike.
                    check(disagreements, route, role.getKey(), "/engine-rest/engine/default", seen,
                            call(route, role.getKey(), role.getValue(), "/engine-rest/engine/default" + route.route()));
                    String inWebapps = call(new Route("webapp", route.method(), route.route()), role.getKey(),
                            role.getValue(), "/camunda/api/engine/engine/default" + route.route());
                    String expected = role.getValue() == null || !session(role.getKey()).loggedIn()
                            ? PUBLIC_IN_WEBAPPS.getOrDefault(route.method() + " " + route.route(), "401")
                            : seen;
                    check(disagreements, route, role.getKey(), "/camunda/api/engine/engine/default", expected,
                            inWebapps);
                }
            }
            observed.put(route.key(), classes);
        }
        if (Boolean.getBoolean("sweep.write")) {
            write(observed);
            assertThat(disagreements).as("doors of one endpoint that answer differently").isEmpty();
            return;
        }
        Map<String, List<String>> expected = read();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : observed.entrySet()) {
            List<String> want = expected.get(entry.getKey());
            if (want == null) {
                missing.add(entry.getKey() + "\t" + String.join("\t", entry.getValue()));
            } else if (!want.equals(entry.getValue())) {
                disagreements.add(entry.getKey() + ": expected " + want + ", got " + entry.getValue());
            }
        }
        Set<String> gone = new TreeSet<>(expected.keySet());
        gone.removeAll(observed.keySet());
        assertThat(missing).as("routes without a row in %s (columns: door, method, route, %s)", TABLE,
                ROLES.keySet()).isEmpty();
        assertThat(gone).as("rows in %s for routes the app no longer has", TABLE).isEmpty();
        assertThat(disagreements).as("answers that differ from %s", TABLE).isEmpty();
    }

    private static void check(List<String> disagreements, Route route, String role, String door, String expected,
            String seen) {
        if (!expected.equals(seen)) {
            disagreements.add(route.key() + " at " + door + " as " + role + ": expected " + expected + ", got " + seen);
        }
    }

    // --- the routes --------------------------------------------------------------------------------

    /** A route: its door ({@code mvc}, {@code engine}, {@code webapp}), method and path pattern. */
    record Route(String door, String method, String route) {
        String key() {
            return door + "\t" + method + "\t" + route;
        }

        String path() {
            return door.equals("engine") ? "/engine-rest" + route : route;
        }
    }

    List<Route> routes() throws Exception {
        Set<Route> routes = new java.util.LinkedHashSet<>();
        ApplicationContext context = app.context();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("GET");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(m -> routes.add(new Route("mvc", m, pattern)));
                }
            }
        }
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            mapping.getHandlerMap().keySet().forEach(pattern -> routes.add(new Route("mvc", "GET", pattern)));
        }
        Set<String> engine = new TreeSet<>();
        for (Class<?> root : org.camunda.bpm.engine.rest.impl.CamundaRestResources.getResourceClasses()) {
            jakarta.ws.rs.Path path = root.getAnnotation(jakarta.ws.rs.Path.class);
            if (path != null) {
                walk(root, path.value(), 0, engine);
            }
        }
        engine.stream().map(r -> r.split(" ", 2)).filter(r -> !r[1].startsWith("/engine/{name}"))
                .forEach(r -> routes.add(new Route("engine", r[0], r[1])));
        for (Map.Entry<String, String> application : WEBAPP_APPLICATIONS.entrySet()) {
            Set<String> found = new TreeSet<>();
            jakarta.ws.rs.core.Application instance = (jakarta.ws.rs.core.Application) Class
                    .forName(application.getValue()).getDeclaredConstructor().newInstance();
            for (Class<?> root : instance.getClasses()) {
                jakarta.ws.rs.Path path = root.getAnnotation(jakarta.ws.rs.Path.class);
                if (path != null) {
                    walk(root, path.value(), 0, found);
                }
            }
            found.stream().map(r -> r.split(" ", 2))
                    .forEach(r -> routes.add(new Route("webapp", r[0], join(application.getKey(), r[1]))));
        }
        return routes.stream().sorted(java.util.Comparator.comparing(Route::key)).toList();
    }

    private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, OPTIONS.class, HEAD.class, PATCH.class);

    /** JAX-RS resource methods and sub-resource locators, as far as their declared types tell. */
    private static void walk(Class<?> type, String base, int depth, Set<String> out) {
        if (depth > 8) {
            return;
        }
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class) {
                continue;
            }
            jakarta.ws.rs.Path path = annotation(method, jakarta.ws.rs.Path.class);
            String full = path == null ? base : join(base, path.value());
            String verb = VERBS.stream().filter(v -> annotation(method, v) != null).map(Class::getSimpleName)
                    .findFirst().orElse(null);
            if (verb != null) {
                out.add(verb + " " + full);
            } else if (path != null && method.getReturnType() != Object.class) {
                walk(method.getReturnType(), full, depth + 1, out);
            }
        }
    }

    /** JAX-RS annotations are inherited from the interface or superclass method. */
    private static <A extends Annotation> A annotation(Method method, Class<A> type) {
        Deque<Class<?>> types = new ArrayDeque<>(List.of(method.getDeclaringClass()));
        while (!types.isEmpty()) {
            Class<?> current = types.poll();
            try {
                A found = current.getMethod(method.getName(), method.getParameterTypes()).getAnnotation(type);
                if (found != null) {
                    return found;
                }
            } catch (NoSuchMethodException e) {
                // not declared here
            }
            types.addAll(List.of(current.getInterfaces()));
            if (current.getSuperclass() != null && current.getSuperclass() != Object.class) {
                types.add(current.getSuperclass());
            }
        }
        return null;
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    // --- the calls -----------------------------------------------------------------------------------

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]*)[^}]*}|\\*\\*|\\*");

    /**
     * The route with made-up values, so nothing real is touched whoever calls: the engine is
     * {@code default}, a plugin's static file one it serves, any other variable {@code sweep-1}.
     */
    static String concrete(String pattern) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) == null ? "" : matcher.group(1).strip();
            String value = switch (name) {
                case "engine", "processEngineName" -> "default";
                case "file" -> "app/plugin.js";
                default -> matcher.group().equals("*") ? "" : "sweep-1";
            };
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    String call(Route route, String role, String user, String pattern) throws IOException, InterruptedException {
        String path = concrete(pattern);
        boolean body = Set.of("POST", "PUT", "PATCH", "DELETE").contains(route.method());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .method(route.method(), body ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (body) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        // Staff pages (ours: CSRF token; the webapps': XSRF header) are reached in the one staff session.
        boolean ourPage = path.startsWith("/monitor") || path.startsWith("/records/") || path.startsWith("/admin/")
                || path.startsWith("/login");
        boolean inSession = user != null && (path.startsWith("/camunda/") || ourPage);
        if (inSession) {
            Session session = session(role);
            response = session.send(request, ourPage);
            if (response.statusCode() == 401 && session.loggedIn()) {
                // A call before may have ended the session (logout, or the webapps' own checks): log in anew.
                sessions.remove(role);
                response = session(role).send(request, ourPage);
            }
            if (path.contains("logout") || path.contains("/login")) {
                sessions.remove(role); // the sweep may have logged the session out
            }
        } else {
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        return classify(response);
    }

    /**
     * {@code 403} only for a refusal at the door: the engine REST door's {@code "type":"Forbidden"}
     * or Spring Security's error page. A handler's own refusal (Camunda's authorizations, a
     * feature's rules, the webapps' XSRF check) passed the door: {@code ok}, as the sweep's made-up
     * ids and bodies cannot tell more.
     */
    static String classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401) {
            return "401";
        }
        if (status == 403) {
            String body = response.body().replace(" ", "");
            return body.contains("\"type\":\"Forbidden\"") || body.contains("\"error\":\"Forbidden\"") ? "403" : "ok";
        }
        if (status / 100 == 3 && response.headers().firstValue("Location").orElse("").contains("login")) {
            return "login";
        }
        return "ok";
    }

    Session session(String role) {
        return sessions.computeIfAbsent(role, r -> new Session(ROLES.get(r), WEBAPP_OF.get(r)));
    }

    /**
     * A browser-like session of one user, each with a cookie jar of its own, signed in once at
     * {@code /login}: the webapps' calls carry their XSRF cookie and header, the monitoring centre's
     * Spring's CSRF token (read from a page after the sign-in, as a form would carry it).
     */
    final class Session {
        final CookieManager webappCookies = new CookieManager();
        final HttpClient webapp = HttpClient.newBuilder().cookieHandler(webappCookies).build();
        final boolean webappLogin;
        String monitorCsrf;

        Session(String user, String app) {
            try {
                String base = "http://localhost:" + EndpointSweepTest.this.app.port();
                webappLogin = vn.motcua.support.Api.signIn(webapp, webappCookies, base, user, app) == 200;
                Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(webapp.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                monitorCsrf = csrf.find() ? csrf.group(1) : null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        boolean loggedIn() {
            return webappLogin;
        }

        HttpRequest.Builder withXsrf(HttpRequest.Builder request) {
            webappCookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst().ifPresent(xsrf -> request.header("X-XSRF-TOKEN", xsrf.getValue()));
            return request;
        }

        HttpResponse<String> send(HttpRequest.Builder request, boolean toMonitor)
                throws IOException, InterruptedException {
            if (toMonitor) {
                if (monitorCsrf != null) {
                    request.header("X-CSRF-TOKEN", monitorCsrf);
                }
                return webapp.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return webapp.send(withXsrf(request).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    // --- the table -----------------------------------------------------------------------------------

    Map<String, List<String>> read() throws IOException {
        Map<String, List<String>> table = new TreeMap<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("door\t")) {
                continue;
            }
            String[] cells = line.split("\t");
            table.put(cells[0] + "\t" + cells[1] + "\t" + cells[2], List.of(cells).subList(3, cells.length));
        }
        return table;
    }

    void write(Map<String, List<String>> observed) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Who may call which route: written by EndpointSweepTest -Dsweep.write=true, then reviewed.");
        lines.add("# 401 = log in first, login = redirected to a login page, 403 = refused at the door,");
        lines.add("# ok = past the door (the handler answered; for made-up ids it may still refuse by its own rules).");
        lines.add("# engine rows hold at /engine-rest, /engine-rest/engine/default and /camunda/api/engine/engine/default.");
        lines.add("door\tmethod\troute\t" + String.join("\t", ROLES.keySet()));
        observed.forEach((key, classes) -> lines.add(key + "\t" + String.join("\t", classes)));
        Files.createDirectories(TABLE.getParent());
        Files.write(TABLE, lines);
    }
}
