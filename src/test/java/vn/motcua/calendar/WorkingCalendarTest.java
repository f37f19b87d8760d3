package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Office hours, the done-when case across the 2026 Tết break, make-up days, provinces, 24x7. */
class WorkingCalendarTest {

    private final WorkingCalendars calendars = Calendars.shipped();
    private final WorkingCalendar calendar = calendars.standard();

    /** An instant written in Vietnam's time, e.g. "2026-03-02T11:00". */
    private static Instant vn(String local) {
        return OffsetDateTime.parse(local + "+07:00").toInstant();
    }

    @Test
    void theShippedConfiguration() {
        CalendarProperties properties = Calendars.shippedProperties();
        assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(properties.mode()).isEqualTo("office");
        assertThat(properties.years()).containsOnlyKeys(2026);
        assertThat(properties.years().get(2026).workingDays()).isEmpty();
        assertThat(properties.provinces()).isEmpty();
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(calendar.workingDayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(Calendars.shippedProperties()).isEqualTo(properties);
    }

    @Test
    void doneWhen_threeWorkingDaysFromFriday13February2026CrossTheTetBreak() {
        // Friday 13 February 10:00: 1.5 h to 11:30 and 4 h in the afternoon (5.5 h); 16–22 February off;
        // Monday 23 (8 h, 13.5 h) and Tuesday 24 (8 h, 21.5 h); Wednesday 25 from 07:30, the last 2.5 h: 10:00.
        Instant accepted = vn("2026-02-13T10:00");
        Instant due = calendar.addWorkingDays(accepted, 3);

        assertThat(due).isEqualTo(vn("2026-02-25T10:00"));
        assertThat(calendar.workingDaysBetween(accepted, due)).isCloseTo(3.0, within(1e-9));
        assertThat(calendar.workingTimeBetween(accepted, vn("2026-02-23T07:30"))).isEqualTo(Duration.ofMinutes(330));
        assertThat(calendar.addWorkingTime(accepted, Duration.ofMinutes(330))).isEqualTo(vn("2026-02-13T17:00"));
        assertThat(calendar.addWorkingTime(accepted, Duration.ofMinutes(331))).isEqualTo(vn("2026-02-23T07:31"));
        // the computed Tết days alone (Monday 16 – Friday 20) give the same date
        assertThat(Calendars.computed().standard().addWorkingDays(accepted, 3)).isEqualTo(vn("2026-02-25T10:00"));
    }

    @Test
    void theLunchBreakIsSkipped() {
        // 11:00 + 1 h: half an hour before lunch, the rest after it
        assertThat(calendar.addWorkingTime(vn("2026-03-02T11:00"), Duration.ofHours(1))).isEqualTo(vn("2026-03-02T13:30"));
        assertThat(calendar.addWorkingTime(vn("2026-03-02T12:00"), Duration.ofHours(1))).isEqualTo(vn("2026-03-02T14:00"));
        assertThat(calendar.workingTimeBetween(vn("2026-03-02T11:00"), vn("2026-03-02T13:30"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void outsideOfficeHoursTheCountStartsAtTheNextOpening() {
        // Monday 18:00 → Tuesday 07:30
        assertThat(calendar.addWorkingTime(vn("2026-03-02T18:00"), Duration.ofHours(1))).isEqualTo(vn("2026-03-03T08:30"));
        assertThat(calendar.addWorkingTime(vn("2026-03-02T18:00"), Duration.ZERO)).isEqualTo(vn("2026-03-03T07:30"));
        assertThat(calendar.addWorkingTime(vn("2026-03-03T05:00"), Duration.ofHours(1))).isEqualTo(vn("2026-03-03T08:30"));
        // zero from within office hours is the instant itself
        assertThat(calendar.addWorkingTime(vn("2026-03-03T09:15"), Duration.ZERO)).isEqualTo(vn("2026-03-03T09:15"));
        // a closing time is not working time: zero from 17:00 is the next opening
        assertThat(calendar.addWorkingDays(vn("2026-03-03T17:00"), 0)).isEqualTo(vn("2026-03-04T07:30"));
        assertThat(calendar.workingTimeBetween(vn("2026-03-02T17:00"), vn("2026-03-03T07:30"))).isZero();
    }

    @Test
    void weekendsAreSkipped() {
        // Friday 16:00 + 2 h = Monday 08:30
        assertThat(calendar.addWorkingTime(vn("2026-03-06T16:00"), Duration.ofHours(2))).isEqualTo(vn("2026-03-09T08:30"));
        // from Saturday, Monday's opening
        assertThat(calendar.addWorkingDays(vn("2026-03-07T10:00"), 0.5)).isEqualTo(vn("2026-03-09T11:30"));
        assertThat(calendar.workingDaysBetween(vn("2026-03-06T07:30"), vn("2026-03-09T17:00"))).isCloseTo(2.0, within(1e-9));
        // five working days from a Monday morning: Friday's closing time
        assertThat(calendar.addWorkingDays(vn("2026-03-09T07:30"), 5)).isEqualTo(vn("2026-03-13T17:00"));
    }

    @Test
    void aDeadlineThatUsesUpTheDayEndsAtTheClosingTime() {
        assertThat(calendar.addWorkingDays(vn("2026-03-02T07:30"), 1)).isEqualTo(vn("2026-03-02T17:00"));
        assertThat(calendar.addWorkingDays(vn("2026-03-02T06:00"), 1)).isEqualTo(vn("2026-03-02T17:00"));
        assertThat(calendar.addWorkingTime(vn("2026-03-02T13:00"), Duration.ofHours(4))).isEqualTo(vn("2026-03-02T17:00"));
        assertThat(calendar.addWorkingTime(vn("2026-03-02T07:30"), Duration.ofMinutes(240))).isEqualTo(vn("2026-03-02T11:30"));
        // Friday 10:00 + 1 day = Monday 10:00
        assertThat(calendar.addWorkingDays(vn("2026-03-06T10:00"), 1)).isEqualTo(vn("2026-03-09T10:00"));
        assertThat(calendar.addWorkingDays(vn("2026-03-02T07:30"), 2)).isEqualTo(vn("2026-03-03T17:00"));
    }

    @Test
    void decimalsOfAWorkingDay() {
        assertThat(calendar.addWorkingDays(vn("2026-03-02T07:30"), 0.5)).isEqualTo(vn("2026-03-02T11:30"));
        assertThat(calendar.addWorkingDays(vn("2026-03-02T07:30"), 0.25)).isEqualTo(vn("2026-03-02T09:30"));
        assertThat(calendar.addWorkingDays(vn("2026-03-02T07:30"), 1.5)).isEqualTo(vn("2026-03-03T11:30"));
        assertThat(calendar.workingDaysBetween(vn("2026-03-02T07:30"), vn("2026-03-02T09:30"))).isEqualTo(0.25);
    }

    @Test
    void workingTimeAndDays() {
        assertThat(calendar.isWorkingTime(vn("2026-03-02T07:30"))).isTrue();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T07:29"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T11:29"))).isTrue();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T11:30"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T12:59"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T13:00"))).isTrue();
        assertThat(calendar.isWorkingTime(vn("2026-03-02T17:00"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2026-03-07T10:00"))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingTime(vn("2026-04-30T10:00"))).as("30 April").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 2))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 8))).isFalse();
        assertThat(calendar.workingTimeBetween(vn("2026-03-03T10:00"), vn("2026-03-02T10:00"))).isZero();
        assertThat(calendar.workingDaysBetween(vn("2026-03-03T10:00"), vn("2026-03-03T10:00"))).isZero();
        // a whole year 2026: 261 weekdays, 11 of them days off (1 Jan, Tết 16–20 Feb, 27 Apr, 30 Apr, 1 May, 1–2 Sep)
        assertThat(calendar.workingDaysBetween(vn("2026-01-01T00:00"), vn("2027-01-01T00:00"))).isEqualTo(261 - 11);
    }

    @Test
    void refusesNegativeAndAbsurdAmounts() {
        assertThatThrownBy(() -> calendar.addWorkingDays(Instant.now(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(Instant.now(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(Instant.now(), 1e9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingTime(Instant.now(), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMakeUpWorkingSaturdayCountsAndAnOfficialDayOffDoesNot() {
        WorkingCalendar withSchedule = new WorkingCalendars(Calendars.fromYaml("""
                motcua:
                  calendar:
                    years:
                      2026:
                        days-off: [{from: 2026-03-09, name: "Nghỉ thêm"}]
                        working-days: [2026-03-07, 2026-04-30]
                """)).standard();
        // Friday 6 March 16:00 + 2 h: Saturday 7 is worked
        assertThat(withSchedule.addWorkingTime(vn("2026-03-06T16:00"), Duration.ofHours(2))).isEqualTo(vn("2026-03-07T08:30"));
        assertThat(withSchedule.isWorkingDay(LocalDate.of(2026, 3, 7))).isTrue();
        assertThat(withSchedule.isWorkingTime(vn("2026-03-07T10:00"))).isTrue();
        // Monday 9 is an extra day off: Saturday 7 17:00 + 1 h is Tuesday 08:30
        assertThat(withSchedule.addWorkingTime(vn("2026-03-07T16:00"), Duration.ofHours(2))).isEqualTo(vn("2026-03-10T08:30"));
        assertThat(withSchedule.daysOff(2026)).contains(new DayOff(LocalDate.of(2026, 3, 9), "Nghỉ thêm", "Official day off", "official"));
        // a working-days entry takes a computed holiday back
        assertThat(withSchedule.isWorkingDay(LocalDate.of(2026, 4, 30))).isTrue();
        assertThat(withSchedule.daysOff(2026)).extracting(DayOff::date).doesNotContain(LocalDate.of(2026, 4, 30));
        // the shipped calendar is untouched
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 7))).isFalse();
    }

    @Test
    void aProvinceAddsItsOwnDaysOff() {
        WorkingCalendars withProvince = new WorkingCalendars(Calendars.fromYaml("""
                motcua:
                  calendar:
                    years:
                      2026:
                        working-days: [2026-08-22]
                    provinces:
                      some-province:
                        days-off:
                          - {from: 2026-08-19, to: 2026-08-19, name: "Ngày giải phóng tỉnh", name-en: "Province liberation day"}
                          - {from: 2026-08-22, name: "Nghỉ của tỉnh"}
                """));
        WorkingCalendar province = withProvince.forProvince("some-province");
        WorkingCalendar national = withProvince.standard();
        LocalDate day = LocalDate.of(2026, 8, 19);

        assertThat(province.isWorkingDay(day)).isFalse();
        assertThat(national.isWorkingDay(day)).isTrue();
        assertThat(province.daysOff(2026)).contains(new DayOff(day, "Ngày giải phóng tỉnh", "Province liberation day", "province"));
        assertThat(national.daysOff(2026)).extracting(DayOff::date).doesNotContain(day);
        // the province keeps the national days off
        assertThat(province.daysOff(2026)).containsAll(national.daysOff(2026));
        assertThat(province.addWorkingDays(vn("2026-08-18T10:00"), 1)).isEqualTo(vn("2026-08-20T10:00"));
        assertThat(national.addWorkingDays(vn("2026-08-18T10:00"), 1)).isEqualTo(vn("2026-08-19T10:00"));
        // a province's day off beats a national make-up working day
        assertThat(national.isWorkingDay(LocalDate.of(2026, 8, 22))).isTrue();
        assertThat(province.isWorkingDay(LocalDate.of(2026, 8, 22))).isFalse();

        assertThat(withProvince.knowsProvince("some-province")).isTrue();
        assertThat(withProvince.knowsProvince(" Some-Province ")).isTrue();
        assertThat(withProvince.forProvince("SOME-PROVINCE")).isSameAs(province);
        assertThat(withProvince.knowsProvince("other")).isFalse();
        assertThat(withProvince.knowsProvince(null)).isFalse();
        assertThat(withProvince.forProvince("other")).isSameAs(national);
        assertThat(withProvince.forProvince(null)).isSameAs(national);
    }

    @Test
    void roundTheClock() {
        WorkingCalendars all = new WorkingCalendars(Calendars.shippedWith(Map.of("motcua.calendar.mode", "24x7")));
        WorkingCalendar open = all.standard();
        Instant saturdayNight = vn("2026-02-14T23:00");

        assertThat(open.workingDayLength()).isEqualTo(Duration.ofHours(24));
        assertThat(open.isWorkingTime(saturdayNight)).isTrue();
        assertThat(open.isWorkingDay(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(open.daysOff(2026)).isEmpty();
        assertThat(open.addWorkingDays(saturdayNight, 1)).isEqualTo(vn("2026-02-15T23:00"));
        assertThat(open.addWorkingDays(saturdayNight, 0.5)).isEqualTo(vn("2026-02-15T11:00"));
        assertThat(open.addWorkingTime(saturdayNight, Duration.ofMinutes(90))).isEqualTo(vn("2026-02-15T00:30"));
        assertThat(open.workingTimeBetween(saturdayNight, vn("2026-02-17T23:00"))).isEqualTo(Duration.ofHours(72));
        assertThat(open.workingDaysBetween(saturdayNight, vn("2026-02-17T11:00"))).isEqualTo(2.5);
        assertThat(open.workingDaysBetween(vn("2026-02-17T11:00"), saturdayNight)).isZero();
        assertThat(all.forProvince("anything")).isSameAs(open);
    }

    @Test
    void otherOfficeHoursAndWorkingDays() {
        WorkingCalendar saturdays = new WorkingCalendars(Calendars.fromYaml("""
                motcua:
                  calendar:
                    office-hours: "08:00-12:00, 13:30-17:30"
                    working-days: MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY
                """)).standard();
        assertThat(saturdays.workingDayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(saturdays.addWorkingTime(vn("2026-03-06T17:00"), Duration.ofHours(1))).isEqualTo(vn("2026-03-07T08:30"));
        // 1 May 2027 is a Saturday, a working day here: no compensation day
        assertThat(saturdays.daysOff(2027)).extracting(DayOff::date).doesNotContain(LocalDate.of(2027, 5, 3));
        // 6 February 2027 (Saturday, Tết) is a working weekday here; Sunday 7 gives Wednesday 10 off
        assertThat(saturdays.daysOff(2027)).filteredOn(d -> d.kind().equals(DayOff.COMPENSATION))
                .extracting(DayOff::date).containsExactly(LocalDate.of(2027, 2, 10));
    }

    @Test
    void badConfigurationIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Calendars.fromYaml("motcua: {calendar: {office-hours: \"13:00-17:00,07:30-11:30\"}}"))
                .hasStackTraceContaining("motcua.calendar.office-hours");
        assertThatThrownBy(() -> Calendars.fromYaml("motcua: {calendar: {office-hours: \"7h30 to 5pm\"}}"))
                .hasStackTraceContaining("motcua.calendar.office-hours");
        assertThatThrownBy(() -> Calendars.fromYaml("motcua: {calendar: {mode: always}}"))
                .hasStackTraceContaining("motcua.calendar.mode");
        assertThatThrownBy(() -> Calendars.fromYaml("motcua: {calendar: {national-day-adjacent: both}}"))
                .hasStackTraceContaining("motcua.calendar.national-day-adjacent");
        assertThatThrownBy(() -> Calendars.fromYaml("""
                motcua: {calendar: {years: {2026: {days-off: [{from: 2027-01-02}]}}}}"""))
                .hasStackTraceContaining("motcua.calendar.years.2026.days-off: 2027-01-02 is not in 2026");
        assertThatThrownBy(() -> Calendars.fromYaml("""
                motcua: {calendar: {years: {2026: {days-off: [{from: 2026-03-07}], working-days: [2026-03-07]}}}}"""))
                .hasStackTraceContaining("both a day off and a working day");
    }
}
