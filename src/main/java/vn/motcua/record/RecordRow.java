package vn.motcua.record;

import java.time.Instant;

/** One row of the {@code record} table (hồ sơ). */
public record RecordRow(String code, String procedureCode, String procedureName, String processKey,
        String processInstanceId, String unit, Channel channel, Applicant applicant, RecordState state,
        String currentStep, String submittedBy, Instant submittedAt, Instant acceptedAt, Instant appointmentAt,
        Instant closedAt, Integer rating, String ratingComment, Instant ratedAt, Instant pausedAt, long pausedSeconds) {

    RecordRow withState(RecordState newState) {
        return new RecordRow(code, procedureCode, procedureName, processKey, processInstanceId, unit, channel, applicant,
                newState, currentStep, submittedBy, submittedAt, acceptedAt, appointmentAt, closedAt, rating,
                ratingComment, ratedAt, pausedAt, pausedSeconds);
    }

    RecordRow withProcessInstance(String id) {
        return new RecordRow(code, procedureCode, procedureName, processKey, id, unit, channel, applicant,
                state, currentStep, submittedBy, submittedAt, acceptedAt, appointmentAt, closedAt, rating,
                ratingComment, ratedAt, pausedAt, pausedSeconds);
    }

    RecordRow withAccepted(Instant accepted, Instant appointment) {
        return new RecordRow(code, procedureCode, procedureName, processKey, processInstanceId, unit, channel, applicant,
                state, currentStep, submittedBy, submittedAt, accepted, appointment, closedAt, rating,
                ratingComment, ratedAt, pausedAt, pausedSeconds);
    }

    /** Paused since {@code paused} (null: running), with {@code seconds} paused in all and the appointment then. */
    RecordRow withPause(Instant paused, long seconds, Instant appointment) {
        return new RecordRow(code, procedureCode, procedureName, processKey, processInstanceId, unit, channel, applicant,
                state, currentStep, submittedBy, submittedAt, acceptedAt, appointment, closedAt, rating,
                ratingComment, ratedAt, paused, seconds);
    }

    RecordRow withClosed(Instant closed) {
        return new RecordRow(code, procedureCode, procedureName, processKey, processInstanceId, unit, channel, applicant,
                state, currentStep, submittedBy, submittedAt, acceptedAt, appointmentAt, closed, rating,
                ratingComment, ratedAt, pausedAt, pausedSeconds);
    }

    RecordRow withCurrentStep(String newStep) {
        return new RecordRow(code, procedureCode, procedureName, processKey, processInstanceId, unit, channel, applicant,
                state, newStep, submittedBy, submittedAt, acceptedAt, appointmentAt, closedAt, rating,
                ratingComment, ratedAt, pausedAt, pausedSeconds);
    }
}
