package vn.motcua.applicant;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code applicantSms}: {@code DEGRADED} when text messages wait longer than half an hour
 * (the gateway down, or no node relaying) or the gateway refused or the relay gave up one in the last day
 * (a number it does not serve, a wrong key): applicants are not being told. One indexed question each.
 */
@Component("applicantSms")
class ApplicantMessagesHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "applicants' text messages are not going out; see sms_outbox (docs/applicant-messages.md)");
    static final Duration STUCK_AFTER = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final ApplicantProperties properties;

    ApplicantMessagesHealth(JdbcClient jdbc, ApplicantProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled() || !properties.sms().enabled()) {
            return Health.up().withDetail("sms", false).build();
        }
        Instant now = Instant.now();
        int waiting = jdbc.sql("select count(*) from sms_outbox where sent_at is null and ended_at is null and created_at < ?")
                .param(Timestamp.from(now.minus(STUCK_AFTER))).query(Integer.class).single();
        int failed = jdbc.sql("select count(*) from sms_outbox where ended_at >= ? and outcome in ('refused', 'given-up')")
                .param(Timestamp.from(now.minus(Duration.ofDays(1)))).query(Integer.class).single();
        return (waiting > 0 || failed > 0 ? Health.status(DEGRADED) : Health.up())
                .withDetail("waitingOverHalfAnHour", waiting).withDetail("refusedOrGivenUpToday", failed).build();
    }
}
