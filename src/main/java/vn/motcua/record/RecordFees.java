package vn.motcua.record;

import java.time.Instant;
import java.util.Optional;

/**
 * A record's open fee, as the record's public tracking page shows it. The payment feature implements it (it
 * depends on the record feature, not the other way round); without it the page shows no fee.
 */
public interface RecordFees {

    /** The fee the record waits for, if any. */
    Optional<OpenFee> openFee(String recordCode);

    /** What to pay, by when, and how: the platform's link and the VietQR payload. */
    record OpenFee(long amount, String reference, Instant expiresAt, String paymentUrl, String vietQr) {
    }
}
