package vn.motcua.calendar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The working periods of a working day, e.g. {@code 07:30-11:30,13:00-17:00}: ascending,
 * non-overlapping periods within one day, as seconds of the day ({@code 24:00} ends the day).
 */
record OfficeHours(List<Period> periods) {

    /** One working period, start inclusive, end exclusive, in seconds from midnight. */
    record Period(int start, int end) {
    }

    private static final Pattern PERIOD = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    OfficeHours {
        periods = List.copyOf(periods);
    }

    static OfficeHours parse(String text) {
        List<Period> periods = new ArrayList<>();
        int previousEnd = -1;
        for (String part : text.split(",")) {
            Matcher m = PERIOD.matcher(part.strip());
            if (!m.matches()) {
                throw invalid(text, "'" + part.strip() + "' is not HH:mm-HH:mm");
            }
            int start = seconds(text, m.group(1), m.group(2));
            int end = seconds(text, m.group(3), m.group(4));
            if (end <= start) {
                throw invalid(text, "'" + part.strip() + "' ends before it starts");
            }
            if (start < previousEnd) {
                throw invalid(text, "periods must be in order and must not overlap");
            }
            periods.add(new Period(start, end));
            previousEnd = end;
        }
        if (periods.isEmpty()) {
            throw invalid(text, "no working period");
        }
        return new OfficeHours(periods);
    }

    /** The working time of one whole working day. */
    Duration dayLength() {
        return Duration.ofSeconds(periods.stream().mapToLong(p -> p.end() - p.start()).sum());
    }

    private static int seconds(String text, String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int min = Integer.parseInt(minutes);
        if (min > 59 || h > 24 || (h == 24 && min != 0)) {
            throw invalid(text, hours + ":" + minutes + " is not a time of day");
        }
        return h * 3600 + min * 60;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("motcua.calendar.office-hours '" + text + "': " + why);
    }
}
