package vn.motcua.record;

import java.time.Instant;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.deadline.Deadlines;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.security.Role;
import vn.motcua.web.Problem;

/**
 * Form 04: the unit's leader apologises for a late record and sets a new appointment date; the
 * record, a new receipt and the apology carry it, and the applicant is told. From the records API,
 * the record page and the apology task ({@link LateRecords}).
 */
@Component
class Apologies {

    /** How far an apology (form 04) may move the appointment: two years. */
    static final int MAX_APOLOGY_DAYS = 730;

    private final RecordRepository records;
    private final RecordAccess access;
    private final Deadlines deadlines;
    private final IssuedDocuments issued;
    private final LateRecords lateRecords;
    private final ApplicationEventPublisher events;
    private final RecordViews views;
    private final TransactionTemplate tx;

    Apologies(RecordRepository records, RecordAccess access, Deadlines deadlines, IssuedDocuments issued,
            LateRecords lateRecords, ApplicationEventPublisher events, RecordViews views,
            PlatformTransactionManager transactions) {
        this.records = records;
        this.access = access;
        this.deadlines = deadlines;
        this.issued = issued;
        this.lateRecords = lateRecords;
        this.events = events;
        this.views = views;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Form 04 with the new appointment given as a day, as people write it (the record page, the
     * apology's Tasklist form): the end of that office day, 17:00 in the calendar's zone.
     */
    RecordView apologiseForDay(String code, java.time.LocalDate day, String reason, Caller caller) {
        return apologise(code, day.atTime(17, 0).atZone(deadlines.calendar().zone()).toOffsetDateTime().toString(),
                reason, caller);
    }

    RecordView apologise(String code, String newAppointmentAt, String reason, Caller caller) {
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
        SubmissionRules.storable("reason", reason);
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw Problem.badRequest("reason", "the reason for the delay is required (at most 2000 characters)");
        }
        Instant appointment = newAppointment;
        return tx.execute(status -> {
            RecordRow record = access.staffOnly(code, caller, Role.LEADER);
            records.findForUpdate(code); // like a state change: the record's updates to the portal keep their order
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
            events.publishEvent(new RecordRescheduled(code, appointment, deadlines.now(), caller.actor(), updated));
            // the applicant is told by the applicant feature (it listens to RecordRescheduled)
            return views.of(code);
        });
    }
}
