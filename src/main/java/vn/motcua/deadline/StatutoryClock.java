package vn.motcua.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The statutory clock's pauses (tạm dừng tính thời hạn): while a record waits for the applicant (a
 * supplement, a fee) or its processing is stopped, its time does not run; when it runs again, its
 * appointment and every open deadline of its process — the open tasks' due and follow-up dates and the
 * timers that escalate them — move by the working time it stood still. The record feature says when
 * (which states pause) and keeps the record's own dates; this is the clock's arithmetic and its effect
 * on the engine.
 */
@Component
public class StatutoryClock {

    private final Deadlines deadlines;
    private final TaskService tasks;
    private final ManagementService jobs;

    public StatutoryClock(Deadlines deadlines, TaskService tasks, ManagementService jobs) {
        this.deadlines = deadlines;
        this.tasks = tasks;
        this.jobs = jobs;
    }

    /** The statutory clock's present (the engine's clock). */
    public Instant now() {
        return deadlines.now();
    }

    /** What running again changed: the working time paused and the appointment moved by it (null if none). */
    public record Resumption(Duration paused, Instant appointment) {

        /** For the record's history: "3.0 working hours". */
        public String pausedHours() {
            return Math.round(paused.toMinutes() / 6.0) / 10.0 + " working hours";
        }
    }

    /**
     * Runs the clock again for a record paused since {@code pausedAt}: the appointment moves by the working
     * time paused and, when its process goes on ({@code processInstanceId} not null), so do its open
     * deadlines.
     */
    public Resumption resume(String processInstanceId, Instant pausedAt, Instant appointment) {
        Duration paused = deadlines.calendar().workingTimeBetween(pausedAt, now());
        Instant moved = appointment == null ? null : deadlines.calendar().addWorkingTime(appointment, paused);
        if (processInstanceId != null) {
            shift(processInstanceId, paused);
        }
        return new Resumption(paused, moved);
    }

    private void shift(String processInstanceId, Duration paused) {
        if (paused.isZero() || paused.isNegative()) {
            return;
        }
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
            if (task.getDueDate() != null) {
                task.setDueDate(later(task.getDueDate(), paused));
            }
            if (task.getFollowUpDate() != null) {
                task.setFollowUpDate(later(task.getFollowUpDate(), paused));
            }
            tasks.saveTask(task);
        }
        for (Job timer : jobs.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            if (timer.getDuedate() != null) {
                jobs.setJobDuedate(timer.getId(), later(timer.getDuedate(), paused));
            }
        }
    }

    private Date later(Date date, Duration paused) {
        return Date.from(deadlines.calendar().addWorkingTime(date.toInstant(), paused));
    }
}
