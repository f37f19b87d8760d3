package vn.motcua.record;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
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
    private final Deadlines deadlines;
    private final TaskService tasks;
    private final ManagementService jobs;

    RecordStates(RecordRepository records, ApplicationEventPublisher events, Deadlines deadlines, TaskService tasks,
            ManagementService jobs) {
        this.records = records;
        this.events = events;
        this.deadlines = deadlines;
        this.tasks = tasks;
        this.jobs = jobs;
    }

    /** Records the first state of a new record. */
    void started(RecordRow record, String actor, String note) {
        records.addStateChange(record.code(), null, record.state(), record.currentStep(), actor, note,
                record.submittedAt());
        events.publishEvent(new RecordStateChanged(record.code(), record.procedureCode(), record.unit(), null,
                record.state(), record.currentStep(), actor, record.submittedAt(), record.channel()));
    }

    /** Moves the record to {@code to}; no-op when it is there already. Returns the state it was in. */
    RecordState change(String code, RecordState to, String step, String actor, String note) {
        RecordRow record = records.findForUpdate(code)
                .orElseThrow(() -> Problem.notFound("no record " + code));
        RecordState from = record.state();
        if (from == to) {
            return from;
        }
        Instant now = deadlines.now();
        records.setState(code, to);
        String clock = clock(record, from, to, now);
        records.addStateChange(code, from, to, step, actor, join(note, clock), now);
        if (to.isFinal()) {
            records.setClosed(code, now);
            records.setCurrentStep(code, null); // closed: no step is being worked any more
        }
        events.publishEvent(new RecordStateChanged(code, record.procedureCode(), record.unit(), from, to, step,
                actor, now, record.channel()));
        return from;
    }

    /** Pauses or resumes the clock; answers what the history should say about it. */
    private String clock(RecordRow record, RecordState from, RecordState to, Instant now) {
        if (PAUSING.contains(to) && !PAUSING.contains(from)) {
            records.setPausedAt(record.code(), now);
            return "clock paused / tạm dừng tính thời hạn";
        }
        if (!PAUSING.contains(from) || PAUSING.contains(to) || record.pausedAt() == null) {
            return null;
        }
        Duration paused = deadlines.calendar().workingTimeBetween(record.pausedAt(), now);
        java.time.Instant appointment = record.appointmentAt() == null ? null
                : deadlines.calendar().addWorkingTime(record.appointmentAt(), paused);
        records.resume(record.code(), paused, appointment);
        if (record.processInstanceId() != null && !to.isFinal()) {
            deadlines.shift(tasks, jobs, record.processInstanceId(), paused);
        }
        return "clock resumed after %s working hours paused%s".formatted(
                Math.round(paused.toMinutes() / 6.0) / 10.0,
                appointment == null ? "" : "; appointment moved to " + appointment);
    }

    private static String join(String note, String clock) {
        if (clock == null) {
            return note;
        }
        return note == null || note.isBlank() ? clock : note + " — " + clock;
    }
}
