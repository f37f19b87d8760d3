package vn.motcua.calendar;

import java.time.LocalDate;

/**
 * A day off (ngày nghỉ) of a working calendar.
 *
 * @param date   the day
 * @param name   its Vietnamese name, e.g. "Tết Dương lịch", "Nghỉ bù Quốc khánh"
 * @param nameEn its English name, e.g. "New Year's Day"
 * @param kind   where it comes from: {@code holiday} (a statutory public holiday, computed),
 *               {@code compensation} (the working day off for a holiday on a weekend),
 *               {@code official} (the year's official schedule, configured) or
 *               {@code province} (a province's own day off, configured)
 */
public record DayOff(LocalDate date, String name, String nameEn, String kind) {

    public static final String HOLIDAY = "holiday";
    public static final String COMPENSATION = "compensation";
    public static final String OFFICIAL = "official";
    public static final String PROVINCE = "province";
}
