package vn.motcua.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import vn.motcua.payment.PaymentSignatures;

/**
 * Pays a record's fee as the national payment platform would tell it: a callback signed with the demo
 * profile's merchant and secret (application-demo.yaml), sent to the node's callback endpoint.
 */
public final class Payments {

    public static final String DEMO_MERCHANT = "motcua-demo";
    public static final String DEMO_SECRET = "demo-payment-secret";

    private Payments() {
    }

    /** Confirms the record's open payment request; fails the test unless the product answers 200 confirmed. */
    public static void pay(Api api, String code) {
        Api.Response payment = api.get("portal", "/api/records/" + code + "/payment");
        if (payment.status() != 200) {
            throw new AssertionError("record " + code + " has no payment request: " + payment);
        }
        String reference = payment.json().get("reference").asText();
        long amount = payment.json().get("amount").asLong();
        String transaction = "TXN" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String signature = PaymentSignatures.callback(DEMO_SECRET, DEMO_MERCHANT, reference, transaction, amount, "paid",
                now, now);
        Api.Response answer = api.post(null, "/api/payments/callback", """
                {"merchant": "%s", "reference": "%s", "transactionId": "%s", "amount": %d, "status": "paid",
                 "paidAt": "%s", "sentAt": "%s", "signature": "%s"}""".formatted(DEMO_MERCHANT, reference, transaction,
                amount, now, now, signature));
        if (answer.status() != 200 || !answer.body().contains("confirmed")) {
            throw new AssertionError("the payment of " + code + " was not confirmed: " + answer);
        }
    }
}
