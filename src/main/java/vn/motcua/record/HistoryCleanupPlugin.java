package vn.motcua.record;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's history cleanup (docs/retention.md): an ended process instance's history is removed
 * once its definition's {@code camunda:historyTimeToLive} has passed since it ended (removal-time
 * based, removal time = end time + time to live; a running instance has none, so it is never
 * touched). The engine runs the cleanup as one job in the night-time window of
 * {@code motcua.retention.window-start/-end} — the same as our own tables' purge —, acquired by one
 * node's job executor at a time.
 */
@Component
class HistoryCleanupPlugin extends AbstractProcessEnginePlugin {

    private static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("HH:mmZ");

    private final RetentionProperties retention;

    HistoryCleanupPlugin(RetentionProperties retention) {
        this.retention = retention;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryCleanupEnabled(retention.enabled());
        configuration.setHistoryCleanupStrategy(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
        configuration.setHistoryCleanupBatchWindowStartTime(camundaTime(retention.windowStart()));
        configuration.setHistoryCleanupBatchWindowEndTime(camundaTime(retention.windowEnd()));
    }

    /** Camunda's window format, e.g. {@code 22:00+0700}: the zone's offset now (Vietnam has no summer time). */
    String camundaTime(LocalTime time) {
        ZoneOffset offset = retention.zone().getRules().getOffset(java.time.Instant.now());
        return time.atOffset(offset).format(CAMUNDA_TIME);
    }
}
