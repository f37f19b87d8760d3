package vn.motcua.applicant;

import java.time.Instant;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.motcua.notice.NoticeOutbox;
import vn.motcua.payment.PaymentRequest;
import vn.motcua.payment.PaymentRequests;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.RecordRescheduled;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordState;
import vn.motcua.record.RecordStateChanged;
import vn.motcua.record.RecordSubmitted;
import vn.motcua.security.UnitDirectory;

/**
 * Tells the applicant what happened to their record (docs/applicant-messages.md): listens to the record's
 * events inside the transaction that made them and queues an e-mail (to the address they gave) and an SMS (to
 * their phone, unless they opted out) — written with the change, or not at all if it rolls back, so each is
 * sent once. The texts are {@link ApplicantTexts}'.
 */
@Component
class ApplicantMessages {

    private final ApplicantProperties properties;
    private final ApplicantTexts texts;
    private final NoticeOutbox mail;
    private final SmsOutbox sms;
    private final UnitDirectory units;
    private final PaymentRequests payments;
    private final ProcedureCatalogue catalogue;

    ApplicantMessages(ApplicantProperties properties, NoticeOutbox mail, SmsOutbox sms, UnitDirectory units,
            PaymentRequests payments, ProcedureCatalogue catalogue, Environment environment) {
        this.properties = properties;
        String tracking = properties.trackingUrl();
        this.texts = new ApplicantTexts(tracking != null && !tracking.isBlank() ? tracking
                : environment.getProperty("motcua.notices.public-url", "http://localhost:8080") + "/tra-cuu");
        this.mail = mail;
        this.sms = sms;
        this.units = units;
        this.payments = payments;
        this.catalogue = catalogue;
    }

    @EventListener
    void submitted(RecordSubmitted event) {
        RecordRow record = event.record();
        tell(record, texts.submitted(record, units.name(record.unit()), event.trackingSecret()));
    }

    @EventListener
    void stateChanged(RecordStateChanged event) {
        if (event.from() == null) {
            return; // the submission: told by submitted(), with the secret
        }
        RecordRow record = event.record();
        Optional<PaymentRequest> fee = event.to() == RecordState.FINANCIAL_OBLIGATION_REQUESTED
                ? payments.payable(record.code()) : Optional.empty();
        texts.stateChanged(event, fee, event.to() == RecordState.COMPLETED && feeOutstanding(record, event.from()))
                .ifPresent(message -> tell(record, message));
    }

    @EventListener
    void rescheduled(RecordRescheduled event) {
        tell(event.record(), texts.rescheduled(event.record()));
    }

    /** The result is issued but a fee collected at the result is still to be asked for and paid. */
    private boolean feeOutstanding(RecordRow record, RecordState from) {
        if (from == RecordState.FINANCIAL_OBLIGATION_REQUESTED) {
            return false;
        }
        long fee = catalogue.find(record.procedureCode()).map(ProcedureSummary::fee).orElse(0L);
        return fee > 0 && payments.latest(record.code()).map(request -> !"paid".equals(request.status())).orElse(true);
    }

    private void tell(RecordRow record, ApplicantMessage message) {
        if (!properties.enabled() || record.applicant() == null) {
            return;
        }
        Instant now = Instant.now();
        String email = record.applicant().email();
        // once sent, no copy of the text is kept (the record's history and documents say what it told; the
        // outbox keeps to whom, when and its subject): the secret's, and the applicant's personal data
        if (email != null && !email.isBlank()) {
            mail.enqueue(record.code(), email.strip(), message.subject(), message.email(), now, true);
        }
        String phone = record.applicant().phone();
        if (properties.sms().enabled() && phone != null && !phone.isBlank() && !sms.optedOut(record.code())) {
            sms.enqueue(record.code(), phone.strip(), message.sms(), true, now);
        }
    }
}
