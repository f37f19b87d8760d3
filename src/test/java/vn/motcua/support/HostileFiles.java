package vn.motcua.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Files that claim to be what they are not: fake PDFs and compression bombs, for upload tests. */
public final class HostileFiles {

    private static byte[] gibibyteOfZerosDeflated;

    private HostileFiles() {
    }

    /** A real PNG image, black. */
    public static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height,
                    java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "%PDF-1.7" and then random bytes. */
    public static byte[] pdfHeaderOverRandomBytes() {
        byte[] bytes = new byte[20_000];
        new Random(13).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** A one-page PDF whose content stream is about 1 MB of deflated data expanding to 1 GiB. */
    public static byte[] pdfBomb() {
        return pdfWithContent(deflatedGibibyte(), COSName.FLATE_DECODE);
    }

    /**
     * The same gibibyte deflated twice (filters [FlateDecode FlateDecode]): only a few KB in the file,
     * so a scan of the raw bytes sees an innocent megabyte.
     */
    public static byte[] pdfDoubleDeflatedBomb() {
        COSArray filters = new COSArray();
        filters.add(COSName.FLATE_DECODE);
        filters.add(COSName.FLATE_DECODE);
        return pdfWithContent(deflate(deflatedGibibyte()), filters);
    }

    /** A well-formed PDF with no page at all. */
    public static byte[] pdfWithoutPages() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pdfWithContent(byte[] raw, org.apache.pdfbox.cos.COSBase filter) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream rawOut = stream.createRawOutputStream()) {
                rawOut.write(raw);
            }
            stream.setItem(COSName.FILTER, filter);
            page.getCOSObject().setItem(COSName.CONTENTS, stream);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized byte[] deflatedGibibyte() {
        if (gibibyteOfZerosDeflated == null) {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (OutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 1024; i++) {
                    out.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gibibyteOfZerosDeflated = deflated.toByteArray();
        }
        return gibibyteOfZerosDeflated;
    }

    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deflated.toByteArray();
    }
}
