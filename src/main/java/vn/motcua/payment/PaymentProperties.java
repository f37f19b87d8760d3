package vn.motcua.payment;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code motcua.payment.*}: the national payment platform (docs/payments.md).
 *
 * @param platformUrl     the platform's base URL: the payer goes to {@code <platformUrl>/pay?…}, the daily list
 *                        is read from {@code <platformUrl>/transactions}
 * @param merchant        the product's merchant code at the platform
 * @param secret          the shared secret the link, the callbacks and the list are signed with (HMAC-SHA256)
 * @param payerUrl        the platform's address as the payer's browser reaches it, when it differs from the
 *                        nodes' ({@code <payerUrl>/pay?…}); empty: {@code platformUrl}
 * @param callbackUrl     where the platform sends its callbacks; empty: {@code <motcua.notices.public-url>/api/payments/callback}
 * @param expiresAfter    how long a payment request stays payable; then it expires and the record follows the
 *                        model's expiry path
 * @param callbackMaxAge  a callback sent longer ago than this (its {@code sentAt}) is refused as stale (a replay)
 * @param payee           the unit's account the VietQR code pays into
 * @param reconcileAt     the time of day (Vietnam) from which yesterday's transactions are reconciled
 * @param reconcileCheck  how often each node looks whether a day's reconciliation is due
 */
@ConfigurationProperties("motcua.payment")
public record PaymentProperties(String platformUrl, String payerUrl, String merchant, String secret, String callbackUrl,
        @DefaultValue("P3D") Duration expiresAfter, @DefaultValue("PT15M") Duration callbackMaxAge,
        @DefaultValue Payee payee, @DefaultValue("06:00") LocalTime reconcileAt,
        @DefaultValue("PT10M") Duration reconcileCheck, @DefaultValue("PT5S") Duration timeout) {

    /**
     * The account a VietQR transfer pays into (NAPAS 247).
     *
     * @param bankBin the bank's BIN (e.g. 970415 for VietinBank)
     * @param account the account number
     * @param name    the account holder, shown by the banking app
     */
    public record Payee(String bankBin, String account, String name) {
    }

    /** Whether the platform is set up enough to ask for a payment. */
    boolean configured() {
        return platformUrl != null && !platformUrl.isBlank() && merchant != null && !merchant.isBlank()
                && secret != null && !secret.isBlank();
    }

    String platform() {
        return platformUrl.replaceAll("/+$", "");
    }

    /** Where the payer's browser goes. */
    String payer() {
        return payerUrl == null || payerUrl.isBlank() ? platform() : payerUrl.replaceAll("/+$", "");
    }
}
