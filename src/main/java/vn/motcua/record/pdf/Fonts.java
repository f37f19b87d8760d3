package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one font stack of every PDF the product issues: DejaVu Sans (regular, bold, oblique), with
 * Vietnamese glyphs, shipped under {@code src/main/resources/fonts/} (Bitstream Vera / Arev licence).
 * The bytes are read once per JVM and shared; each document embeds the subset it uses. Parsing the three
 * files took about half a document's rendering, so parsed fonts are lent out from a small pool: a parsed
 * font is not thread-safe, and one rendering holds its set until the document is saved.
 */
final class Fonts {

    /** The CSS family name the templates use. */
    static final String FAMILY = "DejaVu Sans";

    enum Face {
        REGULAR("/fonts/DejaVuSans.ttf", 400, false),
        BOLD("/fonts/DejaVuSans-Bold.ttf", 700, false),
        ITALIC("/fonts/DejaVuSans-Oblique.ttf", 400, true);

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
    }

    private Fonts() {
    }

    /** Parsed sets kept for reuse; more renderings at once parse more, and the extra sets are closed. */
    private static final int POOL = 8;
    private static final java.util.concurrent.BlockingQueue<Parsed> IDLE =
            new java.util.concurrent.ArrayBlockingQueue<>(POOL);

    /** The three faces parsed, lent to one rendering at a time; closing gives them back. */
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
