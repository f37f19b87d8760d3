package vn.motcua.record.pdf;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Draws one form into a new PDF: the unit and national headers, then the template's blocks,
 * adding pages as the text flows. One instance per rendering; not shared between threads.
 */
final class FormRenderer {

    private static final float CM = 72f / 2.54f;
    private static final PDRectangle A4 = PDRectangle.A4;
    private static final float MARGIN_LEFT = 2.5f * CM;
    private static final float MARGIN_RIGHT = 2f * CM;
    private static final float MARGIN_TOP = 2f * CM;
    private static final float MARGIN_BOTTOM = 2f * CM;
    private static final float X0 = MARGIN_LEFT;
    private static final float WIDTH = A4.getWidth() - MARGIN_LEFT - MARGIN_RIGHT;
    private static final float TOP = A4.getHeight() - MARGIN_TOP;
    /** Lowest point text may reach; the page number sits below it. */
    private static final float FLOOR = MARGIN_BOTTOM;
    /** Width of the header's left column (the unit), and where its right column starts. */
    private static final float LEFT_COLUMN = WIDTH * 0.42f;

    private static final float BODY = 11f;
    private static final float HEADER = 10.5f;
    private static final float TITLE = 13f;
    private static final float TABLE = 10f;
    private static final float LEADING = 1.45f;
    private static final float CELL_PADDING = 4f;

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    private static final String NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private static final String MOTTO = "Độc lập - Tự do - Hạnh phúc";
    private static final String SIGNATURE_NOTE = "(Ký và ghi rõ họ tên)";
    /** "- ", "+ ", "• ", "1. ", "2) ", "a) ": continuation lines hang under the text after it. */
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-+•*–]|\\d{1,3}[.)]|[a-zđ]\\))\\s+");
    private static final Pattern SIGNER = Pattern.compile("^(.*?)\\s*(\\([^()]*\\))\\s*$", Pattern.DOTALL);
    private static final Color TABLE_HEAD = new Color(0xEE, 0xEE, 0xEE);

    private enum Align { LEFT, CENTER, JUSTIFY }

    /** A font embedded in this document, with the file it came from. */
    private record Font(PDFont pdf, Fonts.FontFile file) {

        float width(String text, float size) {
            try {
                return pdf.getStringWidth(text) / 1000f * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String drawable(String text) {
            return file.drawable(text);
        }
    }

    private final LegalForm form;
    private final FormData data;
    private final Template template;
    private final Placeholders placeholders;

    private PDDocument document;
    private Font regular;
    private Font bold;
    private Font italic;
    private PDPageContentStream content;
    private final List<PDPage> pages = new ArrayList<>();
    private float y;

    FormRenderer(LegalForm form, FormData data, Template template) {
        this.form = form;
        this.data = data;
        this.template = template;
        this.placeholders = new Placeholders(form, data, template.name());
    }

    byte[] render() throws IOException {
        // closed in reverse: the document is saved before the parsed fonts go back to the pool
        try (Fonts.Parsed parsed = Fonts.borrow(); PDDocument doc = new PDDocument()) {
            document = doc;
            regular = load(parsed, Fonts.Face.REGULAR);
            bold = load(parsed, Fonts.Face.BOLD);
            italic = load(parsed, Fonts.Face.ITALIC);
            try {
                newPage();
                header();
                y -= 26;
                body();
            } finally {
                if (content != null) {
                    content.close();
                }
            }
            pageNumbers();
            describe();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private Font load(Fonts.Parsed parsed, Fonts.Face face) throws IOException {
        return new Font(parsed.load(document, face), Fonts.get(face));
    }

    // ---------------------------------------------------------------- headers

    /** Unit top-left, the nation and motto top-right, then the number and the place and date. */
    private void header() throws IOException {
        float top = y;
        float leftCentre = X0 + LEFT_COLUMN / 2;
        float rightX = X0 + LEFT_COLUMN;
        float rightWidth = WIDTH - LEFT_COLUMN;
        float rightCentre = rightX + rightWidth / 2;
        float lineHeight = HEADER * 1.3f;

        // left: parent authority (optional), the unit in bold, a short rule
        float leftY = top;
        String parent = data.extra().get("parentUnitName");
        if (parent != null && !parent.isBlank()) {
            for (String line : wrap(caps(parent), regular, HEADER, LEFT_COLUMN - 6)) {
                centred(regular, HEADER, line, leftCentre, leftY - HEADER);
                leftY -= lineHeight;
            }
        }
        for (String line : wrap(caps(data.unitName()), bold, HEADER, LEFT_COLUMN - 6)) {
            centred(bold, HEADER, line, leftCentre, leftY - HEADER);
            leftY -= lineHeight;
        }
        float leftRule = leftY - 3;
        rule(leftCentre - LEFT_COLUMN / 6, leftCentre + LEFT_COLUMN / 6, leftRule);

        // right: the national header, the motto underlined
        float nationSize = Math.min(HEADER, (rightWidth - 4) / (bold.width(NATION, 1f)));
        float rightY = top;
        centred(bold, nationSize, NATION, rightCentre, rightY - nationSize);
        rightY -= nationSize * 1.3f;
        float mottoSize = Math.min(nationSize + 0.5f, HEADER + 0.5f);
        centred(bold, mottoSize, MOTTO, rightCentre, rightY - mottoSize);
        float mottoWidth = bold.width(MOTTO, mottoSize);
        rightY -= mottoSize * 1.3f;
        float rightRule = rightY - 3;
        rule(rightCentre - mottoWidth / 2, rightCentre + mottoWidth / 2, rightRule);

        // one row below both rules: "Số: …" and "Mã hồ sơ: …" left, "<place>, ngày … tháng … năm …" right
        float row = Math.min(leftRule, rightRule) - 10;
        List<String> numbers = new ArrayList<>();
        String number = data.extra().get("documentNumber");
        if (number != null && !number.isBlank()) {
            numbers.add("Số: " + number.strip());
        }
        if (data.recordCode() != null && !data.recordCode().isBlank()) {
            numbers.add("Mã hồ sơ: " + data.recordCode().strip());
        }
        float numberY = row;
        for (String numberLine : numbers) {
            // shrink a long code a little rather than break it
            String drawable = regular.drawable(numberLine);
            float size = Math.max(8.5f, Math.min(HEADER, (LEFT_COLUMN - 6) / regular.width(drawable, 1f)));
            for (String line : wrap(drawable, regular, size, LEFT_COLUMN - 6)) {
                centred(regular, size, line, leftCentre, numberY - size);
                numberY -= lineHeight;
            }
        }
        float dateY = row;
        for (String line : wrap(placeAndDate(), italic, HEADER, rightWidth - 4)) {
            centred(italic, HEADER, line, rightCentre, dateY - HEADER);
            dateY -= lineHeight;
        }
        y = Math.min(numberY, dateY);
    }

    private String placeAndDate() {
        String date = Placeholders.date(data.issuedAt());
        if (date == null) {
            date = "ngày … tháng … năm …";
        }
        String place = data.extra().get("place");
        if (place == null || place.isBlank()) {
            return Character.toUpperCase(date.charAt(0)) + date.substring(1);
        }
        return place.strip() + ", " + date;
    }

    /** "Trang 1/3" at the foot of each page, when there is more than one. */
    private void pageNumbers() throws IOException {
        if (pages.size() < 2) {
            return;
        }
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream foot = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                String text = "Trang " + (i + 1) + "/" + pages.size();
                float size = 8.5f;
                foot.beginText();
                foot.setFont(regular.pdf(), size);
                foot.newLineAtOffset(X0 + WIDTH / 2 - regular.width(text, size) / 2, MARGIN_BOTTOM / 2);
                foot.showText(text);
                foot.endText();
            }
        }
    }

    private void describe() {
        PDDocumentInformation info = document.getDocumentInformation();
        String title = template.blocks().stream()
                .filter(b -> b.kind() == Template.Kind.TITLE)
                .map(b -> caps(placeholders.expand(b.text()).text()))
                .findFirst().orElse(form.templateName());
        info.setTitle(regular.drawable(title));
        info.setSubject(nonNull(data.recordCode()));
        info.setCreator("motcua");
        info.setKeywords("Mẫu " + form.number());
        Calendar created = Calendar.getInstance();
        if (data.issuedAt() != null) {
            created.setTimeInMillis(data.issuedAt().toInstant().toEpochMilli());
        }
        info.setCreationDate(created);
        document.getDocumentCatalog().setLanguage("vi-VN");
    }

    // ---------------------------------------------------------------- body

    private void body() throws IOException {
        Template.Kind previous = Template.Kind.TITLE;
        boolean first = true;
        for (Template.Block block : template.blocks()) {
            Template.Kind kind = block.kind();
            boolean heading = kind == Template.Kind.TITLE || kind == Template.Kind.SUBTITLE;
            boolean afterHeading = previous == Template.Kind.TITLE || previous == Template.Kind.SUBTITLE;
            String text = null;
            if (kind != Template.Kind.BLANK && kind != Template.Kind.PAGE_BREAK
                    && kind != Template.Kind.SIGNATURE) {
                Placeholders.Expansion expansion = placeholders.expand(block.text());
                if (block.optional() && expansion.anyEmpty()) {
                    continue;
                }
                text = expansion.text();
            }
            if (!first && afterHeading && !heading) {
                y -= 12;
            }
            switch (kind) {
                case TITLE -> {
                    if (!first && !afterHeading) {
                        y -= 10;
                    }
                    paragraph(caps(text), bold, TITLE, Align.CENTER, X0 + WIDTH * 0.05f, WIDTH * 0.9f);
                    y -= 2;
                }
                case SUBTITLE -> {
                    paragraph(text, regular, BODY, Align.CENTER, X0 + WIDTH * 0.05f, WIDTH * 0.9f);
                    y -= 2;
                }
                case HEADING -> {
                    y -= 4;
                    paragraph(text, bold, BODY, Align.LEFT, X0, WIDTH);
                    y -= 2;
                }
                case PARAGRAPH -> {
                    paragraph(text, regular, BODY, Align.JUSTIFY, X0, WIDTH);
                    y -= 2;
                }
                case BLANK -> y -= BODY * 0.8f;
                case PAGE_BREAK -> newPage();
                case DOCUMENTS -> documents(text);
                case SIGNATURE -> signature(block.text());
                case QR -> qr(text);
            }
            previous = kind;
            first = false;
        }
    }

    /** Draws a (possibly multi-line) text, wrapped, adding pages as needed. */
    private void paragraph(String text, Font font, float size, Align align, float x, float width)
            throws IOException {
        float lineHeight = size * LEADING;
        for (String source : nonNull(text).split("\\R", -1)) {
            String line = font.drawable(source).strip().replaceAll(" {2,}", " ");
            if (line.isEmpty()) {
                y -= lineHeight * 0.5f;
                continue;
            }
            float hang = 0;
            if (align != Align.CENTER) {
                Matcher item = LIST_ITEM.matcher(line);
                if (item.find()) {
                    hang = font.width(item.group(), size);
                    if (hang > width / 3) {
                        hang = 0;
                    }
                }
            }
            List<String> lines = wrap(line, font, size, width, width - hang);
            for (int i = 0; i < lines.size(); i++) {
                ensure(lineHeight);
                float baseline = y - size;
                float lineX = i == 0 ? x : x + hang;
                float lineWidth = i == 0 ? width : width - hang;
                String part = lines.get(i);
                switch (align) {
                    case CENTER -> centred(font, size, part, x + width / 2, baseline);
                    case LEFT -> text(font, size, part, lineX, baseline);
                    case JUSTIFY -> {
                        if (i < lines.size() - 1) {
                            justified(font, size, part, lineX, baseline, lineWidth);
                        } else {
                            text(font, size, part, lineX, baseline);
                        }
                    }
                }
                y -= lineHeight;
            }
        }
    }

    /** The documents table: No. | document | kind, with its header repeated on each new page. */
    private void documents(String caption) throws IOException {
        List<FormData.DocumentLine> lines = data.documents();
        boolean captioned = caption != null && !caption.isBlank();
        if (captioned) {
            paragraph(caption, regular, BODY, Align.JUSTIFY, X0, WIDTH);
        }
        if (lines.isEmpty()) {
            if (captioned) {
                paragraph("(không có)", italic, BODY, Align.LEFT, X0 + 12, WIDTH - 12);
                y -= 2;
            }
            return;
        }
        y -= 3;
        float[] widths = {34, WIDTH - 34 - 128, 128};
        String[] head = {"STT", "Tên giấy tờ", "Hình thức"};
        float lineHeight = TABLE * 1.35f;
        float headHeight = lineHeight + 2 * CELL_PADDING;
        // keep the header with at least the first row
        ensure(headHeight + lineHeight + 2 * CELL_PADDING);
        tableHead(head, widths, lineHeight);
        for (int n = 0; n < lines.size(); n++) {
            FormData.DocumentLine line = lines.get(n);
            List<List<String>> cells = List.of(
                    List.of(String.valueOf(n + 1)),
                    wrap(line.name(), regular, TABLE, widths[1] - 2 * CELL_PADDING),
                    wrap(line.kind(), regular, TABLE, widths[2] - 2 * CELL_PADDING));
            int rowLines = cells.stream().mapToInt(List::size).max().orElse(1);
            rowLines = Math.max(rowLines, 1);
            float maxLinesOnPage = (TOP - headHeight - FLOOR - 2 * CELL_PADDING) / lineHeight;
            int start = 0;
            while (start < rowLines) {
                int room = (int) Math.floor((y - FLOOR - 2 * CELL_PADDING) / lineHeight);
                int left = rowLines - start;
                boolean splitAvoidable = left <= maxLinesOnPage;
                if (room < 1 || (room < left && splitAvoidable)) {
                    newPage();
                    tableHead(head, widths, lineHeight);
                    continue;
                }
                int count = Math.min(room, left);
                float height = count * lineHeight + 2 * CELL_PADDING;
                float cellX = X0;
                for (int c = 0; c < widths.length; c++) {
                    content.addRect(cellX, y - height, widths[c], height);
                    List<String> cell = cells.get(c);
                    for (int k = start; k < Math.min(cell.size(), start + count); k++) {
                        float baseline = y - CELL_PADDING - (k - start) * lineHeight - TABLE;
                        if (c == 1) {
                            text(regular, TABLE, cell.get(k), cellX + CELL_PADDING, baseline);
                        } else {
                            centred(regular, TABLE, cell.get(k), cellX + widths[c] / 2, baseline);
                        }
                    }
                    cellX += widths[c];
                }
                content.setLineWidth(0.5f);
                content.stroke();
                y -= height;
                start += count;
                if (start < rowLines) {
                    newPage();
                    tableHead(head, widths, lineHeight);
                }
            }
        }
        y -= 8;
    }

    private void tableHead(String[] head, float[] widths, float lineHeight) throws IOException {
        float height = lineHeight + 2 * CELL_PADDING;
        float cellX = X0;
        content.setNonStrokingColor(TABLE_HEAD);
        content.addRect(X0, y - height, WIDTH, height);
        content.fill();
        content.setNonStrokingColor(Color.BLACK);
        for (int c = 0; c < widths.length; c++) {
            content.addRect(cellX, y - height, widths[c], height);
            centred(bold, TABLE, head[c], cellX + widths[c] / 2, y - CELL_PADDING - TABLE);
            cellX += widths[c];
        }
        content.setLineWidth(0.5f);
        content.stroke();
        y -= height;
    }

    /**
     * A QR code of the URL (e.g. the public verification page of the record) at the left margin,
     * the URL in small print beside it: a phone reaches the page from the paper or the screen.
     */
    private void qr(String url) throws IOException {
        String target = nonNull(url).strip();
        if (target.isEmpty()) {
            return;
        }
        com.google.zxing.common.BitMatrix matrix;
        try {
            matrix = new com.google.zxing.qrcode.QRCodeWriter().encode(target, com.google.zxing.BarcodeFormat.QR_CODE,
                    0, 0, java.util.Map.of(com.google.zxing.EncodeHintType.MARGIN, 0,
                            com.google.zxing.EncodeHintType.ERROR_CORRECTION,
                            com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M));
        } catch (com.google.zxing.WriterException e) {
            throw new IOException("cannot encode the QR code of " + target, e);
        }
        float size = 72; // one inch
        float module = size / matrix.getWidth();
        ensure(size + 6);
        float top = y - 3;
        content.setNonStrokingColor(java.awt.Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    content.addRect(X0 + col * module, top - (row + 1) * module, module, module);
                }
            }
        }
        content.fill();
        float textY = y;
        y = top - size / 2 + BODY;
        paragraph("Kiểm tra chữ ký số / Verify the signatures:\n" + target, italic, BODY - 2, Align.LEFT,
                X0 + size + 10, WIDTH - size - 10);
        y = Math.min(y, textY - size - 6);
    }

    /**
     * The signature block: one column on the right for one signer ({@code TITLE (note)}), or
     * side-by-side columns for several ({@code LEFT | RIGHT}); the last column is signed by the
     * officer, the first of several by the applicant.
     */
    private void signature(String argument) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String part : Placeholders.split(nonNull(argument), '|')) {
            parts.add(placeholders.expand(part).text().strip());
        }
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            parts.set(0, "NGƯỜI KÝ");
        }
        int columns = parts.size();
        float[] xs = new float[columns];
        float[] ws = new float[columns];
        if (columns == 1) {
            xs[0] = X0 + LEFT_COLUMN;
            ws[0] = WIDTH - LEFT_COLUMN;
        } else {
            for (int c = 0; c < columns; c++) {
                ws[c] = WIDTH / columns;
                xs[c] = X0 + c * ws[c];
            }
        }
        List<List<String>> titles = new ArrayList<>();
        List<List<String>> notes = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        int titleLines = 0;
        int noteLines = 0;
        int nameLines = 0;
        for (int c = 0; c < columns; c++) {
            String title = parts.get(c);
            String note = SIGNATURE_NOTE;
            Matcher signer = SIGNER.matcher(title);
            if (signer.matches()) {
                title = signer.group(1);
                note = signer.group(2);
            }
            String name = c == columns - 1 ? data.officerName() : c == 0 ? data.applicantName() : "";
            titles.add(wrap(caps(title), bold, BODY, ws[c] - 8));
            notes.add(wrap(note, italic, BODY - 1, ws[c] - 8));
            names.add(wrap(name, bold, BODY, ws[c] - 8));
            titleLines = Math.max(titleLines, titles.get(c).size());
            noteLines = Math.max(noteLines, notes.get(c).size());
            nameLines = Math.max(nameLines, names.get(c).size());
        }
        float lineHeight = BODY * 1.35f;
        float space = 64;
        float height = (titleLines + noteLines + nameLines) * lineHeight + space;
        y -= 14;
        ensure(height);
        for (int c = 0; c < columns; c++) {
            float centre = xs[c] + ws[c] / 2;
            float at = y;
            for (String line : titles.get(c)) {
                centred(bold, BODY, line, centre, at - BODY);
                at -= lineHeight;
            }
            at = y - titleLines * lineHeight;
            for (String line : notes.get(c)) {
                centred(italic, BODY - 1, line, centre, at - BODY);
                at -= lineHeight;
            }
            at = y - (titleLines + noteLines) * lineHeight - space;
            for (String line : names.get(c)) {
                centred(bold, BODY, line, centre, at - BODY);
                at -= lineHeight;
            }
        }
        y -= height;
    }

    // ---------------------------------------------------------------- drawing primitives

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(A4);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} still fits on this one. */
    private void ensure(float height) throws IOException {
        if (y - height < FLOOR && y < TOP) {
            newPage();
        }
    }

    private void text(Font font, float size, String text, float x, float baseline) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font.pdf(), size);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
    }

    private void centred(Font font, float size, String text, float centre, float baseline) throws IOException {
        String drawable = font.drawable(text);
        text(font, size, drawable, centre - font.width(drawable, size) / 2, baseline);
    }

    /** Spreads the words of a full line over {@code width}, unless that would gape. */
    private void justified(Font font, float size, String line, float x, float baseline, float width)
            throws IOException {
        String[] words = line.split(" ");
        if (words.length < 2) {
            text(font, size, line, x, baseline);
            return;
        }
        float wordsWidth = 0;
        for (String word : words) {
            wordsWidth += font.width(word, size);
        }
        float gap = (width - wordsWidth) / (words.length - 1);
        float space = font.width(" ", size);
        if (gap < space || gap > space * 3.5f) {
            text(font, size, line, x, baseline);
            return;
        }
        float at = x;
        for (String word : words) {
            text(font, size, word, at, baseline);
            at += font.width(word, size) + gap;
        }
    }

    private void rule(float from, float to, float at) throws IOException {
        content.setLineWidth(0.6f);
        content.moveTo(from, at);
        content.lineTo(to, at);
        content.stroke();
    }

    /** Each line of {@code text} made drawable and wrapped to {@code width}. */
    private static List<String> wrap(String text, Font font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String line : nonNull(text).split("\\R")) {
            String drawable = font.drawable(line).strip();
            if (!drawable.isEmpty()) {
                lines.addAll(wrap(drawable, font, size, width, width));
            }
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    /** Greedy word wrap of one drawable line; a word longer than a line is broken between characters. */
    private static List<String> wrap(String text, Font font, float size, float firstWidth, float restWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : nonNull(text).strip().split(" +")) {
            String rest = word;
            while (!rest.isEmpty()) {
                float available = lines.isEmpty() ? firstWidth : restWidth;
                String candidate = line.isEmpty() ? rest : line + " " + rest;
                if (font.width(candidate, size) <= available) {
                    line.setLength(0);
                    line.append(candidate);
                    rest = "";
                } else if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    int cut = longestPrefix(rest, font, size, available);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Length of the longest prefix of {@code word} that fits, at least one character. */
    private static int longestPrefix(String word, Font font, float size, float width) {
        int end = word.offsetByCodePoints(0, 1);
        while (end < word.length()) {
            int next = word.offsetByCodePoints(end, 1);
            if (font.width(word.substring(0, next), size) > width) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static String caps(String text) {
        return nonNull(text).toUpperCase(VIETNAMESE);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
