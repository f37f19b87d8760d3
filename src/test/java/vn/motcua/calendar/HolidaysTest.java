package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The computed public holidays and compensation days (no official schedule), and the shipped 2026 schedule. */
class HolidaysTest {

    private final WorkingCalendar computed = Calendars.computed().standard();

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private List<LocalDate> dates(WorkingCalendar calendar, int year) {
        return calendar.daysOff(year).stream().map(DayOff::date).toList();
    }

    private List<LocalDate> dates(WorkingCalendar calendar, int year, String kind) {
        return calendar.daysOff(year).stream().filter(day -> day.kind().equals(kind)).map(DayOff::date).toList();
    }

    @Test
    void holidaysOf2024() {
        // Tết Giáp Thìn on Saturday 10 February: the 30th of tháng Chạp (Fri 9) to mùng 4 (Tue 13);
        // Saturday and Sunday give Wednesday 14 and Thursday 15 off. 1 September is a Sunday: Tuesday 3 off.
        assertThat(dates(computed, 2024, DayOff.HOLIDAY)).containsExactly(
                d("2024-01-01"),
                d("2024-02-09"), d("2024-02-10"), d("2024-02-11"), d("2024-02-12"), d("2024-02-13"),
                d("2024-04-18"), d("2024-04-30"), d("2024-05-01"),
                d("2024-09-01"), d("2024-09-02"));
        assertThat(dates(computed, 2024, DayOff.COMPENSATION)).containsExactly(
                d("2024-02-14"), d("2024-02-15"), d("2024-09-03"));
        assertThat(computed.daysOff(2024)).filteredOn(day -> day.date().equals(d("2024-09-03")))
                .extracting(DayOff::name, DayOff::nameEn)
                .containsExactly(tuple("Nghỉ bù Quốc khánh", "Day off in lieu of National Day"));
    }

    @Test
    void holidaysOf2025() {
        // Tết Ất Tỵ on Wednesday 29 January: Tue 28 January to Sat 1 February, Monday 3 off in lieu.
        assertThat(dates(computed, 2025, DayOff.HOLIDAY)).containsExactly(
                d("2025-01-01"),
                d("2025-01-28"), d("2025-01-29"), d("2025-01-30"), d("2025-01-31"), d("2025-02-01"),
                d("2025-04-07"), d("2025-04-30"), d("2025-05-01"),
                d("2025-09-01"), d("2025-09-02"));
        assertThat(dates(computed, 2025, DayOff.COMPENSATION)).containsExactly(d("2025-02-03"));
        assertThat(computed.daysOff(2025)).filteredOn(day -> day.date().equals(d("2025-02-03")))
                .extracting(DayOff::name).containsExactly("Nghỉ bù Tết Nguyên đán");
    }

    @Test
    void holidaysOf2026() {
        // Tết Bính Ngọ on Tuesday 17 February: Monday 16 (29 tháng Chạp) to Friday 20.
        // Hùng Kings' day is Sunday 26 April: Monday 27 off in lieu. 30 April Thursday, 1 May Friday.
        assertThat(dates(computed, 2026)).containsExactly(
                d("2026-01-01"),
                d("2026-02-16"), d("2026-02-17"), d("2026-02-18"), d("2026-02-19"), d("2026-02-20"),
                d("2026-04-26"), d("2026-04-27"), d("2026-04-30"), d("2026-05-01"),
                d("2026-09-01"), d("2026-09-02"));
        assertThat(computed.daysOff(2026)).first().isEqualTo(
                new DayOff(d("2026-01-01"), "Tết Dương lịch", "New Year's Day", "holiday"));
        assertThat(computed.daysOff(2026)).filteredOn(day -> day.date().equals(d("2026-02-16")))
                .extracting(DayOff::name).containsExactly("Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)");
        assertThat(computed.daysOff(2026)).filteredOn(day -> day.date().equals(d("2026-02-17")))
                .extracting(DayOff::name, DayOff::nameEn)
                .containsExactly(tuple("Tết Nguyên đán (mùng 1 Tết Bính Ngọ)", "Lunar New Year (Tết), day 1"));
        assertThat(computed.daysOff(2026)).filteredOn(day -> day.date().equals(d("2026-04-27")))
                .extracting(DayOff::name, DayOff::kind)
                .containsExactly(tuple("Nghỉ bù Giỗ Tổ Hùng Vương", "compensation"));
        assertThat(computed.daysOff(2026)).filteredOn(day -> day.date().equals(d("2026-09-01")))
                .extracting(DayOff::name).containsExactly("Quốc khánh (ngày liền kề)");
    }

    @Test
    void holidaysOf2027() {
        // Tết Đinh Mùi on Saturday 6 February: Fri 5 to Tue 9; Saturday and Sunday give Wed 10 and Thu 11.
        // 1 May is a Saturday: Monday 3 May off in lieu.
        assertThat(dates(computed, 2027, DayOff.HOLIDAY)).containsExactly(
                d("2027-01-01"),
                d("2027-02-05"), d("2027-02-06"), d("2027-02-07"), d("2027-02-08"), d("2027-02-09"),
                d("2027-04-16"), d("2027-04-30"), d("2027-05-01"),
                d("2027-09-01"), d("2027-09-02"));
        assertThat(dates(computed, 2027, DayOff.COMPENSATION)).containsExactly(
                d("2027-02-10"), d("2027-02-11"), d("2027-05-03"));
    }

    @Test
    void nationalDayOnASundayIn2029() {
        // 1 September 2029 is a Saturday, 2 September a Sunday: Monday 3 and Tuesday 4 off in lieu.
        assertThat(d("2029-09-02").getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(dates(computed, 2029)).contains(d("2029-09-01"), d("2029-09-02"), d("2029-09-03"), d("2029-09-04"));
        assertThat(dates(computed, 2029, DayOff.COMPENSATION)).contains(d("2029-09-03"), d("2029-09-04"));
        assertThat(computed.isWorkingDay(d("2029-09-04"))).isFalse();
        assertThat(computed.isWorkingDay(d("2029-09-05"))).isTrue();

        // the adjacent day after: 2 (Sunday) and 3 (Monday); 2 September's compensation is Tuesday 4
        WorkingCalendar after = new WorkingCalendars(Calendars.shippedWith(
                java.util.Map.of("motcua.calendar.national-day-adjacent", "after"))).standard();
        assertThat(after.daysOff(2029)).filteredOn(day -> day.date().getMonthValue() == 9)
                .extracting(DayOff::date, DayOff::kind)
                .containsExactly(tuple(d("2029-09-02"), "holiday"), tuple(d("2029-09-03"), "holiday"),
                        tuple(d("2029-09-04"), "compensation"));
        assertThat(after.isWorkingDay(d("2029-08-31"))).isTrue();
    }

    @Test
    void aHolidayOnAWeekendIsListedAndIsNoWorkingDay() {
        assertThat(computed.isWorkingDay(d("2026-04-26"))).isFalse();
        assertThat(computed.isWorkingDay(d("2026-04-27"))).isFalse();
        assertThat(computed.isWorkingDay(d("2026-04-28"))).isTrue();
        assertThat(computed.isWorkingDay(d("2026-01-02"))).isTrue();
    }

    @Test
    void theShipped2026TetScheduleAddsTheWeekendsAroundTet() {
        WorkingCalendar shipped = Calendars.shipped().standard();
        assertThat(shipped.daysOff(2026)).filteredOn(day -> day.date().getMonthValue() == 2)
                .extracting(DayOff::date, DayOff::kind)
                .containsExactly(
                        tuple(d("2026-02-14"), "official"), tuple(d("2026-02-15"), "official"),
                        tuple(d("2026-02-16"), "holiday"), tuple(d("2026-02-17"), "holiday"),
                        tuple(d("2026-02-18"), "holiday"), tuple(d("2026-02-19"), "holiday"),
                        tuple(d("2026-02-20"), "holiday"),
                        tuple(d("2026-02-21"), "official"), tuple(d("2026-02-22"), "official"));
        assertThat(shipped.daysOff(2026)).filteredOn(day -> day.date().equals(d("2026-02-14")))
                .extracting(DayOff::name, DayOff::nameEn)
                .containsExactly(tuple("Nghỉ Tết Nguyên đán Bính Ngọ", "Lunar New Year (Tết) break"));
        for (LocalDate day = d("2026-02-14"); !day.isAfter(d("2026-02-22")); day = day.plusDays(1)) {
            assertThat(shipped.isWorkingDay(day)).as("%s", day).isFalse();
        }
        assertThat(shipped.isWorkingDay(d("2026-02-13"))).isTrue();
        assertThat(shipped.isWorkingDay(d("2026-02-23"))).isTrue();
        // other years are the computed ones
        assertThat(shipped.daysOff(2027)).isEqualTo(computed.daysOff(2027));
    }

    @Test
    void daysOffAreSortedAndOnePerDate() {
        WorkingCalendar shipped = Calendars.shipped().standard();
        for (int y = 1990; y <= 2100; y++) {
            int year = y;
            List<LocalDate> dates = dates(shipped, year);
            assertThat(dates).as("%d", year).isSorted().doesNotHaveDuplicates();
            assertThat(dates).as("%d", year).allMatch(date -> date.getYear() == year);
            assertThat(dates(shipped, year, DayOff.HOLIDAY)).as("%d", year).hasSize(11);
        }
    }
}
