package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class DeadlinesTest {

    static Deadlines at(String localDateTime) {
        ZonedDateTime now = ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), Deadlines.VIETNAM);
        return new Deadlines(Clock.fixed(now.toInstant(), Deadlines.VIETNAM));
    }

    static ZonedDateTime due(Deadlines deadlines, double days) {
        return deadlines.afterWorkingDays(days).toInstant().atZone(Deadlines.VIETNAM);
    }

    @Test
    void countsWorkingDaysAndSkipsTheWeekend() {
        // 2026-11-26 is a Thursday
        Deadlines thursday = at("2026-11-26T09:00");
        assertThat(due(thursday, 1)).isEqualTo(ZonedDateTime.of(2026, 11, 27, 9, 0, 0, 0, Deadlines.VIETNAM));
        assertThat(due(thursday, 2)).isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, Deadlines.VIETNAM));
        assertThat(due(thursday, 0)).isEqualTo(ZonedDateTime.of(2026, 11, 26, 9, 0, 0, 0, Deadlines.VIETNAM));
    }

    @Test
    void aFractionAddsThatShareOfADayAndNeverEndsOnAWeekend() {
        Deadlines monday = at("2026-11-23T09:00");
        assertThat(due(monday, 0.5)).isEqualTo(ZonedDateTime.of(2026, 11, 23, 21, 0, 0, 0, Deadlines.VIETNAM));
        Deadlines friday = at("2026-11-27T16:00");
        assertThat(due(friday, 0.5)).isEqualTo(ZonedDateTime.of(2026, 11, 30, 4, 0, 0, 0, Deadlines.VIETNAM));
    }

    @Test
    void refusesANegativeBudget() {
        assertThatThrownBy(() -> at("2026-11-23T09:00").afterWorkingDays(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
