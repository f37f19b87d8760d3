package vn.motcua.monitor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import vn.motcua.record.Channel;
import vn.motcua.record.DocumentKind;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordQueries;
import vn.motcua.record.RecordState;
import vn.motcua.record.StoredDocument;

/**
 * What monitoring knows of one record (a row of {@code monitor_record}), and what it adds to the
 * figures: the "received" counts on the day it was accepted, the "resolved" counts on the day it
 * was resolved. The aggregates are the sum of these contributions, so a change to a record is
 * applied as the difference between its contributions before and after.
 */
record RecordFacts(String code, String unit, String procedureCode, int channel, boolean fullyOnline, int state,
        Instant submittedAt, Instant acceptedAt, LocalDate acceptedOn, Instant appointmentAt, Instant resolvedAt,
        LocalDate resolvedOn, Instant closedAt, Timeliness timeliness, boolean digitised, boolean eResult,
        int components, int reused, Integer rating, boolean apologised, boolean open, boolean paused,
        boolean feeRequested, boolean paidOnline) {

    /** Trước hạn, đúng hạn, quá hạn: how a resolved record stands against its appointment date. */
    enum Timeliness {
        EARLY(1), ON_TIME(2), LATE(3);

        final int code;

        Timeliness(int code) {
            this.code = code;
        }

        static Timeliness ofCode(Integer code) {
            for (Timeliness t : values()) {
                if (code != null && t.code == code) {
                    return t;
                }
            }
            return null;
        }

        /**
         * Against the appointment date as it stands at resolution: the record feature moves it by
         * the working time paused (states 5, 6, 8), so a pause never makes a record late. A record
         * that needed an apology with a new date (form 04) stays late: the law counts it so. No
         * appointment (never accepted): nothing was promised, on time.
         */
        static Timeliness of(Instant resolvedAt, Instant appointmentAt, boolean apologised, ZoneId zone) {
            if (apologised || (appointmentAt != null && resolvedAt.isAfter(appointmentAt))) {
                return LATE;
            }
            if (appointmentAt != null
                    && resolvedAt.atZone(zone).toLocalDate().isBefore(appointmentAt.atZone(zone).toLocalDate())) {
                return EARLY;
            }
            return ON_TIME;
        }
    }

    /**
     * The facts as the record now stands. {@code previous} (null for a new record) keeps the moment
     * of resolution and its verdict, which later changes (returning the result, rating) leave as
     * they are; {@code now} is when a record first seen in state 9 or 10 was resolved.
     */
    static RecordFacts of(RecordQueries.Snapshot snapshot, RecordFacts previous, boolean procedureFullyOnline,
            int supplied, Instant now, ZoneId zone) {
        RecordRow r = snapshot.record();
        boolean online = r.channel() == Channel.ONLINE;
        boolean scanned = false;
        boolean electronicResult = false;
        boolean apologised = false;
        boolean feeRequested = false;
        boolean paidOnline = false;
        int handedIn = 0;
        for (StoredDocument d : snapshot.documents()) {
            DocumentKind kind = d.kind();
            scanned |= d.digitised();
            electronicResult |= kind == DocumentKind.RESULT;
            apologised |= kind == DocumentKind.APOLOGY;
            feeRequested |= kind == DocumentKind.PAYMENT_REQUEST;
            paidOnline |= kind == DocumentKind.FEE_RECEIPT; // (issued for a payment through the platform only)
            if (kind == DocumentKind.APPLICATION || kind == DocumentKind.SCAN || kind == DocumentKind.SUPPLEMENT) {
                handedIn++;
            }
        }
        RecordState state = r.state();
        Instant resolvedAt = previous != null ? previous.resolvedAt() : null;
        Timeliness timeliness = previous != null ? previous.timeliness() : null;
        if (resolvedAt == null && (state == RecordState.COMPLETED || state == RecordState.RESULT_RETURNED)) {
            resolvedAt = now;
            timeliness = Timeliness.of(resolvedAt, r.appointmentAt(), apologised, zone);
        }
        boolean paused = state == RecordState.SUPPLEMENT_REQUESTED
                || state == RecordState.FINANCIAL_OBLIGATION_REQUESTED || state == RecordState.PROCESSING_STOPPED;
        return new RecordFacts(r.code(), r.unit(), r.procedureCode(), r.channel().code(),
                online && procedureFullyOnline, state.code(), r.submittedAt(), r.acceptedAt(), day(r.acceptedAt(), zone),
                r.appointmentAt(), resolvedAt, day(resolvedAt, zone), r.closedAt(), timeliness,
                online || scanned, electronicResult, handedIn + supplied, supplied, r.rating(), apologised,
                !state.isFinal() && state != RecordState.COMPLETED, paused, feeRequested, paidOnline);
    }

    /** The same facts with {@code supplied} of the record's components from registries (the reuse rate). */
    RecordFacts withSupplied(int supplied) {
        return new RecordFacts(code, unit, procedureCode, channel, fullyOnline, state, submittedAt, acceptedAt,
                acceptedOn, appointmentAt, resolvedAt, resolvedOn, closedAt, timeliness, digitised, eResult,
                components - reused + supplied, supplied, rating, apologised, open, paused, feeRequested, paidOnline);
    }

    /*
     * Open: not yet resolved nor closed — states 1, 2, 4 and the paused 5, 6, 8. A record in state 9
     * is resolved, its clock stopped; the result's return is no longer counted against the unit.
     */

    /** What this record adds to the figures, by day (at most two days). */
    Map<LocalDate, Figures> contributions() {
        Map<LocalDate, Figures> byDay = new TreeMap<>();
        if (acceptedOn != null) {
            byDay.merge(acceptedOn, new Figures(1, channel == Channel.ONLINE.code() ? 1 : 0, fullyOnline ? 1 : 0,
                    digitised ? 1 : 0, components, reused, 0, 0, 0, 0, 0, 0, 0), Figures::plus);
        }
        if (resolvedOn != null) {
            boolean returnedAndRated = rating != null && state == RecordState.RESULT_RETURNED.code();
            byDay.merge(resolvedOn, new Figures(0, 0, 0, 0, 0, 0, 1, timeliness == Timeliness.EARLY ? 1 : 0,
                    timeliness == Timeliness.ON_TIME ? 1 : 0, timeliness == Timeliness.LATE ? 1 : 0,
                    eResult ? 1 : 0, returnedAndRated ? 1 : 0, returnedAndRated ? rating : 0), Figures::plus);
        }
        return byDay;
    }

    /** Per day, what changes in the figures when {@code before} (null: nothing) becomes {@code after}. */
    static Map<LocalDate, Figures> difference(RecordFacts before, RecordFacts after) {
        Map<LocalDate, Figures> delta = new TreeMap<>(after.contributions());
        if (before != null) {
            before.contributions().forEach((day, figures) -> delta.merge(day, Figures.ZERO.minus(figures),
                    Figures::plus));
        }
        delta.values().removeIf(Figures::isZero);
        return delta;
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }
}
