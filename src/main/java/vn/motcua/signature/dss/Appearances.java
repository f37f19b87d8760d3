package vn.motcua.signature.dss;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import eu.europa.esig.dss.enumerations.ImageScaling;
import eu.europa.esig.dss.enumerations.SignerTextHorizontalAlignment;
import eu.europa.esig.dss.enumerations.SignerTextPosition;
import eu.europa.esig.dss.enumerations.TextWrapping;
import eu.europa.esig.dss.enumerations.VisualSignatureAlignmentHorizontal;
import eu.europa.esig.dss.enumerations.VisualSignatureAlignmentVertical;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import vn.motcua.signature.SignatureAppearance;
import vn.motcua.signature.SignatureKind;

/**
 * The visible appearance of a signature, as DSS draws it into the named field: a leader's signature as
 * text (who, title, when) in the documents' font (Motcua Serif, Times New Roman's metrics), embedded, so a PDF/A stays PDF/A —,
 * a seal as the unit's seal image, or without one a red bordered box with the unit's name and the time.
 */
final class Appearances {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    /** Seal red (con dấu đỏ), and the dark blue of a signature. */
    static final Color SEAL_RED = new Color(0xC8, 0x10, 0x2E);
    static final Color SIGNATURE_BLUE = new Color(0x0B, 0x2A, 0x80);
    private static final Color TRANSPARENT = new Color(255, 255, 255, 0);

    private static final class FontFiles {
        static final byte[] REGULAR = read("/fonts/MotcuaSerif-Regular.ttf");
        static final byte[] BOLD = read("/fonts/MotcuaSerif-Bold.ttf");
    }

    private Appearances() {
    }

    static SignatureImageParameters of(SignatureAppearance appearance, SignatureKind kind, Date signingTime) {
        SignatureImageParameters image = new SignatureImageParameters();
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setFieldId(appearance.fieldId());
        image.setFieldParameters(field);
        String when = "Thời gian ký: " + WHEN.format(signingTime.toInstant().atZone(VIETNAM));
        if (kind == SignatureKind.SEAL) {
            byte[] png = appearance.image() != null ? appearance.image() : sealBox(appearance.lines(), when);
            image.setImage(new InMemoryDocument(png, "seal.png"));
            image.setImageScaling(ImageScaling.ZOOM_AND_CENTER);
            image.setBackgroundColor(TRANSPARENT);
            image.setAlignmentHorizontal(VisualSignatureAlignmentHorizontal.NONE);
            image.setAlignmentVertical(VisualSignatureAlignmentVertical.NONE);
            return image;
        }
        List<String> lines = new ArrayList<>(appearance.lines());
        lines.add(when);
        SignatureImageTextParameters text = new SignatureImageTextParameters();
        text.setText(String.join("\n", lines));
        DSSFileFont font = new DSSFileFont(new InMemoryDocument(FontFiles.REGULAR, "MotcuaSerif-Regular.ttf"), 9.5f);
        // the glyphs used, not the whole font (170 kB) in every signed revision
        font.setEmbedFontSubset(true);
        text.setFont(font);
        text.setTextColor(SIGNATURE_BLUE);
        text.setBackgroundColor(Color.WHITE);
        text.setPadding(3f);
        text.setTextWrapping(TextWrapping.FONT_BASED);
        text.setSignerTextPosition(SignerTextPosition.TOP);
        text.setSignerTextHorizontalAlignment(SignerTextHorizontalAlignment.CENTER);
        image.setTextParameters(text);
        image.setBackgroundColor(Color.WHITE);
        return image;
    }

    /**
     * A red box with a double border and the unit's name in capitals, transparent outside the lines so
     * that the leader's signature under it stays visible.
     */
    static byte[] sealBox(List<String> lines, String when) {
        // 400 px for a box of about 35 mm: 290 dpi, crisp in print
        int width = 400;
        int height = 400;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            // drawn sharp, without antialiasing: the transparency is then all or nothing, which the PDF's
            // soft mask stores in a tenth of the space (290 dpi hides the steps in print)
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setColor(SEAL_RED);
            g.setStroke(new BasicStroke(9f));
            g.drawRoundRect(7, 7, width - 14, height - 14, 40, 40);
            g.setStroke(new BasicStroke(3.5f));
            g.drawRoundRect(23, 23, width - 46, height - 46, 27, 27);
            java.awt.Font bold = awtFont(FontFiles.BOLD).deriveFont(36f);
            java.awt.Font regular = awtFont(FontFiles.REGULAR).deriveFont(23f);
            List<String> wrapped = new ArrayList<>();
            g.setFont(bold);
            for (String line : lines) {
                wrapped.addAll(wrap(line.toUpperCase(Locale.forLanguageTag("vi-VN")), g.getFontMetrics(), width - 74));
            }
            FontMetrics boldMetrics = g.getFontMetrics(bold);
            FontMetrics regularMetrics = g.getFontMetrics(regular);
            int textHeight = wrapped.size() * boldMetrics.getHeight() + 16 + regularMetrics.getHeight();
            int y = (height - textHeight) / 2 + boldMetrics.getAscent();
            for (String line : wrapped) {
                g.drawString(line, (width - boldMetrics.stringWidth(line)) / 2, y);
                y += boldMetrics.getHeight();
            }
            y += 16;
            g.setFont(regular);
            for (String line : wrap(when, regularMetrics, width - 74)) {
                g.drawString(line, (width - regularMetrics.stringWidth(line)) / 2, y);
                y += regularMetrics.getHeight();
            }
        } finally {
            g.dispose();
        }
        onlyAlphaVaries(image, SEAL_RED);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every pixel in the one colour, the drawing kept in the alpha channel alone: the PDF stores an image's
     * colours and its transparency apart, and a plane of one colour compresses to almost nothing (the seal
     * drawn on black took 18 kB of colours in every issued result).
     */
    private static void onlyAlphaVaries(BufferedImage image, Color colour) {
        int rgb = colour.getRGB() & 0x00FFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (image.getRGB(x, y) & 0xFF000000) | rgb);
            }
        }
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static java.awt.Font awtFont(byte[] bytes) {
        try {
            return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("cannot read the shipped font", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = Appearances.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
