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

/** Every state change is written to the history and announced once, with its actor. */
class RecordStatesTest {

    RecordRepository records = mock(RecordRepository.class);
    ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    RecordStates states = new RecordStates(records, events);

    void inState(RecordState state) {
        when(records.findForUpdate("r-1")).thenReturn(Optional.of(new RecordRow("r-1", "1.001193", "Đăng ký khai sinh",
                "birth-registration", "pi", "commune-a", Channel.ONLINE,
                new Applicant("001190012345", "Lan", null, null, null), state, "reception", "portal", Instant.now(),
                null, null, null, null, null, null)));
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
    }

    @Test
    void theSameStateAgainIsNoChange() {
        inState(RecordState.IN_PROCESSING);
        states.change("r-1", RecordState.IN_PROCESSING, "approval", "leader-a", null);
        verify(records, never()).setState(any(), any());
        verify(events, never()).publishEvent(any());
    }
}
