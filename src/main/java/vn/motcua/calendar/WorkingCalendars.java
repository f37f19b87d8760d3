package vn.motcua.calendar;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The working calendars configured under {@code motcua.calendar}: the national one and one per
 * configured province. Built (and the configuration checked) once at start; thread-safe.
 */
@Component
public class WorkingCalendars {

    private final WorkingCalendar standard;
    private final Map<String, WorkingCalendar> provinces;

    public WorkingCalendars(CalendarProperties properties) {
        Map<String, WorkingCalendar> byProvince = new LinkedHashMap<>();
        if (properties.roundTheClock()) {
            standard = new RoundTheClockCalendar(properties.zone());
            properties.provinces().keySet().forEach(province -> byProvince.put(province, standard));
        } else {
            OfficeHours hours = OfficeHours.parse(properties.officeHours());
            StatutoryHolidays statutory = new StatutoryHolidays(properties);
            Map<LocalDate, DayOff> officialOff = new LinkedHashMap<>();
            Set<LocalDate> officialWorked = new HashSet<>();
            properties.years().values().forEach(schedule -> {
                collect(schedule, DayOff.OFFICIAL, "Ngày nghỉ theo lịch chính thức", "Official day off", officialOff);
                officialWorked.addAll(schedule.workingDays());
            });
            standard = new OfficeCalendar(properties.zone(), hours, Set.copyOf(properties.workingDays()), statutory,
                    officialOff, officialWorked, Map.of(), Set.of());
            properties.provinces().forEach((province, schedule) -> {
                Map<LocalDate, DayOff> off = new LinkedHashMap<>();
                collect(schedule, DayOff.PROVINCE, "Ngày nghỉ của tỉnh", "Provincial day off", off);
                byProvince.put(province, new OfficeCalendar(properties.zone(), hours, Set.copyOf(properties.workingDays()),
                        statutory, officialOff, officialWorked, off, Set.copyOf(schedule.workingDays())));
            });
        }
        provinces = Map.copyOf(byProvince);
    }

    /** The national calendar. */
    public WorkingCalendar standard() {
        return standard;
    }

    /** The calendar of a configured province (ids compare ignoring case); the national one for null or an unknown id. */
    public WorkingCalendar forProvince(String province) {
        String key = CalendarProperties.provinceKey(province);
        return key == null ? standard : provinces.getOrDefault(key, standard);
    }

    /** Whether a province has a calendar of its own in the configuration. */
    public boolean knowsProvince(String province) {
        String key = CalendarProperties.provinceKey(province);
        return key != null && provinces.containsKey(key);
    }

    private static void collect(CalendarProperties.Schedule schedule, String kind, String defaultName,
            String defaultNameEn, Map<LocalDate, DayOff> into) {
        for (CalendarProperties.DaysOff range : schedule.daysOff()) {
            String name = range.name() != null ? range.name() : defaultName;
            String nameEn = range.nameEn() != null ? range.nameEn() : defaultNameEn;
            for (LocalDate date : range.dates()) {
                into.putIfAbsent(date, new DayOff(date, name, nameEn, kind));
            }
        }
    }
}
