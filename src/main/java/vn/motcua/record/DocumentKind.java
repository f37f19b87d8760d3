package vn.motcua.record;

/** What a stored document is. Issued ones are produced by the unit; the others come from the applicant. */
public enum DocumentKind {
    /** Submitted with the application (thành phần hồ sơ). */
    APPLICATION("application", false),
    /** A paper document scanned at the counter (số hóa). */
    SCAN("scan", false),
    /** Sent later to complete the application. */
    SUPPLEMENT("supplement", false),
    RECEIPT("receipt", true),
    SUPPLEMENT_REQUEST("supplement-request", true),
    REFUSAL("refusal", true),
    APOLOGY("apology", true),
    STOP_NOTICE("stop-notice", true),
    /** Thông báo nộp phí, lệ phí: the amount, the reference, the payment link and its VietQR code. */
    PAYMENT_REQUEST("payment-request", true),
    /** Biên lai điện tử: the receipt of the fee paid online. */
    FEE_RECEIPT("fee-receipt", true),
    /** The result drafted at appraisal, to be signed by the leader (dự thảo). */
    RESULT_DRAFT("result-draft", true),
    /** The draft with the leader's personal signature (approval). */
    RESULT_SIGNED("result-signed", true),
    /** The result as issued: signed, numbered and sealed (the electronic result). */
    RESULT("result", true),
    /**
     * A signature's validation report (EU DSS simple report, XML). No longer stored (issue #16): made
     * again from the signed PDF on request ({@code GET /api/records/{code}/signatures/{id}/report}).
     */
    SIGNATURE_REPORT("signature-report", true);

    private final String id;
    private final boolean issued;

    DocumentKind(String id, boolean issued) {
        this.id = id;
        this.issued = issued;
    }

    public String id() {
        return id;
    }

    public boolean issued() {
        return issued;
    }

    /** What storing a document of this kind makes obsolete for the record (kept once, see DocumentStore). */
    java.util.List<DocumentKind> supersedes() {
        return switch (this) {
            case RESULT, RESULT_DRAFT -> java.util.List.of(RESULT_DRAFT, RESULT_SIGNED);
            default -> java.util.List.of();
        };
    }

    static DocumentKind ofId(String id) {
        for (DocumentKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalStateException("unknown document kind " + id);
    }
}
