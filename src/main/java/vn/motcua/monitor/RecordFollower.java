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
    private final PerTransaction<Map<String, Instant>> toRefresh =
            new PerTransaction<>(LinkedHashMap::new, codes -> codes.forEach(this::refresh));

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
        refreshAtCommit(event.recordCode(), event.at());
        boolean wasPaused = paused(event.from());
        boolean isPaused = paused(event.to());
        if (isPaused && !wasPaused) {
            tables.pauseStarted(event.recordCode(), event.to().code(), event.at());
        } else if (wasPaused && !isPaused) {
            tables.pauseEnded(event.recordCode(), event.at());
        }
    }

    /** Registries supplied components: the reuse rate's counts change. */
    @EventListener
    void registryDataSupplied(RegistryDataSupplied event) {
        refreshAtCommit(event.recordCode(), deadlines.now());
    }

    /** A new appointment date (the apology): the record's facts show it. */
    @EventListener
    void rescheduled(vn.motcua.record.RecordRescheduled event) {
        refreshAtCommit(event.recordCode(), event.at());
    }

    @EventListener
    void rated(RecordRated event) {
        refreshAtCommit(event.recordCode(), event.at());
    }

    /**
     * The record's facts and figures worked out once per transaction, just before it commits, however
     * many times the record changed in it (accepted and put in processing, several registries' values).
     */
    private void refreshAtCommit(String code, Instant at) {
        toRefresh.get().ifPresentOrElse(codes -> codes.merge(code, at, (first, later) -> later.isAfter(first) ? later : first),
                () -> refresh(code, at));
    }

    /** Reads the record as it now stands and applies the change in its contributions to the figures. */
    void refresh(String code, Instant at) {
        RecordQueries.Snapshot snapshot = records.snapshot(code).orElse(null);
        if (snapshot == null) {
            return;
        }
        RecordFacts before = tables.lockFacts(code).orElse(null);
        boolean procedureFullyOnline;
        if (before == null) {
            String unit = snapshot.record().unit();
            tables.ensureUnit(unit, units.label(unit), at);
            tables.ensureProcedure(snapshot.record().procedureCode(), snapshot.record().procedureName());
            procedureFullyOnline = Boolean.TRUE.equals(catalogue.find(snapshot.record().procedureCode())
                    .map(ProcedureSummary::fullyOnline).orElse(null));
        } else {
            // the channel never changes, so what was fully online stays so
            procedureFullyOnline = before.fullyOnline();
        }
        RecordFacts after = RecordFacts.of(snapshot, before, procedureFullyOnline,
                registryValues.countSupplied(code), at, deadlines.calendar().zone());
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
