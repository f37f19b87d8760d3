package vn.motcua.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Form 06 as a PDF: A4 landscape, the documents' font (Motcua Serif: Vietnamese, Times New Roman's metrics), a table of the hand-offs
 * that continues on further pages. Drawn here rather than through the record feature's templates,
 * which are that feature's own.
 */
final class ControlSheetPdf {

    private static final float MARGIN = 30;
    private static final float SIZE = 8;
    private static final float LEADING = 10;
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
            PDFont regular = font(document, "/fonts/MotcuaSerif-Regular.ttf");
            PDFont bold = font(document, "/fonts/MotcuaSerif-Bold.ttf");
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Phiếu kiểm soát quá trình giải quyết hồ sơ " + sheet.recordCode());
            info.setSubject("Form 06 / Mẫu số 06");
            info.setProducer("motcua");
            Writer w = new Writer(document, regular, bold);

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
            w.row(bold, HEADERS);
            for (ControlSheet.HandOff h : sheet.handOffs()) {
                w.row(regular, new String[] {Integer.toString(h.number()), nullToDash(h.stepName()),
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
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
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

    private static PDFont font(PDDocument document, String resource) throws IOException {
        try (InputStream in = ControlSheetPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("font " + resource + " is missing from the classpath");
            }
            return PDType0Font.load(document, in);
        }
    }

    /** Writes downwards from the top of the page, turning pages as the table needs. */
    private static final class Writer {
        final PDDocument document;
        final PDFont regular;
        final PDFont bold;
        final PDRectangle box = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        PDPageContentStream content;
        float y;

        Writer(PDDocument document, PDFont regular, PDFont bold) throws IOException {
            this.document = document;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(box);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            content.setLineWidth(0.5f);
            y = box.getHeight() - MARGIN - 10;
        }

        void text(PDFont font, float size, float x, String text) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        void textRight(PDFont font, float size, String text) throws IOException {
            text(font, size, box.getWidth() - MARGIN - font.getStringWidth(text) / 1000 * size, text);
        }

        void centred(PDFont font, float size, String text) throws IOException {
            text(font, size, (box.getWidth() - font.getStringWidth(text) / 1000 * size) / 2, text);
        }

        /** One table row; cells wrap within their column, the row as tall as its tallest cell. */
        void row(PDFont font, String[] cells) throws IOException {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < cells.length; i++) {
                List<String> cellLines = wrap(font, cells[i], WIDTHS[i] - 6);
                wrapped.add(cellLines);
                lines = Math.max(lines, cellLines.size());
            }
            float height = lines * LEADING + 6;
            if (y - height < MARGIN) {
                newPage();
            }
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                content.addRect(x, y - height, WIDTHS[i], height);
                float lineY = y - 4 - SIZE;
                for (String line : wrapped.get(i)) {
                    content.beginText();
                    content.setFont(font, SIZE);
                    content.newLineAtOffset(x + 3, lineY);
                    content.showText(line);
                    content.endText();
                    lineY -= LEADING;
                }
                x += WIDTHS[i];
            }
            content.stroke();
            y -= height;
        }

        static List<String> wrap(PDFont font, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : (text == null ? "" : text).split("\n")) {
                StringBuilder line = new StringBuilder();
                for (String word : paragraph.split(" ")) {
                    String candidate = line.isEmpty() ? word : line + " " + word;
                    if (font.getStringWidth(candidate) / 1000 * SIZE <= width || line.isEmpty()) {
                        line.setLength(0);
                        line.append(candidate);
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                        line.append(word);
                    }
                }
                lines.add(line.toString());
            }
            return lines;
        }

        void close() throws IOException {
            content.close();
        }
    }
}
