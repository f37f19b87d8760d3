package vn.motcua.record;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place a record changes state: the row is locked, the change is written to the record's
 * history with time and actor, and {@link RecordStateChanged} is published.
 */
@Component
class RecordStates {

    private final RecordRepository records;
    private final ApplicationEventPublisher events;

    RecordStates(RecordRepository records, ApplicationEventPublisher events) {
        this.records = records;
        this.events = events;
    }

    /** Records the first state of a new record. */
    void started(RecordRow record, String actor, String note) {
        records.addStateChange(record.code(), null, record.state(), record.currentStep(), actor, note,
                record.submittedAt());
        events.publishEvent(new RecordStateChanged(record.code(), record.procedureCode(), record.unit(), null,
                record.state(), record.currentStep(), actor, record.submittedAt()));
    }

    /** Moves the record to {@code to}; no-op when it is there already. Returns the state it was in. */
    RecordState change(String code, RecordState to, String step, String actor, String note) {
        RecordRow record = records.findForUpdate(code)
                .orElseThrow(() -> new RecordException.NotFound("no record " + code));
        RecordState from = record.state();
        if (from == to) {
            return from;
        }
        Instant now = Instant.now();
        records.setState(code, to);
        records.addStateChange(code, from, to, step, actor, note, now);
        if (to.isFinal()) {
            records.setClosed(code, now);
        }
        events.publishEvent(new RecordStateChanged(code, record.procedureCode(), record.unit(), from, to, step,
                actor, now));
        return from;
    }
}
