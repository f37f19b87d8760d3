package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.BitSet;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The shipped Unicode fonts (DejaVu Sans, with Vietnamese glyphs), read from the classpath
 * once per JVM. A PDF font object belongs to one document, so each rendering makes its own;
 * the bytes and the glyph coverage are immutable and shared by all threads. Parsing a font
 * file took about a third of a form's rendering (issue #8's benchmark), so parsed fonts are
 * lent out from a small pool: a parsed font is not thread-safe, and one rendering holds its
 * set until the document is saved.
 */
final class Fonts {

    enum Face {
        REGULAR("/fonts/DejaVuSans.ttf"),
        BOLD("/fonts/DejaVuSans-Bold.ttf"),
        ITALIC("/fonts/DejaVuSans-Oblique.ttf");

        final String resource;

        Face(String resource) {
            this.resource = resource;
        }
    }

    /** A font's bytes and the code points it has a glyph for. */
    record FontFile(byte[] bytes, BitSet coverage) {

        TrueTypeFont parse() throws IOException {
            return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        }

        /**
         * The text made drawable with this font: composed (NFC, so that "ặ" is one glyph),
         * tabs and line breaks as spaces, other control characters dropped, a character the font lacks as "?".
         */
        String drawable(String text) {
            if (text == null || text.isEmpty()) {
                return "";
            }
            String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
            StringBuilder out = new StringBuilder(composed.length());
            composed.codePoints().forEach(cp -> {
                if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                    out.append(' ');
                } else if (Character.isISOControl(cp) || cp == 0xFEFF || cp == 0x200B) {
                    // dropped
                } else if (coverage.get(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('?');
                }
            });
            return out.toString();
        }
    }

    private static final class Holder {
        static final FontFile REGULAR = read(Face.REGULAR);
        static final FontFile BOLD = read(Face.BOLD);
        static final FontFile ITALIC = read(Face.ITALIC);
    }

    private Fonts() {
    }

    /** Parsed sets kept for reuse; more renderings at once parse more, and the extra sets are closed. */
    private static final int POOL = 8;
    private static final java.util.concurrent.BlockingQueue<Parsed> IDLE = new java.util.concurrent.ArrayBlockingQueue<>(POOL);

    /** The three faces parsed, lent to one rendering at a time; closing gives them back. */
    static final class Parsed implements AutoCloseable {
        private final java.util.Map<Face, TrueTypeFont> fonts = new java.util.EnumMap<>(Face.class);

        private Parsed() throws IOException {
            for (Face face : Face.values()) {
                fonts.put(face, get(face).parse());
            }
        }

        /** Embeds a subset of the face into {@code document} (written when the document is saved). */
        PDType0Font load(PDDocument document, Face face) throws IOException {
            return PDType0Font.load(document, fonts.get(face), true);
        }

        @Override
        public void close() throws IOException {
            if (!IDLE.offer(this)) {
                for (TrueTypeFont font : fonts.values()) {
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

    static FontFile get(Face face) {
        return switch (face) {
            case REGULAR -> Holder.REGULAR;
            case BOLD -> Holder.BOLD;
            case ITALIC -> Holder.ITALIC;
        };
    }

    private static FontFile read(Face face) {
        try (InputStream in = Fonts.class.getResourceAsStream(face.resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + face.resource + " is not on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            BitSet coverage = new BitSet(0x20000);
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = ttf.getUnicodeCmapLookup();
                for (int cp = 0x20; cp < 0x20000; cp++) {
                    if (cmap.getGlyphId(cp) > 0) {
                        coverage.set(cp);
                    }
                }
            }
            return new FontFile(bytes, coverage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + face.resource, e);
        }
    }
}
