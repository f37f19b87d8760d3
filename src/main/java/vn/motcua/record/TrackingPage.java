package vn.motcua.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.motcua.record.pdf.QrCodes;
import vn.motcua.security.UnitDirectory;
import vn.motcua.web.Problem;

/**
 * Tra cứu hồ sơ: the applicants' public tracking page ({@code /tra-cuu}, docs/tracking.md). The record's code
 * and tracking secret — or the token in the receipt's QR code — show its state, step, appointment, what is
 * missing, the fee to pay and the result to download; never another record, never a member of staff (only the
 * unit). Wrong codes and secrets are counted across nodes ({@link TrackingGuard}) and the page answers the same
 * whether the code or the secret was wrong.
 */
@Controller
class TrackingPage {

    static final String PATH = "/tra-cuu";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(IssuedDocuments.VIETNAM);
    private static final String NOT_FOUND = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. / No record "
            + "matches this code and tracking secret.";
    private static final Map<String, String> STEPS = Map.of(
            "reception", "Tiếp nhận / Reception", "appraisal", "Thẩm định / Appraisal",
            "consultation", "Lấy ý kiến / Consultation", "approval", "Phê duyệt / Approval",
            "issuing", "Ban hành / Issuing", "result", "Trả kết quả / Result return",
            "payment", "Nộp phí, lệ phí / Fee payment");

    private final RecordRepository records;
    private final DocumentStore documents;
    private final TrackingTokens tokens;
    private final RecordAccess access;
    private final TrackingGuard guard;
    private final UnitDirectory units;
    private final ObjectProvider<RecordFees> fees;
    private final TransactionTemplate tx;

    TrackingPage(RecordRepository records, DocumentStore documents, TrackingTokens tokens, RecordAccess access,
            TrackingGuard guard, UnitDirectory units, ObjectProvider<RecordFees> fees,
            PlatformTransactionManager transactions) {
        this.access = access;
        this.records = records;
        this.documents = documents;
        this.tokens = tokens;
        this.guard = guard;
        this.units = units;
        this.fees = fees;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A record as its applicant sees it here. */
    record Tracked(String code, String procedureName, String unitName, int state, String stateVi, String stateEn,
            String step, String appointment, String missing, Fee fee, boolean result, boolean resultHeld,
            List<Change> history) {
    }

    record Fee(String amount, String reference, String expires, String paymentUrl, String qr) {
    }

    record Change(String at, String stateVi, String stateEn) {
    }

    @GetMapping(PATH)
    String page(@RequestParam(name = "ma", required = false) String code,
            @RequestParam(name = "t", required = false) String token, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("code", code == null ? "" : code.strip());
        if (code == null || token == null) {
            return "records/tra-cuu";
        }
        return show(code.strip(), null, token, model, request, response);
    }

    @PostMapping(PATH)
    String lookUp(@RequestParam(name = "ma", required = false) String code,
            @RequestParam(name = "secret", required = false) String secret, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("code", code == null ? "" : code.strip());
        if (code == null || code.isBlank() || secret == null || secret.isBlank()) {
            response.setStatus(400);
            model.addAttribute("error", "Nhập mã hồ sơ và mã tra cứu. / Enter the record code and the tracking secret.");
            return "records/tra-cuu";
        }
        return show(code.strip(), secret.strip(), null, model, request, response);
    }

    /** The result (PDF), for whoever shows the code and the secret (or the receipt's token). */
    @PostMapping(PATH + "/ket-qua")
    Object result(@RequestParam(name = "ma") String code, @RequestParam(name = "secret", required = false) String secret,
            @RequestParam(name = "t", required = false) String token, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<RecordRow> record = allowed(code.strip(), secret, token, model, request, response);
        if (record.isEmpty()) {
            model.addAttribute("code", code.strip());
            return "records/tra-cuu";
        }
        RecordRow row = record.get();
        Optional<StoredDocument> result = resultOf(row);
        if (result.isEmpty() || row.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED) {
            response.setStatus(409);
            model.addAttribute("code", row.code());
            model.addAttribute("error", "Hồ sơ chưa có kết quả để tải về. / The record has no result to download yet.");
            return "records/tra-cuu";
        }
        byte[] pdf = documents.content(row.code(), result.get().id()).orElseThrow();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("ket-qua-" + row.code() + ".pdf").build().toString())
                .body(pdf);
    }

    private String show(String code, String secret, String token, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<RecordRow> record = allowed(code, secret, token, model, request, response);
        if (record.isEmpty()) {
            return "records/tra-cuu";
        }
        model.addAttribute("record", tracked(record.get()));
        model.addAttribute("secret", secret);
        model.addAttribute("token", token);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "records/tra-cuu";
    }

    /** The record, if the code and the secret (or the token) go together and the guard lets the client try. */
    private Optional<RecordRow> allowed(String code, String secret, String token, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        String client = request.getRemoteAddr();
        try {
            guard.check(client, code);
        } catch (Problem tooMany) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            model.addAttribute("error", tooMany.getMessage());
            return Optional.empty();
        }
        Optional<RecordRow> record = records.find(code).filter(row -> token != null ? tokens.matches(code, token)
                : access.secretMatches(code, secret));
        if (record.isEmpty()) {
            guard.failed(client, code);
            response.setStatus(404);
            model.addAttribute("error", NOT_FOUND);
        }
        return record;
    }

    private Tracked tracked(RecordRow row) {
        return tx.execute(status -> {
            List<RecordRepository.StateChange> changes = records.stateChanges(row.code());
            String missing = row.state() != RecordState.SUPPLEMENT_REQUESTED ? null : changes.stream()
                    .filter(change -> change.to() == RecordState.SUPPLEMENT_REQUESTED).reduce((a, b) -> b)
                    .map(RecordRepository.StateChange::note).orElse(null);
            Fee fee = row.state() != RecordState.FINANCIAL_OBLIGATION_REQUESTED ? null
                    : Optional.ofNullable(fees.getIfAvailable()).flatMap(f -> f.openFee(row.code()))
                            .map(open -> new Fee(String.format(java.util.Locale.forLanguageTag("vi-VN"), "%,d đồng",
                                    open.amount()), open.reference(), when(open.expiresAt()), open.paymentUrl(),
                                    QrCodes.dataUri(open.vietQr())))
                            .orElse(null);
            boolean issued = row.state() == RecordState.COMPLETED || row.state() == RecordState.RESULT_RETURNED;
            boolean hasResult = resultOf(row).isPresent();
            List<Change> history = changes.stream().filter(change -> change.from() != change.to())
                    .map(change -> new Change(when(change.at()), change.to().nameVi(), change.to().nameEn())).toList();
            return new Tracked(row.code(), row.procedureName(), units.name(row.unit()), row.state().code(),
                    row.state().nameVi(), row.state().nameEn(),
                    row.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED ? STEPS.get("payment")
                            : row.currentStep() == null ? null : STEPS.getOrDefault(row.currentStep(), row.currentStep()),
                    row.appointmentAt() == null ? null : when(row.appointmentAt()), missing, fee, issued && hasResult,
                    row.state() == RecordState.FINANCIAL_OBLIGATION_REQUESTED && hasResult, history);
        });
    }

    private Optional<StoredDocument> resultOf(RecordRow row) {
        return documents.list(row.code()).stream().filter(d -> d.kind() == DocumentKind.RESULT).reduce((a, b) -> b);
    }

    private static String when(Instant at) {
        return at == null ? null : WHEN.format(at);
    }
}
