package vn.motcua.payment;

import java.time.Instant;

/**
 * A request to pay a record's fee (thông báo nộp phí): the amount, the platform's reference, until when it is
 * payable, and what became of it.
 *
 * @param dueAt       where the model collects it: {@code submission} or {@code result}
 * @param status      {@code requested}, {@code paid} or {@code expired}
 * @param resumeState the record's state before 6, which it goes back to when paid
 */
public record PaymentRequest(String reference, String recordCode, String processInstanceId, long amount,
        String dueAt, String status, int resumeState, Instant requestedAt, Instant expiresAt, Instant paidAt,
        String transactionId, String receiptDocumentId) {

    static final String REQUESTED = "requested";
    static final String PAID = "paid";
    static final String EXPIRED = "expired";

    boolean isRequested() {
        return REQUESTED.equals(status);
    }

    boolean isPaid() {
        return PAID.equals(status);
    }
}
