package vn.motcua.notice;

import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code outbox}: the notices' and applicants' e-mails. {@code DEGRADED} when the
 * relay gave up on a mail (its {@code last_error} in {@code notice_outbox} says why) or the oldest
 * waiting mail is older than {@code motcua.operations.outbox-stuck-after} (15 minutes): leaders and
 * applicants are not being told.
 */
@Component("outbox")
class OutboxHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "e-mails are not going out; see notice_outbox.last_error");

    private final JdbcClient jdbc;
    private final Duration stuckAfter;

    OutboxHealth(JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${motcua.operations.outbox-stuck-after:PT15M}")
            Duration stuckAfter) {
        this.jdbc = jdbc;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Health health() {
        OutboxMeters.OutboxState outbox = OutboxMeters.outbox(jdbc);
        boolean stuck = outbox.oldestWaiting() != null
                && outbox.oldestWaiting().toInstant().plus(stuckAfter).isBefore(OutboxMeters.now());
        return (outbox.givenUp() > 0 || stuck ? Health.status(DEGRADED) : Health.up())
                .withDetail("waiting", outbox.waiting()).withDetail("givenUp", outbox.givenUp())
                .withDetail("oldestWaiting", outbox.oldestWaiting() == null ? "none"
                        : outbox.oldestWaiting().toInstant().toString())
                .build();
    }
}
