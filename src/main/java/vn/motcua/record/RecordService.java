package vn.motcua.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.lookup.RegistryValues;
import vn.motcua.deadline.Colour;
import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.ApplicationForm;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.DocumentStore.CheckedDocument;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.security.Role;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitDirectory;
import vn.motcua.security.UnitRole;
import vn.motcua.web.Problem;
import vn.motcua.notice.NoticeOutbox;

/**
 * Records (hồ sơ) as applicants and the portal see them: submit, track, supplement, withdraw,
 * rate, download. Every change runs in one transaction with the engine's, so a refused request
 * stores nothing. State changes driven by the process are in {@link RecordLifecycle}.
 */
@Service
public class RecordService {

    static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
    static final String MESSAGE_SUPPLEMENTED = "RecordSupplemented";
    /** How far an apology (form 04) may move the appointment: two years. */
    static final int MAX_APOLOGY_DAYS = 730;
    static final String MESSAGE_WITHDRAWN = "RecordWithdrawn";
    static final String MESSAGE_RESUMED = "RecordResumed";

    private static final Logger log = LoggerFactory.getLogger(RecordService.class);

    private final RecordRepository records;
    private final RecordStates states;
    private final DocumentStore documents;
    private final RecordAccess access;
    private final ProcedureCatalogue catalogue;
    private final ProcedureIntake intakes;
    private final UnitDirectory units;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final IssuedDocuments issued;
    private final LateRecords lateRecords;
    private final NoticeOutbox outbox;
    private final RegistryValues registryValues;
    private final ResultSigning results;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    RecordService(RecordRepository records, RecordStates states, DocumentStore documents, RecordAccess access,
            ProcedureCatalogue catalogue, UnitDirectory units, RuntimeService runtimeService,
            HistoryService historyService, SystemAuthority system, Deadlines deadlines, IssuedDocuments issued,
            LateRecords lateRecords, NoticeOutbox outbox, PlatformTransactionManager transactions,
            RegistryValues registryValues, ResultSigning results,
            org.springframework.context.ApplicationEventPublisher events, ProcedureIntake intakes) {
        this.records = records;
        this.states = states;
        this.documents = documents;
        this.access = access;
        this.catalogue = catalogue;
        this.intakes = intakes;
        this.units = units;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.system = system;
        this.deadlines = deadlines;
        this.issued = issued;
        this.lateRecords = lateRecords;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
        this.registryValues = registryValues;
        this.results = results;
        this.events = events;
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
        Checked valid = validate(submission, caller);
        List<CheckedDocument> checked = documents.check(incoming);
        String client = caller.actor();
        String requestHash = requestHash(submission, checked);
        storable("Idempotency-Key", idempotencyKey);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw Problem.badRequest("Idempotency-Key", "the Idempotency-Key header must have 1 to 255 characters");
        }
        try {
            return tx.execute(status -> {
                if (idempotencyKey != null) {
                    var earlier = records.recordForIdempotencyKey(client, idempotencyKey, requestHash);
                    if (earlier.isPresent()) {
                        return new Submitted(view(records.find(earlier.get()).orElseThrow()), null, true);
                    }
                }
                return create(submission, valid, checked, caller, client, idempotencyKey, requestHash);
            });
        } catch (DuplicateKeyException concurrentRetry) {
            // The same Idempotency-Key was being submitted at the same moment; that one won.
            String code = tx.execute(status -> records.recordForIdempotencyKey(client, idempotencyKey, requestHash)
                    .orElseThrow(() -> concurrentRetry));
            return new Submitted(view(records.find(code).orElseThrow()), null, true);
        }
    }

    private Submitted create(Submission submission, Checked valid, List<CheckedDocument> checked,
            Caller caller, String client, String idempotencyKey, String requestHash) {
        ProcedureSummary procedure = valid.procedure();
        Instant now = Instant.now();
        String code = newCode(submission.unit(), now);
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
        Map<String, Object> variables = new HashMap<>(submission.formData() == null ? Map.of() : submission.formData());
        variables.putAll(processVariables(record));
        declaredForRegistry(valid.intake(), record.applicant().name(), variables);
        ProcessInstance instance = system.call(() -> runtimeService.createProcessInstanceByKey(procedure.processKey())
                .businessKey(code).setVariables(variables).execute());
        records.setProcessInstance(code, instance.getId());
        return new Submitted(view(records.find(code).orElseThrow()), secret, false);
    }

    /**
     * A process started without the API (a clerk in Tasklist): the record is made from the start
     * form's variables, channel 1 (in person), and becomes the business key. A user starts records
     * only at their own unit, as its clerk, or as the portal (any unit that receives the procedure);
     * the product's own start (the records API) brings its record, already checked.
     *
     * @param starter the user starting the process; null when the product starts it
     */
    void processStarted(DelegateExecution execution, String processKey, Map<String, String> procedure,
            org.camunda.bpm.engine.impl.identity.Authentication starter) {
        String actor = starter == null || starter.getUserId() == null ? "system" : starter.getUserId();
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey != null) {
            var existing = records.find(businessKey);
            if (existing.isPresent()) {
                String linked = existing.get().processInstanceId();
                if (execution.getProcessInstanceId().equals(linked)) {
                    return; // this process's record already (the start is announced more than once)
                }
                if (starter == null && linked == null) {
                    records.setProcessInstance(businessKey, execution.getProcessInstanceId()); // the records API's
                    return;
                }
                // one record, one process: never a second instance on a record's code
                throw new StartRefused("'businessKey': record " + businessKey + " exists; a record's code is given by "
                        + "the product when the record starts");
            }
        }
        Object unit = execution.getVariable("unit");
        if (procedure.get("procedure.code") == null) {
            log.warn("Process {} is no procedure (no procedure.code): not tracked as a record",
                    execution.getProcessInstanceId());
            return;
        }
        if (businessKey != null) {
            // the engine's guard refuses a user's business key; whatever else brings one gets the record code
            log.warn("Process {} of {} was started with the business key '{}'; the record code replaces it",
                    execution.getProcessInstanceId(), processKey, businessKey);
        }
        if (!(unit instanceof String unitId) || unitId.isBlank()) {
            throw new StartRefused("The variable 'unit' (the receiving unit, e.g. "
                    + "commune-a) is required to start a record of " + procedure.get("procedure.code"));
        }
        if (!units.exists(unitId)) {
            throw new StartRefused("The variable 'unit' names no unit: '" + unitId + "'");
        }
        try { // the started model's own competence, whichever version it is
            requireCompetent(ProcedureSummary.of(null, 0, null, null, procedure).withCompetentUnits(units), unitId);
        } catch (Problem notCompetent) { // refused: engine-rest and Tasklist say why (400)
            throw new StartRefused(notCompetent.getMessage());
        }
        if (starter != null && !mayStartAt(starter, unitId)) {
            throw StartRefused.forbidden("The variable 'unit' is '" + unitId + "': only a clerk of " + unitId
                    + " (group " + new UnitRole(unitId, Role.CLERK).groupId() + ") or the portal may start its records; "
                    + actor + " is neither");
        }
        Instant now = Instant.now();
        String code = newCode(unitId, now);
        String declaredName = text(execution.getVariable("applicantName")).strip();
        Applicant applicant = new Applicant(text(execution.getVariable("applicantPersonalId")),
                declaredName.isEmpty() ? null : declaredName, text(execution.getVariable("applicantPhone")),
                text(execution.getVariable("applicantEmail")), text(execution.getVariable("applicantAddress")));
        RecordRow record = new RecordRow(code, procedure.get("procedure.code"),
                procedure.getOrDefault("procedure.name", procedure.get("procedure.code")),
                processKey, execution.getProcessInstanceId(), unitId,
                Channel.IN_PERSON, applicant, RecordState.NEW, null, actor, now, null, null, null, null, null, null, null, 0);
        records.insert(record, RecordAccess.hash(RecordAccess.newSecret()));
        states.started(record, actor, "opened at the counter in Tasklist");
        execution.setProcessBusinessKey(code);
        if (applicant.name() == null && execution.hasVariable("applicantName")) {
            execution.removeVariable("applicantName"); // nothing declared: the name is not "" but unknown
        }
        Map<String, Object> variables = processVariables(record);
        declaredForRegistry(intakes.ofDefinition(execution.getProcessDefinitionId()), applicant.name(), variables);
        execution.setVariables(variables);
    }

    /** A clerk of the unit (by the groups the engine knows the user by), or the portal. */
    private static boolean mayStartAt(org.camunda.bpm.engine.impl.identity.Authentication starter, String unit) {
        List<String> groups = starter.getGroupIds() == null ? List.of() : starter.getGroupIds();
        return groups.contains(new UnitRole(unit, Role.CLERK).groupId())
                || groups.contains(vn.motcua.security.SystemGroups.PORTAL_CLIENTS);
    }

    public RecordView find(String code, Caller caller) {
        return tx.execute(status -> view(access.readable(code, caller)));
    }

    /** Paper documents received at the counter, scanned (digitised) by the unit's clerk. */
    public RecordView addScans(String code, List<IncomingDocument> incoming, Caller caller) {
        List<CheckedDocument> checked = documents.check(requireDocuments(incoming));
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.CLERK);
            requireOpen(record);
            checked.forEach(d -> documents.store(code, d, DocumentKind.SCAN, record.currentStep(), caller.actor()));
            return view(record);
        });
    }

    public RecordView supplement(String code, List<IncomingDocument> incoming, Caller caller) {
        List<CheckedDocument> checked = documents.check(requireDocuments(incoming));
        return retryingConflicts(status -> {
            RecordRow record = locked(access.actionable(code, caller));
            requireState(record, "supplement", RecordState.SUPPLEMENT_REQUESTED);
            checked.forEach(d -> documents.store(code, d, DocumentKind.SUPPLEMENT, "reception", caller.actor()));
            // 5 → 1 is the applicant's doing (through the portal or with the secret), not the engine's
            states.change(code, RecordState.NEW, "reception", caller.actor(), "supplemented; back at reception");
            correlate(MESSAGE_SUPPLEMENTED, code);
            return view(records.find(code).orElseThrow());
        });
    }

    public RecordView withdraw(String code, String reason, Caller caller) {
        storable("reason", reason);
        return retryingConflicts(status -> {
            // Locked before its state is read: of two withdrawals at once the second sees the first's (409).
            RecordRow record = locked(access.actionable(code, caller));
            if (record.state().isFinal() || record.state() == RecordState.COMPLETED) {
                throw Problem.conflict("state", "record " + code + " is in state "
                        + record.state().code() + " (" + record.state().nameEn() + ") and can no longer be withdrawn");
            }
            states.change(code, RecordState.WITHDRAWN, record.currentStep(), caller.actor(),
                    reason == null || reason.isBlank() ? "withdrawn by the applicant" : reason);
            if (record.processInstanceId() != null) {
                endProcess(record);
            }
            return view(records.find(code).orElseThrow());
        });
    }

    /**
     * The leader signs the drafted result: with the PIN of their signing credential, or by
     * uploading the draft signed with their own tool. Only a leader of the record's unit.
     */
    public RecordView sign(String code, String pin, IncomingDocument signedPdf, Caller caller) {
        if (signedPdf != null) {
            documents.requireSoundPdf(signedPdf, "file");
        }
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.LEADER);
            if (record.state() != RecordState.IN_PROCESSING) {
                throw Problem.conflict("state", "record " + code + " is in state " + record.state().code()
                        + " (" + record.state().nameEn() + "); its result is signed while in processing");
            }
            try {
                if (signedPdf != null) {
                    results.signByUpload(record, caller.userId(), signedPdf.content());
                } else if (pin != null && !pin.isBlank()) {
                    results.signWithPin(record, caller.userId(), pin.strip());
                } else {
                    throw Problem.badRequest("pin", "give your signing PIN, or upload the signed PDF as 'file'");
                }
            } catch (vn.motcua.signature.SignatureException e) {
                String field = signedPdf != null ? "file" : "pin";
                if (e.reason() == vn.motcua.signature.SignatureException.Reason.CREDENTIAL_LOCKED) {
                    throw Problem.tooManyRequests(field, e.getMessage(), e.retryAfter());
                }
                throw Problem.badRequest(field, e.getMessage());
            }
            return view(records.find(code).orElseThrow());
        });
    }

    /** Appraisal goes on after processing was stopped (form 05). */
    public RecordView resume(String code, Caller caller) {
        return retryingConflicts(status -> {
            RecordRow record = locked(access.staffOnly(code, caller, Role.SPECIALIST, Role.LEADER));
            requireState(record, "resume", RecordState.PROCESSING_STOPPED);
            correlate(MESSAGE_RESUMED, code);
            return view(records.find(code).orElseThrow());
        });
    }

    /**
     * Form 04: the unit's leader apologises for a late record and sets a new appointment date; the
     * record, a new receipt and the apology carry it.
     */
    /**
     * Form 04 with the new appointment given as a day, as people write it (the record page, the
     * apology's Tasklist form): the end of that office day, 17:00 in the calendar's zone.
     */
    RecordView apologiseForDay(String code, java.time.LocalDate day, String reason, Caller caller) {
        return apologise(code, day.atTime(17, 0).atZone(deadlines.calendar().zone()).toOffsetDateTime().toString(),
                reason, caller);
    }

    public RecordView apologise(String code, String newAppointmentAt, String reason, Caller caller) {
        Instant newAppointment;
        try {
            newAppointment = newAppointmentAt == null ? null : java.time.OffsetDateTime.parse(newAppointmentAt).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            newAppointment = null;
        }
        if (newAppointment == null) {
            throw Problem.badRequest("newAppointmentAt",
                    "newAppointmentAt must be a date and time with its offset, e.g. 2026-12-01T10:00:00+07:00");
        }
        // A date the database and the forms can hold, and a delay an apology can promise (not year +999999999).
        if (newAppointment.isAfter(deadlines.now().plus(java.time.Duration.ofDays(MAX_APOLOGY_DAYS)))) {
            throw Problem.badRequest("newAppointmentAt", "the new appointment date " + newAppointmentAt
                    + " is too far away: at most " + MAX_APOLOGY_DAYS + " days from now");
        }
        storable("reason", reason);
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw Problem.badRequest("reason", "the reason for the delay is required (at most 2000 characters)");
        }
        Instant appointment = newAppointment;
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.LEADER);
            if (record.state() != RecordState.ACCEPTED && record.state() != RecordState.IN_PROCESSING) {
                throw Problem.conflict("state", "record " + code + " is in state " + record.state().code()
                        + " (" + record.state().nameEn() + "); an apology is for records being processed");
            }
            if (!appointment.isAfter(deadlines.now())
                    || (record.appointmentAt() != null && !appointment.isAfter(record.appointmentAt()))) {
                throw Problem.badRequest("newAppointmentAt", "the new appointment date must be later than "
                        + "now and than the present one (" + (record.appointmentAt() == null ? "none"
                                : java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                                        .format(record.appointmentAt().atZone(IssuedDocuments.VIETNAM))) + ")");
            }
            records.setAppointment(code, appointment);
            RecordRow updated = records.find(code).orElseThrow();
            issued.issue(updated, LegalForm.APOLOGY, DocumentKind.APOLOGY, reason,
                    record.appointmentAt() == null ? Map.of()
                            : Map.of("previousAppointmentAt", record.appointmentAt().toString()),
                    record.currentStep(), caller.actor());
            issued.issue(updated, LegalForm.RECEIPT, DocumentKind.RECEIPT, null, Map.of(), record.currentStep(),
                    caller.actor());
            records.addStateChange(code, record.state(), record.state(), record.currentStep(), caller.actor(),
                    "apology issued (form 04); new appointment " + appointment + ": " + reason, deadlines.now());
            lateRecords.apologyIssued(code);
            events.publishEvent(new RecordRescheduled(code, appointment, deadlines.now()));
            if (record.applicant().email() != null && !record.applicant().email().isBlank()) {
                outbox.enqueue(code, record.applicant().email(),
                        "Hồ sơ " + code + ": hẹn lại ngày trả kết quả / New appointment date",
                        "Kính gửi " + record.applicant().name() + ",\n\nHồ sơ " + code + " (" + record.procedureName()
                                + ") chưa giải quyết được đúng hẹn. Chúng tôi xin lỗi và hẹn trả kết quả vào "
                                + appointment.atZone(IssuedDocuments.VIETNAM).toLocalDateTime() + ". Lý do: " + reason
                                + "\n\nYour record " + code + " is late; we apologise. New appointment: "
                                + appointment.atZone(IssuedDocuments.VIETNAM).toLocalDateTime()
                                + " (Vietnam time). The apology (form 04) is among the record's documents.",
                        deadlines.now());
            }
            return view(records.find(code).orElseThrow());
        });
    }

    public RecordView rate(String code, Integer score, String comment, Caller caller) {
        if (score == null || score < 1 || score > 5) {
            throw Problem.badRequest("score", "the rating must be a whole number from 1 to 5");
        }
        storable("comment", comment);
        if (comment != null && comment.length() > 1000) {
            throw Problem.badRequest("comment", "the comment may have at most 1000 characters");
        }
        return tx.execute(status -> {
            RecordRow record = access.actionable(code, caller);
            requireState(record, "rate", RecordState.RESULT_RETURNED);
            Instant now = Instant.now();
            if (!records.rate(code, score, comment, now)) {
                throw Problem.conflict("score", "record " + code + " has been rated already");
            }
            events.publishEvent(new RecordRated(code, score, now));
            return view(records.find(code).orElseThrow());
        });
    }

    /** The electronic result (state 9 or 10). */
    public Download result(String code, Caller caller) {
        return tx.execute(status -> {
            RecordRow record = access.readable(code, caller);
            StoredDocument result = documents.list(code).stream().filter(d -> d.kind() == DocumentKind.RESULT)
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> Problem.conflict("state", "record " + code + " is in state "
                            + record.state().code() + " (" + record.state().nameEn() + "); it has no result yet"));
            return new Download(result, documents.content(code, result.id()).orElseThrow());
        });
    }

    public Download document(String code, String documentId, Caller caller) {
        return tx.execute(status -> {
            access.readable(code, caller);
            StoredDocument document = documents.list(code).stream().filter(d -> d.id().equals(documentId))
                    .findFirst()
                    .orElseThrow(() -> Problem.notFound("record " + code + " has no document " + documentId));
            return new Download(document, documents.content(code, documentId).orElseThrow());
        });
    }

    /**
     * A signature's full validation report (EU DSS simple report, XML), made again from the signed PDF:
     * reports are not stored (issue #16). Same access as the record's documents.
     */
    public String signatureReport(String code, String signatureId, Caller caller) {
        tx.execute(status -> {
            access.readable(code, caller);
            return null;
        });
        return results.report(code, signatureId).orElseThrow(() -> Problem.notFound("record " + code
                + " has no signature " + signatureId + " whose signed document is kept"));
    }

    /**
     * The record as it stands, with its documents' descriptions (no bytes), read in the caller's
     * transaction and without the access rules of the API: for features that keep figures of their
     * own (monitoring) and decide themselves who sees them.
     */
    public Optional<Snapshot> snapshot(String code) {
        return tx.execute(status -> records.find(code).map(record -> new Snapshot(record, documents.list(code))));
    }

    /** A record row and its documents' descriptions. */
    public record Snapshot(RecordRow record, List<StoredDocument> documents) {
    }

    /** A document's description and bytes. */
    public record Download(StoredDocument document, byte[] content) {
    }

    /** A submission that passed the checks: its procedure and what the procedure asks at intake. */
    private record Checked(ProcedureSummary procedure, ProcedureIntake.Intake intake) {
    }

    private Checked validate(Submission s, Caller caller) {
        if (s == null) {
            throw Problem.badRequest("record", "the 'record' part (JSON) is missing");
        }
        if (s.procedureCode() == null || s.procedureCode().isBlank()) {
            throw Problem.badRequest("procedureCode", "procedureCode is required");
        }
        ProcedureSummary procedure = catalogue.find(s.procedureCode()).orElseThrow(() -> Problem.badRequest(
                "procedureCode", "unknown procedure '" + s.procedureCode() + "' (see GET /api/procedures)"));
        if (s.unit() == null || !units.exists(s.unit())) {
            throw Problem.badRequest("unit", "unknown receiving unit '" + s.unit() + "'");
        }
        requireCompetent(procedure, s.unit());
        if (s.channel() == null || Channel.ofCode(s.channel()).isEmpty()) {
            throw Problem.badRequest("channel", "channel must be 1 (in person), 2 (online) or 3 (postal)");
        }
        Applicant a = s.applicant();
        if (a == null) {
            throw Problem.badRequest("applicant", "applicant is required");
        }
        storable("applicant.personalId", a.personalId());
        storable("applicant.name", a.name());
        storable("applicant.phone", a.phone());
        storable("applicant.email", a.email());
        storable("applicant.address", a.address());
        if (a.personalId() == null || !PERSONAL_ID.matcher(a.personalId()).matches()) {
            throw Problem.badRequest("applicant.personalId",
                    "the personal ID number must have exactly 12 digits, was '" + a.personalId() + "'");
        }
        ProcedureIntake.Intake intake = intakes.of(procedure);
        boolean nameFromRegistry = intake.applicantNameLookedUp().isPresent();
        if ((a.name() == null || a.name().isBlank()) && !nameFromRegistry) {
            throw Problem.badRequest("applicant.name", "the applicant's name is required (this procedure "
                    + "does not look the applicant up in the population registry)");
        }
        if (a.name() != null && a.name().length() > 255) {
            throw Problem.badRequest("applicant.name", "the applicant's name has at most 255 characters");
        }
        if (a.email() != null && !a.email().isBlank() && !a.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Problem.badRequest("applicant.email", "not an e-mail address: '" + a.email() + "'");
        }
        if (a.phone() != null && !a.phone().isBlank() && !a.phone().matches("\\+?[0-9 ]{8,15}")) {
            throw Problem.badRequest("applicant.phone", "not a phone number: '" + a.phone() + "'");
        }
        if (s.formData() != null) {
            if (s.formData().size() > 200) {
                throw Problem.badRequest("formData", "at most 200 form fields");
            }
            s.formData().forEach((name, value) -> {
                if (!VARIABLE_NAME.matcher(name).matches() || processVariableNames().contains(name)) {
                    throw Problem.badRequest("formData." + name, "'" + name
                            + "' is not a usable field name (letters, digits, _; not one of " + processVariableNames() + ")");
                }
                if (APPLICANT_FIELDS.containsKey(name)) {
                    throw Problem.badRequest("formData." + name, "'" + name + "' is given as "
                            + APPLICANT_FIELDS.get(name) + ", not in formData");
                }
                if (vn.motcua.procedure.SystemVariables.isSystemOwned(name)) {
                    // the result's title, signer, number …: the system's, never the applicant's
                    throw Problem.badRequest("formData." + name, "'" + name
                            + "' is set by the system, not by the applicant");
                }
                if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw Problem.badRequest("formData." + name, "form fields hold text, numbers or true/false");
                }
                if (value instanceof String text) {
                    storable("formData." + name, text);
                }
            });
        }
        if (caller.userId() != null && !caller.isPortal()
                && !units.isMember(caller.userId(), s.unit(), Role.CLERK)) {
            throw Problem.forbidden(null, "only the portal or a clerk of unit " + s.unit()
                    + " may submit records to it");
        }
        intake.form().ifPresent(form -> checkAgainstForm(form, s, nameFromRegistry));
        return new Checked(procedure, intake);
    }

    /**
     * Refuses a text with control characters other than tab and line breaks: PostgreSQL cannot store
     * NUL (U+0000) at all, and the others only disguise what a text says on the forms.
     */
    static void storable(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw Problem.badRequest(field, field + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1) + "; remove it");
            }
        }
    }

    /** The process variables the applicant part of a submission becomes, with its field in the API. */
    static final Map<String, String> APPLICANT_FIELDS = Map.of("applicantPersonalId", "applicant.personalId",
            "applicantName", "applicant.name", "applicantPhone", "applicant.phone", "applicantEmail", "applicant.email",
            "applicantAddress", "applicant.address");

    /**
     * The submission against the procedure's application form, as Tasklist checks the same form:
     * {@code formData} holds only the form's fields, the applicant's fields the form has are checked
     * by its rules too; the receiving unit is checked by the directory, not by the form's options.
     * The first problem is answered (400 naming the field); the others are listed in its detail.
     */
    private void checkAgainstForm(ApplicationForm form, Submission s, boolean nameFromRegistry) {
        Map<String, Object> values = new HashMap<>(s.formData() == null ? Map.of() : s.formData());
        Applicant a = s.applicant();
        Map<String, Object> applicant = new HashMap<>();
        applicant.put("applicantPersonalId", a.personalId());
        applicant.put("applicantName", a.name());
        applicant.put("applicantPhone", a.phone());
        applicant.put("applicantEmail", a.email());
        applicant.put("applicantAddress", a.address());
        applicant.forEach((name, value) -> {
            if (form.fields().containsKey(name) && value != null) {
                values.put(name, value);
            }
        });
        java.util.Set<String> notRequired = new java.util.HashSet<>(processVariableNames());
        if (nameFromRegistry) {
            notRequired.add("applicantName");
        }
        List<ApplicationForm.Problem> problems = form.check(values, notRequired, units::exists).stream()
                .filter(problem -> !processVariableNames().contains(problem.key())).toList();
        if (!problems.isEmpty()) {
            ApplicationForm.Problem first = problems.get(0);
            String others = problems.size() == 1 ? "" : " (also: " + problems.stream().skip(1)
                    .map(p -> apiField(p.key())).collect(java.util.stream.Collectors.joining(", ")) + ")";
            throw Problem.badRequest(apiField(first.key()), first.message() + others);
        }
    }

    /** The applicant as declared; a blank name is no name (the population registry gives it). */
    private static Applicant declared(Applicant a) {
        String name = a.name() == null || a.name().isBlank() ? null : a.name().strip();
        return new Applicant(a.personalId(), name, a.phone(), a.email(), a.address());
    }

    private static String apiField(String variable) {
        return APPLICANT_FIELDS.getOrDefault(variable, "formData." + variable);
    }

    /**
     * When the population registry gives the applicant's name, the declared one is put where the
     * lookup reads the declaration ({@code <prefix>FullName}), so that it is kept beside the
     * registry's ({@code …Declared}) and a difference is listed in {@code registryMismatches}.
     */
    private static void declaredForRegistry(ProcedureIntake.Intake intake, String declaredName,
            Map<String, Object> variables) {
        if (declaredName != null && !declaredName.isBlank()) {
            intake.applicantNameLookedUp().ifPresent(name -> variables.put(name, declaredName));
        }
    }

    /** The unit receives the procedure's records: of its level, and the unit or kind the model names (if any). */
    private static void requireCompetent(ProcedureSummary procedure, String unit) {
        if (procedure != null && !procedure.isCompetent(unit)) {
            throw Problem.badRequest("unit", "unit '" + unit + "' does not receive procedure "
                    + procedure.code() + " (" + procedure.name() + "); it is received by " + procedure.competence());
        }
    }

    private String newCode(String unit, Instant now) {
        LocalDate day = now.atZone(IssuedDocuments.VIETNAM).toLocalDate();
        return "%s-%s-%05d".formatted(unit, DAY.format(day), records.nextSequence(unit, day));
    }

    /**
     * Runs the work in a transaction, again when the engine reports a concurrent change: one of the
     * record's jobs (a lookup, a timer) may have moved its process at the same moment. After three
     * tries the caller gets 409 and may try again.
     */
    /** The record again, its row locked until the transaction ends: concurrent changes of it queue up. */
    private RecordRow locked(RecordRow record) {
        return records.findForUpdate(record.code()).orElseThrow(() -> Problem.notFound(
                "no record " + record.code()));
    }

    private <T> T retryingConflicts(org.springframework.transaction.support.TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
                if (attempt == 3) {
                    throw Problem.conflict("state", "the record is being processed at this moment; "
                            + "try again in a few seconds");
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void correlate(String message, String code) {
        system.run(() -> runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(code)
                .correlateWithResult());
    }

    /** Models have a withdrawal event subprocess; one that lacks it has its instance cancelled. */
    private void endProcess(RecordRow record) {
        system.run(() -> {
            try {
                runtimeService.createMessageCorrelation(MESSAGE_WITHDRAWN).processInstanceBusinessKey(record.code())
                        .correlateWithResult();
            } catch (MismatchingMessageCorrelationException noWithdrawalEvent) {
                runtimeService.deleteProcessInstance(record.processInstanceId(), "withdrawn by the applicant");
            }
        });
    }

    private static Map<String, Object> processVariables(RecordRow record) {
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

    private static List<String> processVariableNames() {
        return List.of("unit", "recordCode", "channel");
    }

    private static void requireState(RecordRow record, String action, RecordState expected) {
        if (record.state() != expected) {
            throw Problem.conflict("state", "cannot " + action + " record " + record.code() + " in state "
                    + record.state().code() + " (" + record.state().nameEn() + "); it must be in state "
                    + expected.code() + " (" + expected.nameEn() + ")");
        }
    }

    private static void requireOpen(RecordRow record) {
        if (record.state().isFinal()) {
            throw Problem.conflict("state", "record " + record.code() + " is closed (state "
                    + record.state().code() + ")");
        }
    }

    private static List<IncomingDocument> requireDocuments(List<IncomingDocument> incoming) {
        if (incoming == null || incoming.isEmpty()) {
            throw Problem.badRequest("documents", "at least one document is required");
        }
        return incoming;
    }

    private static String requestHash(Submission s, List<CheckedDocument> checked) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(s.procedureCode()).append('|').append(s.unit()).append('|').append(s.channel()).append('|')
                .append(s.applicant()).append('|')
                .append(s.formData() == null ? "" : new TreeMap<>(s.formData()).toString());
        checked.forEach(d -> canonical.append('|').append(d.name()).append(':').append(d.sha256()));
        return DocumentStore.sha256(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
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
                results.of(record.code()).stream().map(sig -> new RecordView.Signature(sig.id(), sig.kind(),
                        sig.signer(), sig.signerName(), sig.signedAt(), sig.indication(), sig.subIndication(),
                        sig.valid(), sig.documentNumber(),
                        "/api/records/" + record.code() + "/signatures/" + sig.id() + "/report")).toList());
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
