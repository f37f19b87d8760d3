package vn.motcua.payment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.record.Caller;
import vn.motcua.record.RecordPayments;
import vn.motcua.web.Problem;

/**
 * Fees over HTTP: the platform's callback (public, authenticated by its signature), a record's payment
 * request for whoever may read the record (the portal, the applicant with the tracking secret, its unit's
 * staff), and the administrators' view of requests, callbacks and reconciliations.
 */
@RestController
@Tag(name = "Payments", description = "Phí, lệ phí: the payment request, the platform's callback, reconciliation")
class PaymentController {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final PaymentCallbacks callbacks;
    private final PaymentRequests requests;
    private final PaymentReconciliation reconciliation;
    private final RecordPayments records;
    private final PaymentOverview overview;

    PaymentController(PaymentCallbacks callbacks, PaymentRequests requests, PaymentReconciliation reconciliation,
            RecordPayments records, PaymentOverview overview) {
        this.callbacks = callbacks;
        this.requests = requests;
        this.reconciliation = reconciliation;
        this.records = records;
        this.overview = overview;
    }

    @Operation(summary = "The national payment platform's callback (signed with the merchant's secret)",
            description = "200 confirmed, duplicate (nothing changes) or failed; 401 forged; 409 stale (a replay), "
                    + "expired, already-paid, amount-mismatch or not-waiting; 404 unknown reference. docs/payments.md")
    @PostMapping(path = "/api/payments/callback", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> callback(@RequestBody PaymentCallbacks.Callback callback) {
        PaymentCallbacks.Outcome outcome = callbacks.receive(callback);
        return ResponseEntity.status(outcome.httpStatus()).body(outcome.body());
    }

    @Operation(summary = "A record's payment request: amount, reference, link, VietQR payload, status, receipt")
    @GetMapping("/api/records/{code}/payment")
    Map<String, Object> payment(@PathVariable String code,
            @RequestHeader(name = "X-Tracking-Secret", required = false) String secret) {
        PaymentRequest request = readable(code, secret);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("reference", request.reference());
        view.put("amount", request.amount());
        view.put("currency", "VND");
        view.put("status", request.status());
        view.put("collectedAt", request.dueAt());
        view.put("requestedAt", request.requestedAt());
        view.put("expiresAt", request.expiresAt());
        if (request.isRequested()) {
            view.put("paymentUrl", requests.link(request));
            view.put("vietQr", requests.vietQr(request));
            view.put("qrImage", "/api/records/" + code + "/payment/qr.png");
        }
        view.put("paidAt", request.paidAt());
        view.put("transactionId", request.transactionId());
        view.put("receiptDocumentId", request.receiptDocumentId());
        return view;
    }

    @Operation(summary = "The payment request's VietQR code as a PNG, for a banking app to scan")
    @GetMapping(path = "/api/records/{code}/payment/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@PathVariable String code,
            @RequestHeader(name = "X-Tracking-Secret", required = false) String secret) {
        PaymentRequest request = readable(code, secret);
        if (!request.isRequested()) {
            throw Problem.conflict("payment", "request " + request.reference() + " is " + request.status()
                    + ": there is nothing to pay");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(png(requests.vietQr(request)));
    }

    @Operation(summary = "Administrators: requests awaiting payment, recent callbacks, reconciliations")
    @GetMapping("/api/admin/payments")
    PaymentOverview.Status status() {
        return overview.status();
    }

    @Operation(summary = "Administrators: reconcile a day with the platform's list now (day as dd/MM/yyyy or yyyy-MM-dd)")
    @PostMapping("/api/admin/payments/reconciliations")
    PaymentReconciliation.Report reconcile(@RequestParam String day) {
        return reconciliation.reconcile(day(day), true);
    }

    private PaymentRequest readable(String code, String secret) {
        records.readable(code, Caller.of(SecurityContextHolder.getContext().getAuthentication(), secret));
        return requests.latest(code).orElseThrow(() -> Problem.notFound("record " + code + " has no payment request"));
    }

    static LocalDate day(String text) {
        try {
            return text != null && text.contains("/") ? LocalDate.parse(text.strip(), DAY) : LocalDate.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw Problem.badRequest("day", "day must be a date written dd/MM/yyyy, not '" + text + "'");
        }
    }

    static byte[] png(String text) {
        try {
            BitMatrix modules = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4));
            int scale = 8;
            BufferedImage image = new BufferedImage(modules.getWidth() * scale, modules.getHeight() * scale,
                    BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, modules.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("cannot make a QR code of the payment request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
