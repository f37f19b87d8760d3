package vn.motcua.payment;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import vn.motcua.deadline.StatutoryClock;
import vn.motcua.security.SystemAuthority;
import vn.motcua.web.Problem;

/**
 * The national payment platform's callback (IPN): it says a request was paid, or that a payment failed.
 * Only the platform can sign it; a forged one (wrong signature), a stale one (sent longer ago than
 * {@code motcua.payment.callback-max-age}: a replay) is refused before anything is read. A signed one is
 * handled in one transaction with the request's row locked: the same transaction again is a duplicate and
 * changes nothing; a payment of a request that expired, of another amount or of a request already paid by
 * another transaction is refused and kept for the reconciliation; a payment that fits marks the request paid
 * and correlates {@code RecordPaid}, so that the model's next step issues the receipt in the same
 * transaction. What was made of every signed callback is kept in {@code payment_callback}.
 */
@Service
class PaymentCallbacks {

    private static final Logger log = LoggerFactory.getLogger(PaymentCallbacks.class);
    static final String MESSAGE_PAID = "RecordPaid";
    /** A callback dated this far in the future is refused: the platform's clock and ours agree better than that. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** A callback as the platform sends it (JSON). */
    record Callback(String merchant, String reference, String transactionId, Long amount, String status,
            String paidAt, String sentAt, String signature) {
    }

    /** What the product made of a callback: the HTTP status to answer, and a word and a sentence for the platform. */
    record Outcome(int httpStatus, String outcome, String message) {
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("outcome", outcome);
            body.put("message", message);
            return body;
        }
    }

    private final PaymentProperties properties;
    private final PaymentRequests requests;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RuntimeService runtime;
    private final SystemAuthority system;
    private final StatutoryClock clock;
    private final MeterRegistry meters;

    PaymentCallbacks(PaymentProperties properties, PaymentRequests requests, JdbcClient jdbc,
            PlatformTransactionManager transactions, RuntimeService runtime, SystemAuthority system,
            StatutoryClock clock, MeterRegistry meters) {
        this.properties = properties;
        this.requests = requests;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.runtime = runtime;
        this.system = system;
        this.clock = clock;
        this.meters = meters;
    }

    Outcome receive(Callback callback) {
        requireFields(callback);
        if (!properties.configured()) {
            throw Problem.conflict("payment", "the national payment platform is not configured here");
        }
        String expected = PaymentSignatures.callback(properties.secret(), callback.merchant(), callback.reference(),
                callback.transactionId(), callback.amount(), callback.status(), callback.paidAt(), callback.sentAt());
        if (!properties.merchant().equals(callback.merchant()) || !PaymentSignatures.matches(expected, callback.signature())) {
            count("forged");
            log.warn("payment callback for reference {} refused: its signature is not the platform's", callback.reference());
            throw Problem.unauthorized("the callback's signature does not verify with the platform's key");
        }
        Instant sentAt = time("sentAt", callback.sentAt());
        Instant paidAt = "paid".equals(callback.status()) ? time("paidAt", callback.paidAt()) : null;
        // the wall clock, not the statutory one (a demo may run that fast): how long the message travelled
        Instant now = Instant.now();
        if (sentAt.isBefore(now.minus(properties.callbackMaxAge())) || sentAt.isAfter(now.plus(CLOCK_SKEW))) {
            count("stale");
            log.warn("payment callback for reference {} refused: sent at {}, outside {} of now (a replay?)",
                    callback.reference(), sentAt, properties.callbackMaxAge());
            return new Outcome(409, "stale", "the callback was sent at " + sentAt + ", longer ago than "
                    + properties.callbackMaxAge() + " (or in the future): refused as a replay");
        }
        try {
            Outcome outcome = tx.execute(status -> handle(callback, sentAt, paidAt, clock.now()));
            count(outcome.outcome());
            return outcome;
        } catch (MismatchingMessageCorrelationException notWaiting) {
            count("not-waiting");
            return new Outcome(409, "not-waiting", "record of reference " + callback.reference()
                    + " is not waiting for a payment now; nothing was recorded");
        }
    }

    private Outcome handle(Callback callback, Instant sentAt, Instant paidAt, Instant now) {
        PaymentRequest request = requests.lock(callback.reference()).orElse(null);
        Outcome outcome = decide(callback, request);
        if (outcome.outcome().equals("confirmed")) {
            requests.markPaid(request.reference(), callback.transactionId(), paidAt);
            system.run(() -> runtime.createMessageCorrelation(MESSAGE_PAID)
                    .processInstanceId(request.processInstanceId()).correlateWithResult());
        }
        jdbc.sql("""
                insert into payment_callback (record_code, reference, transaction_id, status, amount, paid_at, sent_at,
                                              received_at, outcome, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(request == null ? null : request.recordCode(), callback.reference(), callback.transactionId(),
                        callback.status(), callback.amount(), paidAt == null ? null : Timestamp.from(paidAt),
                        Timestamp.from(sentAt), Timestamp.from(now), outcome.outcome(), outcome.message())
                .update();
        return outcome;
    }

    /** What a signed callback means for the request (read under its lock). */
    private static Outcome decide(Callback callback, PaymentRequest request) {
        if (request == null) {
            return new Outcome(404, "unknown-reference", "no payment request " + callback.reference());
        }
        if (callback.transactionId().equals(request.transactionId())) {
            return new Outcome(200, "duplicate", "transaction " + callback.transactionId() + " was recorded already");
        }
        if (!"paid".equals(callback.status())) {
            return new Outcome(200, "failed", "payment failed; request " + request.reference() + " stays payable until "
                    + request.expiresAt());
        }
        if (request.isPaid()) {
            return new Outcome(409, "already-paid", "request " + request.reference() + " was paid by transaction "
                    + request.transactionId() + "; this second payment must be refunded");
        }
        if (!request.isRequested()) {
            return new Outcome(409, "expired", "request " + request.reference() + " expired at " + request.expiresAt()
                    + "; this payment must be refunded");
        }
        if (callback.amount() != request.amount()) {
            return new Outcome(409, "amount-mismatch", "request " + request.reference() + " is for " + request.amount()
                    + " VND, the callback says " + callback.amount());
        }
        return new Outcome(200, "confirmed", "payment of request " + request.reference() + " recorded");
    }

    private static void requireFields(Callback callback) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("merchant", callback.merchant());
        fields.put("reference", callback.reference());
        fields.put("transactionId", callback.transactionId());
        fields.put("amount", callback.amount());
        fields.put("status", callback.status());
        fields.put("sentAt", callback.sentAt());
        fields.put("signature", callback.signature());
        fields.forEach((name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw Problem.badRequest(name, "the callback has no " + name);
            }
        });
        if (!"paid".equals(callback.status()) && !"failed".equals(callback.status())) {
            throw Problem.badRequest("status", "status must be paid or failed, not '" + callback.status() + "'");
        }
        if ("paid".equals(callback.status()) && (callback.paidAt() == null || callback.paidAt().isBlank())) {
            throw Problem.badRequest("paidAt", "a paid callback says when it was paid (paidAt)");
        }
    }

    private static Instant time(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(field, field + " is not an ISO-8601 instant: '" + value + "'");
        }
    }

    private void count(String outcome) {
        meters.counter("motcua.payment.callbacks", "outcome", outcome).increment();
    }
}
