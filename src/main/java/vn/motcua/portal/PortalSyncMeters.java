package vn.motcua.portal;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The portal sync for Prometheus, sampled from the shared database every {@code motcua.operations.sample-interval}
 * (30 s): updates waiting, parked (refused by the portal), and the age of the oldest waiting. Every node reports
 * the same database-wide figures: aggregate with {@code max}. Alert rule {@code MotcuaPortalSyncStuck}.
 */
@Component
class PortalSyncMeters {

    private final PortalUpdates updates;
    private volatile double waiting;
    private volatile double parked;
    private volatile double oldestSeconds;

    PortalSyncMeters(PortalUpdates updates, MeterRegistry registry) {
        this.updates = updates;
        Gauge.builder("motcua.portal.sync.waiting", () -> waiting)
                .description("Record state updates waiting for the national portal (database-wide)").register(registry);
        Gauge.builder("motcua.portal.sync.parked", () -> parked)
                .description("Updates the national portal refused, waiting for an administrator (database-wide)")
                .register(registry);
        Gauge.builder("motcua.portal.sync.oldest.age", () -> oldestSeconds).baseUnit("seconds")
                .description("Age of the oldest update waiting for the national portal (database-wide)")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${motcua.operations.sample-interval:PT30S}", initialDelayString = "PT1S")
    void sample() {
        PortalUpdates.Unsent unsent = updates.unsent();
        waiting = unsent.waiting();
        parked = unsent.parked();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        oldestSeconds = unsent.oldestWaiting() == null ? 0
                : Math.max(0, Duration.between(unsent.oldestWaiting(), now).toSeconds());
    }
}
