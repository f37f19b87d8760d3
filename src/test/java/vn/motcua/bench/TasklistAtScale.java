package vn.motcua.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Api;

/**
 * Issue #20: Tasklist as a clerk uses it, through HTTP, on the product as shipped (authorization checks
 * on, history full), with many units' open records. Two nodes share one PostgreSQL: one answers the
 * shared filters' lists from the work queue (as shipped), the other with {@code motcua.tasklist.fast-lists=false}
 * from the engine's task query (the "before"). The clerk {@code clerk-a} signs in to each node's Tasklist
 * (the staff sign-in, the session cookie, the webapps' XSRF token) and asks what Tasklist asks: each filter's
 * first page ({@code POST …/filter/{id}/list?firstResult=0&maxResults=15} with Tasklist's body: newest first,
 * active tasks; the answer carries the total) and each filter's {@code …/filter/{id}/count}.
 *
 * <p>The dataset: birth registrations submitted through the product (the seeds, waiting at reception), then
 * SQL copies of their runtime rows ({@link OpenWorkAtScale.Copier}, checked foreign keys) spread over the
 * demo's commune A and many generated communes, due dates from 5 days ago to 25 days ahead. The measured role
 * {@code commune-a:clerk} first holds the smallest size; for the larger ones open tasks of other communes are
 * handed to it (their candidate group and grants), so the total stays the same. Both nodes' answers are
 * compared (ids of the first page, counts) before measuring.
 *
 * <p>Part {@code tasklist} of {@link WorkflowBenchmark}; alone: {@code mvn -Pbench verify -Dbench.args="--parts tasklist"}
 * (flags {@code --tasklist-sizes 1000,10000,100000}, {@code --tasklist-total N}).
 */
final class TasklistAtScale {

    /**
     * @param perRole open tasks of the measured unit role at each measurement, ascending
     * @param total   open records in all, at every measurement
     * @param seeds   records submitted through the product (the rest are copies)
     * @param units   generated communes the other records belong to
     * @param queries measured requests of each kind per node and size (after {@link #WARMUP} unmeasured ones)
     */
    record Settings(int[] perRole, int total, int seeds, int units, int queries, EscalationAtScale.Settings escalation) {
        static Settings quick() {
            return new Settings(new int[] {1_000}, 20_000, 200, 40, 40, EscalationAtScale.Settings.quick());
        }

        static Settings full() {
            return new Settings(new int[] {1_000, 10_000, 100_000}, 1_000_000, 400, 400, 100,
                    EscalationAtScale.Settings.full());
        }

        Settings withSizes(String list) {
            return new Settings(Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray(), total, seeds, units,
                    queries, escalation);
        }

        Settings withTotal(int n) {
            return new Settings(perRole, n, seeds, units, queries, escalation);
        }

        Settings withEscalation(EscalationAtScale.Settings e) {
            return new Settings(perRole, total, seeds, units, queries, e);
        }
    }

    static final String UNIT = "commune-a";
    static final String ROLE = UNIT + ":clerk";
    static final String CLERK = "clerk-a";
    static final int WARMUP = 30;
    /** Requests of one kind stop after this long (at least 3 measured): the engine's answers can take seconds. */
    static final long BUDGET_NANOS = 45_000_000_000L;
    /** Tasklist's body for a filter's list: its default sorting (newest first), active tasks, no search. */
    static final String TASKLIST_QUERY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";
    static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
    /**
     * The engine node's statements are cancelled after this long (PostgreSQL's statement_timeout): its count of
     * 100 k tasks among 1 M ran for more than 8 minutes. A cancelled request is recorded as "more than" this.
     */
    static final int ENGINE_STATEMENT_TIMEOUT_S = 60;

    static Map<String, Object> run(WorkflowBenchmark bench, EmbeddedPostgres postgres, String database, Settings settings)
            throws Exception {
        int[] sizes = settings.perRole();
        if (sizes[0] < settings.seeds() || sizes[sizes.length - 1] >= settings.total()) {
            throw new IllegalArgumentException("sizes must lie between the seeds (" + settings.seeds() + ") and the total ("
                    + settings.total() + "): " + Arrays.toString(sizes));
        }
        List<String> units = new ArrayList<>();
        for (int i = 1; i <= settings.units(); i++) {
            String id = "bench-%03d".formatted(i);
            units.add("--motcua.organisation.units." + id + ".name=Ủy ban nhân dân xã Thử " + i);
            units.add("--motcua.organisation.units." + id + ".kind=commune");
            units.add("--motcua.organisation.units." + id + ".parent=province");
        }
        // the colour sweep would spend the measurement recolouring the copies (it runs at start, before them)
        units.add("--motcua.deadlines.colour-sweep-interval=PT24H");
        // the operations meters count every open task by colour every 30 s on each node (7 s a count at 1 M open
        // records: docs/performance.md, part 3b's findings); kept out of the lists' measurement
        units.add("--motcua.operations.sample-interval=PT24H");
        Map<String, Object> result = new LinkedHashMap<>();
        log("tasklist: starting the queue node (as shipped) with " + settings.units() + " more communes");
        List<String> queueArgs = new ArrayList<>(units);
        ConfigurableApplicationContext queueNode = bench.startProduct(postgres, database, true, queueArgs);
        ConfigurableApplicationContext engineNode = null;
        try {
            DataSource ds = queueNode.getBean(DataSource.class);
            WorkflowBenchmark.Product product = new WorkflowBenchmark.Product(queueNode);
            log("tasklist: " + settings.seeds() + " records submitted through the product");
            long t = System.nanoTime();
            for (int i = 0; i < settings.seeds(); i++) {
                product.submit(500_000 + i);
            }
            result.put("seedSeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 1));
            OpenWorkAtScale.Copier copier = OpenWorkAtScale.Copier.prepare(ds, settings.seeds(),
                    System.currentTimeMillis(), "birth-registration", false);
            copier.dueOffsetMs = -5L * 86_400_000L;
            copier.dueSpreadMs = 30L * 86_400_000L;
            copier.seedUnit = UNIT;
            // copies k < perRole[0] stay in commune A, the others go round the generated communes
            copier.copyUnit = "case when k < %d then '%s' else 'bench-' || lpad(((k %% %d) + 1)::text, 3, '0') end"
                    .formatted(sizes[0], UNIT, settings.units());
            result.put("copiedTables", copier.describe());
            int copies = settings.total() - settings.seeds();
            log("tasklist: copying " + copies + " records in SQL");
            t = System.nanoTime();
            copier.copy(copies);
            result.put("copySeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 1));
            // the copier inserts with triggers off (session_replication_role): the queue is filled as at an upgrade
            t = System.nanoTime();
            OpenWorkAtScale.sql(ds, "comment on table work_queue is 'rebuild'");
            queueNode.getBean(vn.motcua.security.WorkQueue.class).run(null);
            result.put("queueRebuildSeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 1));
            // the copies carry their seed's colour whatever their due date; in a province that has run for a while
            // the colour sweep has painted them as they fell due; painted here, so that no node's first sweep spends
            // the measurement painting a hundred thousand of them
            t = System.nanoTime();
            result.put("tasksRepainted", paint(ds));
            result.put("repaintSeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 1));
            log("tasklist: starting the engine node (motcua.tasklist.fast-lists=false)");
            List<String> engineArgs = new ArrayList<>(units);
            engineArgs.add("--motcua.tasklist.fast-lists=false");
            engineArgs.add("--spring.datasource.hikari.connection-init-sql=set statement_timeout = '"
                    + ENGINE_STATEMENT_TIMEOUT_S + "s'");
            engineNode = bench.startProduct(postgres, database, true, engineArgs);

            List<Map<String, Object>> rows = new ArrayList<>();
            int held = sizes[0];
            for (int size : sizes) {
                if (size > held) {
                    handOver(ds, size - held);
                    held = size;
                }
                // as autovacuum would have it: statistics, and the visibility map the queue's index-only counts use
                OpenWorkAtScale.sql(ds, "vacuum analyze");
                long open = OpenWorkAtScale.sqlLong(ds, "select count(*) from act_ru_task");
                long ofRole = OpenWorkAtScale.sqlLong(ds,
                        "select count(*) from act_ru_identitylink where type_ = 'candidate' and group_id_ = '" + ROLE + "'");
                if (ofRole != size || open != settings.total()) {
                    throw new IllegalStateException("expected " + size + " open tasks of " + ROLE + " among " + settings.total()
                            + ", found " + ofRole + " among " + open);
                }
                log("tasklist: " + size + " open tasks of " + ROLE + " among " + open + "; measuring both nodes");
                Map<String, Object> row = measure(queueNode, engineNode, size, open, settings.queries());
                // (the engine node's statements at the first size only: at the larger ones ten of its lists take minutes)
                boolean engineQuickEnough = rows.isEmpty();
                row.put("statementsPerList", statements(new DbStats(postgres.getPostgresDatabase()), database, queueNode,
                        engineQuickEnough ? engineNode : null));
                rows.add(row);
                print(rows); // after each size: a long run stopped later keeps what it measured
            }
            result.put("rows", rows);
            result.put("runtimeBytes", OpenWorkAtScale.runtimeBytes(ds));
            engineNode.close();
            engineNode = null;
            queueNode.close();
            // (the queue node's connections are closed with it)
            result.put("escalation", EscalationAtScale.run(bench, postgres, database,
                    postgres.getDatabase("postgres", database), units, settings.escalation()));
            return result;
        } finally {
            if (engineNode != null) {
                engineNode.close();
            }
            queueNode.close();
        }
    }

    /** Sets each open task's colour as the colour sweep would have: red past its due date, yellow past its follow-up. */
    static int paint(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); java.sql.PreparedStatement s = c.prepareStatement("""
                update act_ru_variable v set rev_ = v.rev_ + 1, text_ = case when t.due_date_ < ? then 'red'
                       when t.follow_up_date_ < ? then 'yellow' else 'green' end
                  from act_ru_task t
                 where v.task_id_ = t.id_ and v.name_ = 'colour' and v.text_ is distinct from
                       case when t.due_date_ < ? then 'red' when t.follow_up_date_ < ? then 'yellow' else 'green' end""")) {
            java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
            for (int i = 1; i <= 4; i++) {
                s.setTimestamp(i, now);
            }
            return s.executeUpdate();
        }
    }

    /** Hands {@code count} open tasks of the generated communes' clerks to commune A's clerks, with their grants. */
    static void handOver(DataSource ds, int count) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("""
                    create temporary table handed on commit drop as
                    select task_id_ as task_id from act_ru_identitylink
                     where type_ = 'candidate' and group_id_ like 'bench-%%:clerk' limit %d""".formatted(count));
            s.executeUpdate("update act_ru_identitylink l set group_id_ = '" + ROLE
                    + "' from handed h where l.task_id_ = h.task_id and l.type_ = 'candidate'");
            s.executeUpdate("update act_ru_authorization a set group_id_ = '" + ROLE
                    + "' from handed h where a.resource_id_ = h.task_id and a.group_id_ like 'bench-%:clerk'");
            c.commit();
        }
    }

    /** Every filter the clerk has, on both nodes: answers compared, then list and count timed on each. */
    static Map<String, Object> measure(ConfigurableApplicationContext queueNode, ConfigurableApplicationContext engineNode,
            int size, long open, int queries) {
        Api.WebappSession queue = session(queueNode);
        Api.WebappSession engine = session(engineNode);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("openTasksOfRole", size);
        row.put("openRecords", open);
        Map<String, Object> filters = new LinkedHashMap<>();
        for (Filter filter : clerksFilters(queueNode)) {
            String list = WEBAPP_ENGINE + "/filter/" + filter.getId() + "/list?firstResult=0&maxResults=15";
            String count = WEBAPP_ENGINE + "/filter/" + filter.getId() + "/count";
            JsonNode fromQueue = call(queue, "POST", list, TASKLIST_QUERY, "queue");
            JsonNode fromEngine = call(engine, "POST", list, TASKLIST_QUERY, null);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("tasks", fromQueue.get("count").asLong());
            if (fromEngine == null) { // cancelled: the engine's answer is "more than the timeout", nothing to compare
                f.put("engineList", timedOut());
                JsonNode engineCount = call(engine, "GET", count, null, null);
                f.put("engineCount", engineCount == null ? timedOut() : timed(engine, "GET", count, null, queries));
            } else if (!fromQueue.get("count").equals(fromEngine.get("count"))
                    || !Objects.equals(fromQueue.at("/_embedded/task").findValuesAsText("id"),
                            fromEngine.at("/_embedded/task").findValuesAsText("id"))) {
                throw new IllegalStateException(filter.getName() + ": the queue answers " + fromQueue.get("count") + " "
                        + fromQueue.at("/_embedded/task").findValuesAsText("id") + ", the engine " + fromEngine.get("count")
                        + " " + fromEngine.at("/_embedded/task").findValuesAsText("id"));
            } else {
                f.put("engineList", timed(engine, "POST", list, TASKLIST_QUERY, queries));
                f.put("engineCount", timed(engine, "GET", count, null, queries));
            }
            f.put("queueList", timed(queue, "POST", list, TASKLIST_QUERY, queries));
            f.put("queueCount", timed(queue, "GET", count, null, queries));
            filters.put(filter.getName(), f);
        }
        row.put("filters", filters);
        return row;
    }

    /**
     * Where a first page of "My unit" spends its time in PostgreSQL on each node: the statements of 10 requests
     * (pg_stat_statements), the slowest first, in ms per request.
     */
    static Map<String, Object> statements(DbStats stats, String database, ConfigurableApplicationContext queueNode,
            ConfigurableApplicationContext engineNode) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, ConfigurableApplicationContext> nodes = new LinkedHashMap<>();
        if (engineNode != null) {
            nodes.put("engine", engineNode);
        }
        nodes.put("queue", queueNode);
        for (Map.Entry<String, ConfigurableApplicationContext> node : nodes.entrySet()) {
            Api.WebappSession session = session(node.getValue());
            String list = WEBAPP_ENGINE + "/filter/" + clerksFilters(node.getValue()).get(0).getId()
                    + "/list?firstResult=0&maxResults=15";
            stats.reset();
            for (int i = 0; i < 10; i++) {
                call(session, "POST", list, TASKLIST_QUERY, null);
            }
            DbStats.PerCase perList = stats.perCase(database, 10);
            List<String> slowest = perList.top().stream().sorted((a, b) -> Double.compare(b.millis(), a.millis())).limit(5)
                    .map(e -> String.format(Locale.ROOT, "%.2f ms x%.1f %s", e.millis() / 10, e.calls() / 10.0,
                            e.query().replaceAll("\\s+", " ").substring(0, Math.min(160, e.query().replaceAll("\\s+", " ").length()))))
                    .toList();
            System.out.printf(Locale.ROOT, "  %s node, statements of one list request: %s%n", node.getKey(), perList.summary()
                    .replace("per case", "per request"));
            slowest.forEach(line -> System.out.println("      " + line));
            r.put(node.getKey(), Map.of("summary", perList.summary(), "slowest", slowest));
        }
        return r;
    }

    static Api.WebappSession session(ConfigurableApplicationContext node) {
        Api.WebappSession session = new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")))
                .webappSession(CLERK, "tasklist");
        if (session.loginStatus != 200) {
            throw new IllegalStateException(CLERK + " cannot sign in to Tasklist: " + session.loginStatus);
        }
        return session;
    }

    /** The filters the clerk sees, in Tasklist's order. */
    static List<Filter> clerksFilters(ConfigurableApplicationContext node) {
        return node.getBean(FilterService.class).createTaskFilterQuery().list().stream()
                .filter(f -> List.of("my-unit", "due-today", "overdue").contains(f.getProperties().get("motcuaFilter")))
                .sorted(java.util.Comparator.comparingDouble(f -> ((Number) f.getProperties().get("priority")).doubleValue()))
                .toList();
    }

    /** The answer, or null when the database cancelled the request's statement ({@link #ENGINE_STATEMENT_TIMEOUT_S}). */
    static JsonNode call(Api.WebappSession session, String method, String path, String body, String answeredBy) {
        long started = System.nanoTime();
        Api.Response response = session.request(method, path, body, "Accept", "application/hal+json, application/json; q=0.5");
        // (the engine's REST API says only "an exception occurred in the persistence layer")
        if (response.status() == 500 && System.nanoTime() - started >= (ENGINE_STATEMENT_TIMEOUT_S - 1) * 1_000_000_000L) {
            return null;
        }
        if (response.status() != 200) {
            throw new IllegalStateException(method + " " + path + ": " + response.status() + " " + response.body());
        }
        if (answeredBy != null && !answeredBy.equals(response.header("X-Motcua-Tasklist"))) {
            throw new IllegalStateException(path + " answered by " + response.header("X-Motcua-Tasklist") + ", not " + answeredBy);
        }
        return response.json();
    }

    /**
     * Percentiles of up to {@code queries} timed requests after up to {@link #WARMUP} unmeasured ones, all within
     * {@link #BUDGET_NANOS} (the warm-up within a third of it); at least one is measured, however slow.
     */
    static Map<String, Object> timed(Api.WebappSession session, String method, String path, String body, int queries) {
        long started = System.nanoTime();
        for (int i = 0; i < WARMUP && System.nanoTime() - started < BUDGET_NANOS / 3; i++) {
            call(session, method, path, body, null);
        }
        List<Long> micros = new ArrayList<>();
        while (micros.size() < queries && (micros.isEmpty() || System.nanoTime() - started < BUDGET_NANOS)) {
            long t = System.nanoTime();
            if (call(session, method, path, body, null) == null) {
                return timedOut();
            }
            micros.add((System.nanoTime() - t) / 1000);
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> r = OpenWorkAtScale.percentiles(sorted);
        r.put("n", sorted.length);
        return r;
    }

    @SuppressWarnings("unchecked")
    static void print(List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("### Tasklist at scale: clerk-a's filters through HTTP (p50 / p95 / p99 ms)");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %-10s %-36s %8s  %-26s %-26s%n", "role tasks", "open", "filter (tasks)",
                "request", "engine's query", "work queue");
        for (Map<String, Object> row : rows) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) row.get("filters")).entrySet()) {
                Map<String, Object> f = (Map<String, Object>) e.getValue();
                String name = e.getKey().replaceAll(" / .*", "") + " (" + f.get("tasks") + ")";
                for (String kind : List.of("List", "Count")) {
                    System.out.printf(Locale.ROOT, "%,10d %,10d %-36s %8s  %-26s %-26s%n", row.get("openTasksOfRole"),
                            row.get("openRecords"), name, kind.toLowerCase(Locale.ROOT),
                            triple((Map<String, Object>) f.get("engine" + kind)),
                            triple((Map<String, Object>) f.get("queue" + kind)));
                }
            }
        }
    }

    static Map<String, Object> timedOut() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("cancelledAfterSeconds", ENGINE_STATEMENT_TIMEOUT_S);
        return r;
    }

    static String triple(Map<String, Object> p) {
        if (p.containsKey("cancelledAfterSeconds")) {
            return "> " + p.get("cancelledAfterSeconds") + " s (cancelled)";
        }
        return p.get("p50ms") + " / " + p.get("p95ms") + " / " + p.get("p99ms") + " (" + p.get("n") + ")";
    }

    static void log(String message) {
        WorkflowBenchmark.log(message);
    }
}
