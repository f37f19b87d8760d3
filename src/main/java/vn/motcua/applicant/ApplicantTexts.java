package vn.motcua.applicant;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import vn.motcua.payment.PaymentRequest;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordState;
import vn.motcua.record.RecordStateChanged;

/**
 * The texts of the applicant's messages, in Vietnamese (English beside it in the e-mail), dates as
 * dd/MM/yyyy HH:mm in Vietnam's time. Which change is told: submission, reception's outcome (2, 5, 3), a fee
 * (6), a stop (8) and its end, a new appointment (the apology) and the result (9); nothing else.
 */
final class ApplicantTexts {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VIETNAM);

    private final String trackingUrl;

    ApplicantTexts(String trackingUrl) {
        this.trackingUrl = trackingUrl;
    }

    /** The record's page on the public tracking site (its code filled in; the secret is asked there). */
    String link(String code) {
        return trackingUrl + "?ma=" + code;
    }

    ApplicantMessage submitted(RecordRow record, String unitName, String secret) {
        String code = record.code();
        return message(code, "đã nộp / submitted",
                unitName + " đã nhận hồ sơ " + record.procedureName() + " của ông/bà.\n"
                        + "Mã hồ sơ: " + code + "\nMã tra cứu (giữ bí mật): " + secret + "\n"
                        + "Theo dõi hồ sơ: " + link(code),
                "Your application was received. Record code " + code + ", tracking secret " + secret
                        + " (keep it to yourself). Track it at the link above.",
                "Ho so " + code + " da nop. Ma tra cuu: " + secret + ". Theo doi: " + link(code), record, true);
    }

    /**
     * What a state change tells the applicant, if anything; {@code fee} is the request when the record enters 6,
     * {@code feeOutstanding} whether a fee is still to be asked for before the result is handed over.
     */
    Optional<ApplicantMessage> stateChanged(RecordStateChanged change, Optional<PaymentRequest> fee,
            boolean feeOutstanding) {
        RecordRow record = change.record();
        String code = record.code();
        String note = change.note() == null || change.note().isBlank() ? "—" : change.note().strip();
        RecordState from = change.from();
        return Optional.ofNullable(switch (change.to()) {
            case ACCEPTED -> from == RecordState.NEW ? message(code, "đã tiếp nhận / accepted",
                    "Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: " + when(record.appointmentAt())
                            + ". Giấy tiếp nhận và hẹn trả kết quả (mẫu 01) có trong hồ sơ.",
                    "Your record was accepted. Appointment for the result: " + when(record.appointmentAt()) + ".",
                    "Ho so " + code + " da tiep nhan, hen tra ket qua " + when(record.appointmentAt()) + ". "
                            + link(code), record, false) : null;
            case SUPPLEMENT_REQUESTED -> message(code, "cần bổ sung / supplement needed",
                    "Hồ sơ cần bổ sung, hoàn thiện: " + note + "\nNộp phần bổ sung qua Cổng dịch vụ công hoặc tại Bộ phận "
                            + "Một cửa; thời hạn giải quyết tạm dừng đến khi nhận đủ.",
                    "Your record needs a supplement: " + note + ". The clock stops until it is complete.",
                    "Ho so " + code + " can bo sung: " + note + ". " + link(code), record, false);
            case NOT_ACCEPTED -> message(code, "không được tiếp nhận / not accepted",
                    "Hồ sơ không được tiếp nhận. Lý do: " + note + "\nPhiếu từ chối (mẫu 03) có trong hồ sơ.",
                    "Your record was not accepted. Reason: " + note + ".",
                    "Ho so " + code + " khong duoc tiep nhan. Ly do: " + note, record, false);
            case FINANCIAL_OBLIGATION_REQUESTED -> fee.map(request -> message(code, "nộp phí, lệ phí / fee to pay",
                    "Đề nghị nộp phí, lệ phí: " + money(request.amount()) + ", mã thanh toán " + request.reference()
                            + ", hạn nộp " + when(request.expiresAt()) + ".\nThông báo nộp phí (có mã VietQR và liên kết "
                            + "thanh toán) có trong hồ sơ; thời hạn giải quyết tạm dừng đến khi nộp xong.",
                    "Please pay the fee of " + request.amount() + " VND (reference " + request.reference()
                            + ") by " + when(request.expiresAt()) + "; the payment request with its VietQR code is "
                            + "among the record's documents.",
                    "Ho so " + code + ": nop le phi " + money(request.amount()) + ", ma " + request.reference()
                            + ", han " + when(request.expiresAt()) + ". " + link(code), record, false)).orElse(null);
            case PROCESSING_STOPPED -> message(code, "tạm dừng xử lý / processing stopped",
                    "Hồ sơ tạm dừng xử lý. Lý do: " + note + "\nThông báo (mẫu 05) có trong hồ sơ.",
                    "Processing of your record is stopped. Reason: " + note + ".",
                    "Ho so " + code + " tam dung xu ly. Ly do: " + note, record, false);
            case IN_PROCESSING -> from == RecordState.PROCESSING_STOPPED ? message(code, "tiếp tục xử lý / resumed",
                    "Hồ sơ được tiếp tục xử lý. Ngày hẹn trả kết quả: " + when(record.appointmentAt()) + ".",
                    "Processing of your record resumed. Appointment: " + when(record.appointmentAt()) + ".",
                    "Ho so " + code + " tiep tuc xu ly, hen " + when(record.appointmentAt()), record, false) : null;
            // a fee collected at the result comes first: the result is told once it is paid (6 → 9)
            case COMPLETED -> feeOutstanding ? null : message(code, "đã có kết quả / result ready",
                    "Hồ sơ đã có kết quả. Ông/bà tải kết quả điện tử tại: " + link(code),
                    "The result of your record is ready; download it at the link.",
                    "Ho so " + code + " da co ket qua. Tai ve: " + link(code), record, false);
            default -> null;
        });
    }

    ApplicantMessage rescheduled(RecordRow record) {
        String code = record.code();
        return message(code, "hẹn lại ngày trả kết quả / new appointment date",
                "Hồ sơ chưa giải quyết được đúng hẹn. Chúng tôi xin lỗi ông/bà và hẹn trả kết quả vào "
                        + when(record.appointmentAt()) + ". Phiếu xin lỗi (mẫu 04) có trong hồ sơ.",
                "Your record is late; we apologise. New appointment: " + when(record.appointmentAt()) + ".",
                "Xin loi: ho so " + code + " hen lai tra ket qua " + when(record.appointmentAt()), record, false);
    }

    private ApplicantMessage message(String code, String what, String vietnamese, String english, String sms,
            RecordRow record, boolean secret) {
        String name = record.applicant() == null || record.applicant().name() == null ? "ông/bà" : record.applicant().name();
        String email = "Kính gửi " + name + ",\n\n" + vietnamese + "\n\nTheo dõi hồ sơ / Track the record: " + link(code)
                + "\n\n---\n" + english + "\n\n(Thư tự động, xin đừng trả lời. / An automatic message; please do not reply.)";
        return new ApplicantMessage("Hồ sơ " + code + ": " + what, email, unaccented(sms), secret);
    }

    static String when(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    static String money(long amount) {
        return String.format(java.util.Locale.forLanguageTag("vi-VN"), "%,d", amount) + " đồng";
    }

    /** Vietnamese without its diacritics ({@code đ} → {@code d}): one GSM-7 SMS part holds 160 such characters. */
    static String unaccented(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "");
    }
}
