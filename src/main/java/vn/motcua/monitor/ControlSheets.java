package vn.motcua.monitor;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import vn.motcua.deadline.Deadlines;
import vn.motcua.web.Problem;

/** Builds form 06 for a record from the monitor's own step and pause rows. */
@Service
class ControlSheets {

    private final MonitorTables tables;
    private final KpiQueries queries;
    private final MonitorScope scope;
    private final Deadlines deadlines;

    ControlSheets(MonitorTables tables, KpiQueries queries, MonitorScope scope, Deadlines deadlines) {
        this.tables = tables;
        this.queries = queries;
        this.scope = scope;
        this.deadlines = deadlines;
    }

    /** The sheet, if the user may monitor the record's unit; 404 otherwise, as for a record that does not exist. */
    ControlSheet of(Authentication user, String code) {
        RecordFacts record = tables.facts(code).orElse(null);
        Map<String, String> visible = scope.visibleUnits(user);
        if (record == null || !visible.containsKey(record.unit())) {
            throw Problem.notFound("no record " + code + " among the units you monitor");
        }
        return build(record, visible.get(record.unit()));
    }

    ControlSheet build(RecordFacts record, String unitName) {
        ZoneId zone = deadlines.calendar().zone();
        Instant now = deadlines.now();
        List<ControlSheet.HandOff> handOffs = new ArrayList<>();
        String previousActor = null;
        for (MonitorTables.StepRow s : tables.steps(record.code())) {
            String verdict;
            if (s.endedAt() == null) {
                verdict = ControlSheet.open(now, s.followUpAt(), s.dueAt());
            } else if ("cancelled".equals(s.outcome())) {
                verdict = "cancelled";
            } else {
                verdict = ControlSheet.verdict(s.endedAt(), s.dueAt(), zone);
            }
            String receivedBy = s.completedBy() != null ? s.completedBy()
                    : s.assignee() != null ? s.assignee() : s.candidates();
            handOffs.add(new ControlSheet.HandOff(handOffs.size() + 1, s.step(), s.name(),
                    previousActor, receivedBy, s.startedAt(), s.dueAt(), s.endedAt(), verdict));
            if (s.endedAt() != null && !"cancelled".equals(s.outcome())) {
                previousActor = s.completedBy();
            }
        }
        List<ControlSheet.PauseRow> pauses = tables.pauses(record.code()).stream()
                .map(p -> new ControlSheet.PauseRow(p.state(), ControlSheet.pauseReason(p.state()), p.startedAt(),
                        p.endedAt()))
                .toList();
        String verdict = record.timeliness() == null ? "open" : switch (record.timeliness()) {
            case EARLY -> "early";
            case ON_TIME -> "on-time";
            case LATE -> "late";
        };
        return new ControlSheet(record.code(), record.procedureCode(),
                queries.procedureNames().getOrDefault(record.procedureCode(), record.procedureCode()), record.unit(),
                unitName, record.state(), record.submittedAt(), record.acceptedAt(), record.appointmentAt(),
                record.resolvedAt(), verdict, handOffs, pauses);
    }
}
