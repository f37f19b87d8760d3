package vn.motcua.monitor;

/**
 * Open records by colour, now: red past a step's deadline, yellow past its follow-up date, green
 * before. Paused ones (states 5, 6, 8) have their clock stopped and no colour.
 */
public record OpenRecords(long green, long yellow, long red, long paused) {

    static final OpenRecords NONE = new OpenRecords(0, 0, 0, 0);

    public long total() {
        return green + yellow + red + paused;
    }

    OpenRecords plus(OpenRecords o) {
        return new OpenRecords(green + o.green, yellow + o.yellow, red + o.red, paused + o.paused);
    }
}
