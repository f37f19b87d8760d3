package vn.motcua.payment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import vn.motcua.deadline.StatutoryClock;
import vn.motcua.record.RecordPayments;
import vn.motcua.record.RecordPayments.FeeDocument;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordState;

/**
 * A record's fee, from the request to the receipt (docs/payments.md). The model's payment step asks for it
 * ({@link #request}: state 6, the clock paused, the payment request issued with its link and VietQR code);
 * the platform's callback confirms it ({@link PaymentCallbacks}); the step after the payment issues the
 * receipt and resumes the record ({@link #settle}); an unpaid request expires ({@link #expire}). Every
 * change locks the request's row, so a callback and the expiry timer never both win.
 */
@Service
public class PaymentRequests {

    static final String STEP = "payment";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] REFERENCE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final JdbcClient jdbc;
    private final PaymentProperties properties;
    private final RecordPayments records;
    private final StatutoryClock clock;
    private final String defaultCallbackUrl;

    PaymentRequests(JdbcClient jdbc, PaymentProperties properties, RecordPayments records, StatutoryClock clock,
            org.springframework.core.env.Environment environment) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.records = records;
        this.clock = clock;
        this.defaultCallbackUrl = environment.getProperty("motcua.notices.public-url", "http://localhost:8080")
                + "/api/payments/callback";
    }

    /**
     * The model's payment step: a request for {@code amount} VND, the record in state 6 (clock paused), the
     * payment request (document) issued. A request still payable is answered again (the step retried).
     */
    PaymentRequest request(String code, String processInstanceId, long amount, String dueAt, String actor) {
        if (!properties.configured()) {
            throw new IllegalStateException("the national payment platform is not configured (motcua.payment."
                    + "platform-url, merchant, secret): record " + code + " cannot be asked for its fee");
        }
        if (amount <= 0) {
            throw new IllegalStateException("record " + code + ": a fee of " + amount + " VND cannot be requested");
        }
        RecordRow record = records.openForUpdate(code);
        Optional<PaymentRequest> open = payable(code);
        if (open.isPresent()) {
            return open.get();
        }
        // after an expired request the record is still in 6: it goes back where it was before the first
        int resumeState = record.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED
                ? latest(code).map(PaymentRequest::resumeState).orElse(RecordState.IN_PROCESSING.code())
                : record.state().code();
        Instant now = clock.now();
        PaymentRequest request = new PaymentRequest(newReference(), code, processInstanceId, amount, dueAt,
                PaymentRequest.REQUESTED, resumeState, now, now.plus(properties.expiresAfter()), null, null, null);
        jdbc.sql("""
                insert into payment_request (reference, record_code, process_instance_id, amount, due_at, status,
                                             resume_state, requested_at, expires_at)
                values (:reference, :code, :process, :amount, :dueAt, :status, :resume, :requestedAt, :expiresAt)""")
                .param("reference", request.reference()).param("code", code).param("process", processInstanceId)
                .param("amount", amount).param("dueAt", dueAt).param("status", request.status())
                .param("resume", resumeState).param("requestedAt", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(request.expiresAt())).update();
        records.feeRequested(code, STEP, actor, "fee requested: %d VND, reference %s, payable until %s"
                .formatted(amount, request.reference(), request.expiresAt()));
        records.issue(code, FeeDocument.PAYMENT_REQUEST, Map.of("amount", Long.toString(amount),
                "reference", request.reference(), "expiresAt", request.expiresAt().toString(),
                "paymentUrl", link(request), "vietQr", vietQr(request)), STEP, actor);
        return request;
    }

    /**
     * The step after the payment: the receipt (biên lai) of the request just paid, and the record back in the
     * state it was in before 6 — the clock resumes and the appointment moves by the time paused.
     */
    void settle(String code, String actor) {
        PaymentRequest paid = jdbc.sql("""
                select * from payment_request where record_code = ? and status = 'paid' and receipt_document_id is null
                 order by requested_at desc for update""").param(code).query(PaymentRequests::row).optional()
                .orElseThrow(() -> new IllegalStateException("record " + code + " has no paid fee to give a receipt for"));
        String receipt = records.issue(code, FeeDocument.FEE_RECEIPT, Map.of("amount", Long.toString(paid.amount()),
                "reference", paid.reference(), "transactionId", paid.transactionId(),
                "paidAt", paid.paidAt().toString()), STEP, actor).id();
        jdbc.sql("update payment_request set receipt_document_id = ? where reference = ?").param(receipt)
                .param(paid.reference()).update();
        records.feePaid(code, RecordState.ofCode(paid.resumeState()).orElse(RecordState.IN_PROCESSING), STEP, actor,
                "fee paid: %d VND, transaction %s".formatted(paid.amount(), paid.transactionId()));
    }

    /** The request was not paid in time (the model's expiry timer): it can no longer be paid. */
    void expire(String code) {
        jdbc.sql("update payment_request set status = 'expired' where record_code = ? and status = 'requested'")
                .param(code).update();
    }

    /** The request of that reference, its row locked for this transaction. */
    Optional<PaymentRequest> lock(String reference) {
        return jdbc.sql("select * from payment_request where reference = ? for update").param(reference)
                .query(PaymentRequests::row).optional();
    }

    void markPaid(String reference, String transactionId, Instant paidAt) {
        jdbc.sql("update payment_request set status = 'paid', transaction_id = ?, paid_at = ? where reference = ?")
                .param(transactionId).param(Timestamp.from(paidAt)).param(reference).update();
    }

    /** The record's request still payable, if any. */
    public Optional<PaymentRequest> payable(String code) {
        return jdbc.sql("select * from payment_request where record_code = ? and status = 'requested'")
                .param(code).query(PaymentRequests::row).optional();
    }

    /** The record's latest request, if any. */
    public Optional<PaymentRequest> latest(String code) {
        // list(), not stream(): a stream holds its connection until closed
        return jdbc.sql("""
                select * from payment_request where record_code = ? order by requested_at desc, reference
                 fetch first 1 rows only""").param(code).query(PaymentRequests::row).list().stream().findFirst();
    }

    /** Requests awaiting payment, oldest first (the administrators' page). */
    List<PaymentRequest> awaiting(int limit) {
        return jdbc.sql("select * from payment_request where status = 'requested' order by requested_at fetch first :limit rows only")
                .param("limit", limit).query(PaymentRequests::row).list();
    }

    /** The platform's link the applicant pays from, signed so that nobody changes the amount on the way. */
    public String link(PaymentRequest request) {
        long expires = request.expiresAt().getEpochSecond();
        String notify = callbackUrl();
        String signature = PaymentSignatures.link(properties.secret(), properties.merchant(), request.reference(),
                request.amount(), expires, notify);
        return properties.payer() + "/pay?merchant=" + encode(properties.merchant()) + "&reference="
                + encode(request.reference()) + "&amount=" + request.amount() + "&expires=" + expires + "&notify="
                + encode(notify) + "&signature=" + signature;
    }

    String vietQr(PaymentRequest request) {
        PaymentProperties.Payee payee = properties.payee();
        return VietQr.payload(payee.bankBin(), payee.account(), request.amount(), request.reference());
    }

    String callbackUrl() {
        String configured = properties.callbackUrl();
        return configured == null || configured.isBlank() ? defaultCallbackUrl : configured;
    }

    /** Twelve characters a person can read out (no 0/O, 1/I): the reference on the link, the QR and the receipt. */
    static String newReference() {
        StringBuilder reference = new StringBuilder("P");
        for (int i = 0; i < 11; i++) {
            reference.append(REFERENCE_CHARS[RANDOM.nextInt(REFERENCE_CHARS.length)]);
        }
        return reference.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static PaymentRequest row(ResultSet rs, int rowNum) throws SQLException {
        return new PaymentRequest(rs.getString("reference"), rs.getString("record_code"),
                rs.getString("process_instance_id"), rs.getLong("amount"), rs.getString("due_at"),
                rs.getString("status"), rs.getInt("resume_state"), instant(rs.getTimestamp("requested_at")),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("paid_at")),
                rs.getString("transaction_id"), rs.getString("receipt_document_id"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
