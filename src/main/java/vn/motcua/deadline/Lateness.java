package vn.motcua.deadline;

import java.time.Duration;
import java.util.Locale;

/**
 * How late something is, in working time, as people read it: minutes and hours within a working
 * day ("1 giờ 30 phút làm việc"), working days with one decimal beyond ("1,5 ngày làm việc").
 */
public final class Lateness {

    private Lateness() {
    }

    /** Vietnamese then English: "1 giờ 30 phút làm việc / 1 h 30 min of working time". */
    public static String text(Duration late, Duration workingDay) {
        return vi(late, workingDay) + " / " + en(late, workingDay);
    }

    static String vi(Duration late, Duration workingDay) {
        if (late.toMinutes() < 1) {
            return "vừa quá hạn";
        }
        if (late.compareTo(workingDay) < 0) {
            return late.toHours() > 0 ? late.toHours() + " giờ " + late.toMinutesPart() + " phút làm việc"
                    : late.toMinutes() + " phút làm việc";
        }
        return days(late, workingDay).replace('.', ',') + " ngày làm việc";
    }

    static String en(Duration late, Duration workingDay) {
        if (late.toMinutes() < 1) {
            return "just now";
        }
        if (late.compareTo(workingDay) < 0) {
            return late.toHours() > 0 ? late.toHours() + " h " + late.toMinutesPart() + " min of working time"
                    : late.toMinutes() + " min of working time";
        }
        return days(late, workingDay) + " working days";
    }

    private static String days(Duration late, Duration workingDay) {
        return String.format(Locale.ROOT, "%.1f", (double) late.toMinutes() / Math.max(1, workingDay.toMinutes()));
    }
}
