package vn.motcua.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vietnam's public holidays (Labour Code 2019, art. 112) as computed rules, with their
 * compensation days (nghỉ bù) when one falls on a non-working day of the week. Cached per year;
 * thread-safe.
 */
final class StatutoryHolidays {

    /** A holiday with the name its compensation day takes ("Nghỉ bù " + base name). */
    private record Holiday(LocalDate date, String name, String nameEn, String baseName, String baseNameEn) {
    }

    private static final String[] LUNAR_YEAR_STEMS = {"Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"};
    private static final String[] LUNAR_YEAR_BRANCHES = {"Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"};

    private final Set<DayOfWeek> workingWeekdays;
    private final boolean nationalDayAfter;
    private final int tetDaysBefore;
    private final int tetDaysFrom;
    private final boolean compensate;
    private final Map<Integer, List<DayOff>> cache = new ConcurrentHashMap<>();

    StatutoryHolidays(CalendarProperties properties) {
        this.workingWeekdays = Set.copyOf(properties.workingDays());
        this.nationalDayAfter = "after".equals(properties.nationalDayAdjacent());
        this.tetDaysBefore = properties.tetDaysBeforeNewYear();
        this.tetDaysFrom = properties.tetDaysFromNewYear();
        this.compensate = properties.compensateWeekendHolidays();
    }

    /** The holidays and compensation days whose date is in the year, in date order, one per date. */
    List<DayOff> of(int year) {
        return cache.computeIfAbsent(year, this::compute);
    }

    private List<DayOff> compute(int year) {
        Map<LocalDate, Holiday> holidays = new LinkedHashMap<>();
        for (Holiday holiday : holidays(year)) {
            holidays.putIfAbsent(holiday.date(), holiday); // two holidays on one date count once
        }
        List<DayOff> days = new ArrayList<>();
        Set<LocalDate> taken = new HashSet<>(holidays.keySet());
        holidays.values().stream().sorted(Comparator.comparing(Holiday::date)).forEach(holiday -> {
            days.add(new DayOff(holiday.date(), holiday.name(), holiday.nameEn(), DayOff.HOLIDAY));
            if (compensate && !workingWeekdays.contains(holiday.date().getDayOfWeek())) {
                LocalDate day = holiday.date().plusDays(1);
                while (!workingWeekdays.contains(day.getDayOfWeek()) || taken.contains(day)) {
                    day = day.plusDays(1);
                }
                taken.add(day);
                days.add(new DayOff(day, "Nghỉ bù " + holiday.baseName(), "Day off in lieu of " + holiday.baseNameEn(),
                        DayOff.COMPENSATION));
            }
        });
        days.sort(Comparator.comparing(DayOff::date));
        return List.copyOf(days);
    }

    private List<Holiday> holidays(int year) {
        List<Holiday> list = new ArrayList<>();
        list.add(new Holiday(LocalDate.of(year, Month.JANUARY, 1), "Tết Dương lịch", "New Year's Day",
                "Tết Dương lịch", "New Year's Day"));

        String tet = "Tết Nguyên đán";
        String tetEn = "Lunar New Year (Tết)";
        LocalDate newYear = LunarCalendar.newYear(year);
        for (int i = tetDaysBefore; i >= 1; i--) {
            LocalDate day = newYear.minusDays(i);
            LunarCalendar.LunarDate lunar = LunarCalendar.toLunar(day);
            String month = lunar.month() == 12 ? "tháng Chạp" : "tháng " + lunar.month();
            list.add(new Holiday(day, tet + " (" + lunar.day() + " " + month + " năm " + yearName(year - 1) + ")",
                    tetEn + ", " + (i == 1 ? "last day of the lunar year" : i + " days before the lunar new year"),
                    tet, tetEn));
        }
        for (int i = 1; i <= tetDaysFrom; i++) {
            list.add(new Holiday(newYear.plusDays(i - 1),
                    tet + " (" + (i <= 10 ? "mùng " : "ngày ") + i + " Tết " + yearName(year) + ")",
                    tetEn + ", day " + i, tet, tetEn));
        }

        String hung = "Giỗ Tổ Hùng Vương";
        String hungEn = "Hùng Kings' Commemoration Day";
        list.add(new Holiday(LunarCalendar.toSolar(10, 3, year, false), hung + " (10 tháng 3 âm lịch)",
                hungEn + " (10th day of the 3rd lunar month)", hung, hungEn));

        list.add(new Holiday(LocalDate.of(year, Month.APRIL, 30), "Ngày Chiến thắng", "Reunification Day",
                "Ngày Chiến thắng", "Reunification Day"));
        list.add(new Holiday(LocalDate.of(year, Month.MAY, 1), "Ngày Quốc tế Lao động", "International Labour Day",
                "Ngày Quốc tế Lao động", "International Labour Day"));

        String national = "Quốc khánh";
        String nationalEn = "National Day";
        Holiday nationalDay = new Holiday(LocalDate.of(year, Month.SEPTEMBER, 2), national, nationalEn, national, nationalEn);
        Holiday adjacent = new Holiday(LocalDate.of(year, Month.SEPTEMBER, nationalDayAfter ? 3 : 1),
                national + " (ngày liền kề)", nationalEn + " (adjacent day)", national, nationalEn);
        if (nationalDayAfter) {
            list.add(nationalDay);
            list.add(adjacent);
        } else {
            list.add(adjacent);
            list.add(nationalDay);
        }
        return list;
    }

    /** The traditional name of a lunar year, e.g. "Bính Ngọ" for 2026. */
    static String yearName(int lunarYear) {
        return LUNAR_YEAR_STEMS[Math.floorMod(lunarYear, 10)] + " " + LUNAR_YEAR_BRANCHES[Math.floorMod(lunarYear, 12)];
    }
}
