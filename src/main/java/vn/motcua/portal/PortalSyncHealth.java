package vn.motcua.portal;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code portalSync}: {@code DEGRADED} when the portal refused an update (parked: an
 * administrator must look, {@code GET /api/admin/portal-sync}) or the oldest waiting one has waited longer
 * than {@code motcua.portal-sync.stuck-after}: the portal and the citizens tracking there are not being told.
 */
@Component("portalSync")
class PortalSyncHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "record states are not reaching the national portal; see /api/admin/portal-sync");

    private final PortalUpdates sync;
    private final PortalProperties properties;

    PortalSyncHealth(PortalUpdates sync, PortalProperties properties) {
        this.sync = sync;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        PortalUpdates.Unsent unsent = sync.unsent();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        boolean stuck = unsent.oldestWaiting() != null
                && unsent.oldestWaiting().plus(properties.stuckAfter()).isBefore(now);
        return (unsent.parked() > 0 || stuck ? Health.status(DEGRADED) : Health.up())
                .withDetail("waiting", unsent.waiting()).withDetail("parked", unsent.parked())
                .withDetail("oldestWaiting", unsent.oldestWaiting() == null ? "none" : unsent.oldestWaiting().toString())
                .build();
    }
}
