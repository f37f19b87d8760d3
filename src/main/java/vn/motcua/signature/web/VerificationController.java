package vn.motcua.signature.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;
import vn.motcua.web.Problem;

/** Anyone may check the signatures of a PDF: {@code POST /api/signatures/verify}, multipart part {@code file}. */
@RestController
@RequestMapping("/api/signatures")
@Tag(name = "Signatures", description = "Verification of signed PDFs (public)")
public class VerificationController {

    /** One signature, as answered. */
    public record SignatureView(String signerName, String subject, String organisation, String organisationalUnit,
            String kind, Instant signingTime, boolean timestamped, boolean valid, boolean intact, boolean trusted,
            boolean validAtSigningTime, String indication, String subIndication, String problem,
            String certificateSha256, List<String> errors, List<String> warnings) {

        static SignatureView of(VerifiedSignature s) {
            return new SignatureView(s.signerName(), s.subject(), s.organisation(), s.organisationalUnit(),
                    s.kind().id(), s.signingTime(), s.timestamped(), s.valid(), s.intact(), s.trusted(),
                    s.validAtSigningTime(), s.indication(), s.subIndication(), s.problem(), s.certificateSha256(),
                    s.errors(), s.warnings());
        }
    }

    /** The answer: valid when every signature is. */
    public record VerificationView(boolean valid, Instant verifiedAt, int signatureCount,
            List<SignatureView> signatures, String simpleReportXml) {
    }

    private final SignatureVerifier verifier;

    public VerificationController(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    @PostMapping(path = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify the signatures of a PDF (no login)",
            description = "Integrity, trust (demo root CA and configured trust anchors), certificate validity at "
                    + "the signing time and revocation where available, per signature, with DSS's simple report "
                    + "as XML. 400 for a file that is not a PDF or a PDF without signature, naming `file` and the `reason`.")
    public VerificationView verify(@RequestPart("file") MultipartFile file) {
        if (file.isEmpty()) {
            throw refused(new SignatureException(SignatureException.Reason.NOT_A_PDF, "the file is empty"));
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VerificationReport report;
        try {
            report = verifier.verify(bytes);
        } catch (SignatureException e) {
            throw refused(e);
        }
        return new VerificationView(report.allValid(), report.verifiedAt(), report.signatures().size(),
                report.signatures().stream().map(SignatureView::of).toList(), report.simpleReportXml());
    }

    /** A refusal as the API answers it: naming {@code file}, with the {@link SignatureException.Reason} as {@code reason}. */
    static Problem refused(SignatureException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_A_PDF, NO_SIGNATURE -> HttpStatus.BAD_REQUEST;
            case INVALID_SIGNATURE, UNEXPECTED_SIGNER -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return Problem.of(status, "file", e.getMessage()).with("reason", e.reason().name()).causedBy(e);
    }
}
