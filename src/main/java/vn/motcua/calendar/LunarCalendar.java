package vn.motcua.calendar;

import java.time.LocalDate;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed, for Vietnam's time zone UTC+7.
 *
 * <p>The standard astronomical algorithm as published by Hồ Ngọc Đức ("Âm lịch Việt Nam"), with
 * Jean Meeus' formulas (Astronomical Algorithms) for the new moons and the sun's longitude:
 * <ul>
 * <li>a lunar month starts on the day (in UTC+7) of a new moon;</li>
 * <li>month 11 is the month that contains the winter solstice;</li>
 * <li>a year with 13 months between two months 11 has a leap month: the first month after
 * month 11 that contains no major solar term (trung khí), which repeats the number of the month
 * before it.</li>
 * </ul>
 * Accurate for 1800–2199 (the algorithm's documented range); it is exact against the published
 * calendar for the years this product uses. Stateless and thread-safe.
 */
public final class LunarCalendar {

    /** A lunar date: day 1–30, month 1–12, the lunar year (numbered as the solar year it mostly overlaps), leap month or not. */
    public record LunarDate(int day, int month, int year, boolean leap) {
    }

    /** Vietnam's time zone, in hours east of UTC, for which the calendar is computed. */
    static final double TIME_ZONE = 7.0;

    private static final double SYNODIC_MONTH = 29.530588853;
    /** The Julian day of the new moon of 1 January 1900 (k = 0 in {@link #newMoon(int)}). */
    private static final double NEW_MOON_EPOCH = 2415021.076998695;

    private LunarCalendar() {
    }

    /** The solar (Gregorian) date of a lunar date; {@code leap} for a day of the leap month. */
    public static LocalDate toSolar(int lunarDay, int lunarMonth, int lunarYear, boolean leap) {
        if (lunarMonth < 1 || lunarMonth > 12) {
            throw new IllegalArgumentException("lunar month must be 1 to 12, was " + lunarMonth);
        }
        if (lunarDay < 1 || lunarDay > 30) {
            throw new IllegalArgumentException("lunar day must be 1 to 30, was " + lunarDay);
        }
        int k = monthIndex(lunarMonth, lunarYear, leap);
        long start = newMoonDay(k);
        long length = newMoonDay(k + 1) - start;
        if (lunarDay > length) {
            throw new IllegalArgumentException("lunar month " + lunarMonth + (leap ? " (leap)" : "") + " of " + lunarYear
                    + " has " + length + " days, not " + lunarDay);
        }
        return fromJulianDay(start + lunarDay - 1);
    }

    /** The lunar date of a solar (Gregorian) date. */
    public static LunarDate toLunar(LocalDate date) {
        long dayNumber = julianDay(date);
        int k = (int) Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        long monthStart = newMoonDay(k + 1);
        if (monthStart > dayNumber) {
            monthStart = newMoonDay(k);
        }
        int year = date.getYear();
        long a11 = month11(year);
        long b11 = a11;
        int lunarYear;
        if (a11 >= monthStart) {
            lunarYear = year;
            a11 = month11(year - 1);
        } else {
            lunarYear = year + 1;
            b11 = month11(year + 1);
        }
        int lunarDay = (int) (dayNumber - monthStart + 1);
        int diff = (int) Math.floor((monthStart - a11) / 29.0);
        boolean leap = false;
        int lunarMonth = diff + 11;
        if (b11 - a11 > 365) {
            int leapOffset = leapMonthOffset(a11);
            if (diff >= leapOffset) {
                lunarMonth = diff + 10;
                leap = diff == leapOffset;
            }
        }
        if (lunarMonth > 12) {
            lunarMonth -= 12;
        }
        if (lunarMonth >= 11 && diff < 4) {
            lunarYear -= 1;
        }
        return new LunarDate(lunarDay, lunarMonth, lunarYear, leap);
    }

    /** The leap month of a lunar year (its number: the leap month repeats it), or 0 when the year has none. */
    public static int leapMonth(int lunarYear) {
        // months 1–10 of the year lie between the months 11 of the solar years before and of it …
        long a11 = month11(lunarYear - 1);
        long b11 = month11(lunarYear);
        if (b11 - a11 > 365) {
            int month = leapMonthNumber(leapMonthOffset(a11));
            if (month <= 10) {
                return month;
            }
        }
        // … months 11 and 12 after its own month 11
        long c11 = month11(lunarYear + 1);
        if (c11 - b11 > 365) {
            int month = leapMonthNumber(leapMonthOffset(b11));
            if (month >= 11) {
                return month;
            }
        }
        return 0;
    }

    /** The number of days (29 or 30) of a lunar month. */
    public static int monthLength(int lunarMonth, int lunarYear, boolean leap) {
        int k = monthIndex(lunarMonth, lunarYear, leap);
        return (int) (newMoonDay(k + 1) - newMoonDay(k));
    }

    /** Lunar New Year's day (mùng 1 Tết) of a lunar year. */
    public static LocalDate newYear(int lunarYear) {
        return toSolar(1, 1, lunarYear, false);
    }

    // ------------------------------------------------------------------ the algorithm

    /** The index k (for {@link #newMoon}) of the new moon that starts the given lunar month. */
    private static int monthIndex(int lunarMonth, int lunarYear, boolean leap) {
        long a11;
        long b11;
        if (lunarMonth < 11) {
            a11 = month11(lunarYear - 1);
            b11 = month11(lunarYear);
        } else {
            a11 = month11(lunarYear);
            b11 = month11(lunarYear + 1);
        }
        int k = (int) Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
        int offset = lunarMonth - 11;
        if (offset < 0) {
            offset += 12;
        }
        if (b11 - a11 > 365) {
            int leapOffset = leapMonthOffset(a11);
            if (leap && lunarMonth != leapMonthNumber(leapOffset)) {
                throw new IllegalArgumentException("lunar year " + lunarYear + " has no leap month " + lunarMonth);
            }
            if (leap || offset >= leapOffset) {
                offset += 1;
            }
        } else if (leap) {
            throw new IllegalArgumentException("lunar year " + lunarYear + " has no leap month " + lunarMonth);
        }
        return k + offset;
    }

    /** The number of the month that a leap month at this offset after month 11 repeats. */
    private static int leapMonthNumber(int leapOffset) {
        return (leapOffset + 9) % 12 + 1;
    }

    /** The day number (Julian day) of the start of month 11 (the month of the winter solstice) of a solar year. */
    private static long month11(int year) {
        double off = julianDay(LocalDate.of(year, 12, 31)) - 2415021;
        int k = (int) Math.floor(off / SYNODIC_MONTH);
        long newMoon = newMoonDay(k);
        if (sunLongitudeSector(newMoon) >= 9) {
            newMoon = newMoonDay(k - 1);
        }
        return newMoon;
    }

    /** How many months after month 11 (starting at {@code a11}) the leap month comes: the first without a major term. */
    private static int leapMonthOffset(long a11) {
        int k = (int) Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
        int i = 1;
        int arc = sunLongitudeSector(newMoonDay(k + i));
        int last;
        do {
            last = arc;
            i++;
            arc = sunLongitudeSector(newMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }

    /** The day number on which the k-th new moon after 1 January 1900 falls, in UTC+7. */
    private static long newMoonDay(int k) {
        return (long) Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
    }

    /** Which of the 12 sectors of 30° the sun's longitude is in at the start of a day (UTC+7): 0 = from the spring equinox. */
    private static int sunLongitudeSector(long dayNumber) {
        return (int) Math.floor(sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI * 6);
    }

    /** The Julian day (UT) of the k-th new moon after 1 January 1900 (Meeus, chapter 49, abridged). */
    static double newMoon(int k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double dr = Math.PI / 180;
        double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 = jd1 + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
        c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
        double deltaT;
        if (t < -11) {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2;
        }
        return jd1 + c1 - deltaT;
    }

    /** The sun's apparent longitude in radians, 0 to 2π, at a Julian day (Meeus, chapter 25, low precision). */
    static double sunLongitude(double julianDay) {
        double t = (julianDay - 2451545.0) / 36525;
        double t2 = t * t;
        double dr = Math.PI / 180;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
        double l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
    }

    /** The Julian day number of a (proleptic Gregorian) date. */
    static long julianDay(LocalDate date) {
        return date.toEpochDay() + 2440588;
    }

    static LocalDate fromJulianDay(long julianDay) {
        return LocalDate.ofEpochDay(julianDay - 2440588);
    }
}
