package vn.motcua.monitor;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.motcua.deadline.Colour;

/**
 * Form 06, the process-control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ): each hand-off
 * of the record from step to step — who handed it over, who took it, when, the step's deadline
 * (planned), when it was done (actual) and whether that was early, on time or late — with the
 * pauses of the clock and the verdict on the whole record.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlSheet(String recordCode, String procedureCode, String procedureName, String unit, String unitName,
        int state, Instant submittedAt, Instant acceptedAt, Instant appointmentAt, Instant resolvedAt,
        String verdict, List<HandOff> handOffs, List<PauseRow> pauses) {

    /** One step: handed over by, received by, received at, planned (deadline), actual (done), verdict. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HandOff(int number, String step, String stepName, String handedOverBy, String receivedBy,
            Instant receivedAt, Instant plannedAt, Instant actualAt, String verdict) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PauseRow(int state, String reason, Instant from, Instant to) {
    }

    /** Early, on time, late: as for records, by the day and the instant of the deadline. */
    static String verdict(Instant done, Instant planned, ZoneId zone) {
        if (planned == null) {
            return "on-time";
        }
        if (done.isAfter(planned)) {
            return "late";
        }
        return done.atZone(zone).toLocalDate().isBefore(planned.atZone(zone).toLocalDate()) ? "early" : "on-time";
    }

    /** An open step: in progress, with its colour now. */
    static String open(Instant now, Instant followUp, Instant due) {
        return "in-progress-" + Colour.of(now, followUp, due).id();
    }

    /** Vietnamese / English for the verdicts and the five steps. */
    static String label(String id) {
        if (id == null) {
            return "";
        }
        return switch (id) {
            case "early" -> "Trước hạn / Early";
            case "on-time" -> "Đúng hạn / On time";
            case "late" -> "Quá hạn / Late";
            case "cancelled" -> "Đã hủy / Cancelled";
            case "in-progress-green" -> "Đang xử lý (trong hạn) / In progress (on schedule)";
            case "in-progress-yellow" -> "Đang xử lý (sắp đến hạn) / In progress (due soon)";
            case "in-progress-red" -> "Đang xử lý (quá hạn) / In progress (overdue)";
            case "open" -> "Chưa giải quyết / Not resolved yet";
            case "reception" -> "Tiếp nhận / Reception";
            case "appraisal" -> "Thẩm định / Appraisal";
            case "approval" -> "Phê duyệt / Approval";
            case "issuing" -> "Ban hành / Issuing";
            case "result" -> "Trả kết quả / Result return";
            case "consultation" -> "Lấy ý kiến liên ngành / Consultation";
            default -> id;
        };
    }

    static String pauseReason(int state) {
        return switch (state) {
            case 5 -> "Yêu cầu bổ sung / Supplement requested";
            case 6 -> "Nghĩa vụ tài chính / Financial obligation";
            case 8 -> "Dừng xử lý / Processing stopped";
            default -> Integer.toString(state);
        };
    }
}
