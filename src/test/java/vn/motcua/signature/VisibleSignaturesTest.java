package vn.motcua.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.signature.SignatureTestKit.signer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.motcua.record.pdf.FormData;
import vn.motcua.record.pdf.Formats;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.PdfForms;
import vn.motcua.record.pdf.SigningFields;
import vn.motcua.signature.SignatureTestKit.TestSigner;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CertificateAuthority.Issuer;
import vn.motcua.signature.ca.CertificateAuthority.Purpose;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.ca.StoredCredential;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.signature.dss.DssVerification;
import vn.motcua.signature.dss.PadesSigner;
import vn.motcua.signature.dss.TrustAnchors;
import vn.motcua.support.PdfA;
import vn.motcua.support.RequiredTool;

/**
 * The issued result's way through its two signatures, as the record goes: the draft (PDF/A-2b, with its
 * fields) gets the leader's name and the leader's visible signature, then issuing fills the number and the
 * date and the unit's seal goes over the left third of the signature. After both: DSS and poppler's pdfsig
 * find both signatures valid, veraPDF finds the document still PDF/A-2b, and the number, date, name and
 * title read from the page and the fields.
 */
class VisibleSignaturesTest {

    static TestSigner leaderA;
    static TestSigner sealA;
    static SignatureVerifier verifier;
    static PadesSigner pades;

    @BeforeAll
    static void setUp() {
        Issuer ca = SignatureTestKit.root("Test Root CA");
        leaderA = signer(ca, "leader-a", "commune-a", Purpose.PERSONAL);
        sealA = signer(ca, "commune-a", "commune-a", Purpose.SEAL);
        JdbcClient db = SignatureTestKit.database();
        CredentialStore store = new CredentialStore(db);
        store.insertIfAbsent(new StoredCredential("test-root", "test", "ca", null, "CN=Test Root CA",
                CertificateAuthority.der(ca.certificate()), new byte[] {0}, Instant.now(), Instant.now(), Instant.now()));
        SignatureSettings settings = new SignatureSettings();
        verifier = new SignatureVerifier(new DssVerification(new TrustAnchors(db, settings), settings), store,
                settings.getVerificationCacheTtl());
        pades = new PadesSigner(settings);
    }

    static byte[] draft() {
        String code = "commune-a-20261204-00001";
        FormData data = new FormData(new FormData.Issuer("Ủy ban nhân dân xã A", null, "Xã A", null,
                "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", null), code, "Đăng ký khai sinh",
                new FormData.Applicant("Nguyễn Thị Lan", "001190012345", null, null, null),
                ZonedDateTime.parse("2026-12-04T09:00:00+07:00"), null, null, BigDecimal.ONE, List.of(), List.of(), null,
                List.of("Ông/bà Nguyễn Thị Lan", "Lưu: VT"), true,
                Map.of("childFullName", "Trần Minh An", "childDateOfBirth", "2026-11-20", "childSex", "male",
                        "verifyUrl", "http://localhost:8080/verify/" + code));
        return new PdfForms(Path.of("templates"), Formats.plain()).render(LegalForm.RESULT, "birth-registration", data);
    }

    /** The record's way: name in the leader's revision, leader's signature, number and date, seal. */
    static byte[] issued(byte[] draft, byte[] sealImage) {
        byte[] named = SigningFields.fill(draft, Map.of(SigningFields.SIGNER_NAME, "Lê Văn Bình"));
        byte[] approved = pades.sign(named, leaderA.chain(), SignatureKind.PERSONAL,
                SignatureAppearance.text(SigningFields.LEADER_SIGNATURE, "Ký bởi: Lê Văn Bình", "Chức vụ: Chủ tịch"),
                leaderA.hashSigner());
        byte[] numbered = SigningFields.fill(approved, Map.of(SigningFields.DOCUMENT_NUMBER, "1/2026/commune-a",
                SigningFields.ISSUED_ON, "Xã A, ngày 04 tháng 12 năm 2026"));
        return pades.sign(numbered, sealA.chain(), SignatureKind.SEAL,
                new SignatureAppearance(SigningFields.UNIT_SEAL, List.of("Ủy ban nhân dân xã A"), sealImage),
                sealA.hashSigner());
    }

    @Test
    void afterBothSignaturesTheResultIsValidVisibleNumberedAndStillPdfA() throws IOException {
        byte[] draft = draft();
        byte[] issued = issued(draft, null);
        Path dir = Path.of("target", "issued-documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve("result-birth-registration-issued.pdf"), issued);

        VerificationReport report = verifier.verify(issued);
        assertThat(report.signatures()).hasSize(2);
        assertThat(report.allValid()).as("%s", report.signatures()).isTrue();
        assertThat(verifier.expectSigner(report, "leader-a", SignatureKind.PERSONAL).valid()).isTrue();
        assertThat(verifier.expectSigner(report, "commune-a", SignatureKind.SEAL).valid()).isTrue();
        assertThat(java.util.Arrays.equals(issued, 0, draft.length, draft, 0, draft.length))
                .as("every step an incremental update of the draft").isTrue();

        assertThat(PdfA.violations(issued)).as("veraPDF after both signatures").isEmpty();

        assertThat(SigningFields.value(issued, SigningFields.DOCUMENT_NUMBER)).hasValue("1/2026/commune-a");
        assertThat(SigningFields.value(issued, SigningFields.ISSUED_ON)).hasValue("Xã A, ngày 04 tháng 12 năm 2026");
        assertThat(SigningFields.value(issued, SigningFields.SIGNER_NAME)).hasValue("Lê Văn Bình");
        try (PDDocument document = Loader.loadPDF(issued)) {
            String page = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(page).contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Giới tính: Nam", "20/11/2026",
                    "ngày 20 tháng 11 năm 2026");
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            for (String name : List.of(SigningFields.LEADER_SIGNATURE, SigningFields.UNIT_SEAL)) {
                PDSignatureField field = (PDSignatureField) form.getField(name);
                PDSignature signature = field.getSignature();
                assertThat(signature).as(name + " is signed").isNotNull();
                var widget = field.getWidgets().get(0);
                assertThat(widget.getRectangle().getWidth()).as(name + " is visible").isGreaterThan(50);
                assertThat(widget.getAppearance().getNormalAppearance().getAppearanceStream().getContents()
                        .readAllBytes().length).as(name + " draws something").isGreaterThan(20);
            }
            var seal = form.getField(SigningFields.UNIT_SEAL).getWidgets().get(0).getRectangle();
            var leader = form.getField(SigningFields.LEADER_SIGNATURE).getWidgets().get(0).getRectangle();
            assertThat(seal.getUpperRightX()).as("the seal over the left third of the signature")
                    .isBetween(leader.getLowerLeftX(), leader.getLowerLeftX() + leader.getWidth() / 2);
        }
    }

    @Test
    void aUnitsOwnSealImageIsItsAppearance() throws IOException {
        java.awt.image.BufferedImage round = new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var g = round.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.setStroke(new java.awt.BasicStroke(8));
        g.drawOval(8, 8, 184, 184);
        g.dispose();
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(round, "png", png);

        byte[] issued = issued(draft(), png.toByteArray());
        assertThat(verifier.verify(issued).allValid()).isTrue();
        assertThat(PdfA.violations(issued)).isEmpty();
    }

    /** An independent check with poppler's pdfsig: required on CI, skipped elsewhere without it. */
    @Test
    void popplerFindsBothSignaturesOfTheIssuedResultValid(@TempDir Path dir) throws IOException, InterruptedException {
        RequiredTool.requireCommand("pdfsig", "pdfsig (apt-get install poppler-utils)");
        Path file = dir.resolve("issued.pdf");
        Files.write(file, issued(draft(), null));
        Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("pdfsig -nocert issued.pdf:\n" + output);
        assertThat(output).contains("Signature #1", "Signature #2");
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(3);
    }
}
