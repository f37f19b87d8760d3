package vn.motcua.deadline;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
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
 * deadline (the e-mail outbox is the notice feature's, {@code notice.OutboxMeters}). Every node
 * reports the same database-wide figures: aggregate with {@code max}. Escalations sent are a
 * counter per node ({@link EscalationService}): aggregate with {@code sum}.
 */
@Component
class DeadlineMeters {

    private final TaskService tasks;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final MultiGauge openByColour;
    private volatile double overdue;

    DeadlineMeters(TaskService tasks, SystemAuthority system, Deadlines deadlines,
            MeterRegistry registry) {
        this.tasks = tasks;
        this.system = system;
        this.deadlines = deadlines;
        this.openByColour = MultiGauge.builder("motcua.steps.open")
                .description("Open steps by colour: green, yellow, red (database-wide)").register(registry);
        Gauge.builder("motcua.steps.overdue", () -> overdue)
                .description("Open steps past their deadline (database-wide)").register(registry);
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
    }
}
