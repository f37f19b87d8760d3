package vn.motcua.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** {@code mode: 24x7}: every instant is working time, one working day is 24 hours, no day is off. */
record RoundTheClockCalendar(ZoneId zone) implements WorkingCalendar {

    private static final Duration DAY = Duration.ofHours(24);

    @Override
    public Instant addWorkingTime(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must be zero or positive, was " + workingTime);
        }
        return from.plus(workingTime);
    }

    @Override
    public Instant addWorkingDays(Instant from, double workingDays) {
        if (!(workingDays >= 0) || workingDays > OfficeCalendar.MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days must be 0 to " + OfficeCalendar.MAX_WORKING_DAYS + ", was " + workingDays);
        }
        return from.plus(OfficeCalendar.times(DAY, workingDays));
    }

    @Override
    public Duration workingTimeBetween(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    @Override
    public double workingDaysBetween(Instant from, Instant to) {
        return OfficeCalendar.days(workingTimeBetween(from, to), DAY);
    }

    @Override
    public boolean isWorkingTime(Instant instant) {
        return true;
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        return true;
    }

    @Override
    public Duration workingDayLength() {
        return DAY;
    }

    @Override
    public List<DayOff> daysOff(int year) {
        return List.of();
    }
}
