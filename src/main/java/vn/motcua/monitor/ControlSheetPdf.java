package vn.motcua.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Form 06 as a PDF: A4 landscape, the documents' font (Motcua Serif: Vietnamese, Times New Roman's metrics), a table of the hand-offs
 * that continues on further pages. Drawn here rather than through the record feature's templates,
 * which are that feature's own.
 */
final class ControlSheetPdf {

    private static final float MARGIN = MonitorPdf.MARGIN;
    private static final float SIZE = MonitorPdf.SIZE;
    private static final float[] WIDTHS = {24, 150, 100, 110, 82, 82, 82, 150};
    private static final String[] HEADERS = {"STT\nNo", "Bước / Step", "Bên giao\nHanded over by",
        "Bên nhận\nReceived by", "Nhận lúc\nReceived", "Hạn (kế hoạch)\nPlanned", "Hoàn thành\nActual",
        "Kết quả\nResult"};

    private final DateTimeFormatter when;

    ControlSheetPdf(ZoneId zone) {
        this.when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(zone);
    }

    byte[] render(ControlSheet sheet, Instant printedAt) {
        try (PDDocument document = new PDDocument()) {
            PDFont regular = MonitorPdf.font(document, MonitorPdf.REGULAR);
            PDFont bold = MonitorPdf.font(document, MonitorPdf.BOLD);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Phiếu kiểm soát quá trình giải quyết hồ sơ " + sheet.recordCode());
            info.setSubject("Form 06 / Mẫu số 06");
            info.setProducer("motcua");
            MonitorPdf w = new MonitorPdf(document);

            w.text(bold, 10, MARGIN, nullToDash(sheet.unitName()));
            w.textRight(regular, SIZE, "Mẫu số 06 / Form 06");
            w.y -= 22;
            w.centred(bold, 13, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
            w.y -= 15;
            w.centred(regular, 9, "Process-control sheet");
            w.y -= 20;
            String[][] facts = {
                {"Mã hồ sơ / Record code: ", sheet.recordCode()},
                {"Thủ tục / Procedure: ", sheet.procedureName() + " (" + sheet.procedureCode() + ")"},
                {"Nộp / Submitted: ", time(sheet.submittedAt()) + "     Tiếp nhận / Accepted: " + time(sheet.acceptedAt())
                        + "     Ngày hẹn trả / Appointment: " + time(sheet.appointmentAt())},
                {"Giải quyết / Resolved: ", time(sheet.resolvedAt()) + "     Kết quả / Verdict: "
                        + ControlSheet.label(sheet.verdict())},
            };
            for (String[] fact : facts) {
                w.text(bold, 9, MARGIN, fact[0]);
                w.text(regular, 9, MARGIN + bold.getStringWidth(fact[0]) / 1000 * 9, fact[1]);
                w.y -= 13;
            }
            w.y -= 6;
            w.row(bold, WIDTHS, HEADERS);
            for (ControlSheet.HandOff h : sheet.handOffs()) {
                w.row(regular, WIDTHS, new String[] {Integer.toString(h.number()), nullToDash(h.stepName()),
                    h.handedOverBy() == null ? (h.number() == 1 ? "Người nộp / Applicant" : "—") : h.handedOverBy(),
                    nullToDash(h.receivedBy()), time(h.receivedAt()), time(h.plannedAt()), time(h.actualAt()),
                    ControlSheet.label(h.verdict())});
            }
            if (!sheet.pauses().isEmpty()) {
                w.y -= 10;
                w.text(bold, 9, MARGIN, "Tạm dừng tính thời hạn / Clock paused:");
                w.y -= 13;
                for (ControlSheet.PauseRow p : sheet.pauses()) {
                    w.text(regular, 9, MARGIN, "• " + p.reason() + ": " + time(p.from()) + " → " + time(p.to()));
                    w.y -= 12;
                }
            }
            w.y -= 10;
            w.text(regular, 7, MARGIN, "In lúc / Printed " + time(printedAt) + " (giờ Việt Nam / Vietnam time) — motcua");
            return w.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String time(Instant instant) {
        return instant == null ? "—" : when.format(instant);
    }

    private static String nullToDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }
}
