package vn.motcua.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The monitoring centre's PDFs (form 06, the reengineering card): A4 landscape in the documents' font (Motcua
 * Serif: Vietnamese, Times New Roman's metrics), written downwards from the top of the page, tables whose cells
 * wrap and that continue on further pages.
 */
final class MonitorPdf {

    static final float MARGIN = 30;
    static final float SIZE = 8;
    static final float LEADING = 10;
    static final String REGULAR = "/fonts/MotcuaSerif-Regular.ttf";
    static final String BOLD = "/fonts/MotcuaSerif-Bold.ttf";

    static PDFont font(PDDocument document, String resource) throws IOException {
        try (InputStream in = MonitorPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("font " + resource + " is missing from the classpath");
            }
            return PDType0Font.load(document, in);
        }
    }

    final PDDocument document;
    final PDRectangle box = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    PDPageContentStream content;
    float y;

    MonitorPdf(PDDocument document) throws IOException {
        this.document = document;
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
    void row(PDFont font, float[] widths, String[] cells) throws IOException {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> cellLines = wrap(font, cells[i], widths[i] - 6);
            wrapped.add(cellLines);
            lines = Math.max(lines, cellLines.size());
        }
        float height = lines * LEADING + 6;
        if (y - height < MARGIN) {
            newPage();
        }
        float x = MARGIN;
        for (int i = 0; i < cells.length; i++) {
            content.addRect(x, y - height, widths[i], height);
            float lineY = y - 4 - SIZE;
            for (String line : wrapped.get(i)) {
                content.beginText();
                content.setFont(font, SIZE);
                content.newLineAtOffset(x + 3, lineY);
                content.showText(line);
                content.endText();
                lineY -= LEADING;
            }
            x += widths[i];
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

    /** Closes the last page and returns the document's bytes. */
    byte[] save() throws IOException {
        content.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
