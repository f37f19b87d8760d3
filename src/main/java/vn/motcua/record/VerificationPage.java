package vn.motcua.record;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.HtmlUtils;

import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;

/**
 * The public verification page of a record's result ({@code /verify/{code}}, the QR code on the
 * result): who signed and sealed it, when, whether the issued document is intact; uploading a copy
 * tells whether it is that document, unchanged. No personal data of the applicant is shown.
 */
@Controller
class VerificationPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(IssuedDocuments.VIETNAM);

    private final RecordRepository records;
    private final DocumentStore documents;
    private final ResultSignatures results;
    private final SignatureVerifier verifier;
    private final UnitDirectory units;

    VerificationPage(RecordRepository records, DocumentStore documents, ResultSignatures results,
            SignatureVerifier verifier, UnitDirectory units) {
        this.units = units;
        this.records = records;
        this.documents = documents;
        this.results = results;
        this.verifier = verifier;
    }

    @GetMapping(path = "/verify/{code}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable String code) {
        return page(code, null);
    }

    @PostMapping(path = "/verify/{code}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> check(@PathVariable String code, @RequestPart(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return page(code, new Upload(null, null, "Chưa chọn tệp / No file was uploaded (field 'file')."));
        }
        byte[] content = file.getBytes();
        try {
            return page(code, new Upload(DocumentStore.sha256(content), verifier.verify(content), null));
        } catch (SignatureException e) {
            return page(code, new Upload(DocumentStore.sha256(content), null, e.getMessage()));
        }
    }

    private record Upload(String sha256, VerificationReport report, String problem) {
    }

    private ResponseEntity<String> page(String code, Upload upload) {
        Optional<RecordRow> record = records.find(code);
        Optional<DocumentStore.Latest> issued = record.flatMap(r -> documents.latest(code, DocumentKind.RESULT));
        StringBuilder html = new StringBuilder(head(code));
        if (issued.isEmpty()) {
            html.append("<p class=bad>Không có kết quả đã ban hành với mã ").append(e(code))
                    .append(" / No issued result has this code.</p></main></body></html>");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(html.toString());
        }
        RecordRow r = record.get();
        String number = results.of(code).stream().map(ResultSignatures.RecordSignature::documentNumber)
                .filter(n -> n != null).reduce((a, b) -> b).orElse("—");
        html.append("<dl><dt>Thủ tục / Procedure</dt><dd>").append(e(r.procedureName()))
                .append("</dd><dt>Cơ quan / Unit</dt><dd>").append(e(units.label(r.unit())))
                .append("</dd><dt>Số văn bản / Document number</dt><dd id=number>").append(e(number))
                .append("</dd><dt>Ban hành / Issued</dt><dd>").append(WHEN.format(issued.get().createdAt()))
                .append("</dd></dl>");
        VerificationReport report = verifier.verify(issued.get().content());
        html.append("<h2>Chữ ký số trên văn bản đã ban hành / Signatures on the issued document</h2>");
        html.append(table(report.signatures()));
        html.append(report.allValid()
                ? "<p class=good id=intact>Văn bản nguyên vẹn, mọi chữ ký hợp lệ / The document is intact and every "
                        + "signature is valid.</p>"
                : "<p class=bad id=intact>Văn bản có chữ ký không hợp lệ / A signature of the document is not valid.</p>");
        if (upload != null) {
            html.append("<h2>Tệp bạn tải lên / The file you uploaded</h2>");
            if (upload.problem() != null) {
                html.append("<p class=bad id=upload>").append(e(upload.problem())).append("</p>");
            } else {
                boolean same = DocumentStore.sha256(issued.get().content()).equals(upload.sha256());
                html.append(upload.report().signatures().isEmpty() ? "" : table(upload.report().signatures()));
                html.append(same && upload.report().allValid()
                        ? "<p class=good id=upload>Đúng là văn bản đã ban hành, nguyên vẹn / This is the issued document, "
                                + "unchanged.</p>"
                        : "<p class=bad id=upload>Không phải văn bản đã ban hành của hồ sơ này, hoặc đã bị sửa / This is "
                                + "not the document issued for this record, or it was changed.</p>");
            }
        }
        html.append("<h2>Kiểm tra một bản / Check a copy</h2><form method=post enctype=multipart/form-data>")
                .append("<input type=file name=file accept=application/pdf required> ")
                .append("<button type=submit>Kiểm tra / Check</button></form></main></body></html>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.toString());
    }

    private static String table(List<VerifiedSignature> signatures) {
        StringBuilder html = new StringBuilder("<table><tr><th>Người ký / Signer</th><th>Loại / Kind</th>"
                + "<th>Thời điểm ký / Signed at</th><th>Kết quả / Result</th></tr>");
        for (VerifiedSignature s : signatures) {
            html.append("<tr class=").append(s.valid() ? "good" : "bad").append("><td>").append(e(s.signerName()))
                    .append(s.organisation() == null ? "" : " (" + e(s.organisation()) + ")").append("</td><td>")
                    .append(s.kind() == vn.motcua.signature.SignatureKind.SEAL ? "Con dấu / Seal"
                            : "Cá nhân / Personal")
                    .append("</td><td>").append(s.signingTime() == null ? "—" : WHEN.format(s.signingTime()))
                    .append("</td><td>").append(s.valid() ? "Hợp lệ / Valid" : e(s.problem())).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String head(String code) {
        return "<!doctype html><html lang=vi><head><meta charset=utf-8>"
                + "<meta name=viewport content='width=device-width, initial-scale=1'>"
                + "<title>Xác thực kết quả " + e(code) + " / Verify</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;max-width:60rem}"
                + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left}"
                + ".good{color:#14612a}.bad{color:#a11}dt{font-weight:bold}"
                + "</style></head><body><main><h1>Xác thực kết quả giải quyết / Verify a result</h1><p>Mã hồ sơ / "
                + "Record code: <b id=code>" + e(code) + "</b> — " + WHEN.format(Instant.now()) + "</p>";
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
