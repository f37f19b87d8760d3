package vn.motcua.security;

import static vn.motcua.security.EngineRestAccess.Door.CLERKS;
import static vn.motcua.security.EngineRestAccess.Door.COCKPIT;
import static vn.motcua.security.EngineRestAccess.Door.LOGGED_IN;
import static vn.motcua.security.EngineRestAccess.Door.TASKLIST;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which endpoint of the engine's REST API: one allow-list, for {@code /engine-rest}
 * (HTTP Basic) and for the webapps' own copy of it under {@code /camunda/api/engine/engine/{engine}}
 * (their session login; Tasklist and Cockpit call that one). A call no row lets through is
 * refused with 403 before it reaches the engine; Camunda's authorizations still apply behind it.
 * As in JAX-RS, the most specific matching path decides: its rows, for whichever role, are the
 * only ones consulted ({@code /process-definition/statistics} is Cockpit's, although Tasklist's
 * {@code /process-definition/{id}} matches it too). So a row naming a path exactly must name every
 * role that should keep it; {@code EndpointSweepTest} catches a role that loses one.
 *
 * <p>Why an allow-list: the engine's generic write paths (variables, messages, signals,
 * modification, migration, jobs, deployments …) bypass the record's rules, and every Camunda
 * release adds endpoints. Staff get what Tasklist needs, analysts what Cockpit needs (reads,
 * incidents, retries) and Modeler's deploy (which the deployment gate checks), administrators
 * everything, the portal nothing (it has the records API).
 *
 * <p>Deliberately absent for staff: history (it would show tasks they no longer, or never, may
 * see; only the operation log of Tasklist's History tab, which the engine limits to their tasks), changing a task's due date or candidate groups, (re)assigning and delegating tasks to
 * anyone, variable writes outside completing a form, and creating or editing filters (a stored
 * filter's query is evaluated as an expression by the engine).
 */
final class EngineRestAccess {

    /** Who a row lets through. Administrators pass every row, and what no row names. */
    enum Door {
        /** One-stop clerks: start records at the counter. */
        CLERKS(Set.of("CLERK")),
        /** Camunda Tasklist's users: the unit roles. */
        TASKLIST(Set.of("CLERK", "SPECIALIST", "LEADER", "RECORDS")),
        /** Camunda Cockpit's users: process analysts. */
        COCKPIT(Set.of("ANALYST")),
        /** Any member of staff, for their own profile and password. */
        LOGGED_IN(Set.of("CLERK", "SPECIALIST", "LEADER", "RECORDS", "ANALYST"));

        final Set<String> roles;

        Door(Set<String> roles) {
            this.roles = roles;
        }
    }

    record Row(String method, PathPattern path, Set<Door> doors) {
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    /** Paths relative to the engine: {@code /task/{id}} is {@code /engine-rest/task/{id}}. */
    static final List<Row> TABLE = new ArrayList<>();

    static {
        // --- everyone on staff: who they are, their password ----------------------------------------
        allow(LOGGED_IN, "GET", "/engine", "/version", "/authorization/check", "/identity/password-policy",
                "/user/{id}/profile");
        allow(LOGGED_IN, "POST", "/identity/password-policy");
        // The engine lets a user change only their own profile and password (USER permission on themselves).
        allow(LOGGED_IN, "PUT", "/user/{id}/profile", "/user/{id}/credentials");
        allow(LOGGED_IN, "OPTIONS", "/**");

        // --- Tasklist: tasks the engine lets them see, forms, claim, complete, comments ---------------
        allow(both(TASKLIST, COCKPIT), "GET", "/task", "/task/count", "/task/{id}", "/task/{id}/form",
                "/task/{id}/deployed-form", "/task/{id}/rendered-form", "/task/{id}/form-variables",
                "/task/{id}/identity-links", "/task/{id}/comment", "/task/{id}/comment/{commentId}",
                "/task/{id}/variables", "/task/{id}/variables/{name}", "/task/{id}/variables/{name}/data",
                "/task/{id}/localVariables", "/task/{id}/localVariables/{name}",
                "/task/{id}/localVariables/{name}/data");
        allow(both(TASKLIST, COCKPIT), "POST", "/task", "/task/count");
        // Tasklist's History tab. The engine shows an operation only to whom the task's history
        // is granted (HISTORIC_TASK: its candidate group), so another unit's work stays out of it.
        allow(both(TASKLIST, COCKPIT), "GET", "/history/user-operation", "/history/user-operation/count");
        allow(TASKLIST, "POST", "/task/{id}/claim", "/task/{id}/unclaim", "/task/{id}/complete",
                "/task/{id}/submit-form", "/task/{id}/comment/create");
        // The shared filters ("My unit", …), read only.
        allow(TASKLIST, "GET", "/filter", "/filter/count", "/filter/{id}", "/filter/{id}/list", "/filter/{id}/count",
                "/filter/{id}/singleResult");
        allow(TASKLIST, "POST", "/filter/{id}/list", "/filter/{id}/count", "/filter/{id}/singleResult");
        // Procedure names, diagrams and start forms.
        allow(both(TASKLIST, COCKPIT), "GET", "/process-definition", "/process-definition/count");
        for (String definition : List.of("/process-definition/{id}", "/process-definition/key/{key}",
                "/process-definition/key/{key}/tenant-id/{tenantId}")) {
            allow(both(TASKLIST, COCKPIT), "GET", definition, definition + "/xml", definition + "/diagram",
                    definition + "/startForm", definition + "/deployed-start-form", definition + "/form-variables",
                    definition + "/rendered-form");
            // Records start at the counter (Tasklist's start form); the record's rules check the start.
            allow(CLERKS, "POST", definition + "/start", definition + "/submit-form");
            allow(COCKPIT, "GET", definition + "/statistics", definition + "/static-called-process-definitions");
        }

        // --- Cockpit: read everything it shows, incidents, retries ------------------------------------
        allow(COCKPIT, "GET", "/process-definition/statistics",
                "/process-instance", "/process-instance/count", "/process-instance/{id}",
                "/process-instance/{id}/activity-instances", "/process-instance/{id}/comment",
                "/process-instance/{id}/variables", "/process-instance/{id}/variables/{name}",
                "/process-instance/{id}/variables/{name}/data",
                "/execution", "/execution/count", "/execution/{id}", "/execution/{id}/localVariables",
                "/execution/{id}/localVariables/{name}", "/execution/{id}/localVariables/{name}/data",
                "/variable-instance", "/variable-instance/count", "/variable-instance/{id}",
                "/variable-instance/{id}/data",
                "/event-subscription", "/event-subscription/count",
                "/incident", "/incident/count", "/incident/{id}",
                "/job", "/job/count", "/job/{id}", "/job/{id}/stacktrace",
                "/job-definition", "/job-definition/count", "/job-definition/{id}",
                "/external-task", "/external-task/count", "/external-task/topic-names", "/external-task/{id}",
                "/external-task/{id}/errorDetails",
                "/deployment", "/deployment/count", "/deployment/{id}", "/deployment/{id}/resources",
                "/deployment/{id}/resources/{resourceId}", "/deployment/{id}/resources/{resourceId}/data",
                "/decision-definition", "/decision-definition/count", "/decision-definition/**",
                "/decision-requirements-definition", "/decision-requirements-definition/count",
                "/decision-requirements-definition/**",
                "/case-definition", "/case-definition/count", "/case-definition/**",
                "/batch", "/batch/count", "/batch/statistics", "/batch/statistics/count", "/batch/{id}",
                "/metrics", "/metrics/{name}/sum",
                "/history/**");
        // Queries sent as POST bodies (reads).
        allow(COCKPIT, "POST", "/process-instance", "/process-instance/count", "/execution", "/execution/count",
                "/variable-instance", "/variable-instance/count", "/job", "/job/count", "/job-definition", "/job-definition/count",
                "/external-task", "/external-task/count",
                "/history/activity-instance", "/history/activity-instance/count",
                "/history/process-instance", "/history/process-instance/count",
                "/history/task", "/history/task/count", "/history/variable-instance",
                "/history/variable-instance/count", "/history/detail", "/history/job-log", "/history/job-log/count",
                "/history/external-task-log", "/history/external-task-log/count",
                "/history/case-instance", "/history/case-instance/count");
        allow(COCKPIT, "PUT", "/incident/{id}/annotation", "/job/{id}/retries", "/job-definition/{id}/retries",
                "/external-task/{id}/retries");
        allow(COCKPIT, "DELETE", "/incident/{id}/annotation");
        allow(COCKPIT, "POST", "/job/retries");
        // Camunda Modeler's Deploy button; the deployment gate inside the engine checks the model.
        allow(COCKPIT, "POST", "/deployment/create");
    }

    /**
     * The webapps' plugin APIs (Cockpit's statistics and instance lists, Tasklist's and Admin's
     * plugins), by prefix under {@code /camunda/api}; their static files are public.
     */
    static final List<Row> WEBAPP_PLUGINS = List.of(
            new Row("*", PARSER.parse("/cockpit/plugin/{plugin}/{engine}/**"), EnumSet.of(COCKPIT)),
            new Row("*", PARSER.parse("/tasklist/plugin/{plugin}/{engine}/**"), EnumSet.of(TASKLIST)),
            new Row("*", PARSER.parse("/admin/plugin/{plugin}/{engine}/**"), EnumSet.noneOf(Door.class)));

    private static Set<Door> both(Door first, Door second) {
        return EnumSet.of(first, second);
    }

    private static void allow(Door door, String method, String... paths) {
        allow(EnumSet.of(door), method, paths);
    }

    private static void allow(Set<Door> doors, String method, String... paths) {
        for (String path : paths) {
            TABLE.add(new Row(method, PARSER.parse(path), Set.copyOf(doors)));
        }
    }

    private EngineRestAccess() {
    }

    /**
     * Whether a user with these roles ({@code ADMIN}, {@code ANALYST}, {@code CLERK} …) may call the
     * engine REST endpoint at {@code path}, relative to the engine REST root (with or without the
     * {@code /engine/{name}} of a named engine).
     */
    static boolean allows(Collection<String> roles, String method, String path) {
        if (roles.contains("ADMIN")) {
            return true;
        }
        String verb = "HEAD".equals(method) ? "GET" : method;
        PathContainer relative = PathContainer.parsePath(engineRelative(path));
        // The most specific rows decide, as in JAX-RS: /process-definition/statistics is Cockpit's
        // even though Tasklist's /process-definition/{id} matches it too.
        List<Row> matching = TABLE.stream()
                .filter(row -> row.method().equals(verb) && row.path().matches(relative)).toList();
        PathPattern mostSpecific = matching.stream().map(Row::path).min(PathPattern.SPECIFICITY_COMPARATOR)
                .orElse(null);
        return matching.stream().filter(row -> row.path().getPatternString().equals(mostSpecific.getPatternString()))
                .anyMatch(row -> row.doors().stream().anyMatch(door -> door.roles.stream().anyMatch(roles::contains)));
    }

    /**
     * Whether a user with these roles may call the webapps' API at {@code path}, relative to
     * {@code /camunda/api}: the engine's REST API under {@code /engine} by {@link #TABLE}, the
     * plugins' APIs by {@link #WEBAPP_PLUGINS}; other paths (login, static plugin files) are the
     * webapps' own business.
     */
    static boolean webappAllows(Collection<String> roles, String method, String path) {
        if (path.startsWith("/engine/")) {
            return allows(roles, method, path.substring("/engine".length()));
        }
        String decoded = UriUtils.decode(path, StandardCharsets.UTF_8);
        PathContainer relative = PathContainer.parsePath(decoded);
        if (decoded.matches("/[a-z]+/plugin/[^/]+/static(/.*)?") || roles.contains("ADMIN")) {
            return true;
        }
        for (Row row : WEBAPP_PLUGINS) {
            if (row.path().matches(relative)) {
                return row.doors().stream().anyMatch(door -> door.roles.stream().anyMatch(roles::contains));
            }
        }
        return true;
    }

    /**
     * The path as the table writes it: decoded (Spring's firewall has already refused encoded
     * slashes, dots and semicolons), without a trailing slash (JAX-RS ignores it) and without the
     * {@code /engine/{name}} prefix of the named-engine form of every endpoint.
     */
    static String engineRelative(String path) {
        String decoded = UriUtils.decode(path, StandardCharsets.UTF_8);
        while (decoded.length() > 1 && decoded.endsWith("/")) {
            decoded = decoded.substring(0, decoded.length() - 1);
        }
        if (decoded.startsWith("/engine/")) {
            int next = decoded.indexOf('/', "/engine/".length());
            decoded = next < 0 ? "/" : decoded.substring(next);
        }
        return decoded.isEmpty() ? "/" : decoded;
    }
}
