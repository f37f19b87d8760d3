package vn.motcua.record.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes (the verification page's address on issued documents). Templates draw one with
 * {@code <object type="image/x-motcua-qr" data="…">} ({@link #DRAWER}): a one-bit image made straight
 * from the code's modules into the document. {@code verifyQr}, the same as a PNG {@code data:} URI for an
 * {@code <img>}, is made only for a template that uses it: decoding it again into the PDF was a fifth of
 * a document's rendering.
 */
public final class QrCodes {

    /** The {@code type} of the {@code <object>} a template draws a QR code with. */
    static final String TYPE = "image/x-motcua-qr";

    /** Draws {@code <object type="image/x-motcua-qr" data="text">} as the text's QR code, filling the box. */
    static final com.openhtmltopdf.extend.FSObjectDrawer DRAWER = (element, x, y, width, height, device, context,
            dotsPerPixel) -> {
        if (device instanceof com.openhtmltopdf.pdfboxout.PdfBoxOutputDevice pdf && !element.getAttribute("data").isBlank()) {
            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image = image(pdf.getWriter(), element.getAttribute("data"));
            pdf.drawImage(new com.openhtmltopdf.pdfboxout.PdfBoxImage(null, TYPE, (float) width, (float) height, image),
                    (int) x, (int) y, false);
        }
        return null;
    };

    /** Pixels a module: sharp at any print size, since the image is drawn without interpolation. */
    private static final int SCALE = 4;

    private QrCodes() {
    }

    private static BitMatrix modules(String text) {
        try {
            return new QRCodeWriter().encode(text.strip(), BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode the QR code of " + text, e);
        }
    }

    /**
     * The QR code as a one-bit grey image of {@code document} (0 black, 1 white), {@link #SCALE} samples a
     * module, never interpolated: sharp in every viewer and printer.
     */
    static org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image(org.apache.pdfbox.pdmodel.PDDocument document,
            String text) {
        BitMatrix matrix = modules(text);
        int size = matrix.getWidth() * SCALE;
        int rowBytes = (size + 7) / 8;
        byte[] samples = new byte[rowBytes * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (!matrix.get(x / SCALE, y / SCALE)) {
                    samples[y * rowBytes + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(deflated)) {
            out.write(samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image = new org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject(
                    document, new java.io.ByteArrayInputStream(deflated.toByteArray()),
                    org.apache.pdfbox.cos.COSName.FLATE_DECODE, size, size, 1,
                    org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray.INSTANCE);
            image.setInterpolate(false);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The QR code as a PNG {@code data:} URI, for a template that draws it with {@code <img>}. */
    public static String dataUri(String text) {
        BitMatrix matrix = modules(text);
        int size = matrix.getWidth() * SCALE;
        // black and white, no alpha: nothing PDF/A would object to
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        // samples, not colours: 1 is white in this image's two-entry palette (setRGB per pixel went through
        // the palette's colour lookup and was a tenth of a document's rendering)
        java.awt.image.WritableRaster raster = image.getRaster();
        int[] white = new int[SCALE * SCALE];
        java.util.Arrays.fill(white, 1);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (!matrix.get(x, y)) {
                    raster.setSamples(x * SCALE, y * SCALE, SCALE, SCALE, 0, white);
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                javax.imageio.stream.ImageOutputStream stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            // in memory: ImageIO.write(image, "png", out) buffers through a temporary file
            ImageIO.write(image, "png", stream);
            stream.flush();
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
