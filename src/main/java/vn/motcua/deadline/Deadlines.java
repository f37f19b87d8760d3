package vn.motcua.deadline;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Step deadlines (hạn xử lý) as analysts write them in BPMN due-date expressions:
 * {@code camunda:dueDate="${deadlines.afterWorkingDays(2)}"}.
 *
 * <p>Interim rule until the working calendar exists: a working day is Monday to Friday in
 * Vietnam's zone; whole days are counted first, a fraction adds that share of 24 hours, and a
 * deadline that lands on a weekend moves to the next working day. Public holidays and office
 * hours come with the statutory clock.
 */
@Component("deadlines")
public class Deadlines {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Clock clock;

    public Deadlines() {
        this(Clock.system(VIETNAM));
    }

    public Deadlines(Clock clock) {
        this.clock = clock;
    }

    /** The instant {@code days} working days from now. */
    public Date afterWorkingDays(double days) {
        if (!(days >= 0)) {
            throw new IllegalArgumentException("working days must be zero or positive, was " + days);
        }
        ZonedDateTime due = ZonedDateTime.now(clock).withZoneSameInstant(VIETNAM);
        long wholeDays = (long) Math.floor(days);
        for (long left = wholeDays; left > 0; ) {
            due = due.plusDays(1);
            if (isWorkingDay(due)) {
                left--;
            }
        }
        due = due.plusSeconds(Math.round((days - wholeDays) * 24 * 3600));
        while (!isWorkingDay(due)) {
            due = due.plusDays(1);
        }
        return Date.from(due.toInstant());
    }

    static boolean isWorkingDay(ZonedDateTime day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
