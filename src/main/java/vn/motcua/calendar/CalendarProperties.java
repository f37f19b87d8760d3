package vn.motcua.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working calendar's configuration ({@code motcua.calendar.*}); see {@code docs/calendar.md}.
 * Every setting has a default, so an empty block gives the national office calendar.
 *
 * @param zone                    the zone office hours are read in (Asia/Ho_Chi_Minh)
 * @param mode                    {@code office} (office hours, working days, holidays) or {@code 24x7}
 *                                (every instant is working time; one working day = 24 hours)
 * @param officeHours             the working periods of a working day, e.g. {@code 07:30-11:30,13:00-17:00}
 * @param workingDays             the days of the week that are working days (Monday–Friday)
 * @param nationalDayAdjacent     the day off next to 2 September: {@code before} (1 September) or
 *                                {@code after} (3 September)
 * @param tetDaysBeforeNewYear    Tết days off at the end of the old lunar year (1: its last day)
 * @param tetDaysFromNewYear      Tết days off from lunar New Year's day on (4: mùng 1 to mùng 4)
 * @param compensateWeekendHolidays whether a statutory holiday on a non-working day gives the next
 *                                working day off (nghỉ bù); true
 * @param years                   each year's official schedule (extra days off, make-up working days)
 * @param provinces               per province (by id), its own days off and make-up working days
 */
@ConfigurationProperties(prefix = "motcua.calendar")
public record CalendarProperties(ZoneId zone, String mode, String officeHours, List<DayOfWeek> workingDays,
        String nationalDayAdjacent, Integer tetDaysBeforeNewYear, Integer tetDaysFromNewYear,
        Boolean compensateWeekendHolidays, Map<Integer, Schedule> years, Map<String, Schedule> provinces) {

    public static final String OFFICE = "office";
    public static final String ROUND_THE_CLOCK = "24x7";

    /**
     * Days off added to, and working days taken from, the computed calendar.
     *
     * @param daysOff     extra days off, as ranges of dates
     * @param workingDays make-up working days: a date listed here is worked, whatever the other rules say
     */
    public record Schedule(List<DaysOff> daysOff, List<LocalDate> workingDays) {

        public Schedule {
            daysOff = daysOff != null ? List.copyOf(daysOff) : List.of();
            workingDays = workingDays != null ? List.copyOf(workingDays) : List.of();
        }

        public static final Schedule EMPTY = new Schedule(null, null);
    }

    /**
     * A range of days off, {@code from} to {@code to} inclusive ({@code to} defaults to {@code from}).
     *
     * @param name   Vietnamese name
     * @param nameEn English name (defaults to a generic one)
     */
    public record DaysOff(LocalDate from, LocalDate to, String name, String nameEn) {

        public DaysOff {
            if (from == null) {
                throw new IllegalArgumentException("a range of days off needs 'from'");
            }
            to = to != null ? to : from;
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("days off from " + from + " to " + to + ": 'to' is before 'from'");
            }
            if (to.toEpochDay() - from.toEpochDay() > 366) {
                throw new IllegalArgumentException("days off from " + from + " to " + to + ": more than a year");
            }
            name = name != null && !name.isBlank() ? name.strip() : null;
            nameEn = nameEn != null && !nameEn.isBlank() ? nameEn.strip() : null;
        }

        public List<LocalDate> dates() {
            return from.datesUntil(to.plusDays(1)).toList();
        }
    }

    public CalendarProperties {
        zone = zone != null ? zone : ZoneId.of("Asia/Ho_Chi_Minh");
        mode = mode != null && !mode.isBlank() ? mode.strip().toLowerCase(Locale.ROOT) : OFFICE;
        if (!mode.equals(OFFICE) && !mode.equals(ROUND_THE_CLOCK)) {
            throw new IllegalArgumentException("motcua.calendar.mode must be 'office' or '24x7', was '" + mode + "'");
        }
        officeHours = officeHours != null && !officeHours.isBlank() ? officeHours.strip() : "07:30-11:30,13:00-17:00";
        OfficeHours.parse(officeHours); // fails early with a message naming the setting
        workingDays = workingDays != null && !workingDays.isEmpty() ? workingDays.stream().distinct().sorted().toList()
                : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        nationalDayAdjacent = nationalDayAdjacent != null && !nationalDayAdjacent.isBlank()
                ? nationalDayAdjacent.strip().toLowerCase(Locale.ROOT) : "before";
        if (!nationalDayAdjacent.equals("before") && !nationalDayAdjacent.equals("after")) {
            throw new IllegalArgumentException("motcua.calendar.national-day-adjacent must be 'before' (1 September) or 'after'"
                    + " (3 September), was '" + nationalDayAdjacent + "'");
        }
        tetDaysBeforeNewYear = tetDaysBeforeNewYear != null ? tetDaysBeforeNewYear : 1;
        tetDaysFromNewYear = tetDaysFromNewYear != null ? tetDaysFromNewYear : 4;
        if (tetDaysBeforeNewYear < 0 || tetDaysBeforeNewYear > 10 || tetDaysFromNewYear < 1 || tetDaysFromNewYear > 10) {
            throw new IllegalArgumentException("motcua.calendar.tet-days-before-new-year must be 0 to 10 and"
                    + " tet-days-from-new-year 1 to 10, were " + tetDaysBeforeNewYear + " and " + tetDaysFromNewYear);
        }
        compensateWeekendHolidays = compensateWeekendHolidays == null || compensateWeekendHolidays;
        years = years != null ? copy(years) : Map.of();
        years.forEach((year, schedule) -> check("motcua.calendar.years." + year, schedule, year));
        Map<String, Schedule> byId = new LinkedHashMap<>();
        if (provinces != null) {
            provinces.forEach((id, schedule) -> {
                String key = provinceKey(id);
                if (key == null) {
                    throw new IllegalArgumentException("motcua.calendar.provinces: a province needs an id");
                }
                Schedule value = schedule != null ? schedule : Schedule.EMPTY;
                check("motcua.calendar.provinces." + key, value, null);
                byId.put(key, value);
            });
        }
        provinces = Map.copyOf(byId);
    }

    /** The defaults: the national office calendar with nothing configured. */
    public static CalendarProperties defaults() {
        return new CalendarProperties(null, null, null, null, null, null, null, null, null, null);
    }

    /** True in {@code 24x7} mode. */
    public boolean roundTheClock() {
        return ROUND_THE_CLOCK.equals(mode);
    }

    /** A province id as the calendar compares them: trimmed, lower case; null for none. */
    static String provinceKey(String province) {
        return province == null || province.isBlank() ? null : province.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<Integer, Schedule> copy(Map<Integer, Schedule> years) {
        Map<Integer, Schedule> copy = new TreeMap<>();
        years.forEach((year, schedule) -> copy.put(year, schedule != null ? schedule : Schedule.EMPTY));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Dates of a yearly schedule lie in its year (a range may run on into the next); no date is both off and worked. */
    private static void check(String where, Schedule schedule, Integer year) {
        Set<LocalDate> off = new HashSet<>();
        for (DaysOff range : schedule.daysOff()) {
            if (year != null && range.from().getYear() != year) {
                throw new IllegalArgumentException(where + ".days-off: " + range.from() + " is not in " + year);
            }
            off.addAll(range.dates());
        }
        List<LocalDate> both = new ArrayList<>();
        for (LocalDate day : schedule.workingDays()) {
            if (year != null && day.getYear() != year) {
                throw new IllegalArgumentException(where + ".working-days: " + day + " is not in " + year);
            }
            if (off.contains(day)) {
                both.add(day);
            }
        }
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + both + " both a day off and a working day");
        }
    }
}
