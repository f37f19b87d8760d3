package vn.motcua.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
import vn.motcua.lookup.RegistryDataSupplied;
import vn.motcua.lookup.RegistryValues;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.RecordRated;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordQueries;
import vn.motcua.record.RecordState;
import vn.motcua.record.RecordStateChanged;
import vn.motcua.security.UnitDirectory;
import vn.motcua.transaction.PerTransaction;

/**
 * Keeps a record's facts and its share of the figures up to date as the record changes. The
 * events arrive synchronously inside the transaction that changed the record, and the facts are
 * written in it, once, just before it commits: the figures commit with the change they count, or
 * not at all (no after-commit listener that a crash between the two could skip).
 */
@Component
class RecordFollower {

    private final MonitorTables tables;
    private final RecordQueries records;
    private final ProcedureCatalogue catalogue;
    private final RegistryValues registryValues;
    private final UnitDirectory units;
    private final Deadlines deadlines;
    private final PerTransaction<Map<String, Change>> toRefresh =
            new PerTransaction<>(LinkedHashMap::new, changes -> changes.forEach(this::refresh));

    RecordFollower(MonitorTables tables, RecordQueries records, ProcedureCatalogue catalogue,
            RegistryValues registryValues, UnitDirectory units, Deadlines deadlines) {
        this.tables = tables;
        this.records = records;
        this.catalogue = catalogue;
        this.registryValues = registryValues;
        this.units = units;
        this.deadlines = deadlines;
    }

    @EventListener
    void stateChanged(RecordStateChanged event) {
        Change change = new Change(event.at());
        change.record = event.record();
        change.supplied = event.from() == null ? Integer.valueOf(0) : null; // a new record: nothing looked up yet
        refreshAtCommit(event.recordCode(), change);
        boolean wasPaused = paused(event.from());
        boolean isPaused = paused(event.to());
        if (isPaused && !wasPaused) {
            tables.pauseStarted(event.recordCode(), event.to().code(), event.at());
        } else if (wasPaused && !isPaused) {
            tables.pauseEnded(event.recordCode(), event.at());
        }
    }

    /** Registries supplied components: the reuse rate's counts change, nothing else. */
    @EventListener
    void registryDataSupplied(RegistryDataSupplied event) {
        Change change = new Change(deadlines.now());
        change.supplied = event.suppliedInAll();
        change.onlySupplied = true;
        refreshAtCommit(event.recordCode(), change);
    }

    /** A new appointment date (the apology): the record's facts show it. */
    @EventListener
    void rescheduled(vn.motcua.record.RecordRescheduled event) {
        refreshAtCommit(event.recordCode(), new Change(event.at()));
    }

    @EventListener
    void rated(RecordRated event) {
        refreshAtCommit(event.recordCode(), new Change(event.at()));
    }

    /**
     * What a transaction changed in one record, gathered from its events: the record as the last state change
     * left it, the registries' count, and whether that count is all that changed.
     */
    static final class Change {
        Instant at;
        RecordRow record;
        Integer supplied;
        boolean onlySupplied;

        Change(Instant at) {
            this.at = at;
        }

        /** This change followed by a later one of the same transaction. */
        Change then(Change later) {
            at = later.at.isAfter(at) ? later.at : at;
            onlySupplied &= later.onlySupplied;
            if (later.record != null) {
                record = later.record;
            } else if (!later.onlySupplied) {
                record = null; // changed otherwise (an apology, a rating): read it as it stands
            }
            supplied = later.supplied != null ? later.supplied : supplied;
            return this;
        }
    }

    /**
     * The record's facts and figures worked out once per transaction, just before it commits, however
     * many times the record changed in it (accepted and put in processing, several registries' values).
     */
    private void refreshAtCommit(String code, Change change) {
        toRefresh.get().ifPresentOrElse(changes -> changes.merge(code, change, Change::then),
                () -> refresh(code, change));
    }

    /** Applies the change in the record's contributions to the figures, reading the record only if no event brought it. */
    private void refresh(String code, Change change) {
        RecordFacts before = tables.lockFacts(code).orElse(null);
        if (before != null && change.onlySupplied) {
            // only the registries' count moved: the facts need no reading of the record (issue #17)
            apply(before, before.withSupplied(change.supplied));
            return;
        }
        RecordQueries.Snapshot snapshot = change.record != null ? records.snapshot(change.record)
                : records.snapshot(code).orElse(null);
        if (snapshot == null) {
            return;
        }
        boolean procedureFullyOnline;
        if (before == null) {
            String unit = snapshot.record().unit();
            tables.ensureUnit(unit, units.label(unit), change.at);
            tables.ensureProcedure(snapshot.record().procedureCode(), snapshot.record().procedureName());
            procedureFullyOnline = Boolean.TRUE.equals(catalogue.find(snapshot.record().procedureCode())
                    .map(ProcedureSummary::fullyOnline).orElse(null));
        } else {
            // the channel never changes, so what was fully online stays so
            procedureFullyOnline = before.fullyOnline();
        }
        int supplied = change.supplied != null ? change.supplied
                : before != null ? before.reused() : registryValues.countSupplied(code);
        apply(before, RecordFacts.of(snapshot, before, procedureFullyOnline, supplied, change.at,
                deadlines.calendar().zone()));
    }

    private void apply(RecordFacts before, RecordFacts after) {
        if (before == null) {
            tables.insertFacts(after);
        } else {
            tables.updateFacts(after);
        }
        tables.addFigures(after.unit(), after.procedureCode(), RecordFacts.difference(before, after));
    }

    private static boolean paused(RecordState state) {
        return state == RecordState.SUPPLEMENT_REQUESTED || state == RecordState.FINANCIAL_OBLIGATION_REQUESTED
                || state == RecordState.PROCESSING_STOPPED;
    }
}
