package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one font stack of every PDF the product issues: DejaVu Sans (regular, bold, oblique), with
 * Vietnamese glyphs, shipped under {@code src/main/resources/fonts/} (Bitstream Vera / Arev licence).
 * The bytes are read once per JVM and shared; each document embeds the subset it uses.
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
