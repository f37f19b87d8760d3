package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one font stack of every PDF the product issues: Motcua Serif (regular, bold, italic, bold italic),
 * Liberation Serif made small for embedding by {@code tools/fonts/build-fonts.py} (SIL Open Font License),
 * with Vietnamese glyphs and the metrics of Times New Roman, the font Decree 30/2020/NĐ-CP prescribes.
 * The bytes are read once per JVM and shared; each document embeds the subset it uses. Parsing the
 * files took about half a document's rendering, so parsed fonts are lent out from a small pool: a parsed
 * font is not thread-safe, and one rendering holds its set until the document is saved.
 */
final class Fonts {

    /** The family the full faces answer to, as the final fallback only. */
    static final String FULL_FAMILY = "Motcua Serif Full";

    /** The CSS family name the templates use: the Decree's. */
    static final String FAMILY = "Times New Roman";

    /**
     * Every family name a template may write, all laid out in the one embedded font: a family nothing
     * answers to would fall back to a font that is not embedded (not PDF/A) and has no Vietnamese letters.
     */
    static final java.util.List<String> FAMILIES = java.util.List.of(FAMILY, "Motcua Serif", "Serif",
            "SansSerif", "Monospaced", "DejaVu Sans",
            // the PDF's standard fonts, which openhtmltopdf would print without embedding them
            "TimesRoman", "Helvetica", "Courier", "Dialog", "DialogInput", "Symbol", "ZapfDingbats");

    /**
     * A face in two files: the core (the characters of Vietnamese documents, 569 glyphs), in which documents
     * are laid out, and the full one (2,348 glyphs: Greek, Cyrillic, more symbols), which answers only for a
     * character the core lacks. Embedding measures every glyph of a face, so the core keeps it quick.
     */
    enum Face {
        REGULAR("Regular", 400, false),
        BOLD("Bold", 700, false),
        ITALIC("Italic", 400, true),
        BOLD_ITALIC("BoldItalic", 700, true);

        final String resource;
        final String coreResource;
        final int weight;
        final boolean italic;

        Face(String style, int weight, boolean italic) {
            this.resource = "/fonts/MotcuaSerif-" + style + ".ttf";
            this.coreResource = "/fonts/MotcuaSerifCore-" + style + ".ttf";
            this.weight = weight;
            this.italic = italic;
        }
    }

    private static final class Holder {
        static final java.util.Map<Face, byte[]> FULL = new java.util.EnumMap<>(Face.class);
        static final java.util.Map<Face, byte[]> CORE = new java.util.EnumMap<>(Face.class);

        static {
            for (Face face : Face.values()) {
                FULL.put(face, read(face.resource));
                CORE.put(face, read(face.coreResource));
            }
        }
    }

    private Fonts() {
    }

    /** Parsed sets kept for reuse; more renderings at once parse more, and the extra sets are closed. */
    private static final int POOL = 8;
    private static final java.util.concurrent.BlockingQueue<Parsed> IDLE =
            new java.util.concurrent.ArrayBlockingQueue<>(POOL);

    /** The faces parsed, lent to one rendering at a time; closing gives them back. */
    static final class Parsed implements AutoCloseable {
        private final java.util.Map<Face, org.apache.fontbox.ttf.TrueTypeFont> fonts =
                new java.util.EnumMap<>(Face.class);

        private Parsed() throws IOException {
            for (Face face : Face.values()) {
                fonts.put(face, new org.apache.fontbox.ttf.TTFParser()
                        .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(Holder.CORE.get(face))));
            }
        }

        /** The face's core embedded (subset, written when the document is saved) into {@code document}. */
        org.apache.pdfbox.pdmodel.font.PDType0Font load(org.apache.pdfbox.pdmodel.PDDocument document, Face face)
                throws IOException {
            return org.apache.pdfbox.pdmodel.font.PDType0Font.load(document, fonts.get(face), true);
        }

        @Override
        public void close() throws IOException {
            if (!IDLE.offer(this)) {
                for (org.apache.fontbox.ttf.TrueTypeFont font : fonts.values()) {
                    font.close();
                }
            }
        }
    }

    /** A parsed set of the faces for one rendering; close it after the document is saved. */
    static Parsed borrow() throws IOException {
        Parsed idle = IDLE.poll();
        return idle != null ? idle : new Parsed();
    }

    /**
     * The face embedded (subset) into {@code document} to draw {@code text}: its core if it has every
     * character, else the full face. {@code embedded} keeps what this document has already, by file.
     */
    static org.apache.pdfbox.pdmodel.font.PDType0Font embedFor(org.apache.pdfbox.pdmodel.PDDocument document,
            Face face, String text, java.util.Map<String, org.apache.pdfbox.pdmodel.font.PDType0Font> embedded)
            throws IOException {
        org.apache.pdfbox.pdmodel.font.PDType0Font core = embedded.get(face.coreResource);
        if (core == null) {
            core = org.apache.pdfbox.pdmodel.font.PDType0Font.load(document,
                    new java.io.ByteArrayInputStream(Holder.CORE.get(face)), true);
            embedded.put(face.coreResource, core);
        }
        try {
            core.encode(text);
            return core;
        } catch (IllegalArgumentException notInTheCore) {
            org.apache.pdfbox.pdmodel.font.PDType0Font full = embedded.get(face.resource);
            if (full == null) {
                full = org.apache.pdfbox.pdmodel.font.PDType0Font.load(document,
                        new java.io.ByteArrayInputStream(Holder.FULL.get(face)), true);
                embedded.put(face.resource, full);
            }
            return full;
        }
    }

    /** The full face: every character of the font. */
    static byte[] bytes(Face face) {
        return Holder.FULL.get(face);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + resource, e);
        }
    }
}
