package vn.motcua.record;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records for Prometheus: {@code motcua_records_entered_total} counts records entering a state
 * (new = submitted, accepted, completed = result issued, result-returned …) by procedure, unit and
 * channel — once committed, on the node that made the change (aggregate with {@code sum}).
 */
@Component
class RecordMeters {

    private final MeterRegistry meters;

    RecordMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void stateChanged(RecordStateChanged change) {
        meters.counter("motcua.records.entered",
                "state", name(change.to()),
                "procedure", change.procedureCode() == null ? "none" : change.procedureCode(),
                "unit", change.unit() == null ? "none" : change.unit(),
                "channel", change.channel() == null ? "unknown" : change.channel().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-')).increment();
    }

    /** {@code IN_PROCESSING} → {@code in-processing}. */
    static String name(RecordState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
