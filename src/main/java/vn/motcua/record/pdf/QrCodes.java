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

/** QR codes (the verification page's address on issued documents) as PNG data URIs for the templates. */
final class QrCodes {

    /** Pixels a module: sharp at any print size, since the image is drawn without interpolation. */
    private static final int SCALE = 4;

    private QrCodes() {
    }

    static String dataUri(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text.strip(), BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode the QR code of " + text, e);
        }
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
