package vn.motcua.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.MotcuaApplication;
import vn.motcua.record.Applicant;
import vn.motcua.record.Caller;
import vn.motcua.record.RecordIntake;
import vn.motcua.record.RecordQueries;
import vn.motcua.record.ResultSigning;

/**
 * Benchmark of issue #8, on one PostgreSQL started here: the product's workflow overhead against a bare
 * Camunda engine (and the bare engine on the product's process shape, {@link ShapedCase}), statements
 * per case ({@link DbStats}), the full case with real signatures and lookups, product settings tried,
 * storage per record, open work at scale ({@link OpenWorkAtScale}) and pgbench.
 * Run: {@code mvn -Pbench verify -Dbench.args="--quick"}; flags in {@link Options}; docs/performance.md.
 */
public final class WorkflowBenchmark {

    /** Command-line flags. */
    static final class Options {
        boolean quick;
        int[] threads = {1, 2, 4};
        double seconds = 30;        // measured time per thread count and engine
        double warmupSeconds = 20;  // per engine, once, on 2 threads
        OpenWorkAtScale.Settings openWork = OpenWorkAtScale.Settings.full(); // tasklist and deadline timers
        TasklistAtScale.Settings tasklist = TasklistAtScale.Settings.full(); // Tasklist through HTTP
        int openRecords = 200;      // storage: records left open at reception
        int storageCases = 0;       // storage: cases run after the measured ones, so the count does not depend on speed
        double pgbenchSeconds = 20;
        boolean pgbench = true;
        int[] fullCaseThreads = {1, 2};   // the full case: real DSS signing and HTTP lookups
        List<String> settings = new ArrayList<>(SETTINGS.keySet()); // product settings tried, 1 thread each
        List<String> parts = PARTS;                                   // what to run

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> list = new ArrayList<>();
            for (String arg : args) {
                list.addAll(Arrays.asList(arg.trim().split("\\s+")));
            }
            list.removeIf(String::isBlank);
            if (list.contains("--quick")) {
                o.quick = true;
                o.seconds = 7;
                o.warmupSeconds = 5;
                o.openWork = OpenWorkAtScale.Settings.quick();
                o.tasklist = TasklistAtScale.Settings.quick();
                o.openRecords = 50;
                o.pgbenchSeconds = 5;
                o.fullCaseThreads = new int[] {1};
                o.settings = List.of();
            }
            for (int i = 0; i < list.size(); i++) {
                String value = i + 1 < list.size() ? list.get(i + 1) : null;
                switch (list.get(i)) {
                    case "--quick" -> { }
                    case "--threads" -> { o.threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray(); i++; }
                    case "--seconds" -> { o.seconds = Double.parseDouble(value); i++; }
                    case "--warmup-seconds" -> { o.warmupSeconds = Double.parseDouble(value); i++; }
                    case "--open-work" -> { o.openWork = o.openWork.withSizes(value); i++; }
                    case "--queries" -> { o.openWork = o.openWork.withQueries(Integer.parseInt(value)); i++; }
                    case "--probes" -> { o.openWork = o.openWork.withProbes(Integer.parseInt(value)); i++; }
                    case "--engine-created" -> { o.openWork = o.openWork.withEngineCreated(Integer.parseInt(value)); i++; }
                    case "--idle-quiet" -> { o.openWork = o.openWork.withIdleQuiet(Integer.parseInt(value)); i++; }
                    case "--parts" -> { o.parts = List.of(value.split(",")); i++; }
                    case "--tasklist-sizes" -> { o.tasklist = o.tasklist.withSizes(value); i++; }
                    case "--tasklist-total" -> { o.tasklist = o.tasklist.withTotal(Integer.parseInt(value)); i++; }
                    case "--escalation-probes" -> { o.tasklist = o.tasklist.withEscalation(new EscalationAtScale.Settings(
                            Integer.parseInt(value), o.tasklist.escalation().idleSeconds(),
                            o.tasklist.escalation().configurations())); i++; }
                    case "--escalation-idle" -> { o.tasklist = o.tasklist.withEscalation(new EscalationAtScale.Settings(
                            o.tasklist.escalation().probes(), Integer.parseInt(value),
                            o.tasklist.escalation().configurations())); i++; }
                    case "--open-records" -> { o.openRecords = Integer.parseInt(value); i++; }
                    case "--storage-cases" -> { o.storageCases = Integer.parseInt(value); i++; }
                    case "--pgbench-seconds" -> { o.pgbenchSeconds = Double.parseDouble(value); i++; }
                    case "--no-pgbench" -> o.pgbench = false;
                    case "--full-case-threads" -> { o.fullCaseThreads = value.equals("none") ? new int[0]
                            : Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray(); i++; }
                    case "--settings" -> { o.settings = value.equals("none") ? List.of() : List.of(value.split(",")); i++; }
                    default -> throw new IllegalArgumentException("unknown flag " + list.get(i) + "; flags: --quick "
                            + "--parts " + String.join(",", PARTS) + " --threads 1,2,4 --seconds S --warmup-seconds S "
                            + "--open-records N --storage-cases N --full-case-threads 1,2|none --settings "
                            + String.join(",", SETTINGS.keySet()) + "|none --open-work 10000,100000,1000000 "
                            + "--queries N --probes N --engine-created N --idle-quiet S --tasklist-sizes 1000,10000,100000 "
                            + "--tasklist-total N --escalation-probes N --escalation-idle S --pgbench-seconds S --no-pgbench");
                }
            }
            for (String part : o.parts) {
                if (!PARTS.contains(part)) {
                    throw new IllegalArgumentException("unknown part " + part + "; parts: " + PARTS);
                }
            }
            for (String setting : o.settings) {
                if (!SETTINGS.containsKey(setting)) {
                    throw new IllegalArgumentException("unknown setting " + setting + "; known: " + SETTINGS.keySet());
                }
            }
            return o;
        }
    }

    /** The benchmark's parts, in the order they run. */
    static final List<String> PARTS = List.of("overhead", "full-case", "settings", "open-work", "tasklist", "pgbench");

    /** Product settings tried against the product as shipped (each on a database of its own, 1 thread). */
    static final Map<String, List<String>> SETTINGS = new LinkedHashMap<>();
    static {
        SETTINGS.put("as-shipped", List.of());
        SETTINGS.put("history-audit", List.of("--camunda.bpm.history-level=audit"));
        SETTINGS.put("history-none", List.of("--camunda.bpm.history-level=none"));
        SETTINGS.put("no-authorization", List.of("--camunda.bpm.authorization.enabled=false"));
        SETTINGS.put("no-jdbc-batch", List.of("--camunda.bpm.generic-properties.properties.jdbc-batch-processing=false"));
        SETTINGS.put("job-executor", List.of("--camunda.bpm.job-execution.enabled=true"));
    }

    record Throughput(String engine, int threads, long cases, double seconds, long errors, Map<String, Double> phases,
            Map<String, Double> samples, DbStats.PerCase db) {
        double rate() {
            return cases / seconds;
        }
    }

    private final Options options;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    WorkflowBenchmark(Options options) {
        this.options = options;
        BENCH = this;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Options options = Options.parse(args);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int status = 0;
        try {
            new WorkflowBenchmark(options).run(started);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the app's and the engines' non-daemon threads
    }

    void run(long started) throws Exception {
        log("starting PostgreSQL (embedded binaries, pg_stat_statements loaded)");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "10000");
        String explainOver = System.getProperty("bench.explain-over-ms");
        if (explainOver != null) {
            // the plans of statements slower than this, with their timings, in target/bench-postgres.log
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
                    .setServerConfig("auto_explain.log_min_duration", explainOver + "ms")
                    .setServerConfig("auto_explain.log_analyze", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.to(Path.of("target", "bench-postgres.log").toFile()));
        }
        try (EmbeddedPostgres postgres = builder.start()) {
            String version;
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                for (String db : List.of(PRODUCT_DB, BARE_DB, FULL_DB, "bench_open_work", "bench_tasklist", "bench_pgbench")) {
                    s.execute("create database " + db);
                }
                s.execute("create extension pg_stat_statements");
                ResultSet rs = s.executeQuery("show server_version");
                rs.next();
                version = rs.getString(1);
            }
            dbStats = new DbStats(postgres.getPostgresDatabase());
            json.put("mode", options.quick ? "quick" : "full");
            json.put("postgres", version);
            json.put("cores", Runtime.getRuntime().availableProcessors());

            if (options.parts.contains("overhead")) {
                workflowOverhead(postgres);
            }
            if (options.parts.contains("full-case")) {
                fullCase(postgres);
            }
            if (options.parts.contains("settings")) {
                settingsTried(postgres);
            }
            if (options.parts.contains("open-work")) {
                json.put("openWork", OpenWorkAtScale.run(postgres, "bench_open_work", options.openWork, notes));
            }
            if (options.parts.contains("tasklist")) {
                json.put("tasklist", TasklistAtScale.run(this, postgres, "bench_tasklist", options.tasklist));
            }
            if (options.parts.contains("pgbench")) {
                pgbench(postgres);
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        json.put("wallSeconds", round(wall, 1));
        json.put("notes", notes);
        System.out.println();
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf(Locale.ROOT, "wall time: %.1f s%n", wall);
        System.out.println("BENCH-JSON " + toJson(json));
    }

    static final String PRODUCT_DB = "bench_product";
    static final String BARE_DB = "bench_bare";
    static final String FULL_DB = "bench_full";
    private DbStats dbStats;

    /** Items 1, 2 (storage) and 6 (statements per case): the product with instant providers against the bare engine. */
    void workflowOverhead(EmbeddedPostgres postgres) throws Exception {
        log("starting the bare engine");
        BareEngine bare = BareEngine.start("bench-bare", url(postgres, BARE_DB));
        bare.engine.getRepositoryService().createDeployment().name("bench-shaped")
                .addModelInstance(ShapedCase.KEY + ".bpmn", ShapedCase.model()).deploy();
        log("starting the product (Spring Boot app, demo organisation, instant providers)");
        ConfigurableApplicationContext app = startProduct(postgres, PRODUCT_DB, true, List.of());
        Product product = new Product(app);
        try {
            product.checkOneCase();
            DataSource productData = app.getBean(DataSource.class);
            StorageBreakdown.compact(productData);
            long before = storage(productData).get("total");
            StorageBreakdown.Snapshot breakdownBefore = StorageBreakdown.take(productData);
            long casesBefore = product.completed.get();

            log("warm-up");
            measure("product", 2, options.warmupSeconds, null, product::runCase);
            measure("bare", 2, options.warmupSeconds, null, n -> bare.runCase(n, PHASES_IGNORED));

            measure("shaped", 1, options.warmupSeconds / 2, null, n -> ShapedCase.run(bare, n, PHASES_IGNORED));
            List<Throughput> results = new ArrayList<>();
            Throughput shaped = null;
            for (int threads : options.threads) {
                results.add(measure("product", threads, options.seconds, PRODUCT_DB, product::runCase));
                results.add(measure("bare", threads, options.seconds, BARE_DB, n -> bare.runCase(n, currentPhases)));
                if (threads == 1) {
                    shaped = measure("shaped", 1, options.seconds, BARE_DB, n -> ShapedCase.run(bare, n, currentPhases));
                }
            }
            runStorageCases(product);
            long completedCases = product.completed.get() - casesBefore;
            Map<String, Long> afterCompleted = storage(app.getBean(DataSource.class));
            Map<String, Object> completedBreakdown = StorageBreakdown.perRecord(breakdownBefore,
                    StorageBreakdown.take(productData), completedCases);
            // what is kept: live rows only (VACUUM FULL at both ends), then also after the engine's history cleanup
            StorageBreakdown.compact(productData);
            Map<String, Object> keptBreakdown = StorageBreakdown.perRecord(breakdownBefore,
                    StorageBreakdown.take(productData), completedCases);
            log("storage: the engine's history cleanup as after the time to live");
            int cleanupDays = StorageBreakdown.cleanUpHistory(app);
            StorageBreakdown.compact(productData);
            Map<String, Object> afterCleanupBreakdown = StorageBreakdown.perRecord(breakdownBefore,
                    StorageBreakdown.take(productData), completedCases);
            afterCleanupBreakdown.put("clockMovedDays", cleanupDays);

            log("storage: " + options.openRecords + " open records");
            long beforeOpen = storage(productData).get("total"); // compact already
            for (int i = 0; i < options.openRecords; i++) {
                product.submit(1_000_000 + i);
            }
            StorageBreakdown.compact(productData); // live rows, as for the completed ones
            Map<String, Long> afterOpen = storage(app.getBean(DataSource.class));

            printThroughput(results);
            printLadder(results, shaped);
            Map<String, Object> storageJson = new LinkedHashMap<>();
            storageJson.put("bytesPerCompletedRecord", (afterCompleted.get("total") - before) / Math.max(1, completedCases));
            storageJson.put("completedRecordsMeasured", completedCases);
            storageJson.put("bytesPerOpenRecord", (afterOpen.get("total") - beforeOpen) / Math.max(1, options.openRecords));
            storageJson.put("openRecordsMeasured", options.openRecords);
            storageJson.put("productDatabaseBytes", afterOpen);
            storageJson.put("perCompletedRecord", completedBreakdown);
            storageJson.put("perCompletedRecordKept", keptBreakdown);
            storageJson.put("perCompletedRecordAfterHistoryCleanup", afterCleanupBreakdown);
            json.put("storage", storageJson);
            printStorage(storageJson, afterOpen);
            StorageBreakdown.print("per completed record as grown (dead rows included), instant providers",
                    completedBreakdown);
            StorageBreakdown.print("per completed record kept (live rows: VACUUM FULL before and after)", keptBreakdown);
            StorageBreakdown.print("per completed record kept after the engine's history cleanup (clock +" + cleanupDays
                    + " days, then VACUUM FULL)", afterCleanupBreakdown);
        } finally {
            app.close();
            bare.close();
        }
    }

    /** More cases, one after the other, for the storage figures (not timed). */
    void runStorageCases(Product product) {
        if (options.storageCases > 0) {
            log("storage: " + options.storageCases + " more cases");
        }
        for (int i = 0; i < options.storageCases; i++) {
            product.runCase(2_000_000 + caseNumbers.incrementAndGet(), new Phases());
        }
    }

    /** Item 2: the product with its real providers: DSS signing and validation, HTTP lookups to the sandbox. */
    void fullCase(EmbeddedPostgres postgres) throws Exception {
        if (options.fullCaseThreads.length == 0) {
            notes.add("full case skipped (--full-case-threads none)");
            return;
        }
        log("starting the product with its real providers (demo CA, DSS, CSC over HTTP, sandbox registry over HTTP)");
        ConfigurableApplicationContext app = startProduct(postgres, FULL_DB, false, List.of());
        Product product = new Product(app);
        List<Throughput> results = new ArrayList<>();
        Map<String, Object> storage;
        Map<String, Object> storageAfterCleanup;
        try {
            product.checkOneCase();
            StorageBreakdown.compact(app.getBean(DataSource.class));
            StorageBreakdown.Snapshot before = StorageBreakdown.take(app.getBean(DataSource.class));
            long casesBefore = product.completed.get();
            log("warm-up (full case)");
            measure("full", 1, options.warmupSeconds, null, product::runCase);
            for (int threads : options.fullCaseThreads) {
                results.add(measure("full", threads, options.seconds, FULL_DB, product::runCase));
            }
            runStorageCases(product);
            // what a completed record keeps with real signatures (signed PDFs, DSS reports as they are): live rows
            StorageBreakdown.compact(app.getBean(DataSource.class));
            storage = StorageBreakdown.perRecord(before, StorageBreakdown.take(app.getBean(DataSource.class)),
                    product.completed.get() - casesBefore);
            int days = StorageBreakdown.cleanUpHistory(app);
            StorageBreakdown.compact(app.getBean(DataSource.class));
            storageAfterCleanup = StorageBreakdown.perRecord(before,
                    StorageBreakdown.take(app.getBean(DataSource.class)), product.completed.get() - casesBefore);
            storageAfterCleanup.put("clockMovedDays", days);
        } finally {
            app.close();
        }
        System.out.println();
        System.out.println("== 1b. Full case: real signatures (demo CA, EU DSS, CSC v2 over HTTP) and real HTTP lookups "
                + "(sandbox registry) ==");
        System.out.printf("%-8s %12s %8s%n", "threads", "cases/s", "errors");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Throughput t : results) {
            System.out.printf(Locale.ROOT, "%-8d %12.2f %8d%n", t.threads(), t.rate(), t.errors());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", t.threads());
            row.put("casesPerSecond", round(t.rate(), 2));
            row.put("cases", t.cases());
            row.put("errors", t.errors());
            rows.add(row);
        }
        Throughput one = results.get(0);
        System.out.printf("Where a case's time goes on %d thread(s), ms per case: %s%n", one.threads(), format(one.phases()));
        System.out.printf("Where the worker thread is (%% of stack samples): %s%n", one.samples());
        DbStats.print("database", one.db());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("throughput", rows);
        r.put("msPerCase", roundAll(one.phases()));
        r.put("sampleShares", one.samples());
        r.put("database", one.db().toJson());
        r.put("storagePerCompletedRecord", storage);
        r.put("storagePerCompletedRecordAfterHistoryCleanup", storageAfterCleanup);
        json.put("fullCase", r);
        System.out.println();
        System.out.println("== 2b. Storage per completed record with real signatures (pg_total_relation_size growth, "
                + "live rows: VACUUM FULL before and after) ==");
        StorageBreakdown.print("per completed record kept, full case", storage);
        StorageBreakdown.print("per completed record kept after the engine's history cleanup (clock +"
                + storageAfterCleanup.get("clockMovedDays") + " days, then VACUUM FULL), full case", storageAfterCleanup);
    }

    /**
     * Settings tried: the product as shipped and with one setting changed, each app on a fresh database
     * of its own, all started at once and measured in interleaved rounds (1 thread), so that a change
     * in the machine's load hits every setting alike.
     */
    void settingsTried(EmbeddedPostgres postgres) throws Exception {
        if (options.settings.isEmpty()) {
            return;
        }
        int rounds = 3;
        Map<String, ConfigurableApplicationContext> apps = new LinkedHashMap<>();
        Map<String, Product> products = new LinkedHashMap<>();
        Map<String, String> databases = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<Throughput>> measured = new LinkedHashMap<>();
        try {
            int i = 0;
            for (String setting : options.settings) {
                String database = "bench_setting_" + i++;
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create database " + database);
                }
                log("setting " + setting + ": " + SETTINGS.get(setting));
                try {
                    ConfigurableApplicationContext app = startProduct(postgres, database, true, SETTINGS.get(setting));
                    apps.put(setting, app);
                    Product product = new Product(app);
                    product.checkOneCase();
                    measure(setting, 1, options.warmupSeconds / 2, null, product::runCase);
                    products.put(setting, product);
                    databases.put(setting, database);
                } catch (RuntimeException e) {
                    failures.put(setting, String.valueOf(e.getMessage()));
                    log("setting " + setting + " failed: " + e);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (var e : products.entrySet()) {
                    measured.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(measure(e.getKey(), 1,
                            options.seconds / rounds, databases.get(e.getKey()), e.getValue()::runCase));
                }
            }
        } finally {
            apps.values().forEach(ConfigurableApplicationContext::close);
        }
        System.out.println();
        System.out.println("== 1c. Settings tried: the product (instant providers) with one setting changed, 1 thread, "
                + "fresh database each, " + rounds + " interleaved rounds ==");
        System.out.printf("%-18s %10s %10s %12s %14s %8s%n", "setting", "cases/s", "ms/case", "statements", "transactions",
                "vs shipped");
        double shipped = measured.containsKey("as-shipped") ? rate(measured.get("as-shipped")) : Double.NaN;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String setting : options.settings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setting", setting);
            row.put("args", SETTINGS.get(setting));
            rows.add(row);
            List<Throughput> runs = measured.get(setting);
            if (runs == null) {
                row.put("failed", failures.get(setting));
                System.out.printf("%-18s failed: %s%n", setting, failures.get(setting));
                continue;
            }
            double rate = rate(runs);
            Throughput last = runs.get(runs.size() - 1); // statements per case are the same in every round
            row.put("casesPerSecond", round(rate, 2));
            row.put("msPerCase", round(1000 / rate, 1));
            row.put("cases", runs.stream().mapToLong(Throughput::cases).sum());
            row.put("vsShipped", round(rate / shipped, 2));
            row.put("lastRoundMsPerCase", roundAll(last.phases()));
            row.put("database", last.db().toJson());
            System.out.printf(Locale.ROOT, "%-18s %10.2f %10.1f %12.0f %14.1f %8.2f%n", setting, rate, 1000 / rate,
                    last.db().statements(), last.db().transactions(), rate / shipped);
        }
        json.put("settings", rows);
    }

    private static double rate(List<Throughput> runs) {
        return runs.stream().mapToLong(Throughput::cases).sum() / runs.stream().mapToDouble(Throughput::seconds).sum();
    }

    // ---------------------------------------------------------------- throughput

    private static final Phases PHASES_IGNORED = new Phases();
    private volatile Phases currentPhases = PHASES_IGNORED;
    private final AtomicInteger caseNumbers = new AtomicInteger();

    /** Runs cases on {@code threads} workers for {@code seconds}; {@code database} (if any) is watched in pg_stat_statements. */
    Throughput measure(String engine, int threads, double seconds, String database, IntConsumer caseRunner)
            throws Exception {
        if (database != null) {
            dbStats.reset();
        }
        Phases phases = new Phases();
        currentPhases = phases;
        AtomicLong cases = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Throwable> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        StackSampler sampler = threads == 1 ? new StackSampler(5) : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, engine + "-worker");
            if (sampler != null) {
                sampler.watch(thread);
            }
            return thread;
        });
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        caseRunner.accept(caseNumbers.incrementAndGet());
                        cases.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 3) {
                            firstErrors.add(e);
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        currentPhases = PHASES_IGNORED;
        Map<String, Double> samples = Map.of();
        if (sampler != null) {
            sampler.close();
            samples = sampler.shares();
        }
        firstErrors.forEach(e -> System.err.println("error in a " + engine + " case: " + e));
        DbStats.PerCase db = database == null ? null : dbStats.perCase(database, cases.get());
        Throughput result = new Throughput(engine, threads, cases.get(), elapsed, errors.get(),
                phases.perCaseMillis(cases.get()), samples, db);
        log(String.format(Locale.ROOT, "%s, %d thread(s): %d cases in %.1f s = %.1f cases/s, %d errors", engine,
                threads, result.cases(), elapsed, result.rate(), result.errors()));
        return result;
    }

    void printThroughput(List<Throughput> results) {
        System.out.println();
        System.out.println("== 1. Workflow overhead: full cases per second (five steps), product vs bare engine ==");
        System.out.printf("%-8s %12s %12s %8s %8s%n", "threads", "product/s", "bare/s", "ratio", "errors");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i += 2) {
            Throughput p = results.get(i);
            Throughput b = results.get(i + 1);
            double ratio = p.rate() / b.rate();
            System.out.printf(Locale.ROOT, "%-8d %12.1f %12.1f %8.2f %8d%n", p.threads(), p.rate(), b.rate(), ratio,
                    p.errors() + b.errors());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", p.threads());
            row.put("productCasesPerSecond", round(p.rate(), 2));
            row.put("bareCasesPerSecond", round(b.rate(), 2));
            row.put("ratio", round(ratio, 3));
            row.put("productCases", p.cases());
            row.put("bareCases", b.cases());
            row.put("errors", p.errors() + b.errors());
            rows.add(row);
        }
        json.put("throughput", rows);
        Throughput p1 = results.get(0);
        Throughput b1 = results.get(1);
        System.out.println();
        System.out.printf("Where a case's time goes on %d thread(s), ms per case (wall time of each phase)%n", p1.threads());
        System.out.printf("  product: %s%n", format(p1.phases()));
        System.out.printf("  bare:    %s%n", format(b1.phases()));
        System.out.println("Where the worker thread is (stack samples every 5 ms, % of samples)");
        System.out.printf("  product: %s%n", p1.samples());
        System.out.printf("  bare:    %s%n", b1.samples());
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("threads", p1.threads());
        phases.put("productMsPerCase", roundAll(p1.phases()));
        phases.put("bareMsPerCase", roundAll(b1.phases()));
        phases.put("productSampleShares", p1.samples());
        phases.put("bareSampleShares", b1.samples());
        json.put("phases", phases);

        System.out.println();
        System.out.printf("What the database did per case on %d thread(s) (pg_stat_statements; ms = time executing in "
                + "PostgreSQL)%n", p1.threads());
        DbStats.print("product", p1.db());
        DbStats.print("bare   ", b1.db());
        DbStats.printTop("product", p1.db());
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("product", p1.db().toJson());
        db.put("bare", b1.db().toJson());
        json.put("databasePerCase", db);
    }

    /**
     * The gap split in two by the bare engine running the product's process shape: what the engine must
     * do for the way procedures are modelled (timers, lookups as jobs, variables), and what is ours.
     */
    void printLadder(List<Throughput> results, Throughput shaped) {
        Throughput p1 = results.stream().filter(t -> t.engine().equals("product") && t.threads() == 1).findFirst()
                .orElse(null);
        Throughput b1 = results.stream().filter(t -> t.engine().equals("bare") && t.threads() == 1).findFirst()
                .orElse(null);
        if (p1 == null || b1 == null || shaped == null) {
            return;
        }
        System.out.println();
        System.out.println("From the bare engine to the product, 1 thread (the engine's share of the gap, then ours)");
        System.out.printf("%-44s %9s %9s %11s %13s %9s%n", "", "cases/s", "ms/case", "statements", "transactions",
                "ms in PG");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] rung : new Object[][] {
                {"bare: five user tasks", b1},
                {"bare, product's shape (timers, lookups, vars)", shaped},
                {"product (instant providers)", p1}}) {
            Throughput t = (Throughput) rung[1];
            System.out.printf(Locale.ROOT, "%-44s %9.2f %9.1f %11.0f %13.1f %9.1f%n", rung[0], t.rate(), 1000 / t.rate(),
                    t.db().statements(), t.db().transactions(), t.db().execMillis());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("engine", rung[0]);
            row.put("casesPerSecond", round(t.rate(), 2));
            row.put("msPerCase", round(1000 / t.rate(), 1));
            row.put("database", t.db().toJson());
            rows.add(row);
        }
        System.out.printf("  shaped bare, ms per case: %s%n", format(shaped.phases()));
        System.out.printf("  shaped bare, worker samples: %s%n", shaped.samples());
        DbStats.print("shaped bare", shaped.db());
        json.put("ladder", rows);
    }

    // ---------------------------------------------------------------- the product

    /**
     * The app on {@code database}; with {@code instant} the registry and signature providers are swapped
     * for {@link InstantProviders}, otherwise the real ones run (sandbox registry and CSC over HTTP on this node).
     */
    ConfigurableApplicationContext startProduct(EmbeddedPostgres postgres, String database, boolean instant,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url(postgres, database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--server.port=0",
                "--motcua.processes-dir=" + Path.of("processes").toAbsolutePath(),
                "--motcua.forms-dir=" + Path.of("forms").toAbsolutePath(),
                "--motcua.sandbox.port=0",
                // the benchmark's workers run the lookup jobs of their own case (no polling, no executor)
                "--camunda.bpm.job-execution.enabled=false",
                "--logging.level.root=WARN",
                // DSS warns for each validation that the demo CA publishes no revocation data
                "--logging.level.eu.europa.esig=ERROR",
                "--logging.level.vn.motcua.bench=INFO"));
        for (String extra : extraArgs) { // a setting replaces the default of the same name
            String name = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(name));
            args.add(extra);
        }
        Class<?>[] sources = instant ? new Class<?>[] {MotcuaApplication.class, InstantProviders.class}
                : new Class<?>[] {MotcuaApplication.class};
        return new SpringApplicationBuilder(sources).profiles("demo").run(args.toArray(String[]::new));
    }

    /** Drives a birth registration (procedure 1.001193, commune A) through the product's services. */
    static final class Product {
        static final Caller PORTAL = new Caller("portal", Set.of("ROLE_PORTAL"), null);
        final RecordIntake intake;
        final RecordQueries records;
        final ResultSigning signing;
        final TaskService tasks;
        final IdentityService identity;
        final ManagementService management;
        final AtomicLong completed = new AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<String> lastCode = new java.util.concurrent.atomic.AtomicReference<>();

        /** When the app's job executor runs the lookups, the worker waits for them instead of running them. */
        final boolean executorRunsJobs;

        Product(ConfigurableApplicationContext app) {
            intake = app.getBean(RecordIntake.class);
            records = app.getBean(RecordQueries.class);
            signing = app.getBean(ResultSigning.class);
            tasks = app.getBean(TaskService.class);
            identity = app.getBean(IdentityService.class);
            management = app.getBean(ManagementService.class);
            executorRunsJobs = Boolean.parseBoolean(app.getEnvironment().getProperty("camunda.bpm.job-execution.enabled"));
        }

        /** One case to the end before measuring: it must reach state 10 (result returned). */
        void checkOneCase() {
            runCase(-1, new Phases());
            int state = records.find(lastCode.get(), PORTAL).state().code();
            if (state != 10) {
                throw new IllegalStateException("a product case ended in state " + state + ", not 10");
            }
        }

        String submit(int n) {
            String personalId = "%012d".formatted(1_190_000_000L + Math.abs(n));
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("childFullName", "Trần Minh An");
            form.put("childDateOfBirth", "2026-11-20");
            form.put("childSex", "male");
            form.put("childPlaceOfBirth", "Trạm y tế xã A");
            form.put("applicantRelationship", "mother");
            form.put("motherPersonalId", personalId);
            form.put("fatherPersonalId", "001089023456");
            var submitted = intake.submit(new RecordIntake.Submission("1.001193", "commune-a", 2,
                    new Applicant(personalId, "Nguyễn Thị Lan", "0912345678", "lan@example.vn", "Thôn 1, xã A"), form),
                    List.of(), PORTAL, null);
            return submitted.record().code();
        }

        void runCase(int n) {
            runCase(n, BENCH.currentPhases);
        }

        void runCase(int n, Phases phases) {
            long t = System.nanoTime();
            String code = submit(n);
            t = phases.add("submit", t);
            String processInstance = work(code, "Task_Reception", "clerk-a", "commune-a:clerk",
                    Map.of("receptionDecision", "accept"));
            t = phases.add("reception", t);
            if (executorRunsJobs) {
                awaitAppraisal(processInstance);
            } else {
                int jobs = runJobs(processInstance);
                if (jobs < 2) {
                    throw new IllegalStateException("expected the registry lookups as jobs, ran " + jobs);
                }
            }
            t = phases.add("lookups(jobs)", t);
            work(code, "Task_Appraisal", "specialist-a", "commune-a:specialist", Map.of("proposal", "approve"));
            t = phases.add("appraisal", t);
            signing.sign(code, "123456", null, new Caller("leader-a", Set.of(), null));
            t = phases.add("signature", t);
            work(code, "Task_Approval", "leader-a", "commune-a:leader", Map.of("approvalDecision", "approve"));
            t = phases.add("approval", t);
            work(code, "Task_Issuing", "records-a", "commune-a:records", Map.of("issuedOn", "2026-12-01"));
            t = phases.add("issuing", t);
            if (executorRunsJobs) {
                awaitTask(processInstance, "Task_Result", "the seal");
            } else if (runJobs(processInstance) != 1) {
                throw new IllegalStateException("expected the seal as a job of " + code);
            }
            t = phases.add("seal(job)", t);
            work(code, "Task_Result", "clerk-a", "commune-a:clerk",
                    Map.of("deliveryChannel", "portal", "resultDelivered", true));
            phases.add("result", t);
            completed.incrementAndGet();
            lastCode.set(code);
        }

        /** As in Tasklist: the user's task of the record is found, claimed and completed. */
        String work(String code, String taskKey, String user, String group, Map<String, Object> variables) {
            identity.setAuthentication(user, List.of(group));
            try {
                Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey)
                        .singleResult();
                if (task == null) {
                    throw new IllegalStateException(user + " finds no " + taskKey + " of " + code);
                }
                tasks.claim(task.getId(), user);
                tasks.complete(task.getId(), variables);
                return task.getProcessInstanceId();
            } finally {
                identity.clearAuthentication();
            }
        }

        /** Runs the record's due jobs (the asynchronous registry lookups), as the job executor would. */
        int runJobs(String processInstanceId) {
            int ran = 0;
            for (int round = 0; round < 20; round++) {
                List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
                if (due.isEmpty()) {
                    return ran;
                }
                for (Job job : due) {
                    management.executeJob(job.getId());
                    ran++;
                }
            }
            return ran;
        }

        /** Waits until the app's job executor has run the record's lookups: the appraisal task exists. */
        void awaitAppraisal(String processInstanceId) {
            awaitTask(processInstanceId, "Task_Appraisal", "the lookups");
        }

        /** Waits until the app's job executor has run {@code what}: the task {@code taskKey} exists. */
        void awaitTask(String processInstanceId, String taskKey, String what) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                        .count() > 0) {
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("the job executor did not run " + what + " of " + processInstanceId + " in 60 s");
        }
    }

    static WorkflowBenchmark BENCH;

    // ---------------------------------------------------------------- storage

    /** Bytes of all tables (with indexes and TOAST) of the database: engine runtime, history, ours, total. */
    static Map<String, Long> storage(DataSource dataSource) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("""
                    select case when c.relname like 'act_ru_%' then 'engineRuntime'
                                when c.relname like 'act_hi_%' then 'engineHistory'
                                when c.relname like 'act_%' then 'engineOther'
                                else 'motcua' end as part,
                           sum(pg_total_relation_size(c.oid))::bigint
                      from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where c.relkind = 'r' and n.nspname = 'public'
                     group by 1 order by 1""");
            long total = 0;
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
                total += rs.getLong(2);
            }
            sizes.put("total", total);
        }
        return sizes;
    }

    void printStorage(Map<String, Object> storage, Map<String, Long> database) {
        System.out.println();
        System.out.println("== 2. Storage in PostgreSQL (pg_total_relation_size, tables + indexes + TOAST) ==");
        System.out.printf("per completed record: %,d bytes (over %d records)%n", storage.get("bytesPerCompletedRecord"),
                storage.get("completedRecordsMeasured"));
        System.out.printf("per open record (submitted, waiting at reception; live rows): %,d bytes (over %d records)%n",
                storage.get("bytesPerOpenRecord"), storage.get("openRecordsMeasured"));
        System.out.printf("product database now: %s%n", database);
    }

    // ---------------------------------------------------------------- pgbench

    void pgbench(EmbeddedPostgres postgres) throws Exception {
        Path pgbench = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        String env = System.getenv("PGBENCH");
        if (env != null) {
            pgbench = Path.of(env);
        }
        System.out.println();
        System.out.println("== 5. pgbench (TPC-B-like, scale 10) on the same PostgreSQL ==");
        if (!options.pgbench || !Files.isExecutable(pgbench)) {
            String why = !options.pgbench ? "--no-pgbench" : pgbench + " not found (set PGBENCH=/path/to/pgbench)";
            System.out.println("skipped: " + why);
            notes.add("pgbench skipped: " + why);
            json.put("pgbench", Map.of("skipped", why));
            return;
        }
        String port = String.valueOf(postgres.getPort());
        run(List.of(pgbench.toString(), "-i", "-q", "-s", "10", "-h", "localhost", "-p", port, "-U", "postgres",
                "bench_pgbench"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("binary", pgbench.toString());
        for (int clients : new int[] {1, 4}) {
            String out = run(List.of(pgbench.toString(), "-n", "-c", String.valueOf(clients), "-j",
                    String.valueOf(Math.min(clients, 2)), "-T", String.valueOf((int) Math.ceil(options.pgbenchSeconds)),
                    "-h", "localhost", "-p", port, "-U", "postgres", "bench_pgbench"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(out);
            double tps = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            r.put("tps" + clients + "clients", round(tps, 1));
            System.out.printf(Locale.ROOT, "%d client(s): %.0f TPS%n", clients, tps);
        }
        json.put("pgbench", r);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    static String url(EmbeddedPostgres postgres, String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }

    static Map<String, Double> roundAll(Map<String, Double> values) {
        Map<String, Double> r = new LinkedHashMap<>();
        values.forEach((k, v) -> r.put(k, round(v, 2)));
        return r;
    }

    static String format(Map<String, Double> phases) {
        StringBuilder b = new StringBuilder();
        double total = 0;
        for (var e : phases.entrySet()) {
            b.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), e.getValue()));
            total += e.getValue();
        }
        return b.append(String.format(Locale.ROOT, "total %.1f", total)).toString();
    }

    static void log(String message) {
        System.out.printf(Locale.ROOT, "[bench %tT] %s%n", new java.util.Date(), message);
    }

    @SuppressWarnings("unchecked")
    static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            for (var e : ((Map<String, Object>) map).entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(toJson(e.getKey())).append(':').append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : list) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(toJson(o));
            }
            return b.append(']').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
