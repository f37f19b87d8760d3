package vn.motcua.notice;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The e-mail outbox for Prometheus, sampled from the shared database every
 * {@code motcua.operations.sample-interval} (30 s): mails waiting, given up after the last attempt,
 * and the age of the oldest waiting. Every node reports the same database-wide figures: aggregate
 * with {@code max}.
 */
@Component
class OutboxMeters {

    private final JdbcClient jdbc;
    private volatile double waiting;
    private volatile double givenUp;
    private volatile double oldestSeconds;

    OutboxMeters(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("motcua.outbox.waiting", () -> waiting)
                .description("E-mails waiting to be sent (database-wide)").register(registry);
        Gauge.builder("motcua.outbox.given.up", () -> givenUp)
                .description("E-mails the relay gave up on after its last attempt (database-wide)").register(registry);
        Gauge.builder("motcua.outbox.oldest.age", () -> oldestSeconds).baseUnit("seconds")
                .description("Age of the oldest e-mail waiting (database-wide)").register(registry);
        sample();
    }

    @Scheduled(fixedDelayString = "${motcua.operations.sample-interval:PT30S}",
            initialDelayString = "${motcua.operations.sample-interval:PT30S}")
    void sample() {
        OutboxState outbox = outbox(jdbc);
        waiting = outbox.waiting();
        givenUp = outbox.givenUp();
        oldestSeconds = outbox.oldestWaiting() == null ? 0
                : Math.max(0, Duration.between(outbox.oldestWaiting().toInstant(), now()).toSeconds());
    }

    /** The engine's clock, which the fast-clock profile moves like every deadline. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** The outbox at a glance: waiting rows, rows given up, and when the oldest waiting one was written. */
    record OutboxState(long waiting, long givenUp, Timestamp oldestWaiting) {
    }

    static OutboxState outbox(JdbcClient jdbc) {
        return jdbc.sql("""
                select sum(case when attempts < ? then 1 else 0 end) as waiting,
                       sum(case when attempts >= ? then 1 else 0 end) as given_up,
                       min(case when attempts < ? then created_at end) as oldest
                from notice_outbox where sent_at is null""")
                .params(NoticeMailer.MAX_ATTEMPTS, NoticeMailer.MAX_ATTEMPTS, NoticeMailer.MAX_ATTEMPTS)
                .query((rs, n) -> new OutboxState(rs.getLong("waiting"), rs.getLong("given_up"),
                        rs.getTimestamp("oldest")))
                .single();
    }
}
