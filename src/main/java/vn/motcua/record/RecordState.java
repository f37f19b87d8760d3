package vn.motcua.record;

import java.util.Optional;

/** A record's state, with the codes the national public-service portal exchanges. */
public enum RecordState {
    NEW(1, "Mới", "New"),
    ACCEPTED(2, "Đã tiếp nhận", "Accepted"),
    NOT_ACCEPTED(3, "Từ chối tiếp nhận", "Not accepted"),
    IN_PROCESSING(4, "Đang xử lý", "In processing"),
    SUPPLEMENT_REQUESTED(5, "Yêu cầu bổ sung", "Supplement requested"),
    FINANCIAL_OBLIGATION_REQUESTED(6, "Yêu cầu thực hiện nghĩa vụ tài chính", "Financial obligation requested"),
    WITHDRAWN(7, "Công dân rút hồ sơ", "Withdrawn by applicant"),
    PROCESSING_STOPPED(8, "Dừng xử lý", "Processing stopped"),
    COMPLETED(9, "Đã xử lý xong", "Processing complete"),
    RESULT_RETURNED(10, "Đã trả kết quả", "Result returned");

    private final int code;
    private final String nameVi;
    private final String nameEn;

    RecordState(int code, String nameVi, String nameEn) {
        this.code = code;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public int code() {
        return code;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Closed records take no more actions from the applicant or the process. */
    public boolean isFinal() {
        return this == NOT_ACCEPTED || this == WITHDRAWN || this == RESULT_RETURNED;
    }

    public static Optional<RecordState> ofCode(int code) {
        for (RecordState state : values()) {
            if (state.code == code) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    static RecordState require(int code) {
        return ofCode(code).orElseThrow(() -> new IllegalStateException("unknown record state code " + code));
    }
}
