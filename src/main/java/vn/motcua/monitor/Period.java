package vn.motcua.monitor;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import vn.motcua.web.Problem;

/**
 * A reporting period (kỳ báo cáo): a day, month, quarter or year, as the days {@code [from, to)}.
 * Periods longer than a day are whole months, which the monthly figures serve.
 */
record Period(Kind kind, LocalDate from, LocalDate to) {

    enum Kind {
        DAY, MONTH, QUARTER, YEAR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The period of {@code kind} ({@code day|month|quarter|year}) that holds {@code date} (ISO, default today). */
    static Period parse(String kind, String date, LocalDate today) {
        Kind k;
        try {
            k = Kind.valueOf((kind == null || kind.isBlank() ? "month" : kind.strip()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("period", "period must be day, month, quarter or year, was '" + kind + "'");
        }
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? today : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("date", "date must be a day as YYYY-MM-DD, was '" + date + "'");
        }
        if (day.getYear() < 2000 || day.getYear() > 2199) {
            throw Problem.badRequest("date", "date must be in the years 2000 to 2199, was '" + date + "'");
        }
        return of(k, day);
    }

    static Period of(Kind kind, LocalDate day) {
        return switch (kind) {
            case DAY -> new Period(kind, day, day.plusDays(1));
            case MONTH -> new Period(kind, day.withDayOfMonth(1), day.withDayOfMonth(1).plusMonths(1));
            case QUARTER -> {
                LocalDate start = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
                yield new Period(kind, start, start.plusMonths(3));
            }
            case YEAR -> new Period(kind, day.withDayOfYear(1), day.withDayOfYear(1).plusYears(1));
        };
    }

    /** As people write it: 23/11/2026, 11/2026, Q4/2026, 2026. */
    String label() {
        return switch (kind) {
            case DAY -> "%02d/%02d/%d".formatted(from.getDayOfMonth(), from.getMonthValue(), from.getYear());
            case MONTH -> "%02d/%d".formatted(from.getMonthValue(), from.getYear());
            case QUARTER -> "Q%d/%d".formatted((from.getMonthValue() - 1) / 3 + 1, from.getYear());
            case YEAR -> Integer.toString(from.getYear());
        };
    }

    /** The month the period ends in: monthly trends end there. */
    YearMonth lastMonth() {
        return YearMonth.from(to.minusDays(1));
    }
}
