package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.motcua.calendar.LunarCalendar.LunarDate;

/** The computed Vietnamese lunar calendar against published dates. */
class LunarCalendarTest {

    @Test
    void lunarNewYearsDays() {
        assertThat(LunarCalendar.newYear(2023)).isEqualTo(LocalDate.of(2023, 1, 22));
        assertThat(LunarCalendar.newYear(2024)).isEqualTo(LocalDate.of(2024, 2, 10));
        assertThat(LunarCalendar.newYear(2025)).isEqualTo(LocalDate.of(2025, 1, 29));
        assertThat(LunarCalendar.newYear(2026)).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(LunarCalendar.newYear(2027)).isEqualTo(LocalDate.of(2027, 2, 6));
        assertThat(LunarCalendar.toSolar(1, 1, 2026, false)).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2026, 2, 17))).isEqualTo(new LunarDate(1, 1, 2026, false));
        // 1985: Vietnam's Tết a month before China's (UTC+7 versus UTC+8), the classic check of the time zone
        assertThat(LunarCalendar.newYear(1985)).isEqualTo(LocalDate.of(1985, 1, 21));
        // 2007: Vietnam's Tết on 17 February, China's on the 18th
        assertThat(LunarCalendar.newYear(2007)).isEqualTo(LocalDate.of(2007, 2, 17));
    }

    @Test
    void hungKingsDay() {
        assertThat(LunarCalendar.toSolar(10, 3, 2024, false)).isEqualTo(LocalDate.of(2024, 4, 18));
        assertThat(LunarCalendar.toSolar(10, 3, 2025, false)).isEqualTo(LocalDate.of(2025, 4, 7));
        assertThat(LunarCalendar.toSolar(10, 3, 2026, false)).isEqualTo(LocalDate.of(2026, 4, 26));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2025, 4, 7))).isEqualTo(new LunarDate(10, 3, 2025, false));
    }

    @Test
    void theLastDayOfTheLunarYearIsInTheSolarYearOfTheNextLunarYear() {
        // 16 February 2026 is the 29th of the 12th month (tháng Chạp) of Ất Tỵ (2025): no 30th that year
        assertThat(LunarCalendar.toLunar(LocalDate.of(2026, 2, 16))).isEqualTo(new LunarDate(29, 12, 2025, false));
        assertThat(LunarCalendar.monthLength(12, 2025, false)).isEqualTo(29);
        // 9 February 2024 is the 30th of tháng Chạp of Quý Mão (2023)
        assertThat(LunarCalendar.toLunar(LocalDate.of(2024, 2, 9))).isEqualTo(new LunarDate(30, 12, 2023, false));
        assertThatThrownBy(() -> LunarCalendar.toSolar(30, 12, 2025, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("29 days");
    }

    @Test
    void leapMonths() {
        // 2023 (Quý Mão): leap 2nd month, 22 March to 19 April 2023
        assertThat(LunarCalendar.leapMonth(2023)).isEqualTo(2);
        assertThat(LunarCalendar.toSolar(1, 2, 2023, true)).isEqualTo(LocalDate.of(2023, 3, 22));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2023, 3, 22))).isEqualTo(new LunarDate(1, 2, 2023, true));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2023, 3, 21))).isEqualTo(new LunarDate(30, 2, 2023, false));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2023, 4, 20))).isEqualTo(new LunarDate(1, 3, 2023, false));
        // 2025 (Ất Tỵ): leap 6th month, 25 July to 22 August 2025
        assertThat(LunarCalendar.leapMonth(2025)).isEqualTo(6);
        assertThat(LunarCalendar.toSolar(1, 6, 2025, true)).isEqualTo(LocalDate.of(2025, 7, 25));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2025, 8, 22))).isEqualTo(new LunarDate(29, 6, 2025, true));
        assertThat(LunarCalendar.toLunar(LocalDate.of(2025, 8, 23))).isEqualTo(new LunarDate(1, 7, 2025, false));
        // 2020 (Canh Tý): leap 4th month; 2028 (Mậu Thân): leap 5th month
        assertThat(LunarCalendar.leapMonth(2020)).isEqualTo(4);
        assertThat(LunarCalendar.leapMonth(2028)).isEqualTo(5);
        for (int year : new int[] {2021, 2022, 2024, 2026, 2027, 2029, 2030}) {
            assertThat(LunarCalendar.leapMonth(year)).as("leap month of %d", year).isZero();
        }
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 3, 2023, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no leap month 3");
        assertThatThrownBy(() -> LunarCalendar.toSolar(1, 1, 2026, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no leap month 1");
    }

    @Test
    void roundTripForEveryDayOf2020To2030() {
        List<String> wrong = new ArrayList<>();
        LunarDate previous = null;
        for (LocalDate day = LocalDate.of(2020, 1, 1); day.isBefore(LocalDate.of(2031, 1, 1)); day = day.plusDays(1)) {
            LunarDate lunar = LunarCalendar.toLunar(day);
            LocalDate back = LunarCalendar.toSolar(lunar.day(), lunar.month(), lunar.year(), lunar.leap());
            if (!back.equals(day)) {
                wrong.add(day + " -> " + lunar + " -> " + back);
            }
            // consecutive: the next day, or day 1 of the next month after day 29 or 30
            if (previous != null) {
                boolean nextDay = lunar.day() == previous.day() + 1 && lunar.month() == previous.month()
                        && lunar.year() == previous.year() && lunar.leap() == previous.leap();
                boolean nextMonth = lunar.day() == 1 && (previous.day() == 29 || previous.day() == 30);
                if (!nextDay && !nextMonth) {
                    wrong.add(day + ": " + previous + " then " + lunar);
                }
            }
            previous = lunar;
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void yearsHaveTwelveOrThirteenMonthsOf29Or30Days() {
        for (int year = 2000; year <= 2100; year++) {
            int leap = LunarCalendar.leapMonth(year);
            int days = 0;
            for (int month = 1; month <= 12; month++) {
                days += LunarCalendar.monthLength(month, year, false);
                if (month == leap) {
                    days += LunarCalendar.monthLength(month, year, true);
                }
            }
            long expected = LunarCalendar.newYear(year + 1).toEpochDay() - LunarCalendar.newYear(year).toEpochDay();
            assertThat((long) days).as("days of lunar year %d", year).isEqualTo(expected);
            assertThat(expected).as("length of lunar year %d", year).isBetween(leap == 0 ? 353L : 383L, leap == 0 ? 355L : 385L);
        }
    }

    @Test
    void yearNames() {
        assertThat(StatutoryHolidays.yearName(2026)).isEqualTo("Bính Ngọ");
        assertThat(StatutoryHolidays.yearName(2025)).isEqualTo("Ất Tỵ");
        assertThat(StatutoryHolidays.yearName(2024)).isEqualTo("Giáp Thìn");
    }
}
