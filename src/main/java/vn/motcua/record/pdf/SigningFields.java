package vn.motcua.record.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

import com.openhtmltopdf.pdfboxout.PagePosition;

/**
 * The form fields of a result, as Vietnamese e-document practice has them: the number and symbol
 * ({@value #DOCUMENT_NUMBER}) and the date of issue ({@value #ISSUED_ON}) are given at issuing, after
 * the leader signed, so the draft carries them as empty read-only text fields that issuing fills in an
 * incremental update; the signer's name ({@value #SIGNER_NAME}) is filled in the leader's own revision,
 * just before the leader's signature covers it; the leader signs into {@value #LEADER_SIGNATURE} (in the
 * signer's block, between the title and the name) and the unit seals into {@value #UNIT_SEAL}, which
 * overlaps the left third of the leader's signature as Decree 30/2020/NĐ-CP places the seal.
 *
 * <p>The template marks where they go with empty elements {@code id="field-<name>"}; the seal's place is
 * computed from the leader's.
 */
public final class SigningFields {

    public static final String DOCUMENT_NUMBER = "documentNumber";
    public static final String ISSUED_ON = "issuedOn";
    public static final String SIGNER_NAME = "signerName";
    public static final String LEADER_SIGNATURE = "leaderSignature";
    public static final String UNIT_SEAL = "unitSeal";

    /** A seal is about 36 mm across (round seals of People's Committees: 35–42 mm). */
    static final float SEAL_SIZE = 36f * 72f / 25.4f;
    private static final float TEXT_SIZE = 13f;
    private static final int PRINT = 1 << 2;
    private static final int READ_ONLY = 1;

    /** How a filled field's text sits in its box. */
    private enum Style {
        /** Right after "Số:", on its baseline. */
        LEFT, CENTRED, CENTRED_BOLD, CENTRED_ITALIC
    }

    private static final Map<String, Style> TEXT_FIELDS = Map.of(DOCUMENT_NUMBER, Style.LEFT,
            ISSUED_ON, Style.CENTRED_ITALIC, SIGNER_NAME, Style.CENTRED_BOLD);

    private SigningFields() {
    }

    /**
     * Adds the fields at the boxes the layout gave the elements {@code field-<name>}: text fields and the
     * leader's signature field where the template put them, the seal's over the left third of the leader's.
     */
    static void add(PDDocument document, List<PagePosition<com.openhtmltopdf.render.Box>> boxes) throws IOException {
        Map<String, PagePosition<?>> byName = new LinkedHashMap<>();
        for (PagePosition<?> box : boxes) {
            byName.putIfAbsent(box.getId().substring("field-".length()), box);
        }
        for (String required : List.of(DOCUMENT_NUMBER, ISSUED_ON, SIGNER_NAME, LEADER_SIGNATURE)) {
            if (!byName.containsKey(required)) {
                throw new IllegalStateException("a result template must mark where " + required + " goes: an element "
                        + "id=\"field-" + required + "\" (the layout's fragments do it; docs/templates.md)");
            }
        }
        PDAcroForm form = new PDAcroForm(document);
        document.getDocumentCatalog().setAcroForm(form);
        form.setFields(new java.util.ArrayList<>());
        // the fields' default appearance names the page's own embedded font (PDF/A: every font embedded)
        PDResources defaults = new PDResources();
        PDPage first = document.getPage(byName.get(DOCUMENT_NUMBER).getPageNo());
        COSName fontName = first.getResources().getFontNames().iterator().next();
        // the font's dictionary itself, not a PDFont made of it: the subset is embedded only when the
        // document is saved, and a PDFont made before that would look for a system font to stand in
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(fontName, first.getResources().getCOSObject().getCOSDictionary(COSName.FONT).getItem(fontName));
        defaults.getCOSObject().setItem(COSName.FONT, fonts);
        form.setDefaultResources(defaults);
        form.setDefaultAppearance("/" + fontName.getName() + " 0 Tf 0 g");

        for (Map.Entry<String, Style> text : TEXT_FIELDS.entrySet()) {
            PagePosition<?> box = byName.get(text.getKey());
            PDTextField field = new PDTextField(form);
            field.setPartialName(text.getKey());
            field.setReadOnly(true);
            field.setDefaultAppearance("/" + fontName.getName() + " " + TEXT_SIZE + " Tf 0 g");
            field.getCOSObject().setInt(COSName.Q, text.getValue() == Style.LEFT ? 0 : 1);
            widget(document, field.getWidgets().get(0), box.getPageNo(), rectangle(box));
            form.getFields().add(field);
        }
        PagePosition<?> leader = byName.get(LEADER_SIGNATURE);
        PDRectangle leaderBox = rectangle(leader);
        signatureField(document, form, LEADER_SIGNATURE, leader.getPageNo(), leaderBox);
        // the seal covers the left third of the signature, centred on it vertically
        float sealRight = leaderBox.getLowerLeftX() + leaderBox.getWidth() / 3f;
        float centreY = leaderBox.getLowerLeftY() + leaderBox.getHeight() / 2f;
        signatureField(document, form, UNIT_SEAL, leader.getPageNo(),
                new PDRectangle(sealRight - SEAL_SIZE, centreY - SEAL_SIZE / 2f, SEAL_SIZE, SEAL_SIZE));
    }

    private static PDRectangle rectangle(PagePosition<?> box) {
        return new PDRectangle(box.getX(), box.getY(), box.getWidth(), box.getHeight());
    }

    private static void signatureField(PDDocument document, PDAcroForm form, String name, int page, PDRectangle rect)
            throws IOException {
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(name);
        widget(document, field.getWidgets().get(0), page, rect);
        form.getFields().add(field);
        form.setSignaturesExist(true);
        form.setAppendOnly(true);
    }

    /** A printed widget with an empty normal appearance (PDF/A: every annotation has one, N only). */
    private static void widget(PDDocument document, PDAnnotationWidget widget, int pageIndex, PDRectangle rect)
            throws IOException {
        PDPage page = document.getPage(pageIndex);
        widget.setRectangle(rect);
        widget.setPage(page);
        widget.setAnnotationFlags(PRINT);
        PDAppearanceStream empty = new PDAppearanceStream(document);
        empty.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
        empty.setResources(new PDResources());
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(empty);
        widget.setAppearance(appearance);
        page.getAnnotations().add(widget);
    }

    /**
     * Fills text fields in an incremental update: what is signed stays signed. Each value is drawn in the
     * field's own appearance with the documents' font embedded (subset), so the document stays PDF/A.
     *
     * @throws IllegalArgumentException when the PDF has no such field
     */
    public static byte[] fill(byte[] pdf, Map<String, String> values) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form == null) {
                throw new IllegalArgumentException("the document has no form fields to fill");
            }
            Map<String, PDType0Font> fonts = new java.util.HashMap<>();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                PDField field = form.getField(entry.getKey());
                if (!(field instanceof PDTextField text)) {
                    throw new IllegalArgumentException("the document has no text field " + entry.getKey());
                }
                Style style = TEXT_FIELDS.getOrDefault(entry.getKey(), Style.CENTRED);
                Fonts.Face face = switch (style) {
                    case LEFT, CENTRED -> Fonts.Face.REGULAR;
                    case CENTRED_BOLD -> Fonts.Face.BOLD;
                    case CENTRED_ITALIC -> Fonts.Face.ITALIC;
                };
                String value = entry.getValue() == null ? "" : entry.getValue().strip();
                PDType0Font font = Fonts.embedFor(document, face, value, fonts);
                text.getCOSObject().setString(COSName.V, value);
                for (PDAnnotationWidget widget : text.getWidgets()) {
                    draw(document, widget, font, value, style == Style.LEFT);
                    widget.getCOSObject().setNeedToBeUpdated(true);
                }
                text.getCOSObject().setNeedToBeUpdated(true);
            }
            // saving subsets the fonts loaded here, as a full save would
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill the document's fields", e);
        }
    }

    /** The value's own appearance: centred on the box (or at its left), shrunk to fit its width. */
    private static void draw(PDDocument document, PDAnnotationWidget widget, PDFont font, String value, boolean left)
            throws IOException {
        PDRectangle rect = widget.getRectangle();
        PDAppearanceStream stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
        PDResources resources = new PDResources();
        stream.setResources(resources);
        float size = TEXT_SIZE;
        float width = font.getStringWidth(value) / 1000f * size;
        if (width > rect.getWidth() - 2) {
            size = size * (rect.getWidth() - 2) / width;
            width = font.getStringWidth(value) / 1000f * size;
        }
        try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
            content.beginMarkedContent(COSName.getPDFName("Tx"));
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(0f);
            // on the baseline of the text around it: a descent above the box's foot
            float y = Math.max(1f, Math.min((rect.getHeight() - size * 0.72f) / 2f, size * 0.24f));
            content.newLineAtOffset(left ? 3.5f : (rect.getWidth() - width) / 2f, left ? Math.max(1f, y - 1.2f) : y);
            content.showText(value);
            content.endText();
            content.endMarkedContent();
        }
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(stream);
        widget.setAppearance(appearance);
    }

    /** The value of a text field, empty when the field is empty or absent. */
    public static Optional<String> value(byte[] pdf, String name) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            PDField field = form == null ? null : form.getField(name);
            String value = field == null ? null : field.getValueAsString();
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document's fields", e);
        }
    }

    /** Whether the PDF has a field of that name (a result rendered for signing has them all). */
    public static boolean has(byte[] pdf, String name) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            return form != null && form.getField(name) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
