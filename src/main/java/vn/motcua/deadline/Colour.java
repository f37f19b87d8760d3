package vn.motcua.deadline;

import java.time.Instant;
import java.util.Collection;

/** How a step or record stands against its deadline. Ordered from good to bad. */
public enum Colour {
    GREEN, YELLOW, RED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Red past the deadline, yellow past the follow-up date, green before; green without a deadline. */
    public static Colour of(Instant now, Instant followUp, Instant due) {
        if (due != null && now.isAfter(due)) {
            return RED;
        }
        if (followUp != null && !now.isBefore(followUp)) {
            return YELLOW;
        }
        return GREEN;
    }

    /** A record is as red as its worst open step. */
    public static Colour worst(Collection<Colour> colours) {
        return colours.stream().max(Enum::compareTo).orElse(GREEN);
    }
}
