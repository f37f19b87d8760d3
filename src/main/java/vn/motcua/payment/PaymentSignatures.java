package vn.motcua.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures the product and the national payment platform exchange (docs/payments.md): HMAC-SHA256
 * with the merchant's shared secret over the message's fields joined by {@code |}, in lower-case hex. The
 * payment link, the platform's callback and the reconciliation list are each signed over their own fields
 * ({@link #link}, {@link #callback}, {@link #list}), so a signature of one can never pass for another.
 */
public final class PaymentSignatures {

    private PaymentSignatures() {
    }

    /** The payment link's signature: {@code merchant|reference|amount|expires|notify}. */
    public static String link(String secret, String merchant, String reference, long amount, long expiresEpochSecond,
            String notifyUrl) {
        return sign(secret, merchant, reference, Long.toString(amount), Long.toString(expiresEpochSecond), notifyUrl);
    }

    /** The callback's signature: {@code merchant|reference|transactionId|amount|status|paidAt|sentAt}, times as sent. */
    public static String callback(String secret, String merchant, String reference, String transactionId, long amount,
            String status, String paidAt, String sentAt) {
        return sign(secret, merchant, reference, transactionId, Long.toString(amount), status, paidAt, sentAt);
    }

    /** The reconciliation list's request signature: {@code merchant|date} (date as yyyy-MM-dd). */
    public static String list(String secret, String merchant, String date) {
        return sign(secret, merchant, date);
    }

    /** Whether {@code signature} is the expected one, compared in constant time; false for a missing one. */
    public static boolean matches(String expected, String signature) {
        return signature != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String sign(String secret, String... parts) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("no payment secret is configured (motcua.payment.secret)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
