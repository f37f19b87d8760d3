package vn.motcua.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The law's clock (lịch làm việc): working time is office hours on working days, skipping
 * weekends, public holidays, their compensation days and the configured days off. Get one from
 * {@link WorkingCalendars}. Implementations are immutable and thread-safe.
 *
 * <p>Adding working time starts at {@code from} if it is working time, else at the next opening,
 * and ends at the earliest instant by which that much working time has passed: a deadline that
 * uses up a working period exactly ends at its closing time (e.g. 17:00, "by the end of the
 * working day"), not at the next opening.
 */
public interface WorkingCalendar {

    /** The zone office hours and days are read in. */
    ZoneId zone();

    /** The instant by which {@code workingTime} (zero or more) of working time has passed since {@code from}. */
    Instant addWorkingTime(Instant from, Duration workingTime);

    /** {@link #addWorkingTime} of {@code workingDays} × {@link #workingDayLength()}, to the millisecond; decimals allowed. */
    Instant addWorkingDays(Instant from, double workingDays);

    /** The working time in [from, to); zero if {@code to} is not after {@code from}. */
    Duration workingTimeBetween(Instant from, Instant to);

    /** {@link #workingTimeBetween} in working days. */
    double workingDaysBetween(Instant from, Instant to);

    /** Whether the instant lies within office hours of a working day (closing times are not working time). */
    boolean isWorkingTime(Instant instant);

    /** Whether the day is a working day: a working day of the week or a make-up working day, and no day off. */
    boolean isWorkingDay(LocalDate day);

    /** The working time of one working day: the office hours of a day (8 h by default), 24 h in 24x7 mode. */
    Duration workingDayLength();

    /** The days off of a year, in date order, one per date (also those that fall on a weekend). Empty in 24x7 mode. */
    List<DayOff> daysOff(int year);
}
