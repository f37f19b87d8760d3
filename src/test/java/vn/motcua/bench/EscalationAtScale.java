package vn.motcua.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Issue #20: the product's own escalation (the steps' timeout listeners {@code ${escalation.level(1)}}: the
 * notice, its task for the leaders, its e-mails in the outbox) firing for many overdue tasks at once, with two
 * nodes' job executors sharing one PostgreSQL that holds the Tasklist part's open records (two deadline timers
 * per open task: at 1 M records, 2 M open timers).
 *
 * <p>Before the nodes start, every timer of the dataset that would fall due during the run is moved a day or more
 * ahead (in a province that has run for a while, those timers would have fired long ago). The two nodes start
 * with the job executor as the product ships it (or as a named configuration says), stay idle for a while — so
 * their acquisition loops back off as they do at night — then {@code probes} open tasks of commune A fall due at
 * the same instant (their due date and their first-level timer, in one statement). Measured: lateness (the
 * notice's creation − the due instant) p50/p95/p99/max, how long until all were notified, which node ran how
 * many (the job executors' own counts: acquisitions, jobs run, taken by the other node first, rejected, failed), and
 * that nothing was done twice: one notice, one notice task and one e-mail per leader for each overdue task.
 */
final class EscalationAtScale {

    /**
     * @param probes         tasks falling due at once, per configuration
     * @param idleSeconds    the nodes' job executors run with nothing due this long before the probes fall due
     * @param configurations named job-executor settings to measure, each with its own probes (empty: as shipped)
     */
    record Settings(int probes, int idleSeconds, Map<String, List<String>> configurations) {
        static Settings quick() {
            return new Settings(100, 10, CONFIGURATIONS);
        }

        static Settings full() {
            return new Settings(1_000, 90, CONFIGURATIONS);
        }
    }

    /** Camunda's own job executor defaults (an idle executor's wait grows to 60 s), and the product as shipped (5 s). */
    static final Map<String, List<String>> CONFIGURATIONS = new LinkedHashMap<>();
    static {
        CONFIGURATIONS.put("Camunda's", List.of("--camunda.bpm.job-execution.max-wait=60000"));
        CONFIGURATIONS.put("as shipped", List.of());
    }

    /** A run fails when the probes are not all notified this long after they fell due. */
    static final long ALL_NOTIFIED_WITHIN_MS = 300_000;
    /** The probes fall due this long after they are chosen. */
    static final long LEAD_MS = 2_000;
    static final String LEVEL_ONE_LISTENER = "%\\_Leaders"; // Escalate_<Step>_Leaders: ${escalation.level(1)}

    static Map<String, Object> run(WorkflowBenchmark bench, EmbeddedPostgres postgres, String database, DataSource ds,
            List<String> nodeArgs, Settings settings) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        int moved = update(ds, """
                update act_ru_job set duedate_ = localtimestamp + interval '1 day' + random() * interval '29 days'
                 where type_ = 'timer' and handler_type_ = 'timer-task-listener'
                   and duedate_ < localtimestamp + interval '1 hour'""");
        long timers = OpenWorkAtScale.sqlLong(ds, "select count(*) from act_ru_job where type_ = 'timer'");
        long openTasks = OpenWorkAtScale.sqlLong(ds, "select count(*) from act_ru_task");
        result.put("openTasks", openTasks);
        result.put("openTimers", timers);
        result.put("timersMovedAhead", moved);
        log(String.format(Locale.ROOT, "escalation: %,d open timers (%,d moved a day or more ahead), %,d open tasks",
                timers, moved, openTasks));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> configuration : settings.configurations().entrySet()) {
            rows.add(measure(bench, postgres, database, ds, nodeArgs, settings, configuration.getKey(),
                    configuration.getValue(), timers));
            print(rows);
        }
        result.put("rows", rows);
        return result;
    }

    private static Map<String, Object> measure(WorkflowBenchmark bench, EmbeddedPostgres postgres, String database,
            DataSource ds, List<String> nodeArgs, Settings settings, String name, List<String> configuration, long timers)
            throws Exception {
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                List<String> args = new ArrayList<>(nodeArgs);
                args.add("--camunda.bpm.job-execution.enabled=true");
                args.add("--camunda.bpm.generic-properties.properties.hostname=bench-node-" + n);
                args.addAll(configuration);
                log("escalation (" + name + "): starting node " + n + " with its job executor");
                nodes.add(bench.startProduct(postgres, database, true, args));
            }
            log("escalation (" + name + "): both job executors idle for " + settings.idleSeconds() + " s");
            Thread.sleep(settings.idleSeconds() * 1000L);
            List<Map<String, Long>> before = nodes.stream().map(EscalationAtScale::jobExecutorCounts).toList();
            long due = chooseProbes(ds, settings.probes());
            log("escalation (" + name + "): " + settings.probes() + " tasks of commune A fall due at once");
            long notified;
            do {
                Thread.sleep(500);
                notified = OpenWorkAtScale.sqlLong(ds, """
                        select count(*) from escalation_notice n join bench_probe p on p.task_id = n.task_id
                         where n.notice_level = 1""");
            } while (notified < settings.probes() && System.currentTimeMillis() - due < ALL_NOTIFIED_WITHIN_MS);
            long allAfter = System.currentTimeMillis() - due;
            if (notified < settings.probes()) {
                throw new IllegalStateException(name + ": " + notified + " of " + settings.probes()
                        + " overdue tasks notified " + allAfter + " ms after they fell due");
            }
            Thread.sleep(1000); // the last jobs' job log and metrics
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("configuration", name);
            row.put("settings", String.join(" ", configuration));
            row.put("openTimers", timers);
            row.put("probes", settings.probes());
            row.put("idleSeconds", settings.idleSeconds());
            long[] lateness = lateness(ds, due);
            row.put("latenessMs", OpenWorkAtScale.percentiles(lateness));
            row.put("allNotifiedAfterMs", allAfter);
            Map<String, Object> counts = new LinkedHashMap<>();
            for (int n = 0; n < nodes.size(); n++) {
                Map<String, Long> after = jobExecutorCounts(nodes.get(n));
                Map<String, Long> delta = new LinkedHashMap<>();
                Map<String, Long> was = before.get(n);
                after.forEach((k, v) -> delta.put(k, v - was.get(k)));
                counts.put("bench-node-" + (n + 1), delta);
            }
            row.put("jobExecutors", counts);
            row.put("twice", twice(ds));
            row.put("failedAttempts", OpenWorkAtScale.sqlLong(ds, """
                    select count(*) from act_hi_job_log l join bench_probe p on p.job_id = l.job_id_
                     where l.job_state_ = 1"""));
            return row;
        } finally {
            for (ConfigurableApplicationContext node : nodes) {
                node.close();
            }
        }
    }

    /**
     * Picks {@code count} open tasks of commune A's clerks not yet notified, and makes each overdue in one
     * statement: its due date and its first-level timer at the same instant, a moment ahead. Returns that instant.
     */
    private static long chooseProbes(DataSource ds, int count) throws Exception {
        long due;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("drop table if exists bench_probe");
            s.execute("""
                    create table bench_probe as
                    select t.id_ as task_id, j.id_ as job_id from act_ru_task t
                      join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ = '%s'
                      join act_ru_job j on j.execution_id_ = t.execution_id_ and j.handler_type_ = 'timer-task-listener'
                                       and j.handler_cfg_ like '%s'
                     where not exists (select 1 from escalation_notice n where n.task_id = t.id_)
                     order by random() limit %d""".formatted(TasklistAtScale.ROLE, LEVEL_ONE_LISTENER, count));
            long chosen = OpenWorkAtScale.sqlStrings(c, "select task_id from bench_probe").size();
            if (chosen != count) {
                String sample = OpenWorkAtScale.sqlStrings(c,
                        "select distinct handler_cfg_ from act_ru_job where handler_type_ = 'timer-task-listener' limit 5")
                        .toString();
                throw new IllegalStateException("found " + chosen + " open tasks of " + TasklistAtScale.ROLE
                        + " with a first-level timer, not " + count + "; timers' configurations: " + sample);
            }
            due = System.currentTimeMillis() + LEAD_MS; // (choosing them at 1 M open records takes a moment)
            try (PreparedStatement job = c.prepareStatement(
                    "update act_ru_job j set duedate_ = ? from bench_probe p where j.id_ = p.job_id");
                    PreparedStatement task = c.prepareStatement(
                            "update act_ru_task t set due_date_ = ? from bench_probe p where t.id_ = p.task_id")) {
                job.setTimestamp(1, new Timestamp(due));
                task.setTimestamp(1, new Timestamp(due));
                job.executeUpdate();
                task.executeUpdate();
            }
            c.commit();
        }
        return due;
    }

    /** Each probe's notice: its creation − the instant it fell due, µs, ascending. */
    private static long[] lateness(DataSource ds, long due) throws Exception {
        List<Long> late = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select n.created_at from escalation_notice n join bench_probe p on p.task_id = n.task_id
                 where n.notice_level = 1""")) {
            while (rs.next()) {
                late.add((rs.getTimestamp(1).getTime() - due) * 1000); // (percentiles of microseconds)
            }
        }
        return late.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** What would have been done twice: notices, notice tasks, e-mails per leader (all must be 0). */
    private static Map<String, Object> twice(DataSource ds) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("notices", OpenWorkAtScale.sqlLong(ds, """
                select count(*) - count(distinct n.task_id) from escalation_notice n
                  join bench_probe p on p.task_id = n.task_id where n.notice_level = 1"""));
        r.put("noticeTasks", OpenWorkAtScale.sqlLong(ds, """
                select count(*) - count(distinct v.text_) from act_ru_variable v
                  join bench_probe p on p.task_id = v.text_ where v.name_ = 'overdueTaskId'"""));
        r.put("noticeTasksMade", OpenWorkAtScale.sqlLong(ds, """
                select count(*) from act_ru_variable v join bench_probe p on p.task_id = v.text_
                 where v.name_ = 'overdueTaskId'"""));
        r.put("emails", OpenWorkAtScale.sqlLong(ds, """
                select count(*) - count(distinct (o.notice_id, o.recipient)) from notice_outbox o
                  join escalation_notice n on n.id = o.notice_id join bench_probe p on p.task_id = n.task_id"""));
        r.put("emailsQueued", OpenWorkAtScale.sqlLong(ds, """
                select count(*) from notice_outbox o join escalation_notice n on n.id = o.notice_id
                  join bench_probe p on p.task_id = n.task_id"""));
        return r;
    }

    /** This node's job executor counts so far (the engine's in-memory metrics, before they are reported). */
    private static Map<String, Long> jobExecutorCounts(ConfigurableApplicationContext node) {
        var metrics = ((ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class).getProcessEngineConfiguration())
                .getMetricsRegistry();
        Map<String, Long> r = new LinkedHashMap<>();
        r.put("acquisitions", metrics.getDbMeterByName(Metrics.JOB_ACQUISITION_ATTEMPT).get());
        r.put("acquired", metrics.getDbMeterByName(Metrics.JOB_ACQUIRED_SUCCESS).get());
        r.put("takenByTheOtherNode", metrics.getDbMeterByName(Metrics.JOB_ACQUIRED_FAILURE).get());
        r.put("rejected", metrics.getDbMeterByName(Metrics.JOB_EXECUTION_REJECTED).get());
        r.put("succeeded", metrics.getDbMeterByName(Metrics.JOB_SUCCESSFUL).get());
        r.put("failed", metrics.getDbMeterByName(Metrics.JOB_FAILED).get());
        return r;
    }

    @SuppressWarnings("unchecked")
    static void print(List<Map<String, Object>> rows) {
        System.out.println();
        System.out.println("### Escalation at scale: overdue tasks falling due at once, two nodes' job executors");
        System.out.println("lateness = the notice's creation − the instant the task and its timer fell due (ms)");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %11s %6s %26s %9s  %-14s %s%n", "settings", "open timers", "probes",
                "lateness p50/p95/p99/max", "all after", "jobs by node", "done twice (notices, tasks, e-mails)");
        for (Map<String, Object> row : rows) {
            Map<String, Object> p = (Map<String, Object>) row.get("latenessMs");
            Map<String, Object> twice = (Map<String, Object>) row.get("twice");
            Map<String, Map<String, Object>> executors = (Map<String, Map<String, Object>>) row.get("jobExecutors");
            String byNode = executors.values().stream().map(n -> String.valueOf(n.get("succeeded")))
                    .collect(java.util.stream.Collectors.joining(" + "));
            System.out.printf(Locale.ROOT, "%-12s %,11d %6d %26s %8.1fs  %-14s %s, %s, %s%n", row.get("configuration"),
                    row.get("openTimers"), row.get("probes"), p.get("p50ms") + "/" + p.get("p95ms") + "/" + p.get("p99ms")
                            + "/" + p.get("maxms"),
                    ((Number) row.get("allNotifiedAfterMs")).longValue() / 1000.0, byNode, twice.get("notices"),
                    twice.get("noticeTasks"), twice.get("emails"));
            System.out.println("    job executors during the burst: " + row.get("jobExecutors") + "; failed attempts "
                    + row.get("failedAttempts") + "; notice tasks " + twice.get("noticeTasksMade") + ", e-mails "
                    + twice.get("emailsQueued"));
        }
    }

    private static int update(DataSource ds, String statement) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            return s.executeUpdate(statement);
        }
    }

    static void log(String message) {
        WorkflowBenchmark.log(message);
    }
}
