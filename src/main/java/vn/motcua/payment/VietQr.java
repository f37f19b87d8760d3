package vn.motcua.payment;

import java.nio.charset.StandardCharsets;

/**
 * The VietQR payload of a payment request (NAPAS's profile of the EMVCo merchant-presented QR code): any
 * Vietnamese banking app scans it and pre-fills the transfer — the payee's bank and account, the amount and
 * the payment reference as the transfer's content. Fields are ID, two-digit length, value; the last is the
 * CRC-16/CCITT-FALSE of everything before it.
 */
final class VietQr {

    private static final String NAPAS_GUID = "A000000727";
    /** Transfer to an account number (QRIBFTTA), as opposed to a card number (QRIBFTTC). */
    private static final String TO_ACCOUNT = "QRIBFTTA";

    private VietQr() {
    }

    /** The payload for {@code amount} VND to the payee, with {@code reference} as the transfer's content. */
    static String payload(String bankBin, String account, long amount, String reference) {
        if (bankBin == null || bankBin.isBlank() || account == null || account.isBlank()) {
            throw new IllegalStateException("the payee's bank and account are not configured "
                    + "(motcua.payment.payee.bank-bin, .account)");
        }
        String beneficiary = field("00", bankBin.strip()) + field("01", account.strip());
        String merchantAccount = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", TO_ACCOUNT);
        String body = field("00", "01") // payload format
                + field("01", "12") // dynamic: this amount, once
                + field("38", merchantAccount)
                + field("53", "704") // VND
                + field("54", Long.toString(amount))
                + field("58", "VN")
                + field("62", field("08", reference)) // purpose of the transaction
                + "6304";
        return body + String.format("%04X", crc16(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String field(String id, String value) {
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length > 99) {
            throw new IllegalArgumentException("VietQR field " + id + " is longer than 99 bytes: " + value);
        }
        return id + String.format("%02d", length) + value;
    }

    /** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection. */
    static int crc16(byte[] bytes) {
        int crc = 0xFFFF;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }
}
