package vn.motcua.operations;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The engine's state for Prometheus, sampled from the shared database every
 * {@code motcua.operations.sample-interval} (30 s): open incidents by type, jobs that ran out of
 * retries, and jobs due now that no node has taken yet (a growing number means the job executors
 * cannot keep up). Every node reports the same database-wide figures: aggregate with {@code max},
 * not {@code sum}.
 */
@Component
class EngineMeters {

    /** The job executor's own counts (the engine's metrics), by this product's tag value. */
    static final Map<String, String> JOB_EXECUTOR = Map.of(
            "acquisition-attempt", org.camunda.bpm.engine.management.Metrics.JOB_ACQUISITION_ATTEMPT,
            "acquired", org.camunda.bpm.engine.management.Metrics.JOB_ACQUIRED_SUCCESS,
            "acquired-by-another-node", org.camunda.bpm.engine.management.Metrics.JOB_ACQUIRED_FAILURE,
            "executed", org.camunda.bpm.engine.management.Metrics.JOB_SUCCESSFUL,
            "failed", org.camunda.bpm.engine.management.Metrics.JOB_FAILED);

    private final JdbcClient jdbc;
    private final org.camunda.bpm.engine.ManagementService management;
    private final MultiGauge jobExecutor;
    private final MultiGauge incidents;
    private volatile double jobsFailed;
    private volatile double jobsWaiting;

    EngineMeters(JdbcClient jdbc, org.camunda.bpm.engine.ManagementService management, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.management = management;
        this.jobExecutor = MultiGauge.builder("motcua.job.executor")
                .description("The job executors' acquisitions and jobs run, as the engine's metrics count them "
                        + "(database-wide, cumulative; each node reports its counts every 15 minutes)")
                .register(registry);
        this.incidents = MultiGauge.builder("motcua.incidents.open")
                .description("Open engine incidents, by type (database-wide)").register(registry);
        Gauge.builder("motcua.jobs.failed", () -> jobsFailed)
                .description("Jobs with no retries left (database-wide)").register(registry);
        Gauge.builder("motcua.jobs.waiting", () -> jobsWaiting)
                .description("Jobs due now that no job executor has taken yet (database-wide)").register(registry);
        sample();
    }

    @Scheduled(fixedDelayString = "${motcua.operations.sample-interval:PT30S}",
            initialDelayString = "${motcua.operations.sample-interval:PT30S}")
    void sample() {
        Map<String, Long> byType = EngineHealth.incidentsByType(jdbc);
        // every known type is reported, 0 included, so an alert can compare with the previous value
        byType.putIfAbsent("failedJob", 0L);
        byType.putIfAbsent("failedExternalTask", 0L);
        incidents.register(byType.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("type", e.getKey()), e.getValue())).toList(), true);
        jobExecutor.register(JOB_EXECUTOR.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("event", e.getKey()),
                        management.createMetricsQuery().name(e.getValue()).sum()))
                .toList(), true);
        jobsFailed = count("select count(*) from act_ru_job where retries_ = 0");
        jobsWaiting = count("""
                select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1 and lock_owner_ is null
                and (duedate_ is null or duedate_ <= current_timestamp)""");
    }

    private double count(String sql) {
        List<Long> rows = jdbc.sql(sql).query(Long.class).list();
        return rows.isEmpty() ? 0 : rows.get(0);
    }
}
