package vn.motcua.record.pdf;

/**
 * The documents the one-stop rules (Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP,
 * Circular 01/2018/TT-VPCP annexes) have a unit issue to an applicant, each rendered from the
 * template {@code templates/<templateName>.html}.
 */
public enum LegalForm {
    /** 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
    RECEIPT("01", "01-receipt"),
    /** 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
    SUPPLEMENT_REQUEST("02", "02-supplement-request"),
    /** 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
    REFUSAL("03", "03-refusal"),
    /** 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
    APOLOGY("04", "04-apology"),
    /** 05 Phiếu thông báo dừng giải quyết hồ sơ. */
    STOP_NOTICE("05", "05-stop-notice"),
    /** Thông báo nộp phí, lệ phí: what to pay, how (link, VietQR code) and by when. */
    PAYMENT_REQUEST("TB", "payment-request"),
    /** Biên lai thu phí, lệ phí điện tử: the fee paid through the national payment platform. */
    FEE_RECEIPT("BL", "fee-receipt"),
    /** The result document (decision, certificate, permit…) issued to the applicant. */
    RESULT("KQ", "result"),
    /**
     * The result when the unit rejects the application after appraisal: a reasoned reply (văn bản
     * trả lời nêu rõ lý do không giải quyết), never the text that grants.
     */
    REJECTION("KQ", "rejection");

    private final String number;
    private final String templateName;

    LegalForm(String number, String templateName) {
        this.number = number;
        this.templateName = templateName;
    }

    /** The form's number in the annex ("01" … "05"), or "KQ" for the result. */
    public String number() {
        return number;
    }

    /** The template's file name without ".html", e.g. "01-receipt". */
    public String templateName() {
        return templateName;
    }
}
