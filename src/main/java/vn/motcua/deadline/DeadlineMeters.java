package vn.motcua.deadline;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import vn.motcua.security.SystemAuthority;

/**
 * Deadlines and notices for Prometheus, sampled from the shared database every
 * {@code motcua.operations.sample-interval} (30 s): open steps by colour, steps past their
 * deadline, and the e-mail outbox (waiting, given up, age of the oldest waiting). Every node
 * reports the same database-wide figures: aggregate with {@code max}. Escalations sent are a
 * counter per node ({@link EscalationService}): aggregate with {@code sum}.
 */
@Component
class DeadlineMeters {

    private final TaskService tasks;
    private final SystemAuthority system;
    private final JdbcClient jdbc;
    private final Deadlines deadlines;
    private final MultiGauge openByColour;
    private volatile double overdue;
    private volatile double outboxWaiting;
    private volatile double outboxGivenUp;
    private volatile double outboxOldestSeconds;

    DeadlineMeters(TaskService tasks, SystemAuthority system, JdbcClient jdbc, Deadlines deadlines,
            MeterRegistry registry) {
        this.tasks = tasks;
        this.system = system;
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.openByColour = MultiGauge.builder("motcua.steps.open")
                .description("Open steps by colour: green, yellow, red (database-wide)").register(registry);
        Gauge.builder("motcua.steps.overdue", () -> overdue)
                .description("Open steps past their deadline (database-wide)").register(registry);
        Gauge.builder("motcua.outbox.waiting", () -> outboxWaiting)
                .description("E-mails waiting to be sent (database-wide)").register(registry);
        Gauge.builder("motcua.outbox.given.up", () -> outboxGivenUp)
                .description("E-mails the relay gave up on after its last attempt (database-wide)").register(registry);
        Gauge.builder("motcua.outbox.oldest.age", () -> outboxOldestSeconds).baseUnit("seconds")
                .description("Age of the oldest e-mail waiting (database-wide)").register(registry);
        sample();
    }

    @Scheduled(fixedDelayString = "${motcua.operations.sample-interval:PT30S}",
            initialDelayString = "${motcua.operations.sample-interval:PT30S}")
    void sample() {
        system.run(() -> {
            openByColour.register(List.of(Colour.values()).stream()
                    .map(colour -> MultiGauge.Row.of(Tags.of("colour", colour.id()),
                            tasks.createTaskQuery().taskVariableValueEquals(TaskColours.VARIABLE, colour.id()).count()))
                    .toList(), true);
            overdue = tasks.createTaskQuery().dueBefore(Date.from(deadlines.now())).count();
        });
        OutboxState outbox = outbox(jdbc);
        outboxWaiting = outbox.waiting();
        outboxGivenUp = outbox.givenUp();
        outboxOldestSeconds = outbox.oldestWaiting() == null ? 0
                : Math.max(0, Duration.between(outbox.oldestWaiting().toInstant(), deadlines.now()).toSeconds());
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
