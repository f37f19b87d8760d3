package vn.motcua.payment;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the administrators see of fees: requests awaiting payment, the latest callbacks, the reconciliations. */
@Service
class PaymentOverview {

    private static final int SHOWN = 50;

    /** A callback as kept: what the platform said and what the product made of it. */
    record CallbackSeen(String recordCode, String reference, String transactionId, String status, long amount,
            Instant receivedAt, String outcome, String detail) {
    }

    record Status(boolean configured, String platformUrl, List<PaymentRequest> awaiting, List<CallbackSeen> callbacks,
            List<PaymentReconciliation.Report> reconciliations) {
    }

    private final JdbcClient jdbc;
    private final PaymentProperties properties;
    private final PaymentRequests requests;
    private final PaymentReconciliation reconciliation;

    PaymentOverview(JdbcClient jdbc, PaymentProperties properties, PaymentRequests requests,
            PaymentReconciliation reconciliation) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.requests = requests;
        this.reconciliation = reconciliation;
    }

    Status status() {
        List<CallbackSeen> callbacks = jdbc.sql("select * from payment_callback order by id desc fetch first :limit rows only")
                .param("limit", SHOWN)
                .query((rs, n) -> new CallbackSeen(rs.getString("record_code"), rs.getString("reference"),
                        rs.getString("transaction_id"), rs.getString("status"), rs.getLong("amount"),
                        PaymentRequests.instant(rs.getTimestamp("received_at")), rs.getString("outcome"),
                        rs.getString("detail")))
                .list();
        return new Status(properties.configured(), properties.platformUrl(), requests.awaiting(SHOWN), callbacks,
                reconciliation.latest(14));
    }
}
