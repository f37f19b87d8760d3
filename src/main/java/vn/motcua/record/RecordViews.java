package vn.motcua.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Colour;
import vn.motcua.deadline.Deadlines;
import vn.motcua.lookup.RegistryValues;
import vn.motcua.security.SystemAuthority;

/**
 * A record as the API and the record page show it ({@link RecordView}): its row, history,
 * documents, steps with their colour, the registries' values and the result's signatures. Read in
 * the caller's transaction, without access rules: the callers check who asks.
 */
@Component
class RecordViews {

    private final RecordRepository records;
    private final DocumentStore documents;
    private final HistoryService historyService;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final RegistryValues registryValues;
    private final ResultSignatures signatures;

    RecordViews(RecordRepository records, DocumentStore documents, HistoryService historyService,
            SystemAuthority system, Deadlines deadlines, RegistryValues registryValues, ResultSignatures signatures) {
        this.records = records;
        this.documents = documents;
        this.historyService = historyService;
        this.system = system;
        this.deadlines = deadlines;
        this.registryValues = registryValues;
        this.signatures = signatures;
    }

    /** The record as it stands now (it exists: the caller has just read or changed it). */
    RecordView of(String code) {
        return view(records.find(code).orElseThrow());
    }

    RecordView view(RecordRow record) {
        List<RecordView.Step> steps = new ArrayList<>();
        if (record.processInstanceId() != null) {
            system.run(() -> historyService.createHistoricTaskInstanceQuery()
                    .processInstanceId(record.processInstanceId()).orderByHistoricActivityInstanceStartTime().asc()
                    .list().forEach(task -> steps.add(new RecordView.Step(task.getTaskDefinitionKey(), task.getName(),
                            task.getAssignee(), toInstant(task.getStartTime()), toInstant(task.getEndTime()),
                            toInstant(task.getDueDate()), toInstant(task.getFollowUpDate()),
                            task.getEndTime() != null ? null : Colour.of(deadlines.now(),
                                    toInstant(task.getFollowUpDate()), toInstant(task.getDueDate())).id(),
                            task.getDeleteReason()))));
        }
        return RecordView.of(record, records.stateChanges(record.code()), documents.list(record.code()), steps,
                registryValues.of(record.code()),
                signatures.of(record.code()).stream().map(sig -> new RecordView.Signature(sig.id(), sig.kind(),
                        sig.signer(), sig.signerName(), sig.signedAt(), sig.indication(), sig.subIndication(),
                        sig.valid(), sig.documentNumber(),
                        "/api/records/" + record.code() + "/signatures/" + sig.id() + "/report")).toList());
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
