package vn.motcua.record.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import vn.motcua.support.PdfA;

class PdfFormsTest {

    static final String CODE = "commune-a-20261123-00001";
    static final ZonedDateTime ISSUED = ZonedDateTime.parse("2026-11-23T08:15:00+07:00[Asia/Ho_Chi_Minh]");
    /** 01:30 UTC is 08:30 in Vietnam: the form shows Vietnam's time whatever the zone given. */
    static final ZonedDateTime APPOINTMENT = ZonedDateTime.parse("2026-11-27T01:30:00Z");

    static final Map<LegalForm, String> TITLES = Map.ofEntries(
            Map.entry(LegalForm.PAYMENT_REQUEST, "THÔNG BÁO NỘP PHÍ, LỆ PHÍ"),
            Map.entry(LegalForm.FEE_RECEIPT, "BIÊN LAI THU PHÍ, LỆ PHÍ"),
            Map.entry(LegalForm.RECEIPT, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
            Map.entry(LegalForm.SUPPLEMENT_REQUEST, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
            Map.entry(LegalForm.REFUSAL, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
            Map.entry(LegalForm.APOLOGY, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
            Map.entry(LegalForm.STOP_NOTICE, "PHIẾU THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
            Map.entry(LegalForm.RESULT, "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"),
            Map.entry(LegalForm.REJECTION, "THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ"));

    /** Each shipped procedure's result: its title and what its data must print as. */
    static Stream<Arguments> procedures() {
        return Stream.of(
                Arguments.of("birth-registration", "GIẤY KHAI SINH",
                        Map.of("childFullName", "Trần Minh An", "childDateOfBirth", "2026-11-20", "childSex", "male",
                                "motherFullName", "Nguyễn Thị Lan", "motherDateOfBirth", "1990-01-15",
                                "childPlaceOfBirth", "Trạm y tế xã A"),
                        List.of("TRẦN MINH AN", "20/11/2026", "ngày 20 tháng 11 năm 2026", "Giới tính: Nam",
                                "NGUYỄN THỊ LAN", "15/01/1990", "Trạm y tế xã A")),
                Arguments.of("household-business-registration", "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",
                        Map.of("businessName", "Tạp hóa Lan", "capital", "1500000.0", "businessLines", "Bán lẻ tạp hóa",
                                "ownerFullName", "Nguyễn Thị Lan", "ownerDateOfBirth", "1990-01-15",
                                "businessAddress", "Thôn Đông, xã A"),
                        List.of("TẠP HÓA LAN", "1.500.000 đồng", "15/01/1990", "Bán lẻ tạp hóa")),
                Arguments.of("construction-permit", "GIẤY PHÉP XÂY DỰNG",
                        Map.of("ownerFullName", "Nguyễn Văn Chủ", "constructionAddress", "Số 5, thôn Đông, xã A",
                                "totalFloorArea", "180.5", "floors", "3", "parcelNumber", "12", "mapSheetNumber", "4"),
                        List.of("Nguyễn Văn Chủ", "Số 5, thôn Đông, xã A", "180,5 m²", "thửa đất số 12, tờ bản đồ số 4")),
                Arguments.of("alcohol-wholesale-licence", "GIẤY PHÉP BÁN BUÔN RƯỢU",
                        Map.of("enterpriseName", "Công ty TNHH Rượu Việt", "enterpriseCode", "0101234567",
                                "warehouseAddress", "Kho số 2, xã A", "warehouseFloorArea", "1200", "shopUnit", "commune-a",
                                "consultedAgency", "commune-a", "consultationOpinion", "Đồng ý"),
                        List.of("Cho phép: Công ty TNHH Rượu Việt", "0101234567", "1.200 m²", "Ý kiến của Ủy ban nhân dân xã A: Đồng ý")));
    }

    @TempDir
    Path tempDir;

    /** Units and people by name, as the product renders them. */
    static final Formats FORMATS = new Formats(id -> id.equals("commune-a") ? "Ủy ban nhân dân xã A" : id,
            id -> id.equals("clerk-a") ? "Nguyễn Thị Hoa" : id);

    final PdfForms forms = new PdfForms(Path.of("templates"), FORMATS);

    static FormData sample(LegalForm form) {
        return sample(form, "Nguyễn Thị Lan", CODE, documents(3), reasons(form), Map.of());
    }

    static FormData sample(LegalForm form, String applicant, String code, List<FormData.DocumentLine> documents,
            String reasons, Map<String, String> more) {
        boolean result = form == LegalForm.RESULT || form == LegalForm.REJECTION;
        Map<String, String> extra = new HashMap<>(more);
        extra.putIfAbsent("verifyUrl", "http://localhost:8080/verify/" + code);
        if (form == LegalForm.RECEIPT) {
            extra.putIfAbsent("trackingUrl", "http://localhost:8080/tra-cuu?ma=" + code + "&t=q0Hk8aZ1x2Ew9T3bVn5cRg");
        }
        if (form == LegalForm.PAYMENT_REQUEST || form == LegalForm.FEE_RECEIPT) {
            extra.putIfAbsent("amount", "100000");
            extra.putIfAbsent("reference", "P7K2M9Q4X1B3");
            extra.putIfAbsent("expiresAt", "2026-11-26T10:00:00Z");
            extra.putIfAbsent("paidAt", "2026-11-24T03:15:00Z");
            extra.putIfAbsent("transactionId", "TXN000000000042");
            extra.putIfAbsent("paymentUrl", "http://localhost:8093/pay?merchant=motcua-demo&reference=P7K2M9Q4X1B3");
            extra.putIfAbsent("vietQr", "00020101021238570010A00000072701270006970415011311335566778890208QRIBFTTA"
                    + "530370454061000005802VN62160812P7K2M9Q4X1B36304ABCD");
        }
        String signerTitle = switch (form) {
            case RECEIPT, REFUSAL -> "NGƯỜI TIẾP NHẬN HỒ SƠ";
            case SUPPLEMENT_REQUEST -> "NGƯỜI HƯỚNG DẪN";
            default -> "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
        };
        FormData.Issuer issuer = new FormData.Issuer("Ủy ban nhân dân xã A", "Ủy ban nhân dân tỉnh Hưng Yên", "Xã A",
                null, signerTitle, result ? null : "Trần Văn Đức");
        return new FormData(issuer, code, "Đăng ký thành lập hộ kinh doanh",
                new FormData.Applicant(applicant, "001190012345", "Số 12, đường Lê Lợi, thôn Đông, xã A, tỉnh Hưng Yên",
                        "0912 345 678", "lan@example.vn"),
                ISSUED, ISSUED.minusDays(2), APPOINTMENT, new BigDecimal("3"),
                List.of(new FormData.RequiredDocument("Giấy đề nghị đăng ký hộ kinh doanh / Application", true),
                        new FormData.RequiredDocument("Hợp đồng thuê địa điểm", false)),
                documents, reasons, result || form == LegalForm.APOLOGY || form == LegalForm.STOP_NOTICE
                        ? List.of("Ông/bà " + applicant, "Lưu: VT") : List.of(),
                result, extra);
    }

    static List<FormData.DocumentLine> documents(int count) {
        List<FormData.DocumentLine> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(new FormData.DocumentLine("to-khai-" + i + ".pdf", "bản điện tử"));
        }
        return lines;
    }

    static String reasons(LegalForm form) {
        return switch (form) {
            case SUPPLEMENT_REQUEST -> "Bản sao hợp đồng thuê địa điểm kinh doanh\n"
                    + "Văn bản ủy quyền của các thành viên hộ gia đình";
            case REFUSAL -> "Ngành nghề đăng ký thuộc danh mục cấm đầu tư kinh doanh.";
            case APOLOGY -> "Cần xác minh thêm thông tin với cơ quan thuế.";
            case STOP_NOTICE -> "Người nộp hồ sơ đề nghị dừng giải quyết.";
            case REJECTION -> "Địa điểm kinh doanh nằm trong hành lang an toàn giao thông.";
            default -> null;
        };
    }

    /** The PDF's text, whitespace runs collapsed so that wrapped lines read as one. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    static int pages(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    static void keep(String name, byte[] pdf) throws IOException {
        Path dir = Path.of("target", "issued-documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".pdf"), pdf);
    }

    @ParameterizedTest
    @EnumSource(LegalForm.class)
    void eachFormIsAnAdministrativeDocumentInPdfA2b(LegalForm form) throws IOException {
        byte[] pdf = forms.render(form, sample(form));
        keep(form.templateName(), pdf);

        assertThat(PdfA.violations(pdf)).as("veraPDF, PDF/A-2b, " + form).isEmpty();
        String text = text(pdf);
        assertThat(text)
                .contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
                .contains("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", "ỦY BAN NHÂN DÂN XÃ A")
                .contains(CODE, "Nguyễn Thị Lan", TITLES.get(form))
                .doesNotContain("${", "th:");
        if (form == LegalForm.RESULT || form == LegalForm.REJECTION) {
            assertThat(text).as("numbered and dated at issuing, in fields").doesNotContain("ngày 23 tháng 11 năm 2026")
                    .contains("Số:", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Nơi nhận:");
        } else {
            assertThat(text).contains("Xã A, ngày 23 tháng 11 năm 2026", "Trần Văn Đức");
        }
        assertThat(pages(pdf)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("procedures")
    void eachProceduresResultPrintsItsDataAsAVietnameseReaderExpects(String processKey, String title,
            Map<String, String> variables, List<String> printed) throws IOException {
        byte[] pdf = forms.render(LegalForm.RESULT, processKey, sample(LegalForm.RESULT, "Nguyễn Thị Lan", CODE,
                documents(1), null, variables));
        keep("result-" + processKey, pdf);

        assertThat(PdfA.violations(pdf)).as("veraPDF, PDF/A-2b, the result of " + processKey).isEmpty();
        assertThat(text(pdf)).contains(title).contains(printed).contains("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
                .doesNotContain("male", "2026-11-20", "1500000", "commune-a:");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm acroForm = document.getDocumentCatalog().getAcroForm();
            assertThat(acroForm.getField(SigningFields.DOCUMENT_NUMBER)).isInstanceOf(PDTextField.class);
            assertThat(acroForm.getField(SigningFields.ISSUED_ON)).isInstanceOf(PDTextField.class);
            assertThat(acroForm.getField(SigningFields.SIGNER_NAME)).isInstanceOf(PDTextField.class);
            assertThat(acroForm.getField(SigningFields.LEADER_SIGNATURE)).isInstanceOf(PDSignatureField.class);
            assertThat(acroForm.getField(SigningFields.UNIT_SEAL)).isInstanceOf(PDSignatureField.class);
            assertThat(acroForm.getField(SigningFields.DOCUMENT_NUMBER).getValueAsString()).isEmpty();
        }
    }

    /**
     * Where the fields sit: the number after "Số:", the date under the motto, the leader's signature between
     * the signer's title and name, and the seal over the left third of the leader's signature.
     */
    @Test
    void theFieldsSitWhereDecree30PutsNumberDateSignatureAndSeal() throws IOException {
        byte[] pdf = forms.render(LegalForm.RESULT, "birth-registration", sample(LegalForm.RESULT));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm acroForm = document.getDocumentCatalog().getAcroForm();
            var number = rect(acroForm, SigningFields.DOCUMENT_NUMBER);
            var date = rect(acroForm, SigningFields.ISSUED_ON);
            var leader = rect(acroForm, SigningFields.LEADER_SIGNATURE);
            var name = rect(acroForm, SigningFields.SIGNER_NAME);
            var seal = rect(acroForm, SigningFields.UNIT_SEAL);
            float pageHeight = document.getPage(0).getMediaBox().getHeight();
            float pageWidth = document.getPage(0).getMediaBox().getWidth();
            assertThat(number.getLowerLeftY()).as("the number in the heading").isGreaterThan(pageHeight * 0.8f);
            assertThat(number.getUpperRightX()).as("left column").isLessThan(pageWidth / 2);
            assertThat(date.getLowerLeftX()).as("right column").isGreaterThan(pageWidth * 0.35f);
            assertThat(date.getLowerLeftY()).isGreaterThan(pageHeight * 0.8f);
            assertThat(leader.getLowerLeftY()).as("the name under the signature").isGreaterThan(name.getUpperRightY() - 1);
            assertThat(leader.getLowerLeftX() + leader.getWidth() / 2).as("the signer's block on the right")
                    .isGreaterThan(pageWidth / 2);
            assertThat(seal.getUpperRightX()).as("the seal covers the left third of the signature")
                    .isCloseTo(leader.getLowerLeftX() + leader.getWidth() / 3, org.assertj.core.data.Offset.offset(1f));
            assertThat(seal.getLowerLeftX()).isLessThan(leader.getLowerLeftX());
            for (String field : List.of(SigningFields.DOCUMENT_NUMBER, SigningFields.LEADER_SIGNATURE,
                    SigningFields.UNIT_SEAL)) {
                PDAnnotationWidget widget = acroForm.getField(field).getWidgets().get(0);
                assertThat(widget.isPrinted()).as(field + " prints").isTrue();
                assertThat(widget.getAppearance().getNormalAppearance()).isNotNull();
            }
        }
    }

    private static org.apache.pdfbox.pdmodel.common.PDRectangle rect(PDAcroForm form, String field) {
        return form.getField(field).getWidgets().get(0).getRectangle();
    }

    /** Issuing fills number and date in an incremental update: the draft's bytes stay its first bytes. */
    @Test
    void fillingNumberAndDateIsAnIncrementalUpdateThatStaysPdfA() throws IOException {
        byte[] draft = forms.render(LegalForm.RESULT, "birth-registration", sample(LegalForm.RESULT));
        byte[] filled = SigningFields.fill(draft, Map.of(SigningFields.DOCUMENT_NUMBER, "1/2026/commune-a",
                SigningFields.ISSUED_ON, "Xã A, ngày 04 tháng 12 năm 2026", SigningFields.SIGNER_NAME, "Lê Văn Bình"));
        keep("result-birth-registration-filled", filled);

        assertThat(java.util.Arrays.copyOf(filled, draft.length)).isEqualTo(draft);
        assertThat(SigningFields.value(filled, SigningFields.DOCUMENT_NUMBER)).hasValue("1/2026/commune-a");
        assertThat(SigningFields.value(filled, SigningFields.ISSUED_ON)).hasValue("Xã A, ngày 04 tháng 12 năm 2026");
        assertThat(SigningFields.value(draft, SigningFields.DOCUMENT_NUMBER)).isEmpty();
        assertThat(PdfA.violations(filled)).as("veraPDF after the fill").isEmpty();
        assertThatThrownBy(() -> SigningFields.fill(draft, Map.of("noSuchField", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noSuchField");

        // a signer's name beyond the core face's characters is drawn in the full face, still PDF/A
        byte[] foreign = SigningFields.fill(draft, Map.of(SigningFields.SIGNER_NAME, "Дмитрий Иванов"));
        assertThat(SigningFields.value(foreign, SigningFields.SIGNER_NAME)).hasValue("Дмитрий Иванов");
        try (PDDocument document = Loader.loadPDF(foreign)) {
            var appearance = document.getDocumentCatalog().getAcroForm().getField(SigningFields.SIGNER_NAME)
                    .getWidgets().get(0).getNormalAppearanceStream().getResources();
            PDFont font = appearance.getFont(appearance.getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.encode("Дмитрий Иванов")).as("drawn in a face that has the letters").isNotEmpty();
        }
        assertThat(PdfA.violations(foreign)).isEmpty();
    }

    @Test
    void theReceiptListsTheProceduresDocumentsTheReceiverByNameAndThePreciseTime() throws IOException {
        String text = text(forms.render(LegalForm.RECEIPT, sample(LegalForm.RECEIPT)));
        assertThat(text)
                .contains("1. Thành phần hồ sơ nộp gồm:", "Giấy đề nghị đăng ký hộ kinh doanh", "Hợp đồng thuê địa điểm",
                        "Bắt buộc", "Nếu có")
                .doesNotContain("/ Application", "to-khai-1.pdf")
                .contains("Số tệp đã nhận: 3 (bản điện tử)")
                .contains("3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc")
                .contains("4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 21/11/2026")
                .contains("5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 30 phút, Thứ Sáu, ngày 27/11/2026")
                .contains("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Đức");
    }

    @Test
    void halfADayIsStatedInWorkingHours() {
        assertThat(FORMATS.workingDays(new BigDecimal("0.5"))).isEqualTo("04 giờ làm việc");
        assertThat(FORMATS.workingDays(new BigDecimal("15"))).isEqualTo("15 ngày làm việc");
        assertThat(FORMATS.gender("female")).isEqualTo("Nữ");
        assertThat(FORMATS.money(1500000L)).isEqualTo("1.500.000 đồng");
        assertThat(FORMATS.date("2026-03-05T10:00:00Z")).isEqualTo("05/03/2026");
        assertThat(FORMATS.dateInWords("2026-03-05")).isEqualTo("ngày 05 tháng 3 năm 2026");
        assertThat(FORMATS.dateInWords("2026-02-05")).isEqualTo("ngày 05 tháng 02 năm 2026");
        assertThat(FORMATS.placeAndDate(null, "2026-12-04")).isEqualTo("Ngày 04 tháng 12 năm 2026");
        assertThat(FORMATS.person("clerk-a")).isEqualTo("Nguyễn Thị Hoa");
        assertThat(FORMATS.date("not a date")).isEqualTo("not a date");
    }

    @Test
    void formsForTheApplicantNameTheReasonsAndDates() throws IOException {
        assertThat(text(forms.render(LegalForm.SUPPLEMENT_REQUEST, sample(LegalForm.SUPPLEMENT_REQUEST))))
                .contains("1. Bản sao hợp đồng thuê địa điểm kinh doanh",
                        "2. Văn bản ủy quyền của các thành viên hộ gia đình", "NGƯỜI HƯỚNG DẪN");
        assertThat(text(forms.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL))))
                .contains("- Ngành nghề đăng ký thuộc danh mục cấm đầu tư kinh doanh.");
        FormData apology = sample(LegalForm.APOLOGY, "Nguyễn Thị Lan", CODE, documents(1), reasons(LegalForm.APOLOGY),
                Map.of("previousAppointmentAt", "2026-11-25T03:00:00Z"));
        assertThat(text(forms.render(LegalForm.APOLOGY, apology)))
                .contains("- Cần xác minh thêm thông tin với cơ quan thuế.", "10 giờ 00 phút, Thứ Tư, ngày 25/11/2026",
                        "08 giờ 30 phút, Thứ Sáu, ngày 27/11/2026", "Nơi nhận:", "- Ông/bà Nguyễn Thị Lan;",
                        "- Lưu: VT.");
        assertThat(text(forms.render(LegalForm.STOP_NOTICE, sample(LegalForm.STOP_NOTICE))))
                .contains("- Người nộp hồ sơ đề nghị dừng giải quyết.");
    }

    @Test
    void vietnameseSurvivesWithTheEmbeddedFontsAndNoOther() throws IOException {
        String name = "Nguyễn Thị Ngọc Hường Đặng";
        byte[] pdf = forms.render(LegalForm.RECEIPT, sample(LegalForm.RECEIPT, Normalizer.normalize(name,
                Normalizer.Form.NFD), CODE, documents(1), null, Map.of()));
        assertThat(Normalizer.normalize(text(pdf), Normalizer.Form.NFC)).contains(name);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            PDResources resources = page.getResources();
            for (COSName fontName : resources.getFontNames()) {
                PDFont font = resources.getFont(fontName);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).contains("MotcuaSerif");
            }
        }
    }

    @Test
    void aLongListFlowsOverNumberedPagesWithNothingCutOff() throws IOException {
        List<FormData.RequiredDocument> many = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            many.add(new FormData.RequiredDocument("Giấy tờ kèm theo số " + i, i % 2 == 0));
        }
        FormData base = sample(LegalForm.RECEIPT);
        FormData data = new FormData(base.issuer(), base.recordCode(), base.procedureName(), base.applicant(),
                base.issuedAt(), base.receivedAt(), base.appointmentAt(), base.processingDays(), many,
                base.documents(), null, List.of(), false, Map.of());
        byte[] pdf = forms.render(LegalForm.RECEIPT, data);
        assertThat(pages(pdf)).isGreaterThan(1);
        String text = text(pdf);
        for (int i = 1; i <= 80; i++) {
            assertThat(text).contains("Giấy tờ kèm theo số " + i + " ");
        }
        assertThat(PdfA.violations(pdf)).isEmpty();
    }

    @Test
    void aTemplateEditedInTheTemplatesDirectoryIsUsedAtOnceAndAMissingOneFallsBack() throws IOException {
        PdfForms edited = new PdfForms(tempDir, FORMATS);
        assertThat(text(edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL))))
                .as("nothing in the directory: the built-in copy").contains(TITLES.get(LegalForm.REFUSAL));

        Files.writeString(tempDir.resolve("03-refusal.html"), """
                <html xmlns:th="http://www.thymeleaf.org"><head><style th:replace="~{layout :: style}"></style></head>
                <body><table th:replace="~{layout :: heading}"></table><h1>PHIẾU ĐÃ SỬA</h1>
                <p th:text="|Ông/bà ${applicantName}|"></p></body></html>
                """, StandardCharsets.UTF_8);
        String text = text(edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL)));
        assertThat(text).contains("PHIẾU ĐÃ SỬA", "Ông/bà Nguyễn Thị Lan", "ỦY BAN NHÂN DÂN XÃ A")
                .as("the layout the edited template includes falls back too").contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");

        // parsed templates are cached; a second edit of the same file, and its removal, still apply at once
        Files.writeString(tempDir.resolve("03-refusal.html"), """
                <html><body><h1>PHIẾU SỬA LẦN HAI</h1></body></html>
                """, StandardCharsets.UTF_8);
        assertThat(text(edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL)))).contains("PHIẾU SỬA LẦN HAI");
        Files.delete(tempDir.resolve("03-refusal.html"));
        assertThat(text(edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL))))
                .doesNotContain("PHIẾU SỬA LẦN HAI").contains(TITLES.get(LegalForm.REFUSAL));
    }

    @Test
    void aTemplateNamingAFontTheProductLacksOrNoneStillPrintsEveryWordInTheEmbeddedFont() throws IOException {
        PdfForms edited = new PdfForms(tempDir, FORMATS);
        for (String style : List.of("", " style=\"font-family: Arial, Helvetica\"", " style=\"font-family: monospace\"",
                " style=\"font-family: Courier\"", " style=\"font-family: ZapfDingbats, Symbol\"",
                " style=\"font-family: 'Times New Roman'\"")) {
            Files.writeString(tempDir.resolve("03-refusal.html"), "<html><body" + style
                    + "><h1>PHIẾU TỪ CHỐI</h1><p><i>Ông/bà</i> <b>Nguyễn Thị Lan</b></p></body></html>",
                    StandardCharsets.UTF_8);
            byte[] pdf = edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL));
            assertThat(text(pdf)).as("font-family%s", style).contains("PHIẾU TỪ CHỐI", "Ông/bà Nguyễn Thị Lan");
            try (PDDocument document = Loader.loadPDF(pdf)) {
                for (COSName name : document.getPage(0).getResources().getFontNames()) {
                    PDFont font = document.getPage(0).getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("MotcuaSerif");
                }
            }
            assertThat(PdfA.violations(pdf)).isEmpty();
        }
    }

    /**
     * Documents are laid out in the core faces (the characters of Vietnamese documents); a name in Greek or
     * Cyrillic still prints, from the full face, and an image drawn smooth by an edited template is still
     * PDF/A (no interpolation).
     */
    @Test
    void aCharacterBeyondTheCoreFacePrintsFromTheFullFaceAndImagesAreNotInterpolated() throws IOException {
        PdfForms edited = new PdfForms(tempDir, FORMATS);
        Files.writeString(tempDir.resolve("03-refusal.html"), "<html><body><p>Ông Nguyễn Văn An, bà Ελένη Παπαδοπούλου,"
                + " ông Дмитрий Иванов — 1.500.000 ₫</p><img style=\"width: 10mm; height: 10mm\" src=\""
                + QrCodes.dataUri("https://example.vn/verify/x") + "\"/></body></html>", StandardCharsets.UTF_8);
        byte[] pdf = edited.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL));
        assertThat(text(pdf)).contains("Ông Nguyễn Văn An", "Ελένη Παπαδοπούλου", "Дмитрий Иванов", "1.500.000 ₫");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> fonts = new java.util.ArrayList<>();
            for (COSName name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts.add(font.getName());
            }
            assertThat(fonts).as("the core face and, for Greek and Cyrillic, the full one").hasSize(2)
                    .allSatisfy(name -> assertThat(name).contains("MotcuaSerif-Regular"));
        }
        assertThat(PdfA.violations(pdf)).isEmpty();
    }

    @Test
    void aTemplateThatIsNotWellFormedIsRefusedNamingIt() throws IOException {
        Files.writeString(tempDir.resolve("03-refusal.html"), "<html><body><p>một<br>hai</p></body></html>",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PdfForms(tempDir).render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("03-refusal");
    }

    /** Templates are edited by analysts, not programmers: their expressions reach the data, not Java. */
    @Test
    void aTemplateCannotReachJavaClassesFilesOrTheClassLoader() throws IOException {
        for (String expression : List.of("T(java.lang.System).getProperty('user.home')",
                "new java.io.File('/etc/passwd').exists()", "fmt.getClass().getClassLoader()")) {
            Files.writeString(tempDir.resolve("03-refusal.html"), "<html xmlns:th=\"http://www.thymeleaf.org\"><body>"
                    + "<p th:text=\"${" + expression + "}\">x</p></body></html>", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> new PdfForms(tempDir).render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL)))
                    .as(expression).isInstanceOf(IllegalStateException.class).hasMessageContaining("03-refusal");
        }
    }

    @Test
    void dataCannotTurnIntoMarkupAndAnAbsentVariablePrintsNothing() throws IOException {
        String text = text(forms.render(LegalForm.RESULT, "birth-registration", sample(LegalForm.RESULT,
                "<b>Lan</b> ${extra.x}", CODE, documents(1), null, Map.of("childFullName", "<i>An</i>"))));
        assertThat(text).contains("<b>Lan</b> ${extra.x}", "<I>AN</I>");
        assertThat(text).as("no mother, no father: the lines are left out").doesNotContain("người mẹ", "null");
    }

    /** Characters XML cannot carry (a NUL a form let through) are dropped, not a failed step. */
    @Test
    void controlCharactersInDataAreDroppedNotAFailure() throws IOException {
        byte[] pdf = forms.render(LegalForm.SUPPLEMENT_REQUEST, sample(LegalForm.SUPPLEMENT_REQUEST, "Nguyễn\u0000Lan",
                CODE, documents(1), "Giấy\u0000chứng sinh\u0007", Map.of()));
        assertThat(text(pdf)).contains("NguyễnLan", "Giấychứng sinh");
    }

    @Test
    void rendersConcurrentlyFromEightThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            LegalForm[] all = LegalForm.values();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    LegalForm form = all[n % all.length];
                    String code = "commune-b-20261123-" + String.format("%05d", n);
                    FormData data = sample(form, "Lê Văn Hùng " + n, code, documents(2), reasons(form), Map.of());
                    return form + "|" + code + "|" + text(forms.render(form, data));
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                String[] result = results.get(i).get(120, TimeUnit.SECONDS).split("\\|", 3);
                assertThat(result[2]).contains(result[1], "Lê Văn Hùng " + i + " ",
                        TITLES.get(LegalForm.valueOf(result[0])));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(LegalForm.class)
    void theBuildPacksEveryRepositoryTemplateIntoTheApplication(LegalForm form) throws IOException {
        for (String name : List.of(form.templateName(), "layout")) {
            Path file = Path.of("templates", name + ".html");
            assertThat(file).isRegularFile();
            try (InputStream builtIn = PdfForms.class.getResourceAsStream("/legal-forms/" + name + ".html")) {
                assertThat(builtIn).as("classpath copy of " + file).isNotNull();
                assertThat(new String(builtIn.readAllBytes(), StandardCharsets.UTF_8))
                        .as(file + " is packed as classpath:/legal-forms/ (pom.xml resources)")
                        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aProceduresOwnResultIsUsedAndItsQrCodeLeadsToTheVerificationPage() throws Exception {
        FormData birth = sample(LegalForm.RESULT, "Nguyễn Thị Lan", CODE, documents(1), null,
                Map.of("childFullName", "Trần Minh An"));
        byte[] pdf = forms.render(LegalForm.RESULT, "birth-registration", birth);
        assertThat(text(pdf)).contains("GIẤY KHAI SINH", "TRẦN MINH AN");
        assertThat(text(forms.render(LegalForm.RESULT, "no-such-procedure", birth))).as("the general template")
                .doesNotContain("GIẤY KHAI SINH").contains(TITLES.get(LegalForm.RESULT));
        assertThat(text(forms.render(LegalForm.RESULT, "../01-receipt", birth))).as("a variant is a name, not a path")
                .contains(TITLES.get(LegalForm.RESULT));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(document)
                    .renderImageWithDPI(document.getNumberOfPages() - 1, 200);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                    new com.google.zxing.RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
            assertThat(new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                    Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText())
                    .isEqualTo("http://localhost:8080/verify/" + CODE);
        }
    }

    /** A rejection has its own text with the reasons, never the result's text that grants. */
    @Test
    void aRejectionGetsItsOwnTextWithTheReasonsNotTheGrantingOne() throws IOException {
        FormData permit = sample(LegalForm.REJECTION, "Nguyễn Thị Lan", CODE, documents(1),
                "Mật độ xây dựng vượt quy hoạch.\nThiếu bản vẽ móng.", Map.of("ownerFullName", "Nguyễn Văn Chủ"));
        String rejected = text(forms.render(LegalForm.REJECTION, "construction-permit", permit));
        assertThat(rejected).contains("THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ", "- Mật độ xây dựng vượt quy hoạch.",
                "- Thiếu bản vẽ móng.", CODE, "Nguyễn Thị Lan")
                .doesNotContain("GIẤY PHÉP XÂY DỰNG", "Nguyễn Văn Chủ");

        Files.writeString(tempDir.resolve("rejection-construction-permit.html"), """
                <html xmlns:th="http://www.thymeleaf.org"><head><style th:replace="~{layout :: style}"></style></head>
                <body><table th:replace="~{layout :: heading}"></table><h1>THÔNG BÁO KHÔNG CẤP GIẤY PHÉP XÂY DỰNG</h1>
                <p th:each="reason : ${reasons}" th:text="${reason}"></p><p th:text="${extra.ownerFullName}"></p>
                <table th:replace="~{layout :: closing}"></table></body></html>
                """, StandardCharsets.UTF_8);
        PdfForms edited = new PdfForms(tempDir, FORMATS);
        assertThat(text(edited.render(LegalForm.REJECTION, "construction-permit", permit)))
                .contains("THÔNG BÁO KHÔNG CẤP GIẤY PHÉP XÂY DỰNG", "Thiếu bản vẽ móng.", "Nguyễn Văn Chủ");
        assertThat(text(edited.render(LegalForm.REJECTION, "birth-registration", permit)))
                .as("other procedures keep the default rejection").contains("THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ");
    }
}
