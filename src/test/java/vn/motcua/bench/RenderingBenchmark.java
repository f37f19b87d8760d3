package vn.motcua.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import vn.motcua.record.pdf.FormData;
import vn.motcua.record.pdf.Formats;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.PdfForms;
import vn.motcua.record.pdf.SigningFields;

/**
 * How long the issued documents take to render (issue 16: HTML + CSS templates laid out as PDF/A-2b),
 * printed, never asserted. Each form (01–05, the birth certificate, the rejection) is rendered after a
 * warm-up on one thread, then all of them on two threads; and issuing's fill of number and date.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) vn.motcua.bench.RenderingBenchmark [rounds]
 * </pre>
 * ({@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt} writes the class path.)
 */
public final class RenderingBenchmark {

    private RenderingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // as in the product (application.yaml): warnings and errors only, so the figures are not the console's
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.openhtmltopdf"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        PdfForms forms = new PdfForms(Path.of("templates"), Formats.plain());
        List<Case> cases = new ArrayList<>();
        for (LegalForm form : List.of(LegalForm.RECEIPT, LegalForm.SUPPLEMENT_REQUEST, LegalForm.REFUSAL,
                LegalForm.APOLOGY, LegalForm.STOP_NOTICE, LegalForm.REJECTION)) {
            cases.add(new Case(form.templateName(), form, null));
        }
        cases.add(new Case("result-birth-registration", LegalForm.RESULT, "birth-registration"));

        for (Case c : cases) { // warm-up: class loading, the JIT, the font files (as HandRolledBaseline's)
            for (int i = 0; i < 100; i++) {
                c.render(forms);
            }
        }
        System.out.printf("rendering, one thread, %d rounds each (ms: mean, p50, p95; size)%n", rounds);
        for (Case c : cases) {
            long[] times = new long[rounds];
            int size = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                size = c.render(forms).length;
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf("  %-30s %7.1f %7.1f %7.1f  %6d bytes%n", c.name, mean(times), ms(times[rounds / 2]),
                    ms(times[(int) (rounds * 0.95)]), size);
        }
        byte[] draft = cases.get(cases.size() - 1).render(forms);
        long[] fills = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            SigningFields.fill(draft, Map.of(SigningFields.DOCUMENT_NUMBER, "1/2026/commune-a",
                    SigningFields.ISSUED_ON, "Xã A, ngày 04 tháng 12 năm 2026"));
            fills[i] = System.nanoTime() - start;
        }
        Arrays.sort(fills);
        System.out.printf("  %-30s %7.1f %7.1f %7.1f%n", "issuing: fill number and date", mean(fills),
                ms(fills[rounds / 2]), ms(fills[(int) (rounds * 0.95)]));

        int total = rounds * cases.size();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long start = System.nanoTime();
            List<Future<byte[]>> done = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                Case c = cases.get(i % cases.size());
                done.add(pool.submit(() -> c.render(forms)));
            }
            for (Future<byte[]> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("two threads: %d documents in %.1f s = %.1f documents/s%n", total, seconds, total / seconds);
        } finally {
            pool.shutdown();
        }
    }

    private record Case(String name, LegalForm form, String variant) {
        byte[] render(PdfForms forms) {
            return forms.render(form, variant, data(form));
        }
    }

    static FormData data(LegalForm form) {
        boolean result = form == LegalForm.RESULT || form == LegalForm.REJECTION;
        ZonedDateTime now = ZonedDateTime.parse("2026-12-04T09:00:00+07:00[Asia/Ho_Chi_Minh]");
        return new FormData(new FormData.Issuer("Ủy ban nhân dân xã A", "Ủy ban nhân dân tỉnh Hưng Yên", "Xã A", null,
                result ? "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" : "NGƯỜI TIẾP NHẬN HỒ SƠ", result ? null : "Nguyễn Thị Hoa"),
                "commune-a-20261204-00001", "Đăng ký khai sinh",
                new FormData.Applicant("Nguyễn Thị Lan", "001190012345", "Thôn Đông, xã A", "0912345678", null),
                now, now.minusDays(1), now.plusDays(3), BigDecimal.ONE,
                List.of(new FormData.RequiredDocument("Tờ khai đăng ký khai sinh", true),
                        new FormData.RequiredDocument("Giấy chứng sinh", true)),
                List.of(new FormData.DocumentLine("to-khai.pdf", "bản điện tử")),
                "Thiếu giấy chứng sinh.\nCần xác minh thêm.", List.of("Ông/bà Nguyễn Thị Lan", "Lưu: VT"), result,
                Map.of("childFullName", "Trần Minh An", "childDateOfBirth", "2026-11-20", "childSex", "male",
                        "motherFullName", "Nguyễn Thị Lan", "verifyUrl",
                        "http://localhost:8080/verify/commune-a-20261204-00001"));
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
