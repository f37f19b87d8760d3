package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;

import vn.motcua.deadline.StatutoryClock;

/** Every state change is written to the history and announced once, with its actor. */
class RecordStatesTest {

    RecordRepository records = mock(RecordRepository.class);
    ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    StatutoryClock clock = mock(StatutoryClock.class);
    RecordStates states = new RecordStates(records, events, clock);

    static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");

    void inState(RecordState state) {
        inState(state, null, null);
    }

    void inState(RecordState state, Instant appointment, Instant pausedAt) {
        when(clock.now()).thenReturn(NOW);
        when(records.findForUpdate("r-1")).thenReturn(Optional.of(new RecordRow("r-1", "1.001193", "Đăng ký khai sinh",
                "birth-registration", "pi", "commune-a", Channel.ONLINE,
                new Applicant("001190012345", "Lan", null, null, null), state, "reception", "portal", NOW,
                null, appointment, null, null, null, null, pausedAt, 0)));
    }

    @Test
    void stoppingProcessingPausesTheClock() {
        inState(RecordState.IN_PROCESSING);
        states.change("r-1", RecordState.PROCESSING_STOPPED, "appraisal", "specialist-a", "chờ");
        verify(records).setPausedAt("r-1", NOW);
        verify(records).addStateChange(eq("r-1"), eq(RecordState.IN_PROCESSING), eq(RecordState.PROCESSING_STOPPED),
                eq("appraisal"), eq("specialist-a"), org.mockito.ArgumentMatchers.contains("clock paused"), eq(NOW));
    }

    @Test
    void resumingMovesTheAppointmentAndTheOpenDeadlinesByTheWorkingTimePaused() {
        Instant pausedAt = NOW.minus(java.time.Duration.ofHours(5));
        Instant appointment = Instant.parse("2026-11-27T03:00:00Z");
        inState(RecordState.PROCESSING_STOPPED, appointment, pausedAt);
        when(clock.resume("pi", pausedAt, appointment)).thenReturn(new StatutoryClock.Resumption(
                java.time.Duration.ofHours(3), Instant.parse("2026-11-27T06:00:00Z")));

        states.change("r-1", RecordState.IN_PROCESSING, "appraisal", "specialist-a", null);

        verify(records).resume("r-1", java.time.Duration.ofHours(3), Instant.parse("2026-11-27T06:00:00Z"));
        verify(clock).resume("pi", pausedAt, appointment);
        verify(records).addStateChange(eq("r-1"), eq(RecordState.PROCESSING_STOPPED), eq(RecordState.IN_PROCESSING),
                eq("appraisal"), eq("specialist-a"), org.mockito.ArgumentMatchers.contains("3.0 working hours"),
                eq(NOW));
    }

    @Test
    void aChangeIsRecordedAndPublished() {
        inState(RecordState.NEW);
        states.change("r-1", RecordState.ACCEPTED, "reception", "clerk-a", null);
        verify(records).setState("r-1", RecordState.ACCEPTED);
        verify(records).addStateChange(eq("r-1"), eq(RecordState.NEW), eq(RecordState.ACCEPTED), eq("reception"),
                eq("clerk-a"), eq(null), any());
        ArgumentCaptor<RecordStateChanged> event = ArgumentCaptor.forClass(RecordStateChanged.class);
        verify(events).publishEvent(event.capture());
        assertThat(event.getValue()).extracting(RecordStateChanged::recordCode, RecordStateChanged::unit,
                RecordStateChanged::from, RecordStateChanged::to, RecordStateChanged::actor)
                .containsExactly("r-1", "commune-a", RecordState.NEW, RecordState.ACCEPTED, "clerk-a");
        verify(records, never()).setClosed(any(), any());
    }

    @Test
    void aFinalStateClosesTheRecord() {
        inState(RecordState.IN_PROCESSING);
        states.change("r-1", RecordState.WITHDRAWN, "appraisal", "portal", "moved away");
        verify(records).setClosed(eq("r-1"), any());
        verify(records).setCurrentStep("r-1", null);
        verify(records).addStateChange(eq("r-1"), eq(RecordState.IN_PROCESSING), eq(RecordState.WITHDRAWN),
                eq("appraisal"), eq("portal"), any(), any());
    }

    @Test
    void aStateThatIsNotFinalKeepsTheCurrentStep() {
        inState(RecordState.NEW);
        states.change("r-1", RecordState.ACCEPTED, "reception", "clerk-a", null);
        verify(records, never()).setCurrentStep(any(), any());
    }

    @Test
    void theSameStateAgainIsNoChange() {
        inState(RecordState.IN_PROCESSING);
        states.change("r-1", RecordState.IN_PROCESSING, "approval", "leader-a", null);
        verify(records, never()).setState(any(), any());
        verify(events, never()).publishEvent(any());
    }
}
