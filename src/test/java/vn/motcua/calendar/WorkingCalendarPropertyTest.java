package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Properties over a few thousand random cases (seeded, so a failure repeats): adding then measuring
 * gives back the amount, a due date is never on a day off and lies in office hours or at a closing
 * time, it is the earliest such instant, and working time adds up over consecutive intervals.
 */
class WorkingCalendarPropertyTest {

    private static final int CASES = 4000;
    private static final Instant START = OffsetDateTime.parse("2023-12-01T00:00+07:00").toInstant();
    private static final long SPAN_SECONDS = Duration.ofDays(5 * 366).toSeconds();
    private static final Set<LocalTime> CLOSING_TIMES = Set.of(LocalTime.of(11, 30), LocalTime.of(17, 0));

    /** The shipped calendar with a make-up Saturday, and a province with days off of its own. */
    private final WorkingCalendars calendars = new WorkingCalendars(Calendars.fromYaml("""
            motcua:
              calendar:
                years:
                  2026:
                    days-off: [{from: 2026-02-14, to: 2026-02-22, name: "Nghỉ Tết Nguyên đán Bính Ngọ"}]
                    working-days: [2026-01-10]
                  2027:
                    days-off: [{from: 2027-02-12, name: "Nghỉ thêm"}]
                    working-days: [2027-02-20]
                provinces:
                  some-province:
                    days-off: [{from: 2026-08-19, to: 2026-08-21}, {from: 2027-08-19}]
            """));

    private static Instant randomInstant(Random random) {
        long seconds = (long) (random.nextDouble() * SPAN_SECONDS);
        // a third of them exactly on an hour or half hour, where the edges are
        if (random.nextInt(3) == 0) {
            seconds -= seconds % 1800;
        }
        return START.plusSeconds(seconds).plusMillis(random.nextInt(2) == 0 ? 0 : random.nextInt(1000));
    }

    private static double randomWorkingDays(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(31);                                   // whole days
            case 1 -> random.nextInt(121) / 8.0;                            // whole hours
            case 2 -> random.nextDouble() * 40;                             // anything
            default -> random.nextDouble();                                 // under a day
        };
    }

    @Test
    void addThenMeasureGivesTheAmountBackAndTheDueDateIsAWorkingInstant() {
        for (WorkingCalendar calendar : List.of(calendars.standard(), calendars.forProvince("some-province"))) {
            Random random = new Random(20260213L);
            List<String> failures = new ArrayList<>();
            long daySeconds = calendar.workingDayLength().toSeconds();
            for (int i = 0; i < CASES && failures.size() < 10; i++) {
                Instant from = randomInstant(random);
                double n = randomWorkingDays(random);
                Instant due = calendar.addWorkingDays(from, n);
                String what = from + " + " + n + " = " + due + " (" + OffsetDateTime.ofInstant(due, calendar.zone()) + ")";

                double measured = calendar.workingDaysBetween(from, due);
                if (Math.abs(measured - n) * daySeconds > 1) {
                    failures.add(what + ": measured " + measured);
                }
                if (due.isBefore(from)) {
                    failures.add(what + ": before the start");
                }
                LocalDate day = LocalDate.ofInstant(due, calendar.zone());
                if (!calendar.isWorkingDay(day)) {
                    failures.add(what + ": not a working day");
                }
                boolean closing = CLOSING_TIMES.contains(due.atZone(calendar.zone()).toLocalTime());
                if (!calendar.isWorkingTime(due) && !closing) {
                    failures.add(what + ": outside office hours");
                }
                // the earliest such instant: a millisecond earlier the amount is not yet reached
                if (n > 0 && due.isAfter(from)
                        && !calendar.workingTimeBetween(from, due.minusMillis(1)).minus(OfficeCalendar.times(calendar.workingDayLength(), n)).isNegative()) {
                    failures.add(what + ": reached earlier");
                }
                // no working time is lost before the due date starts counting
                if (n == 0 && calendar.workingTimeBetween(from, due).compareTo(Duration.ZERO) != 0) {
                    failures.add(what + ": zero is not zero");
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void workingTimeAddsUpOverConsecutiveIntervals() {
        WorkingCalendar calendar = calendars.standard();
        Random random = new Random(42L);
        for (int i = 0; i < CASES; i++) {
            Instant a = randomInstant(random);
            Instant b = a.plusSeconds(random.nextInt(20 * 86400));
            Instant c = b.plusSeconds(random.nextInt(20 * 86400));
            Duration ab = calendar.workingTimeBetween(a, b);
            Duration bc = calendar.workingTimeBetween(b, c);
            assertThat(calendar.workingTimeBetween(a, c)).as("%s %s %s", a, b, c).isEqualTo(ab.plus(bc));
            assertThat(ab).isLessThanOrEqualTo(Duration.between(a, b));
            assertThat(calendar.workingTimeBetween(c, a)).isZero();
        }
    }

    @Test
    void addingInTwoStepsIsAddingOnce() {
        WorkingCalendar calendar = calendars.forProvince("some-province");
        Random random = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            Instant from = randomInstant(random);
            Duration x = Duration.ofMinutes(1 + random.nextInt(8 * 60 * 10));
            Duration y = Duration.ofMinutes(1 + random.nextInt(8 * 60 * 10));
            assertThat(calendar.addWorkingTime(calendar.addWorkingTime(from, x), y)).as("%s + %s + %s", from, x, y)
                    .isEqualTo(calendar.addWorkingTime(from, x.plus(y)));
        }
    }

    @Test
    void measuringThenAddingReachesTheEndOrTheLastWorkingInstantBeforeIt() {
        WorkingCalendar calendar = calendars.standard();
        Random random = new Random(99L);
        for (int i = 0; i < CASES; i++) {
            Instant from = randomInstant(random);
            Instant to = from.plusSeconds(random.nextInt(30 * 86400));
            Instant back = calendar.addWorkingTime(from, calendar.workingTimeBetween(from, to));
            // nothing is worked between them (back is `to` or the last closing before it, or the next
            // opening when there was no working time at all)
            assertThat(calendar.workingTimeBetween(back, to)).as("%s %s -> %s", from, to, back).isZero();
            if (calendar.isWorkingTime(to)) {
                assertThat(back).as("%s %s", from, to).isEqualTo(to);
            }
        }
    }
}
