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

    /** The CSS family name the templates use: the Decree's. */
    static final String FAMILY = "Times New Roman";

    /**
     * Every family name a template may write, all laid out in the one embedded font: a family nothing
     * answers to would fall back to a font that is not embedded (not PDF/A) and has no Vietnamese letters.
     */
    static final java.util.List<String> FAMILIES = java.util.List.of(FAMILY, "Motcua Serif", "Serif",
            "SansSerif", "Monospaced", "DejaVu Sans");

    enum Face {
        REGULAR("/fonts/MotcuaSerif-Regular.ttf", 400, false),
        BOLD("/fonts/MotcuaSerif-Bold.ttf", 700, false),
        ITALIC("/fonts/MotcuaSerif-Italic.ttf", 400, true),
        BOLD_ITALIC("/fonts/MotcuaSerif-BoldItalic.ttf", 700, true);

        final String resource;
        final int weight;
        final boolean italic;

        Face(String resource, int weight, boolean italic) {
            this.resource = resource;
            this.weight = weight;
            this.italic = italic;
        }
    }

    private static final class Holder {
        static final byte[] REGULAR = read(Face.REGULAR);
        static final byte[] BOLD = read(Face.BOLD);
        static final byte[] ITALIC = read(Face.ITALIC);
        static final byte[] BOLD_ITALIC = read(Face.BOLD_ITALIC);
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
                        .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(bytes(face))));
            }
        }

        /** The face embedded (subset, written when the document is saved) into {@code document}. */
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

    static byte[] bytes(Face face) {
        return switch (face) {
            case REGULAR -> Holder.REGULAR;
            case BOLD -> Holder.BOLD;
            case ITALIC -> Holder.ITALIC;
            case BOLD_ITALIC -> Holder.BOLD_ITALIC;
        };
    }

    private static byte[] read(Face face) {
        try (InputStream in = Fonts.class.getResourceAsStream(face.resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + face.resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + face.resource, e);
        }
    }
}
