package vn.motcua.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Office hours on working days. A day is a working day when nothing below says otherwise, in
 * this order: a province's make-up working day (worked), a province's day off (off), a make-up
 * working day of the year's official schedule (worked), a statutory holiday, compensation day or
 * official day off (off), the day of the week (worked Monday–Friday by default). Immutable;
 * each year's days off are computed once and cached.
 */
final class OfficeCalendar implements WorkingCalendar {

    /** A year's days off by date, the make-up working days, and the sorted list. */
    private record Year(Map<LocalDate, DayOff> off, Set<LocalDate> worked, List<DayOff> list) {
    }

    /** Far enough for any statutory time limit; beyond it the caller made a mistake. */
    static final long MAX_WORKING_DAYS = 100_000;

    private final ZoneId zone;
    private final OfficeHours hours;
    private final Duration dayLength;
    private final Set<DayOfWeek> weekdays;
    private final StatutoryHolidays statutory;
    private final Map<LocalDate, DayOff> officialOff;
    private final Set<LocalDate> officialWorked;
    private final Map<LocalDate, DayOff> provinceOff;
    private final Set<LocalDate> provinceWorked;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    OfficeCalendar(ZoneId zone, OfficeHours hours, Set<DayOfWeek> weekdays, StatutoryHolidays statutory,
            Map<LocalDate, DayOff> officialOff, Set<LocalDate> officialWorked,
            Map<LocalDate, DayOff> provinceOff, Set<LocalDate> provinceWorked) {
        this.zone = zone;
        this.hours = hours;
        this.dayLength = hours.dayLength();
        this.weekdays = Set.copyOf(weekdays);
        this.statutory = statutory;
        this.officialOff = Map.copyOf(officialOff);
        this.officialWorked = Set.copyOf(officialWorked);
        this.provinceOff = Map.copyOf(provinceOff);
        this.provinceWorked = Set.copyOf(provinceWorked);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Duration workingDayLength() {
        return dayLength;
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        Year year = year(day.getYear());
        if (year.off().containsKey(day)) {
            return false;
        }
        return year.worked().contains(day) || weekdays.contains(day.getDayOfWeek());
    }

    @Override
    public boolean isWorkingTime(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, zone);
        if (!isWorkingDay(day)) {
            return false;
        }
        for (OfficeHours.Period period : hours.periods()) {
            if (!instant.isBefore(at(day, period.start())) && instant.isBefore(at(day, period.end()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<DayOff> daysOff(int year) {
        return year(year).list();
    }

    @Override
    public Instant addWorkingDays(Instant from, double workingDays) {
        if (!(workingDays >= 0) || workingDays > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days must be 0 to " + MAX_WORKING_DAYS + ", was " + workingDays);
        }
        return addWorkingTime(from, times(dayLength, workingDays));
    }

    @Override
    public Instant addWorkingTime(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must be zero or positive, was " + workingTime);
        }
        if (workingTime.compareTo(dayLength.multipliedBy(MAX_WORKING_DAYS)) > 0) {
            throw new IllegalArgumentException("working time of more than " + MAX_WORKING_DAYS + " working days: " + workingTime);
        }
        Duration remaining = workingTime;
        LocalDate day = LocalDate.ofInstant(from, zone);
        // bounded: every year has working days, and the time is bounded above
        while (true) {
            if (isWorkingDay(day)) {
                Instant opening = at(day, hours.periods().get(0).start());
                if (remaining.compareTo(dayLength) > 0 && !from.isAfter(opening)) {
                    remaining = remaining.minus(dayLength);
                } else {
                    for (OfficeHours.Period period : hours.periods()) {
                        Instant start = max(at(day, period.start()), from);
                        Instant end = at(day, period.end());
                        if (!end.isAfter(start)) {
                            continue;
                        }
                        Duration available = Duration.between(start, end);
                        if (remaining.compareTo(available) <= 0) {
                            return start.plus(remaining);
                        }
                        remaining = remaining.minus(available);
                    }
                }
            }
            day = day.plusDays(1);
        }
    }

    @Override
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        Duration total = Duration.ZERO;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            if (day.isAfter(first) && day.isBefore(last)) {
                total = total.plus(dayLength);
                continue;
            }
            for (OfficeHours.Period period : hours.periods()) {
                Instant start = max(at(day, period.start()), from);
                Instant end = min(at(day, period.end()), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    @Override
    public double workingDaysBetween(Instant from, Instant to) {
        return days(workingTimeBetween(from, to), dayLength);
    }

    // ------------------------------------------------------------------ days off per year

    private Year year(int year) {
        return years.computeIfAbsent(year, this::computeYear);
    }

    private Year computeYear(int year) {
        Map<LocalDate, DayOff> off = new HashMap<>();
        List<DayOff> statutoryDays = statutory.of(year);
        // names: a holiday keeps its own, then the official schedule's, then a compensation day's
        statutoryDays.stream().filter(d -> d.kind().equals(DayOff.HOLIDAY)).forEach(d -> off.putIfAbsent(d.date(), d));
        officialOff.forEach((date, d) -> {
            if (date.getYear() == year) {
                off.putIfAbsent(date, d);
            }
        });
        statutoryDays.stream().filter(d -> d.kind().equals(DayOff.COMPENSATION)).forEach(d -> off.putIfAbsent(d.date(), d));
        off.keySet().removeAll(officialWorked);
        provinceOff.forEach((date, d) -> {
            if (date.getYear() == year) {
                off.putIfAbsent(date, d);
            }
        });
        off.keySet().removeAll(provinceWorked);

        Set<LocalDate> worked = new HashSet<>();
        officialWorked.stream().filter(d -> d.getYear() == year).forEach(worked::add);
        provinceWorked.stream().filter(d -> d.getYear() == year).forEach(worked::add);
        List<DayOff> list = new ArrayList<>(off.values());
        list.sort(Comparator.comparing(DayOff::date));
        return new Year(Map.copyOf(off), Set.copyOf(worked), List.copyOf(list));
    }

    // ------------------------------------------------------------------ helpers

    private Instant at(LocalDate day, int secondOfDay) {
        return day.atStartOfDay().plusSeconds(secondOfDay).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** {@code days} × {@code dayLength}, rounded to the millisecond. */
    static Duration times(Duration dayLength, double days) {
        BigDecimal millis = BigDecimal.valueOf(days).multiply(BigDecimal.valueOf(dayLength.toMillis()))
                .setScale(0, RoundingMode.HALF_UP);
        return Duration.ofMillis(millis.longValueExact());
    }

    static double days(Duration time, Duration dayLength) {
        return (time.getSeconds() + time.getNano() / 1e9) / (dayLength.getSeconds() + dayLength.getNano() / 1e9);
    }
}
