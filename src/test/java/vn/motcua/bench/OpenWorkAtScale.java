package vn.motcua.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue #8, items 3 and 4 on ONE dataset of open work, at growing sizes (e.g. 10 k → 100 k → 1 M):
 * every open record is a user task with a candidate group and a due date AND a non-interrupting
 * deadline timer due at the same instant, as in the product ({@link BareEngine#openStepModel()}).
 * <p>
 * The engine creates the first {@link Settings#engineCreated()} records; the rest are copies of those
 * runtime rows made in SQL ({@link Copier}). At each size: ANALYZE, counts through the engine's APIs,
 * (a) the Tasklist query, (b) the job executor's acquisition command when nothing is due, with and
 * without {@code jobExecutorAcquireByDueDate}, {@code ensureJobDueDateNotNull} and an index on
 * {@code ACT_RU_JOB.DUEDATE_}, (c) how late escalations fire with the job executor running (probe
 * records due in the next seconds), (d) one copied record's timer executed and task completed through
 * the engine. docs/performance.md.
 * <p>
 * Parts 3 and 4 of {@link WorkflowBenchmark}; alone: {@code mvn -Pbench verify -Dbench.args="--parts open-work
 * --open-work 10000,100000"} (flags {@code --queries}, {@code --probes}, {@code --engine-created}, {@code --idle-quiet}).
 */
public final class OpenWorkAtScale {

    /**
     * @param sizes         open records at each measurement, ascending (cumulative growth)
     * @param queries       measured Tasklist queries per size (after 20 warm-up ones)
     * @param probes        probe records whose deadline timers fall due during the lateness measurement
     * @param engineCreated records created through the engine; the rest are SQL copies of them
     * @param idleQuietSeconds at the largest size, after the probes: the job executor runs this long with nothing
     *                      due (its idle wait grows 5 → 10 → 20 → 40 → 60 s), then one more probe falls due; 0 = skip
     */
    record Settings(int[] sizes, int queries, int probes, int engineCreated, int idleQuietSeconds) {
        Settings(int[] sizes, int queries, int probes, int engineCreated) {
            this(sizes, queries, probes, engineCreated, 0);
        }

        static Settings quick() {
            return new Settings(new int[] {10_000}, 100, 20, 1_000);
        }

        static Settings full() {
            return new Settings(new int[] {10_000, 100_000, 1_000_000}, 200, 50, 10_000);
        }

        Settings withSizes(String list) {
            return new Settings(Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray(), queries, probes,
                    engineCreated, idleQuietSeconds);
        }

        Settings withQueries(int n) {
            return new Settings(sizes, n, probes, engineCreated, idleQuietSeconds);
        }

        Settings withProbes(int n) {
            return new Settings(sizes, queries, n, engineCreated, idleQuietSeconds);
        }

        Settings withEngineCreated(int n) {
            return new Settings(sizes, queries, probes, n, idleQuietSeconds);
        }

        Settings withIdleQuiet(int seconds) {
            return new Settings(sizes, queries, probes, engineCreated, seconds);
        }
    }

    static final int GROUPS = 10;
    /** The authorized queries stop after this long (at least 3 measured): the engine's plan can be slow. */
    static final long AUTHORIZED_BUDGET_NANOS = 60_000_000_000L;
    static final int WARMUP_QUERIES = 20;
    static final int ACQUISITION_RUNS = 20;
    static final int ACQUISITION_WARMUP = 3;
    /** Dataset due dates: from 1 hour after the start of the run, spread over 30 days (nothing falls due during a run). */
    static final long DUE_OFFSET_MS = 3_600_000L;
    static final long DUE_SPREAD_MS = 30L * 86_400_000L;
    /** Probe timers fall due from this long after their creation … */
    static final long PROBE_FIRST_DUE_MS = 3_000;
    /** … over this window. */
    static final long PROBE_WINDOW_MS = 15_000;
    /** A probe escalation later than this after the last probe's due time fails the run (max wait is 60 s). */
    static final long PROBE_TIMEOUT_MS = 150_000;
    /** Copies at least this many at once: secondary indexes are dropped and built again around the insert. */
    static final int REBUILD_INDEXES_FROM = 50_000;

    /**
     * Grows the open work on {@code database} (which must exist and be empty) through {@code settings.sizes()},
     * measures at each size, prints sections 3 and 4 and returns them as JSON-able maps.
     *
     * @throws IllegalStateException when a check fails (counts, a page not full, a probe not escalated, a copy unsound)
     */
    static Map<String, Object> run(EmbeddedPostgres postgres, String database, Settings settings, List<String> notes) {
        int[] sizes = settings.sizes();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0 || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException("sizes must be positive and ascending: " + Arrays.toString(sizes));
            }
        }
        int engineCreated = Math.min(settings.engineCreated(), sizes[0]);
        if (engineCreated < 200) {
            throw new IllegalArgumentException("engineCreated must be at least 200 (the copier tells a record's own values "
                    + "from shared ones by their spread over the engine's records)");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        long anchor = System.currentTimeMillis();
        try (BareEngine bare = BareEngine.startOpenWork("bench-open-work", WorkflowBenchmark.url(postgres, database),
                // the measured queries and the acquisition read runtime tables only (docs/performance.md)
                ProcessEngineConfiguration.HISTORY_NONE)) {
            DataSource ds = bare.dataSource();
            // as in the product: authorization checks on, so each task's candidate group gets its authorization
            // row (Camunda's default provider); creating, counting and jobs run without a user, so unchecked
            bare.configuration().setAuthorizationEnabled(true);
            log("open work: the engine creates " + engineCreated + " records (user task + deadline timer)");
            double engineSeconds = createThroughEngine(bare, engineCreated, anchor);
            int open = engineCreated;
            Copier copier = null;
            for (int size : sizes) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("openRecords", size);
                double copySeconds = 0;
                int copied = 0;
                if (size > open) {
                    if (copier == null) {
                        copier = Copier.prepare(ds, engineCreated, anchor);
                        result.put("copiedTables", copier.describe());
                    }
                    copied = size - open;
                    log("open work: copying " + copied + " records in SQL");
                    long t = System.nanoTime();
                    copier.copy(copied);
                    copySeconds = (System.nanoTime() - t) / 1e9;
                    open = size;
                }
                long t = System.nanoTime();
                sql(ds, "analyze");
                row.put("engineCreated", engineCreated);
                row.put("engineSeconds", WorkflowBenchmark.round(engineSeconds, 1));
                row.put("copiedNow", copied);
                row.put("copySeconds", WorkflowBenchmark.round(copySeconds, 1));
                row.put("analyzeSeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 1));
                checkCounts(bare, size, anchor);
                row.put("databaseBytes", runtimeBytes(ds));
                log("open work: " + size + " open records; Tasklist queries");
                row.put("tasklist", tasklist(bare, settings.queries(), false));
                // a quarter as many: the checked query is slower (and a budget of 60 s bounds it)
                row.put("tasklistAuthorized", tasklist(bare, Math.max(3, settings.queries() / 4), true));
                log("open work: job acquisition");
                row.put("acquisition", acquisition(bare, size == sizes[sizes.length - 1]));
                log("open work: escalation lateness, " + settings.probes() + " probes, job executor on");
                row.put("lateness", lateness(bare, settings.probes(), size));
                if (settings.idleQuietSeconds() > 0 && size == sizes[sizes.length - 1]) {
                    log("open work: idle job executor for " + settings.idleQuietSeconds() + " s, then one probe");
                    row.put("idleLateness", idleLateness(bare, settings.idleQuietSeconds() * 1000L, size));
                }
                if (copier != null) {
                    row.put("copyCheck", copier.checkOneCopy(bare));
                    open--; // the checked copy is completed: the next growth step makes it up
                }
                rows.add(row);
            }
            if (copier != null) {
                copier.dropScratch();
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        result.put("engineCreated", engineCreated);
        result.put("groups", GROUPS);
        result.put("sizes", rows);
        print(rows, notes);
        return result;
    }

    // ---------------------------------------------------------------- creation through the engine

    static double createThroughEngine(BareEngine bare, int count, long anchor) throws Exception {
        long t = System.nanoTime();
        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int share = count / threads + (i == 0 ? count % threads : 0);
                long seed = 100 + i;
                futures.add(pool.submit(() -> bare.createOpenSteps(share, 500, GROUPS, seed, anchor + DUE_OFFSET_MS,
                        DUE_SPREAD_MS)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    // ---------------------------------------------------------------- counts

    /** Through the engine's APIs: instances, tasks, timers; nothing of the dataset due before anchor + 1 h; due dates equal. */
    static void checkCounts(BareEngine bare, int expected, long anchor) throws SQLException {
        RuntimeService runtime = bare.engine.getRuntimeService();
        TaskService tasks = bare.engine.getTaskService();
        ManagementService management = bare.engine.getManagementService();
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey(BareEngine.OPEN_STEP).count();
        long openTasks = tasks.createTaskQuery().processDefinitionKey(BareEngine.OPEN_STEP).count();
        long timers = management.createJobQuery().timers().count();
        long jobs = management.createJobQuery().count();
        long dueSoon = management.createJobQuery().duedateLowerThan(new Date(anchor + DUE_OFFSET_MS - 60_000)).count();
        long group0 = tasks.createTaskQuery().taskCandidateGroup("unit-0:clerk").count();
        long sameDue = sqlLong(bare.dataSource(), """
                select count(*) from act_ru_task t
                  join act_ru_job j on j.process_instance_id_ = t.proc_inst_id_ and j.type_ = 'timer'
                 where j.duedate_ = t.due_date_""");
        long candidateLinks = sqlLong(bare.dataSource(),
                "select count(*) from act_ru_identitylink where type_ = 'candidate' and group_id_ like 'unit-%:clerk'");
        String counts = "instances %d, tasks %d, timer jobs %d, jobs %d, timers due before the dataset's window %d, "
                + "task due = timer due %d, candidate links %d (expected %d each, 0 due)";
        counts = counts.formatted(instances, openTasks, timers, jobs, dueSoon, sameDue, candidateLinks, expected);
        if (instances != expected || openTasks != expected || timers != expected || jobs != expected || dueSoon != 0
                || sameDue != expected || candidateLinks != expected) {
            throw new IllegalStateException("open work counts wrong: " + counts);
        }
        if (group0 < expected / GROUPS * 0.8 || group0 > expected / GROUPS * 1.2) {
            throw new IllegalStateException("group unit-0:clerk has " + group0 + " of " + expected + " tasks");
        }
        log("counts through the engine's APIs: " + counts);
    }

    // ---------------------------------------------------------------- (a) Tasklist query

    /**
     * The Tasklist query's first page, {@code queries} times after warm-up. {@code asUser}: as a clerk of the
     * group logged in, so the engine adds its authorization check (the task's group authorization rows).
     */
    static Map<String, Object> tasklist(BareEngine bare, int queries, boolean asUser) {
        TaskService taskService = bare.engine.getTaskService();
        IdentityService identity = bare.engine.getIdentityService();
        long[] micros = new long[queries];
        long deadline = System.nanoTime() + AUTHORIZED_BUDGET_NANOS;
        int warmup = asUser ? 2 : WARMUP_QUERIES;
        int measured = 0;
        for (int i = -warmup; i < queries; i++) {
            if (asUser && i >= 3 && System.nanoTime() > deadline) {
                break; // slow: enough for the figures
            }
            String group = group(i + warmup);
            if (asUser) {
                identity.setAuthentication("clerk-" + group, List.of(group));
            }
            try {
                long q = System.nanoTime();
                List<Task> page = taskService.createTaskQuery().taskCandidateGroup(group)
                        .orderByDueDate().asc().listPage(0, 15);
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - q) / 1000;
                    measured++;
                }
                checkPage(page);
            } finally {
                identity.clearAuthentication();
            }
        }
        micros = Arrays.copyOf(micros, measured);
        Arrays.sort(micros);
        Map<String, Object> r = percentiles(micros);
        r.put("queries", measured);
        return r;
    }

    private static void checkPage(List<Task> page) {
        if (page.size() != 15) {
            throw new IllegalStateException("a Tasklist page of " + page.size() + " tasks, not 15");
        }
        long previousDue = Long.MIN_VALUE;
        for (Task task : page) {
            if (task.getDueDate() == null || task.getDueDate().getTime() < previousDue) {
                throw new IllegalStateException("a Tasklist page not sorted by due date");
            }
            previousDue = task.getDueDate().getTime();
        }
    }

    static String group(int i) {
        return "unit-" + (i % GROUPS) + ":clerk";
    }

    // ---------------------------------------------------------------- (b) job acquisition

    /** The engine's AcquireJobsCmd with its JobExecutor, nothing due, under each setting, without and with an index on DUEDATE_. */
    static Map<String, Object> acquisition(BareEngine bare, boolean explain) throws SQLException {
        ProcessEngineConfigurationImpl config = bare.configuration();
        JobExecutor jobExecutor = config.getJobExecutor();
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Object> plans = new LinkedHashMap<>();
        for (boolean index : new boolean[] {false, true}) {
            if (index) {
                long t = System.nanoTime();
                sql(bare.dataSource(), "create index bench_idx_job_duedate on act_ru_job (duedate_)");
                sql(bare.dataSource(), "analyze act_ru_job");
                r.put("indexCreateSeconds", WorkflowBenchmark.round((System.nanoTime() - t) / 1e9, 2));
            }
            for (String mode : List.of("default", "acquireByDueDate", "ensureJobDueDateNotNull")) {
                config.setJobExecutorAcquireByDueDate(mode.equals("acquireByDueDate"));
                config.setEnsureJobDueDateNotNull(mode.equals("ensureJobDueDateNotNull"));
                try {
                    long[] micros = new long[ACQUISITION_RUNS];
                    for (int i = -ACQUISITION_WARMUP; i < ACQUISITION_RUNS; i++) {
                        long t = System.nanoTime();
                        AcquiredJobs acquired = config.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(jobExecutor));
                        long us = (System.nanoTime() - t) / 1000;
                        if (!acquired.getJobIdBatches().isEmpty()) {
                            throw new IllegalStateException("acquisition found due jobs where none should be: "
                                    + acquired.getJobIdBatches());
                        }
                        if (i >= 0) {
                            micros[i] = us;
                        }
                    }
                    Arrays.sort(micros);
                    r.put(mode + (index ? "+index" : ""), percentiles(micros));
                    if (explain && !mode.equals("ensureJobDueDateNotNull")) {
                        plans.put(mode + (index ? "+index" : ""), Arrays.asList(explain(bare.dataSource(), mode).split("\n")));
                    }
                } finally {
                    config.setJobExecutorAcquireByDueDate(false);
                    config.setEnsureJobDueDateNotNull(false);
                }
            }
        }
        sql(bare.dataSource(), "drop index bench_idx_job_duedate");
        sql(bare.dataSource(), "analyze act_ru_job");
        if (!plans.isEmpty()) {
            r.put("explain", plans);
        }
        return r;
    }

    /**
     * EXPLAIN ANALYZE of the statement the engine sends for acquisition (Job.xml selectNextJobsToExecute on
     * PostgreSQL, 3 jobs, not deployment aware; checked against the engine's MyBatis debug log).
     */
    static String explain(DataSource ds, String mode) throws SQLException {
        String order = mode.equals("acquireByDueDate") ? " order by RES.DUEDATE_ asc" : "";
        String statement = """
                explain (analyze, buffers, costs off, timing off)
                select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
                  from ACT_RU_JOB RES
                 where (RES.RETRIES_ > 0)
                   and (RES.DUEDATE_ is null or RES.DUEDATE_ <= localtimestamp)
                   and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < localtimestamp)
                   and RES.SUSPENSION_STATE_ = 1
                   and ((RES.EXCLUSIVE_ = true and not exists(select J2.ID_ from ACT_RU_JOB J2
                          where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
                            and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= localtimestamp)))
                        or RES.EXCLUSIVE_ = false)""" + order + " LIMIT 3 OFFSET 0";
        StringBuilder b = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statement)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
            c.rollback();
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- (c) escalation lateness

    /** Records the live job executor's acquisitions: start (epoch ms), duration (µs), jobs acquired. */
    static final class TimedAcquisition implements AcquireJobsCommandFactory {
        final JobExecutor jobExecutor;
        final List<long[]> runs = Collections.synchronizedList(new ArrayList<>());

        TimedAcquisition(JobExecutor jobExecutor) {
            this.jobExecutor = jobExecutor;
        }

        @Override
        public Command<AcquiredJobs> getCommand(int numJobsToAcquire) {
            AcquireJobsCmd cmd = new AcquireJobsCmd(jobExecutor, numJobsToAcquire);
            return context -> {
                long at = System.currentTimeMillis();
                long t = System.nanoTime();
                AcquiredJobs acquired = cmd.execute(context);
                runs.add(new long[] {at, (System.nanoTime() - t) / 1000, acquired.size()});
                return acquired;
            };
        }
    }

    static Map<String, Object> lateness(BareEngine bare, int probes, int size) throws Exception {
        JobExecutor jobExecutor = bare.configuration().getJobExecutor();
        AcquireJobsCommandFactory original = jobExecutor.getAcquireJobsCmdFactory();
        TimedAcquisition timed = new TimedAcquisition(jobExecutor);
        jobExecutor.setAcquireJobsCmdFactory(timed);
        RuntimeService runtime = bare.engine.getRuntimeService();
        Map<String, Long> due = new LinkedHashMap<>();
        List<String> instances = new ArrayList<>();
        long started;
        try {
            bare.startJobExecutor();
            started = System.currentTimeMillis();
            // probe records as the product's: created through the engine while the job executor runs
            long first = started + PROBE_FIRST_DUE_MS;
            for (int i = 0; i < probes; i++) {
                String key = "probe-" + size + "-" + i;
                long dueAt = first + (probes == 1 ? 0 : i * PROBE_WINDOW_MS / (probes - 1));
                Map<String, Object> v = new HashMap<>();
                v.put("group", group(i));
                v.put("due", new Date(dueAt));
                instances.add(runtime.startProcessInstanceByKey(BareEngine.OPEN_STEP, key, v).getId());
                due.put(key, dueAt);
            }
            long deadline = first + PROBE_WINDOW_MS + PROBE_TIMEOUT_MS;
            while (!BareEngine.ESCALATED.keySet().containsAll(due.keySet())) {
                if (System.currentTimeMillis() > deadline) {
                    List<String> missing = new ArrayList<>(due.keySet());
                    missing.removeAll(BareEngine.ESCALATED.keySet());
                    throw new IllegalStateException(missing.size() + " of " + probes + " probe escalations did not fire within "
                            + PROBE_TIMEOUT_MS / 1000 + " s after the last due time (" + size + " open records): " + missing);
                }
                Thread.sleep(20);
            }
        } finally {
            bare.stopJobExecutor();
            jobExecutor.setAcquireJobsCmdFactory(original);
        }
        long waited = System.currentTimeMillis() - started;
        long[] escalation = new long[probes];
        long[] timer = new long[probes];
        int i = 0;
        for (var e : due.entrySet()) {
            escalation[i] = (BareEngine.ESCALATED.remove(e.getKey()) - e.getValue()) * 1000;
            Long fired = BareEngine.TIMER_FIRED.remove(e.getKey());
            timer[i] = fired == null ? escalation[i] : (fired - e.getValue()) * 1000;
            i++;
        }
        Arrays.sort(escalation);
        Arrays.sort(timer);
        // the probes' tasks are still open (the timer does not interrupt): remove them for the next size
        runtime.deleteProcessInstances(instances, "benchmark probe", true, true);
        List<long[]> runs = new ArrayList<>(timed.runs);
        long[] acquisitionMicros = runs.stream().mapToLong(run -> run[1]).sorted().toArray();
        long maxGap = 0;
        for (int k = 1; k < runs.size(); k++) {
            maxGap = Math.max(maxGap, runs.get(k)[0] - runs.get(k - 1)[0]);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("probes", probes);
        r.put("escalation", percentilesMs(escalation));
        r.put("timer", percentilesMs(timer));
        r.put("secondsUntilAllFired", WorkflowBenchmark.round(waited / 1000.0, 1));
        Map<String, Object> acquisitions = new LinkedHashMap<>();
        acquisitions.put("count", runs.size());
        acquisitions.put("withJobs", runs.stream().filter(run -> run[2] > 0).count());
        if (acquisitionMicros.length > 0) {
            acquisitions.putAll(percentiles(acquisitionMicros));
        }
        acquisitions.put("maxGapMs", maxGap);
        r.put("liveAcquisitions", acquisitions);
        return r;
    }

    /**
     * The job executor started and left with nothing due for {@code quietMs} (each empty acquisition lengthens its
     * idle wait), then one probe created due 6 s later (not sooner than the wait time: the engine would hint the
     * job executor) — how late a deadline fires at a quiet moment.
     */
    static Map<String, Object> idleLateness(BareEngine bare, long quietMs, int size) throws Exception {
        JobExecutor jobExecutor = bare.configuration().getJobExecutor();
        AcquireJobsCommandFactory original = jobExecutor.getAcquireJobsCmdFactory();
        TimedAcquisition timed = new TimedAcquisition(jobExecutor);
        jobExecutor.setAcquireJobsCmdFactory(timed);
        RuntimeService runtime = bare.engine.getRuntimeService();
        String key = "idle-probe-" + size;
        long dueAt;
        String instance;
        long started = System.currentTimeMillis();
        try {
            bare.startJobExecutor();
            Thread.sleep(quietMs);
            dueAt = System.currentTimeMillis() + 6_000;
            instance = runtime.startProcessInstanceByKey(BareEngine.OPEN_STEP, key,
                    Map.of("group", group(0), "due", new Date(dueAt))).getId();
            long deadline = dueAt + PROBE_TIMEOUT_MS;
            while (!BareEngine.ESCALATED.containsKey(key)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the idle probe's escalation did not fire within "
                            + PROBE_TIMEOUT_MS / 1000 + " s after its due time");
                }
                Thread.sleep(20);
            }
        } finally {
            bare.stopJobExecutor();
            jobExecutor.setAcquireJobsCmdFactory(original);
        }
        long late = BareEngine.ESCALATED.remove(key) - dueAt;
        BareEngine.TIMER_FIRED.remove(key);
        runtime.deleteProcessInstance(instance, "benchmark probe", true, true);
        List<Long> gaps = new ArrayList<>();
        List<long[]> runs = new ArrayList<>(timed.runs);
        for (int k = 1; k < runs.size(); k++) {
            gaps.add(runs.get(k)[0] - runs.get(k - 1)[0]);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("quietSeconds", quietMs / 1000);
        r.put("latenessMs", late);
        r.put("acquisitionGapsMs", gaps);
        r.put("acquisitionMs", runs.stream().map(run -> WorkflowBenchmark.round(run[1] / 1000.0, 1)).toList());
        r.put("secondsUntilFired", WorkflowBenchmark.round((System.currentTimeMillis() - started) / 1000.0, 1));
        return r;
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, Object> percentiles(long[] sortedMicros) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("p50ms", WorkflowBenchmark.round(WorkflowBenchmark.pct(sortedMicros, 50) / 1000.0, 2));
        r.put("p95ms", WorkflowBenchmark.round(WorkflowBenchmark.pct(sortedMicros, 95) / 1000.0, 2));
        r.put("p99ms", WorkflowBenchmark.round(WorkflowBenchmark.pct(sortedMicros, 99) / 1000.0, 2));
        r.put("maxms", WorkflowBenchmark.round(sortedMicros[sortedMicros.length - 1] / 1000.0, 2));
        return r;
    }

    static Map<String, Object> percentilesMs(long[] sortedMicros) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("p50ms", WorkflowBenchmark.pct(sortedMicros, 50) / 1000);
        r.put("p99ms", WorkflowBenchmark.pct(sortedMicros, 99) / 1000);
        r.put("maxms", sortedMicros[sortedMicros.length - 1] / 1000);
        r.put("minms", sortedMicros[0] / 1000);
        return r;
    }

    static long runtimeBytes(DataSource ds) throws SQLException {
        return sqlLong(ds, """
                select sum(pg_total_relation_size(c.oid))::bigint from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                 where c.relkind = 'r' and n.nspname = current_schema() and c.relname like 'act_ru_%'""");
    }

    static void sql(DataSource ds, String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(statement);
        }
    }

    static long sqlLong(DataSource ds, String query) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            long value = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return value;
        }
    }

    static List<String> sqlStrings(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static void log(String message) {
        WorkflowBenchmark.log(message);
    }

    // ---------------------------------------------------------------- printing

    @SuppressWarnings("unchecked")
    static void print(List<Map<String, Object>> rows, List<String> notes) {
        System.out.println();
        System.out.println("== 3. Tasklist query at scale: candidate group + due date ascending, first page of 15 (TaskService) ==");
        System.out.println("(open records = user task + non-interrupting deadline timer; bare engine, own database, history none;");
        System.out.println(" the engine creates the first records, the rest are SQL copies of their runtime rows)");
        System.out.println(" no user = no authorization check; as clerk = logged in as the group's clerk, the engine checks"
                + " the tasks' group authorizations");
        System.out.println("open records      p50 ms    p95 ms    p99 ms   as clerk: p50 ms    p95 ms    p99 ms  queries   grown by (s)");
        for (Map<String, Object> row : rows) {
            Map<String, Object> q = (Map<String, Object>) row.get("tasklist");
            Map<String, Object> u = (Map<String, Object>) row.get("tasklistAuthorized");
            System.out.printf(Locale.ROOT, "%,12d  %9.2f %9.2f %9.2f %17.2f %9.2f %9.2f %5d/%-3d   %s%n",
                    row.get("openRecords"), q.get("p50ms"), q.get("p95ms"), q.get("p99ms"), u.get("p50ms"),
                    u.get("p95ms"), u.get("p99ms"), q.get("queries"), u.get("queries"), grown(row));
        }
        System.out.println();
        System.out.println("== 4. Deadline timers at scale: job acquisition (nothing due) and escalation lateness ==");
        System.out.println("acquisition = the engine's AcquireJobsCmd (3 jobs) through the command executor, p50/p99 ms over "
                + ACQUISITION_RUNS + " runs;");
        System.out.println("  plain = Camunda's defaults, byDue = jobExecutorAcquireByDueDate, notNull = ensureJobDueDateNotNull,"
                + " +idx = index on ACT_RU_JOB(DUEDATE_) (the product's JobDueDateIndex)");
        System.out.println("open timers      plain     byDue   notNull     +idx  byDue+idx notNull+idx");
        for (Map<String, Object> row : rows) {
            Map<String, Object> a = (Map<String, Object>) row.get("acquisition");
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,11d", row.get("openRecords")));
            for (String mode : List.of("default", "acquireByDueDate", "ensureJobDueDateNotNull", "default+index",
                    "acquireByDueDate+index", "ensureJobDueDateNotNull+index")) {
                Map<String, Object> m = (Map<String, Object>) a.get(mode);
                b.append(String.format(Locale.ROOT, " %5.1f/%-5.1f", m.get("p50ms"), m.get("p99ms")));
            }
            System.out.println(b);
        }
        System.out.println("lateness = escalation ran − due date, probe records created through the engine with the job executor on");
        System.out.println("  (starter defaults: pool 3–10, 3 jobs per acquisition, idle wait 5 s ×2 up to 60 s)");
        System.out.println("open timers  probes   p50 ms   p99 ms   max ms  (timer p50/max)  all fired after  live acquisitions: n, p50/max ms, longest gap");
        for (Map<String, Object> row : rows) {
            Map<String, Object> l = (Map<String, Object>) row.get("lateness");
            Map<String, Object> e = (Map<String, Object>) l.get("escalation");
            Map<String, Object> t = (Map<String, Object>) l.get("timer");
            Map<String, Object> a = (Map<String, Object>) l.get("liveAcquisitions");
            System.out.printf(Locale.ROOT, "%,11d %7d %8d %8d %8d  (%d/%d) %12.1f s      %d, %.1f/%.1f ms, %d ms%n",
                    row.get("openRecords"), l.get("probes"), e.get("p50ms"), e.get("p99ms"), e.get("maxms"), t.get("p50ms"),
                    t.get("maxms"), l.get("secondsUntilAllFired"), a.get("count"), a.getOrDefault("p50ms", 0.0),
                    a.getOrDefault("maxms", 0.0), a.get("maxGapMs"));
        }
        for (Map<String, Object> row : rows) {
            Map<String, Object> idle = (Map<String, Object>) row.get("idleLateness");
            if (idle != null) {
                System.out.printf(Locale.ROOT, "idle job executor at %,d open timers: nothing due for %d s, then one probe "
                        + "escalated %d ms after its due time; gaps between acquisitions (ms) %s, each took (ms) %s%n",
                        row.get("openRecords"), idle.get("quietSeconds"), idle.get("latenessMs"),
                        idle.get("acquisitionGapsMs"), idle.get("acquisitionMs"));
            }
        }
        for (Map<String, Object> row : rows) {
            Map<String, Object> a = (Map<String, Object>) row.get("acquisition");
            Object plans = a.get("explain");
            if (plans != null) {
                System.out.printf(Locale.ROOT, "%nEXPLAIN ANALYZE of the acquisition statement at %,d open timers:%n",
                        row.get("openRecords"));
                ((Map<String, Object>) plans).forEach((mode, plan) -> {
                    System.out.println("-- " + mode);
                    ((List<String>) plan).forEach(System.out::println);
                });
            }
        }
        for (Map<String, Object> row : rows) {
            Object check = row.get("copyCheck");
            if (check != null) {
                notes.add("copy check at " + row.get("openRecords") + ": " + check);
            }
        }
    }

    private static String grown(Map<String, Object> row) {
        return String.format(Locale.ROOT, "engine %d in %.1f s, +%,d copies in %.1f s, analyze %.1f s, act_ru_* %,d MB",
                row.get("engineCreated"), row.get("engineSeconds"), row.get("copiedNow"), row.get("copySeconds"),
                row.get("analyzeSeconds"), (Long) row.get("databaseBytes") / 1_048_576);
    }

    // ---------------------------------------------------------------- copies in SQL

    /**
     * Multiplies the runtime rows of the records the engine created. Generic: starting from the process
     * instances' ids, every ACT_RU_* (and ACT_GE_BYTEARRAY) row that refers to a known id through any text
     * column is taken, its own ID_ becomes known, until nothing new is found. Every text column whose values
     * each belong to one record (ids, foreign ids, activity instance ids) gets a copy suffix ({@code <value>-c<g>})
     * in the copies; values shared by records are kept; a column mixing both is refused. Column lists come
     * from information_schema. A copy gets a new due date (task DUE_DATE_ = timer job DUEDATE_ = variable
     * {@code due}), from 1 h after the run's start over 30 days. Tables are filled in their foreign-key order
     * with the row-by-row foreign-key triggers off for the copying transaction; before it commits, one query
     * per foreign key of the copied tables (from pg_constraint) must find no row without its parent.
     */
    static final class Copier {
        final DataSource ds;
        final int seeds;
        final long anchor;
        final List<String> tables = new ArrayList<>();              // in foreign-key order
        final Map<String, List<String>> columns = new LinkedHashMap<>();
        final Map<String, Set<String>> idColumns = new LinkedHashMap<>();
        final Map<String, Long> rowsPerSeed = new LinkedHashMap<>();
        final List<String> foreignKeyChecks = new ArrayList<>();
        final Map<String, List<String>> textColumns = new HashMap<>();
        long nextOrdinal;
        /** Copies' due dates: from {@code anchor + dueOffsetMs}, spread over {@code dueSpreadMs}. */
        long dueOffsetMs = DUE_OFFSET_MS;
        long dueSpreadMs = DUE_SPREAD_MS;
        /** The seeds' unit, written in the copies' text as {@link #copyUnit} says (null: copied as it is). */
        String seedUnit;
        /** SQL of the copy's unit, from its ordinal {@code k}. */
        String copyUnit;

        private Copier(DataSource ds, int seeds, long anchor) {
            this.ds = ds;
            this.seeds = seeds;
            this.anchor = anchor;
            this.nextOrdinal = seeds; // ordinals 0..seeds-1 are the engine's own records
        }

        static Copier prepare(DataSource ds, int engineCreated, long anchor) throws SQLException {
            return prepare(ds, engineCreated, anchor, BareEngine.OPEN_STEP, true);
        }

        /**
         * @param processKey the engine-created records' process
         * @param bare       the bare engine's records: their task, timer and variable {@code due} agree, and they own
         *                   no byte arrays (checked); otherwise the records' byte arrays (variables' values) are copied too
         */
        static Copier prepare(DataSource ds, int engineCreated, long anchor, String processKey, boolean bare)
                throws SQLException {
            long started = System.nanoTime();
            Copier copier = new Copier(ds, engineCreated, anchor);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("drop table if exists bench_ids");
                s.execute("""
                        create table bench_ids as
                        select e.id_ as id, (row_number() over (order by e.id_) - 1)::int as n
                          from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                         where d.key_ = '%s' and e.id_ = e.proc_inst_id_""".formatted(processKey));
                s.execute("alter table bench_ids add primary key (id)");
                s.execute("analyze bench_ids");
                long instances = sqlLong(ds, "select count(*) from bench_ids");
                if (instances != engineCreated) {
                    throw new IllegalStateException("found " + instances + " engine-created instances, expected " + engineCreated);
                }
                List<String> candidates = sqlStrings(c, """
                        select table_name from information_schema.tables
                         where table_schema = current_schema() and table_type = 'BASE TABLE'
                           and (table_name like 'act\\_ru\\_%' or table_name = 'act_ge_bytearray')
                         order by table_name""");
                // empty tables cannot hold the records' rows
                candidates.removeIf(table -> {
                    try {
                        return sqlLong(ds, "select count(*) from (select 1 from %s limit 1) x".formatted(table)) == 0;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Map<String, List<String>> textColumns = copier.textColumns;
                for (String table : candidates) {
                    textColumns.put(table, sqlStrings(c, """
                            select column_name from information_schema.columns
                             where table_schema = current_schema() and table_name = '%s' and column_name <> 'id_'
                               and data_type in ('character varying', 'text')""".formatted(table)));
                }
                // closure: rows referring to a known id through any text column; their ID_ becomes known
                Set<String> members = new LinkedHashSet<>();
                boolean changed = true;
                while (changed) {
                    changed = false;
                    for (String table : candidates) {
                        for (String column : textColumns.get(table)) {
                            int added = s.executeUpdate("""
                                    insert into bench_ids (id, n)
                                    select distinct on (t.id_) t.id_, i.n from %s t join bench_ids i on i.id = t.%s
                                    on conflict (id) do nothing""".formatted(table, column));
                            if (added > 0) {
                                changed = true;
                            }
                            // and the byte arrays (variables' values, stack traces) the records' rows point to
                            if (!bare && (column.endsWith("bytearray_id_") || column.endsWith("stack_id_"))
                                    && candidates.contains("act_ge_bytearray")) {
                                added = s.executeUpdate("""
                                        insert into bench_ids (id, n)
                                        select distinct on (b.id_) b.id_, i.n from %s t join bench_ids i on i.id = t.id_
                                          join act_ge_bytearray b on b.id_ = t.%s
                                        on conflict (id) do nothing""".formatted(table, column));
                                if (added > 0) {
                                    changed = true;
                                }
                            }
                        }
                    }
                }
                s.execute("analyze bench_ids");
                for (String table : candidates) {
                    if (sqlLong(ds, "select count(*) from %s t join bench_ids i on i.id = t.id_".formatted(table)) > 0) {
                        members.add(table);
                    }
                }
                // the seed rows, kept aside (the engine may complete some of them later)
                for (String table : members) {
                    s.execute("drop table if exists bench_seed_" + table);
                    s.execute("create table bench_seed_%1$s as select t.*, i.n as bench_n from %1$s t join bench_ids i on i.id = t.id_"
                            .formatted(table));
                    s.execute("analyze bench_seed_" + table);
                    List<String> cols = sqlStrings(c, """
                            select column_name from information_schema.columns
                             where table_schema = current_schema() and table_name = '%s' order by ordinal_position"""
                            .formatted(table));
                    copier.columns.put(table, cols);
                    Set<String> ids = new LinkedHashSet<>();
                    for (String column : cols) {
                        if (!textColumns.get(table).contains(column) && !column.equals("id_")) {
                            continue;
                        }
                        // values of one record only (ids, activity instance ids, …) get the copy's suffix; values
                        // shared by records (definition ids, groups, names, types) are kept; a mix is refused
                        try (ResultSet rs = s.executeQuery("""
                                select count(*) filter (where records = 1), count(*) from (
                                  select count(distinct bench_n) as records from bench_seed_%2$s
                                   where %1$s is not null group by %1$s) x""".formatted(column, table))) {
                            rs.next();
                            long ofOneRecord = rs.getLong(1);
                            long values = rs.getLong(2);
                            if (bare && ofOneRecord > 0 && ofOneRecord != values) {
                                throw new IllegalStateException(table + "." + column + ": " + ofOneRecord + " of " + values
                                        + " values belong to one record only: cannot copy it generically");
                            }
                            // (a product record's text column mixes its own values with shared ones: copied as they are)
                            if (ofOneRecord > 0 && ofOneRecord == values) {
                                ids.add(column);
                            }
                        }
                        // and every column holding known ids must be such a column
                        long known = sqlLong(ds, "select count(*) from bench_seed_%s s join bench_ids i on i.id = s.%s"
                                .formatted(table, column));
                        if (known > 0 && !ids.contains(column)) {
                            throw new IllegalStateException(table + "." + column + " holds record ids shared by records");
                        }
                    }
                    if (!ids.contains("id_")) {
                        throw new IllegalStateException(table + ".id_ is not unique per record");
                    }
                    copier.idColumns.put(table, ids);
                    copier.rowsPerSeed.put(table, sqlLong(ds, "select count(*) from bench_seed_" + table));
                }
                copier.tables.addAll(foreignKeyOrder(c, members));
                copier.foreignKeyChecks.addAll(foreignKeyChecks(c, members));
                if (!bare) {
                    log(String.format(Locale.ROOT, "copier: prepared in %.1f s; tables %s", (System.nanoTime() - started) / 1e9,
                            copier.describe()));
                    return copier;
                }
                // the engine's own consistency that the copies must keep: task due = timer due = variable due
                long consistent = sqlLong(ds, """
                        select count(*) from bench_seed_act_ru_task t
                          join bench_seed_act_ru_job j on j.process_instance_id_ = t.proc_inst_id_ and j.type_ = 'timer'
                          join bench_seed_act_ru_variable v on v.proc_inst_id_ = t.proc_inst_id_ and v.name_ = 'due'
                         where j.duedate_ = t.due_date_
                           and v.long_ = (extract(epoch from (t.due_date_ at time zone '%s')) * 1000)::bigint"""
                        .formatted(ZoneId.systemDefault().getId()));
                if (consistent != engineCreated) {
                    throw new IllegalStateException("engine-created records with task due = timer due = variable due: "
                            + consistent + " of " + engineCreated);
                }
                long bytearrays = sqlLong(ds, "select count(*) from act_ge_bytearray b join bench_ids i on i.id = b.id_");
                if (bytearrays > 0) {
                    throw new IllegalStateException("the records own byte arrays; the copier does not spread their due dates");
                }
            }
            log(String.format(Locale.ROOT, "copier: prepared in %.1f s; tables %s", (System.nanoTime() - started) / 1e9,
                    copier.describe()));
            return copier;
        }

        Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            for (String table : tables) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("rowsPerRecord", WorkflowBenchmark.round(rowsPerSeed.get(table) / (double) seeds, 2));
                t.put("idColumns", String.join(",", idColumns.get(table)));
                d.put(table, t);
            }
            return d;
        }

        static List<String> foreignKeyOrder(Connection c, Set<String> members) throws SQLException {
            Map<String, Set<String>> dependsOn = new HashMap<>();
            for (String table : members) {
                dependsOn.put(table, new LinkedHashSet<>());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select lower(conrelid::regclass::text), lower(confrelid::regclass::text)
                      from pg_constraint where contype = 'f'""")) {
                while (rs.next()) {
                    String from = rs.getString(1);
                    String to = rs.getString(2);
                    if (members.contains(from) && members.contains(to) && !from.equals(to)) {
                        dependsOn.get(from).add(to);
                    }
                }
            }
            List<String> order = new ArrayList<>();
            while (order.size() < members.size()) {
                boolean progress = false;
                for (String table : members) {
                    if (!order.contains(table) && order.containsAll(dependsOn.get(table))) {
                        order.add(table);
                        progress = true;
                    }
                }
                if (!progress) {
                    throw new IllegalStateException("foreign-key cycle among " + members);
                }
            }
            return order;
        }

        /** One query per foreign key from a copied table (to any table): rows whose key has no parent row. */
        static List<String> foreignKeyChecks(Connection c, Set<String> members) throws SQLException {
            List<String> checks = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select lower(k.conrelid::regclass::text), lower(k.confrelid::regclass::text),
                           array_to_string(array(select a.attname from unnest(k.conkey) with ordinality u(n, i)
                                 join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i), ','),
                           array_to_string(array(select a.attname from unnest(k.confkey) with ordinality u(n, i)
                                 join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i), ',')
                      from pg_constraint k where k.contype = 'f' order by 1, 2, 3""")) {
                while (rs.next()) {
                    if (!members.contains(rs.getString(1))) {
                        continue;
                    }
                    String[] from = rs.getString(3).split(",");
                    String[] to = rs.getString(4).split(",");
                    List<String> notNull = new ArrayList<>();
                    List<String> match = new ArrayList<>();
                    for (int i = 0; i < from.length; i++) {
                        notNull.add("c." + from[i] + " is not null");
                        match.add("p." + to[i] + " = c." + from[i]);
                    }
                    checks.add("select count(*) from %s c where %s and not exists (select 1 from %s p where %s)".formatted(
                            rs.getString(1), String.join(" and ", notNull), rs.getString(2), String.join(" and ", match)));
                }
            }
            return checks;
        }

        /** Adds {@code count} copies: ordinals nextOrdinal… ; copy k is seed record k mod seeds with suffix -c(k div seeds). */
        void copy(int count) throws SQLException {
            String zone = ZoneId.systemDefault().getId();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("drop table if exists bench_copy");
                s.execute("""
                        create unlogged table bench_copy as
                        select k, (k %% %1$d)::int as n, (k / %1$d)::int as g, due_ms,
                               (timestamptz 'epoch' + due_ms * interval '1 millisecond') at time zone '%2$s' as due,
                               %7$s as unit
                          from (select k, %3$d + floor(random() * %4$d)::bigint as due_ms
                                  from generate_series(%5$d::bigint, %6$d::bigint) k) x"""
                        .formatted(seeds, zone, anchor + dueOffsetMs, dueSpreadMs, nextOrdinal, nextOrdinal + count - 1,
                                copyUnit == null ? "null::text" : copyUnit));
                s.execute("analyze bench_copy");
                // foreign keys: not checked row by row while inserting (triggers off for this transaction: 3–4x
                // faster), but every foreign key among the copied tables is checked in one statement before commit
                s.execute("set local session_replication_role = replica");
                // the secondary indexes (not those of primary keys or unique constraints) are dropped for the bulk
                // insert and built again afterwards with their own definitions (pg_indexes.indexdef)
                List<String[]> indexes = new ArrayList<>();
                if (count >= REBUILD_INDEXES_FROM) {
                    for (String table : tables) {
                        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("""
                                select i.indexname, i.indexdef from pg_indexes i
                                 where i.schemaname = current_schema() and i.tablename = '%s'
                                   and not exists (select 1 from pg_constraint k where k.conname = i.indexname)"""
                                .formatted(table))) {
                            while (rs.next()) {
                                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                            }
                        }
                    }
                    for (String[] index : indexes) {
                        s.execute("drop index " + index[0]);
                    }
                }
                for (String table : tables) {
                    List<String> exprs = new ArrayList<>();
                    for (String column : columns.get(table)) {
                        exprs.add(expression(table, column));
                    }
                    long t = System.nanoTime();
                    // in the order of the seed row's id: the copies of one row are neighbours in every index keyed
                    // by a record's ids, so each index page is visited once per statement rather than at random
                    int inserted = s.executeUpdate("insert into %s (%s) select %s from bench_seed_%s s join bench_copy c on c.n = s.bench_n order by s.id_, c.g"
                            .formatted(table, String.join(", ", columns.get(table)), String.join(", ", exprs), table));
                    long expected = 0;
                    try (ResultSet rs = s.executeQuery("select count(*) from bench_seed_%s s join bench_copy c on c.n = s.bench_n"
                            .formatted(table))) {
                        rs.next();
                        expected = rs.getLong(1);
                    }
                    if (inserted != expected) {
                        throw new IllegalStateException(table + ": inserted " + inserted + " rows, expected " + expected);
                    }
                    log(String.format(Locale.ROOT, "copier: %s +%,d rows in %.1f s", table, inserted,
                            (System.nanoTime() - t) / 1e9));
                }
                s.execute("drop table bench_copy");
                long t = System.nanoTime();
                for (String[] index : indexes) {
                    s.execute(index[1]);
                }
                if (!indexes.isEmpty()) {
                    log(String.format(Locale.ROOT, "copier: %d secondary indexes built again in %.1f s", indexes.size(),
                            (System.nanoTime() - t) / 1e9));
                }
                s.execute("set local session_replication_role = origin");
                t = System.nanoTime();
                for (String check : foreignKeyChecks) {
                    try (ResultSet rs = s.executeQuery(check)) {
                        rs.next();
                        if (rs.getLong(1) != 0) {
                            c.rollback();
                            throw new IllegalStateException("copies break a foreign key: " + rs.getLong(1) + " rows of " + check);
                        }
                    }
                }
                log(String.format(Locale.ROOT, "copier: %d foreign keys checked in %.1f s", foreignKeyChecks.size(),
                        (System.nanoTime() - t) / 1e9));
                c.commit();
            }
            nextOrdinal += count;
        }

        private String expression(String table, String column) {
            if (idColumns.get(table).contains(column)) {
                return "s." + column + " || '-c' || c.g";
            }
            return switch (table + "." + column) {
                case "act_ru_task.due_date_" -> "c.due";
                case "act_ru_job.duedate_" -> "case when s.type_ = 'timer' then c.due else s.duedate_ end";
                case "act_ru_variable.long_" -> "case when s.name_ = 'due' then c.due_ms else s.long_ end";
                default -> seedUnit != null && textColumns.getOrDefault(table, List.of()).contains(column)
                        ? "replace(s." + column + ", '" + seedUnit + "', c.unit)" : "s." + column;
            };
        }

        /**
         * One copy through the engine: its task, timer job and variable read back with equal due dates; the
         * timer executed with ManagementService.executeJob (the escalation's async continuation too, the
         * delegate must run); then its task completed with TaskService, which ends the instance.
         */
        Map<String, Object> checkOneCopy(BareEngine bare) throws SQLException {
            TaskService tasks = bare.engine.getTaskService();
            ManagementService management = bare.engine.getManagementService();
            RuntimeService runtime = bare.engine.getRuntimeService();
            String taskId;
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id_ from act_ru_task where id_ like '%-c%' order by random() limit 1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("no copied task found");
                }
                taskId = rs.getString(1);
                c.rollback();
            }
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            String pi = task.getProcessInstanceId();
            Job timer = management.createJobQuery().processInstanceId(pi).timers().singleResult();
            Date variable = (Date) runtime.getVariable(pi, "due");
            if (timer == null || task.getDueDate() == null || !task.getDueDate().equals(timer.getDuedate())
                    || !task.getDueDate().equals(variable)) {
                throw new IllegalStateException("copy " + pi + ": task due " + task.getDueDate() + ", timer "
                        + (timer == null ? null : timer.getDuedate()) + ", variable due " + variable);
            }
            management.executeJob(timer.getId());
            Job escalation = management.createJobQuery().processInstanceId(pi).messages().singleResult();
            if (escalation == null) {
                throw new IllegalStateException("copy " + pi + ": the timer left no escalation job");
            }
            management.executeJob(escalation.getId());
            if (BareEngine.ESCALATED.remove(pi) == null || BareEngine.TIMER_FIRED.remove(pi) == null) {
                throw new IllegalStateException("copy " + pi + ": the escalation did not run");
            }
            if (tasks.createTaskQuery().processInstanceId(pi).count() != 1) {
                throw new IllegalStateException("copy " + pi + ": the non-interrupting timer removed the task");
            }
            tasks.complete(task.getId());
            if (runtime.createProcessInstanceQuery().processInstanceId(pi).count() != 0
                    || management.createJobQuery().processInstanceId(pi).count() != 0) {
                throw new IllegalStateException("copy " + pi + ": still running after its task was completed");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("task", taskId);
            r.put("result", "timer and escalation executed, task completed, instance ended");
            return r;
        }

        void dropScratch() throws SQLException {
            for (String table : tables) {
                sql(ds, "drop table if exists bench_seed_" + table);
            }
            sql(ds, "drop table if exists bench_ids");
        }
    }
}
