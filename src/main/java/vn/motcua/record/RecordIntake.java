package vn.motcua.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.DocumentStore.CheckedDocument;
import vn.motcua.security.SystemAuthority;
import vn.motcua.web.Problem;

/**
 * Intake through the records API: a submission (checked by {@link SubmissionRules}) becomes a
 * record, its documents, and its process, in one transaction with the engine's, so a refused
 * request stores nothing. An {@code Idempotency-Key} makes a retried submission answer the record
 * it made. Records opened in Tasklist are {@link TasklistIntake}'s.
 */
@Service
public class RecordIntake {

    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    /** The process variables the product sets on every record; a form field cannot have their names. */
    static final List<String> PROCESS_VARIABLES = List.of("unit", "recordCode", "channel");

    private final RecordRepository records;
    private final RecordStates states;
    private final DocumentStore documents;
    private final SubmissionRules rules;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;
    private final RecordViews views;
    private final TransactionTemplate tx;
    private final org.springframework.context.ApplicationEventPublisher events;

    RecordIntake(RecordRepository records, RecordStates states, DocumentStore documents, SubmissionRules rules,
            RuntimeService runtimeService, SystemAuthority system, RecordViews views,
            PlatformTransactionManager transactions, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.records = records;
        this.states = states;
        this.documents = documents;
        this.rules = rules;
        this.runtimeService = runtimeService;
        this.system = system;
        this.views = views;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What the applicant (through the portal or at the counter) submits. */
    public record Submission(String procedureCode, String unit, Integer channel, Applicant applicant,
            Map<String, Object> formData) {
    }

    /** The new record, with its tracking secret (only on the first answer, never on a replay). */
    public record Submitted(RecordView record, String trackingSecret, boolean replayed) {
    }

    public Submitted submit(Submission submission, List<IncomingDocument> incoming, Caller caller,
            String idempotencyKey) {
        SubmissionRules.Checked valid = rules.validate(submission, caller);
        List<CheckedDocument> checked = documents.check(incoming);
        String client = caller.actor();
        String requestHash = requestHash(submission, checked);
        SubmissionRules.storable("Idempotency-Key", idempotencyKey);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw Problem.badRequest("Idempotency-Key", "the Idempotency-Key header must have 1 to 255 characters");
        }
        try {
            return tx.execute(status -> {
                if (idempotencyKey != null) {
                    var earlier = records.recordForIdempotencyKey(client, idempotencyKey, requestHash);
                    if (earlier.isPresent()) {
                        return new Submitted(views.of(earlier.get()), null, true);
                    }
                }
                return create(submission, valid, checked, caller, client, idempotencyKey, requestHash);
            });
        } catch (DuplicateKeyException concurrentRetry) {
            // The same Idempotency-Key was being submitted at the same moment; that one won.
            String code = tx.execute(status -> records.recordForIdempotencyKey(client, idempotencyKey, requestHash)
                    .orElseThrow(() -> concurrentRetry));
            return new Submitted(views.of(code), null, true);
        }
    }

    private Submitted create(Submission submission, SubmissionRules.Checked valid, List<CheckedDocument> checked,
            Caller caller, String client, String idempotencyKey, String requestHash) {
        ProcedureSummary procedure = valid.procedure();
        Instant now = Instant.now();
        String code = newCode(records, submission.unit(), now);
        if (idempotencyKey != null) {
            records.saveIdempotencyKey(client, idempotencyKey, requestHash, code, now);
        }
        String secret = RecordAccess.newSecret();
        RecordRow record = new RecordRow(code, procedure.code(), procedure.name(), procedure.processKey(), null,
                submission.unit(), Channel.ofCode(submission.channel()).orElseThrow(), declared(submission.applicant()),
                RecordState.NEW, null, caller.actor(), now, null, null, null, null, null, null, null, 0);
        records.insert(record, RecordAccess.hash(secret));
        DocumentKind kind = record.channel() == Channel.ONLINE ? DocumentKind.APPLICATION : DocumentKind.SCAN;
        for (CheckedDocument document : checked) {
            documents.store(code, document, kind, null, caller.actor());
        }
        states.started(record, caller.actor(), "submitted through channel " + record.channel().code());
        events.publishEvent(new RecordSubmitted(record, secret));
        Map<String, Object> variables = new HashMap<>(submission.formData() == null ? Map.of() : submission.formData());
        variables.putAll(processVariables(record));
        declaredForRegistry(valid.intake(), record.applicant().name(), variables);
        ProcessInstance instance = system.call(() -> runtimeService.createProcessInstanceByKey(procedure.processKey())
                .businessKey(code).setVariables(variables).execute());
        records.setProcessInstance(code, instance.getId());
        return new Submitted(views.of(code), secret, false);
    }

    /** The applicant as declared; a blank name is no name (the population registry gives it). */
    private static Applicant declared(Applicant a) {
        String name = a.name() == null || a.name().isBlank() ? null : a.name().strip();
        return new Applicant(a.personalId(), name, a.phone(), a.email(), a.address());
    }

    /**
     * When the population registry gives the applicant's name, the declared one is put where the
     * lookup reads the declaration ({@code <prefix>FullName}), so that it is kept beside the
     * registry's ({@code …Declared}) and a difference is listed in {@code registryMismatches}.
     */
    static void declaredForRegistry(ProcedureIntake.Intake intake, String declaredName,
            Map<String, Object> variables) {
        if (declaredName != null && !declaredName.isBlank()) {
            intake.applicantNameLookedUp().ifPresent(name -> variables.put(name, declaredName));
        }
    }

    /** A new record's code: {@code <unit>-<yyyymmdd>-<n>}, n counting the unit's records of the day. */
    static String newCode(RecordRepository records, String unit, Instant now) {
        LocalDate day = now.atZone(IssuedDocuments.VIETNAM).toLocalDate();
        return "%s-%s-%05d".formatted(unit, DAY.format(day), records.nextSequence(unit, day));
    }

    static Map<String, Object> processVariables(RecordRow record) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("unit", record.unit());
        variables.put("recordCode", record.code());
        variables.put("channel", record.channel().code());
        variables.put("applicantPersonalId", record.applicant().personalId());
        if (record.applicant().name() != null && !record.applicant().name().isBlank()) {
            variables.put("applicantName", record.applicant().name());
        }
        if (record.applicant().phone() != null) {
            variables.put("applicantPhone", record.applicant().phone());
        }
        if (record.applicant().email() != null) {
            variables.put("applicantEmail", record.applicant().email());
        }
        if (record.applicant().address() != null) {
            variables.put("applicantAddress", record.applicant().address());
        }
        return variables;
    }

    private static String requestHash(Submission s, List<CheckedDocument> checked) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(s.procedureCode()).append('|').append(s.unit()).append('|').append(s.channel()).append('|')
                .append(s.applicant()).append('|')
                .append(s.formData() == null ? "" : new TreeMap<>(s.formData()).toString());
        checked.forEach(d -> canonical.append('|').append(d.name()).append(':').append(d.sha256()));
        return DocumentStore.sha256(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
