package vn.motcua.record.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PdfFormsTest {

    static final String CODE = "commune-a-20261123-0001";
    static final ZonedDateTime ISSUED = ZonedDateTime.parse("2026-11-23T08:15:00+07:00[Asia/Ho_Chi_Minh]");
    /** 01:30 UTC is 08:30 in Vietnam: the form shows Vietnam's time whatever the zone given. */
    static final ZonedDateTime APPOINTMENT = ZonedDateTime.parse("2026-11-27T01:30:00Z");
    static final String APPOINTMENT_TEXT = "08 giờ 30 phút, ngày 27 tháng 11 năm 2026";

    static final Map<LegalForm, String> TITLES = Map.of(
            LegalForm.RECEIPT, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            LegalForm.SUPPLEMENT_REQUEST, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            LegalForm.REFUSAL, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            LegalForm.APOLOGY, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            LegalForm.STOP_NOTICE, "PHIẾU THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            LegalForm.RESULT, "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",
            LegalForm.REJECTION, "THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ");

    @TempDir
    Path tempDir;

    final PdfForms forms = new PdfForms(Path.of("templates"));

    static FormData sample(LegalForm form) {
        return sample(form, "Nguyễn Thị Lan", CODE, documents(3), reasons(form));
    }

    static FormData sample(LegalForm form, String applicant, String code, List<FormData.DocumentLine> documents,
            String reasons) {
        Map<String, String> extra = new HashMap<>();
        extra.put("place", "Xã A");
        extra.put("documentNumber", "123/TB-UBND");
        extra.put("processingTime", "05 ngày làm việc");
        if (form == LegalForm.RESULT) {
            extra.put("title", "Giấy chứng nhận đăng ký hộ kinh doanh");
            extra.put("decision", "Hộ kinh doanh Tạp hóa Lan được đăng ký với ngành nghề bán lẻ hàng tạp hóa.");
            extra.put("signerTitle", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
        }
        return new FormData("Ủy ban nhân dân xã A", code, "Đăng ký thành lập hộ kinh doanh", applicant,
                "001190012345", "Số 12, đường Lê Lợi, thôn Đông, xã A, tỉnh Hưng Yên", "0912 345 678",
                ISSUED, APPOINTMENT, documents, reasons, "Trần Văn Đức", extra);
    }

    static List<FormData.DocumentLine> documents(int count) {
        String[] kinds = {"bản gốc", "bản sao", "bản điện tử", "bản số hóa"};
        List<FormData.DocumentLine> lines = new ArrayList<>();
        lines.add(new FormData.DocumentLine("Giấy đề nghị đăng ký hộ kinh doanh", "bản gốc"));
        for (int i = 2; i <= count; i++) {
            lines.add(new FormData.DocumentLine("Giấy tờ kèm theo số " + i, kinds[i % kinds.length]));
        }
        return lines;
    }

    static String reasons(LegalForm form) {
        return switch (form) {
            case SUPPLEMENT_REQUEST -> "1. Bản sao hợp đồng thuê địa điểm kinh doanh\n"
                    + "2. Văn bản ủy quyền của các thành viên hộ gia đình";
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

    @ParameterizedTest
    @EnumSource(LegalForm.class)
    void eachFormRendersWithHeadersCodeApplicantAndTitle(LegalForm form) throws IOException {
        byte[] pdf = forms.render(form, sample(form));

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text)
                .contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                .contains("Độc lập - Tự do - Hạnh phúc")
                .contains("ỦY BAN NHÂN DÂN XÃ A")
                .contains("Số: 123/TB-UBND")
                .contains("Xã A, ngày 23 tháng 11 năm 2026")
                .contains(CODE)
                .contains("Nguyễn Thị Lan")
                .contains(TITLES.get(form))
                .contains("Trần Văn Đức")
                .doesNotContain("${");
        assertThat(pages(pdf)).isEqualTo(1);
    }

    @Test
    void receiptShowsTheAppointmentReceptionTimeAndDocuments() throws IOException {
        String text = text(forms.render(LegalForm.RECEIPT, sample(LegalForm.RECEIPT)));

        assertThat(text)
                .contains("Thời gian trả kết quả giải quyết hồ sơ: " + APPOINTMENT_TEXT)
                .contains("Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026")
                .contains("Giấy đề nghị đăng ký hộ kinh doanh")
                .contains("Giấy tờ kèm theo số 3")
                .contains("bản điện tử")
                .contains("3. Thời gian giải quyết hồ sơ: 05 ngày làm việc")
                .contains("STT Tên giấy tờ Hình thức")
                .contains("NGƯỜI NỘP HỒ SƠ")
                .contains("NGƯỜI TIẾP NHẬN HỒ SƠ")
                .contains("Số định danh cá nhân: 001190012345");
    }

    @Test
    void anEmptyDocumentsListKeepsItsCaption() throws IOException {
        FormData data = sample(LegalForm.RECEIPT, "Nguyễn Thị Lan", CODE, List.of(), null);
        String text = text(forms.render(LegalForm.RECEIPT, data));

        assertThat(text).contains("1. Thành phần hồ sơ nộp gồm: (không có) 2. Số lượng hồ sơ")
                .doesNotContain("Tên giấy tờ");
    }

    static FormData provincial() {
        Map<String, String> extra = Map.of("parentUnitName", "Ủy ban nhân dân tỉnh Hưng Yên");
        return new FormData("Sở Xây dựng - Bộ phận Tiếp nhận và Trả kết quả", "province-20261123-0042",
                "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Phạm Đức Thắng", null, null, null, ISSUED, null,
                documents(2), null, "Hoàng Thị Ngọc Ánh", extra);
    }

    @Test
    void aProvincialUnitWithoutPlaceNumberOrAppointment() throws IOException {
        String text = text(forms.render(LegalForm.RECEIPT, provincial()));

        assertThat(text)
                .contains("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN")
                .contains("SỞ XÂY DỰNG - BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ")
                .contains("Mã hồ sơ: province-20261123-0042")
                .contains("Ngày 23 tháng 11 năm 2026")
                .contains("5. Thời gian trả kết quả giải quyết hồ sơ: sẽ thông báo sau")
                .doesNotContain("Số:")
                .doesNotContain("Số định danh")
                .contains("Phạm Đức Thắng");
    }

    @Test
    void supplementRequestListsTheMissingDocuments() throws IOException {
        String text = text(forms.render(LegalForm.SUPPLEMENT_REQUEST, sample(LegalForm.SUPPLEMENT_REQUEST)));

        assertThat(text)
                .contains("1. Bản sao hợp đồng thuê địa điểm kinh doanh")
                .contains("2. Văn bản ủy quyền của các thành viên hộ gia đình");
    }

    @Test
    void refusalGivesItsReasons() throws IOException {
        String text = text(forms.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL)));

        assertThat(text).contains("Ngành nghề đăng ký thuộc danh mục cấm đầu tư kinh doanh.");
    }

    @Test
    void apologyGivesTheReasonAndTheNewDate() throws IOException {
        String text = text(forms.render(LegalForm.APOLOGY, sample(LegalForm.APOLOGY)));

        assertThat(text)
                .contains("Lý do: Cần xác minh thêm thông tin với cơ quan thuế.")
                .contains(APPOINTMENT_TEXT)
                .contains("THỦ TRƯỞNG CƠ QUAN");
    }

    @Test
    void stopNoticeGivesItsReasons() throws IOException {
        String text = text(forms.render(LegalForm.STOP_NOTICE, sample(LegalForm.STOP_NOTICE)));

        assertThat(text).contains("Người nộp hồ sơ đề nghị dừng giải quyết.");
    }

    @Test
    void resultShowsTheDecisionAndTheSigner() throws IOException {
        String text = text(forms.render(LegalForm.RESULT, sample(LegalForm.RESULT)));

        assertThat(text)
                .contains("Hộ kinh doanh Tạp hóa Lan được đăng ký với ngành nghề bán lẻ hàng tạp hóa.")
                .contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH");
    }

    @Test
    void vietnameseSurvivesWithEmbeddedFonts() throws IOException {
        // decomposed input (as some keyboards and browsers send it) comes out composed
        String decomposed = Normalizer.normalize("Đặng Thị Hữu Nguyễn", Normalizer.Form.NFD);
        FormData data = sample(LegalForm.REFUSAL, decomposed, CODE, documents(2),
                "Thiếu chữ ký; giấy tờ đã hết hạn sử dụng. ĐƯỜNG ỞỞ ặằẳẵ ữựứ ỹỷỵ đĐ");
        byte[] pdf = forms.render(LegalForm.REFUSAL, data);

        String text = text(pdf);
        assertThat(text).contains("Đặng Thị Hữu Nguyễn").contains("ặằẳẵ ữựứ ỹỷỵ đĐ").contains("ĐƯỜNG ỞỞ");
        assertThat(text).contains("ặ").contains("ữ").contains("Đ");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            });
        }
    }

    @Test
    void aCharacterTheFontLacksBecomesAQuestionMark() throws IOException {
        FormData data = sample(LegalForm.REFUSAL, "Lan \u6F22 Nguyễn\tThị", CODE, documents(1),
                "Lý do\u0007 có ký tự lạ \uD83D\uDCC4");
        String text = text(forms.render(LegalForm.REFUSAL, data));

        assertThat(text).contains("Lan ? Nguyễn Thị").contains("Lý do có ký tự lạ ?");
    }

    @Test
    void aLongDocumentsListFlowsOverSeveralPagesWithNothingCutOff() throws IOException {
        List<FormData.DocumentLine> lines = documents(119);
        lines.add(new FormData.DocumentLine("Giấy tờ cuối cùng của danh sách", "bản số hóa"));
        byte[] pdf = forms.render(LegalForm.RECEIPT,
                sample(LegalForm.RECEIPT, "Nguyễn Thị Lan", CODE, lines, null));

        assertThat(pages(pdf)).isGreaterThanOrEqualTo(3);
        String text = text(pdf);
        assertThat(text)
                .contains("Giấy tờ kèm theo số 119")
                .contains("120 Giấy tờ cuối cùng của danh sách bản số hóa")
                .contains(APPOINTMENT_TEXT)
                .contains("Trần Văn Đức")
                .contains("Trang 1/" + pages(pdf));
        for (int i = 2; i <= 119; i++) {
            assertThat(text).contains(i + " Giấy tờ kèm theo số " + i + " ");
        }
    }

    @Test
    void longReasonsAndVeryLongWordsWrapOntoNewPages() throws IOException {
        String reasons = IntStream.rangeClosed(1, 90)
                .mapToObj(i -> i + ". Bổ sung bản sao có chứng thực của giấy tờ thứ " + i
                        + " kèm theo văn bản giải trình, có xác nhận của cơ quan có thẩm quyền nơi cư trú")
                .collect(Collectors.joining("\n"));
        String longWord = "https://dichvucong.gov.vn/" + "a".repeat(300) + "/cuối";
        byte[] pdf = forms.render(LegalForm.SUPPLEMENT_REQUEST,
                sample(LegalForm.SUPPLEMENT_REQUEST, "Nguyễn Thị Lan", CODE, documents(2), reasons + "\n" + longWord));

        assertThat(pages(pdf)).isGreaterThanOrEqualTo(3);
        String text = text(pdf);
        assertThat(text).contains("90. Bổ sung bản sao có chứng thực của giấy tờ thứ 90");
        assertThat(text.replace(" ", "")).contains(longWord);
    }

    @Test
    void aTemplateEditedInTheTemplatesDirectoryIsUsed() throws IOException {
        Files.writeString(tempDir.resolve("01-receipt.txt"),
                "# Giấy biên nhận đã sửa\nXin chào ${applicantName}, hẹn ${appointmentAt}.\n{{signature: CÁN BỘ}}\n");
        byte[] pdf = new PdfForms(tempDir).render(LegalForm.RECEIPT, sample(LegalForm.RECEIPT));

        String text = text(pdf);
        assertThat(text)
                .contains("GIẤY BIÊN NHẬN ĐÃ SỬA")
                .contains("Xin chào Nguyễn Thị Lan, hẹn " + APPOINTMENT_TEXT + ".")
                .contains("CÁN BỘ")
                .doesNotContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    }

    @Test
    void aTemplateMissingFromTheDirectoryFallsBackToTheBuiltInOne() throws IOException {
        Files.writeString(tempDir.resolve("01-receipt.txt"), "# Chỉ mẫu 01 được sửa\n");
        PdfForms partial = new PdfForms(tempDir);

        assertThat(text(partial.render(LegalForm.REFUSAL, sample(LegalForm.REFUSAL))))
                .contains(TITLES.get(LegalForm.REFUSAL));
        assertThat(text(new PdfForms(tempDir.resolve("does-not-exist"))
                .render(LegalForm.APOLOGY, sample(LegalForm.APOLOGY))))
                .contains(TITLES.get(LegalForm.APOLOGY));
        assertThat(text(new PdfForms(null).render(LegalForm.RESULT, sample(LegalForm.RESULT))))
                .contains(TITLES.get(LegalForm.RESULT));
    }

    @Test
    void anUnknownPlaceholderRendersEmptyAndAnOptionalLineDisappears() throws IOException {
        Files.writeString(tempDir.resolve("03-refusal.txt"), String.join("\n",
                "# Thử",
                "Trước[${noSuchField}]Sau [${extra.missing}] [${bogus|mặc định}] [${extra.place|không dùng}]",
                "? Dòng tùy chọn ${extra.missing} biến mất",
                "? Dòng tùy chọn có giá trị: ${extra.place}",
                "{{unknownDirective}}",
                "{{signature}}"));
        FormData data = sample(LegalForm.REFUSAL);

        byte[][] pdf = new byte[1][];
        assertThatCode(() -> pdf[0] = new PdfForms(tempDir).render(LegalForm.REFUSAL, data))
                .doesNotThrowAnyException();
        String text = text(pdf[0]);
        assertThat(text)
                .contains("Trước[]Sau [] [mặc định] [Xã A]")
                .contains("Dòng tùy chọn có giá trị: Xã A")
                .doesNotContain("biến mất")
                .doesNotContain("unknownDirective")
                .contains("NGƯỜI KÝ");
    }

    @Test
    void dataCannotTurnIntoMarkup() throws IOException {
        FormData data = sample(LegalForm.REFUSAL, "${recordCode} {{signature}}", CODE, documents(1),
                "{{pagebreak}}\n# không phải tiêu đề");
        byte[] pdf = forms.render(LegalForm.REFUSAL, data);

        assertThat(pages(pdf)).isEqualTo(1);
        assertThat(text(pdf)).contains("${recordCode} {{signature}}").contains("{{pagebreak}} # không phải tiêu đề");
    }

    @Test
    void parsedFontsAreLentAgainAfterARendering() throws IOException {
        Fonts.Parsed first = Fonts.borrow();
        Fonts.Parsed second = Fonts.borrow(); // while the first is lent out: a set of its own
        assertThat(second).isNotSameAs(first);
        second.close();
        first.close();
        try (Fonts.Parsed again = Fonts.borrow(); Fonts.Parsed andAgain = Fonts.borrow()) {
            assertThat(List.of(again, andAgain)).containsExactlyInAnyOrder(first, second);
        }
        // and a form rendered from reused fonts is as good as the first
        FormData data = sample(LegalForm.RECEIPT);
        assertThat(text(forms.render(LegalForm.RECEIPT, data))).isEqualTo(text(forms.render(LegalForm.RECEIPT, data)));
    }

    /** More threads than pooled font sets: sets are lent, made and dropped at once. */
    @Test
    void rendersConcurrentlyFromTwelveThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> results = new ArrayList<>();
            LegalForm[] all = LegalForm.values();
            for (int i = 0; i < 36; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    LegalForm form = all[n % all.length];
                    String code = "commune-b-20261123-" + String.format("%04d", n);
                    FormData data = sample(form, "Lê Văn Hùng " + n, code, documents(5 + n), reasons(form));
                    return form + "|" + code + "|" + text(forms.render(form, data));
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                String[] result = results.get(i).get(60, TimeUnit.SECONDS).split("\\|", 3);
                LegalForm form = LegalForm.valueOf(result[0]);
                assertThat(result[2])
                        .contains(result[1])
                        .contains("Lê Văn Hùng " + i + " ")
                        .contains(TITLES.get(form));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(LegalForm.class)
    void theBuildPacksEveryRepositoryTemplateIntoTheApplication(LegalForm form) throws IOException {
        Path file = Path.of("templates", form.templateName() + ".txt");
        assertThat(file).isRegularFile();
        try (InputStream builtIn = PdfForms.class.getResourceAsStream("/legal-forms/" + form.templateName() + ".txt")) {
            assertThat(builtIn).as("classpath copy of " + file).isNotNull();
            assertThat(new String(builtIn.readAllBytes(), StandardCharsets.UTF_8))
                    .as(file + " is packed as classpath:/legal-forms/ (pom.xml resources)")
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }


    @Test
    void aProceduresOwnResultTemplateIsUsedAndItsQrCodeLeadsToTheVerificationPage() throws Exception {
        FormData data = sample(LegalForm.RESULT);
        Map<String, String> extra = new HashMap<>(data.extra());
        extra.remove("title");
        extra.put("childFullName", "Trần Minh An");
        extra.put("motherFullName", "Nguyễn Thị Lan");
        extra.put("verifyUrl", "http://localhost:8080/verify/" + CODE);
        FormData birth = new FormData(data.unitName(), data.recordCode(), "Đăng ký khai sinh", data.applicantName(),
                data.applicantPersonalId(), data.applicantAddress(), data.applicantPhone(), data.issuedAt(),
                data.appointmentAt(), data.documents(), data.reasons(), data.officerName(), extra);

        byte[] pdf = forms.render(LegalForm.RESULT, "birth-registration", birth);
        assertThat(text(pdf)).contains("GIẤY KHAI SINH", "Trần Minh An", "Nguyễn Thị Lan");
        assertThat(text(forms.render(LegalForm.RESULT, "no-such-procedure", birth))).as("the general template")
                .doesNotContain("GIẤY KHAI SINH").contains(CODE);

        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(document)
                    .renderImageWithDPI(document.getNumberOfPages() - 1, 150);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                    new com.google.zxing.RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
            assertThat(new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText())
                    .isEqualTo("http://localhost:8080/verify/" + CODE);
        }
    }


    /** A rejection has its own text with the reasons, never the result's text that grants. */
    @Test
    void aRejectionGetsItsOwnTextWithTheReasonsNotTheGrantingOne() throws IOException {
        FormData data = sample(LegalForm.REJECTION);
        Map<String, String> extra = new HashMap<>(data.extra());
        extra.put("ownerFullName", "Nguyễn Văn Chủ");
        extra.put("constructionAddress", "Số 5, thôn Đông, xã A");
        FormData permit = new FormData(data.unitName(), data.recordCode(), "Cấp giấy phép xây dựng nhà ở riêng lẻ",
                data.applicantName(), data.applicantPersonalId(), data.applicantAddress(), data.applicantPhone(),
                data.issuedAt(), data.appointmentAt(), data.documents(), "Mật độ xây dựng vượt quy hoạch.\n"
                        + "Thiếu bản vẽ móng.", data.officerName(), extra);

        String granted = text(forms.render(LegalForm.RESULT, "construction-permit", permit));
        assertThat(granted).as("what a rejection must not say").contains("cấp phép xây dựng theo hồ sơ");

        String rejected = text(forms.render(LegalForm.REJECTION, "construction-permit", permit));
        assertThat(rejected).contains("THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ", "Mật độ xây dựng vượt quy hoạch.",
                "Thiếu bản vẽ móng.", CODE, "Nguyễn Thị Lan")
                .doesNotContain("cấp phép xây dựng theo hồ sơ", "GIẤY PHÉP XÂY DỰNG", "Nguyễn Văn Chủ");

        // a procedure's own rejection text, when the analyst writes one
        Files.writeString(tempDir.resolve("rejection-construction-permit.txt"),
                "# Thông báo không cấp giấy phép xây dựng\nLý do:\n${reasons}\nChủ đầu tư: ${extra.ownerFullName}\n",
                StandardCharsets.UTF_8);
        String own = text(new PdfForms(tempDir).render(LegalForm.REJECTION, "construction-permit", permit));
        assertThat(own).contains("THÔNG BÁO KHÔNG CẤP GIẤY PHÉP XÂY DỰNG", "Thiếu bản vẽ móng.", "Nguyễn Văn Chủ");
        assertThat(text(new PdfForms(tempDir).render(LegalForm.REJECTION, "birth-registration", permit)))
                .as("other procedures keep the default rejection").contains("THÔNG BÁO KHÔNG GIẢI QUYẾT HỒ SƠ");
    }
}
