package vn.motcua.record;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.StatutoryClock;
import vn.motcua.web.Problem;

/**
 * The one place a record changes state: the row is locked, the change is written to the record's
 * history with time and actor, and {@link RecordStateChanged} is published. It also keeps the
 * statutory clock: states 5, 6 and 8 pause it, and leaving them moves the appointment date and
 * every open deadline by the working time paused.
 */
@Component
class RecordStates {

    /** The states in which the statutory clock stands still. */
    static final Set<RecordState> PAUSING = EnumSet.of(RecordState.SUPPLEMENT_REQUESTED,
            RecordState.FINANCIAL_OBLIGATION_REQUESTED, RecordState.PROCESSING_STOPPED);

    private final RecordRepository records;
    private final ApplicationEventPublisher events;
    private final StatutoryClock clock;

    RecordStates(RecordRepository records, ApplicationEventPublisher events, StatutoryClock clock) {
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    /** Records the first state of a new record. */
    void started(RecordRow record, String actor, String note) {
        records.addStateChange(record.code(), null, record.state(), record.currentStep(), actor, note,
                record.submittedAt());
        events.publishEvent(new RecordStateChanged(record.code(), record.procedureCode(), record.unit(), null,
                record.state(), record.currentStep(), actor, record.submittedAt(), record.channel(), record, note));
    }

    /** Moves the record to {@code to}; no-op when it is there already. Returns the state it was in. */
    RecordState change(String code, RecordState to, String step, String actor, String note) {
        RecordRow record = records.findForUpdate(code)
                .orElseThrow(() -> Problem.notFound("no record " + code));
        RecordState from = record.state();
        if (from == to) {
            return from;
        }
        Instant now = clock.now();
        records.setState(code, to);
        String clockNote = pauseOrResume(record, from, to, now);
        records.addStateChange(code, from, to, step, actor, join(note, clockNote), now);
        if (to.isFinal()) {
            records.setClosed(code, now);
            records.setCurrentStep(code, null); // closed: no step is being worked any more
        }
        // the row as this transaction now has it (the repository keeps it up to date): no read
        RecordRow after = records.findForUpdate(code).orElseThrow();
        events.publishEvent(new RecordStateChanged(code, record.procedureCode(), record.unit(), from, to, step,
                actor, now, record.channel(), after, note));
        return from;
    }

    /** Pauses or resumes the clock; answers what the history should say about it. */
    private String pauseOrResume(RecordRow record, RecordState from, RecordState to, Instant now) {
        if (PAUSING.contains(to) && !PAUSING.contains(from)) {
            records.setPausedAt(record.code(), now);
            return "clock paused / tạm dừng tính thời hạn";
        }
        if (!PAUSING.contains(from) || PAUSING.contains(to) || record.pausedAt() == null) {
            return null;
        }
        // a final state ends the process: nothing open is left to move
        StatutoryClock.Resumption resumed = clock.resume(to.isFinal() ? null : record.processInstanceId(),
                record.pausedAt(), record.appointmentAt());
        records.resume(record.code(), resumed.paused(), resumed.appointment());
        return "clock resumed after %s paused%s".formatted(resumed.pausedHours(),
                resumed.appointment() == null ? "" : "; appointment moved to " + resumed.appointment());
    }

    private static String join(String note, String clock) {
        if (clock == null) {
            return note;
        }
        return note == null || note.isBlank() ? clock : note + " — " + clock;
    }
}
