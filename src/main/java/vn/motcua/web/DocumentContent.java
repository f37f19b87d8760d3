package vn.motcua.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.Iterator;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Whether a document is what it claims to be, within bounded memory: a PDF must open as a PDF with
 * at least one page and its compressed streams must not expand beyond {@code maxDecodedBytes} (a
 * "zip bomb" of 1 MB can expand to 1 GiB); an image must decode, and not have more than
 * {@code maxPixels}. Also normalises the file names clients send. Used wherever an uploaded file is
 * read: the records' documents, signed PDFs uploaded or sent for verification.
 *
 * <p>PDFBox decodes a stream wholly into memory whatever its memory setting, so streams are decoded
 * here into a counting sink instead, and the raw bytes are first scanned for deflated data (which
 * also covers the object and cross-reference streams PDFBox decodes while loading).
 */
public final class DocumentContent {

    /** The longest file name kept, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    private final long maxDecodedBytes;
    private final long maxPixels;

    public DocumentContent(long maxDecodedBytes, long maxPixels) {
        this.maxDecodedBytes = maxDecodedBytes;
        this.maxPixels = maxPixels;
    }

    /** Why the content is not a sound document of the (detected) media type, or null when it is one. */
    public String problem(byte[] content, String mediaType) {
        if ("application/pdf".equals(mediaType)) {
            return pdfProblem(content);
        }
        if (mediaType != null && mediaType.startsWith("image/")) {
            return imageProblem(content);
        }
        return null;
    }

    // --- PDF --------------------------------------------------------------------------------

    private String pdfProblem(byte[] content) {
        Budget budget = new Budget(maxDecodedBytes);
        try {
            inflateEveryDeflatedRun(content, budget);
        } catch (OverBudget e) {
            return bomb();
        }
        // Memory for PDFBox's own scratch buffers is bounded too (the input itself is capped by the upload limit).
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(content), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(Math.max(maxDecodedBytes, 16L << 20)).streamCache)) {
            int pages = document.getNumberOfPages();
            if (pages < 1) {
                return "is a PDF without any page";
            }
            document.getPage(0); // the page tree must lead to a page
            Budget streams = new Budget(maxDecodedBytes);
            for (COSObjectKey key : List.copyOf(document.getDocument().getXrefTable().keySet())) {
                COSObject object = document.getDocument().getObjectFromPool(key);
                if (object.getObject() instanceof COSStream stream) {
                    decode(stream, streams);
                }
            }
            return null;
        } catch (OverBudget e) {
            return bomb();
        } catch (IOException | RuntimeException e) {
            // PDFBox's word for a broken file: a "%PDF" header over anything else ends here.
            return "is not a readable PDF (" + shorten(e.getMessage()) + ")";
        }
    }

    private String bomb() {
        return "expands to more than " + (maxDecodedBytes >> 20) + " MB when decompressed; it is refused as a "
                + "compression bomb";
    }

    /**
     * Inflates every zlib run after a {@code stream} keyword in the raw bytes into the budget, without
     * keeping the output: deflated streams anywhere in the file, even those only a broken xref hides.
     */
    private static void inflateEveryDeflatedRun(byte[] content, Budget budget) {
        byte[] buffer = new byte[64 * 1024];
        for (int at = indexOf(content, STREAM, 0); at >= 0; at = indexOf(content, STREAM, at + STREAM.length)) {
            if (at >= 3 && content[at - 3] == 'e' && content[at - 2] == 'n' && content[at - 1] == 'd') {
                continue; // "endstream"
            }
            int data = at + STREAM.length;
            if (data < content.length && content[data] == '\r') {
                data++;
            }
            if (data < content.length && content[data] == '\n') {
                data++;
            }
            if (data + 2 > content.length || (content[data] & 0x0f) != 8 || ((content[data] & 0xff) * 256
                    + (content[data + 1] & 0xff)) % 31 != 0) {
                continue; // not a zlib header: another filter or none
            }
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(content, data, content.length - data);
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    budget.spend(n);
                }
            } catch (DataFormatException e) {
                // corrupt deflate data: PDFBox judges the file below
            } finally {
                inflater.end();
            }
        }
    }

    private static final byte[] STREAM = "stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Decodes the stream's filters one after the other into the budget. Image codecs (DCT, JPX,
     * JBIG2, CCITT) are left alone: their output is bounded by the image's size.
     */
    private static void decode(COSStream stream, Budget budget) throws IOException {
        List<COSName> filters = filters(stream.getFilters());
        if (filters.isEmpty()) {
            return;
        }
        byte[] input;
        try (InputStream raw = stream.createRawInputStream()) {
            input = raw.readAllBytes();
        }
        for (int i = 0; i < filters.size(); i++) {
            COSName name = filters.get(i);
            if (IMAGE_CODECS.contains(name.getName())) {
                return;
            }
            Filter filter;
            try {
                filter = FilterFactory.INSTANCE.getFilter(name);
            } catch (IOException e) {
                throw new IOException("unknown filter " + name.getName());
            }
            boolean last = i == filters.size() - 1;
            BoundedOutput output = new BoundedOutput(budget, !last);
            filter.decode(new ByteArrayInputStream(input), output, stream, i);
            input = output.bytes();
        }
    }

    private static final List<String> IMAGE_CODECS = List.of("DCTDecode", "DCT", "JPXDecode", "JBIG2Decode",
            "CCITTFaxDecode", "CCF");

    private static List<COSName> filters(COSBase filters) {
        if (filters instanceof COSName name) {
            return List.of(name);
        }
        if (filters instanceof COSArray array) {
            return array.toList().stream().filter(COSName.class::isInstance).map(COSName.class::cast).toList();
        }
        return List.of();
    }

    /** Decoded bytes allowed for one document. */
    private static final class Budget {
        private long left;

        Budget(long bytes) {
            this.left = bytes;
        }

        void spend(long bytes) {
            left -= bytes;
            if (left < 0) {
                throw new OverBudget();
            }
        }
    }

    /** Thrown through PDFBox's filters (unchecked, so no filter swallows it as a broken stream). */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("over the decoding budget", null, false, false);
        }
    }

    /** Counts what a filter writes against the budget; keeps it only when another filter follows. */
    private static final class BoundedOutput extends OutputStream {
        private final Budget budget;
        private final java.io.ByteArrayOutputStream kept;

        BoundedOutput(Budget budget, boolean keep) {
            this.budget = budget;
            this.kept = keep ? new java.io.ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) {
            budget.spend(1);
            if (kept != null) {
                kept.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            budget.spend(len);
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        byte[] bytes() {
            return kept == null ? new byte[0] : kept.toByteArray();
        }
    }

    // --- images -----------------------------------------------------------------------------

    private String imageProblem(byte[] content) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return "is not a readable image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    return "is an image without pixels";
                }
                if (width * height > maxPixels) {
                    return "is an image of " + width + " × " + height + " pixels; at most " + maxPixels
                            + " pixels are accepted";
                }
                // Decode it all, subsampled to about 4 megapixels so the check itself stays small.
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.ceil(Math.sqrt(width * height / 4_000_000.0)));
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param);
                return null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return "is not a readable image (" + shorten(e.getMessage()) + ")";
        }
    }

    // --- names ------------------------------------------------------------------------------

    /**
     * The name a document is stored under: the last part of what the client sent (no directories,
     * drive letters or {@code ..}), without control or invisible formatting characters (which
     * could disguise an extension), at most {@link #MAX_NAME_LENGTH} characters with the extension
     * kept; {@code fallback} when nothing is left.
     */
    public static String normalisedName(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0))) {
            n = n.substring(2); // "C:file.pdf"
        }
        StringBuilder clean = new StringBuilder();
        n.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return;
            }
            clean.appendCodePoint("\"*?<>|:".indexOf(c) >= 0 || Character.isWhitespace(c) && c != ' ' ? '_' : c);
        });
        n = clean.toString().strip();
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        while (n.endsWith(".") || n.endsWith(" ")) {
            n = n.substring(0, n.length() - 1);
        }
        n = n.strip();
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.codePointCount(0, n.length()) > MAX_NAME_LENGTH) {
            int dot = n.lastIndexOf('.');
            String extension = dot > 0 && n.length() - dot <= 10 ? n.substring(dot) : "";
            String stem = extension.isEmpty() ? n : n.substring(0, dot);
            int keep = MAX_NAME_LENGTH - extension.length();
            stem = stem.substring(0, stem.offsetByCodePoints(0, Math.min(keep, stem.codePointCount(0, stem.length()))));
            n = stem + extension;
        }
        return n;
    }

    private static String shorten(String message) {
        if (message == null || message.isBlank()) {
            return "damaged";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
