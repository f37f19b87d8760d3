package vn.motcua.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import vn.motcua.record.pdf.FormData;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.record.pdf.PdfForms;

/**
 * The baseline of {@code RenderingBenchmark}: the hand-rolled renderer the HTML templates replaced (commit
 * 231c328, its own API and plain-text templates), the same seven documents with the same data, the same
 * warm-up and the same printed table. Compiled and run against that commit's sources by
 * {@code tools/bench/rendering-vs-hand-rolled.sh}; not part of the product's build.
 */
public final class HandRolledBaseline {

    private HandRolledBaseline() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        PdfForms forms = new PdfForms(Path.of("templates"));
        List<Object[]> cases = new ArrayList<>();
        for (LegalForm form : List.of(LegalForm.RECEIPT, LegalForm.SUPPLEMENT_REQUEST, LegalForm.REFUSAL,
                LegalForm.APOLOGY, LegalForm.STOP_NOTICE, LegalForm.REJECTION)) {
            cases.add(new Object[] {form.templateName(), form, null});
        }
        cases.add(new Object[] {"result-birth-registration", LegalForm.RESULT, "birth-registration"});
        for (Object[] c : cases) {
            for (int i = 0; i < 100; i++) {
                render(forms, c);
            }
        }
        System.out.printf("hand-rolled rendering, one thread, %d rounds each (ms: mean, p50, p95; size)%n", rounds);
        for (Object[] c : cases) {
            long[] times = new long[rounds];
            int size = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                size = render(forms, c).length;
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf("  %-30s %7.1f %7.1f %7.1f  %6d bytes%n", c[0],
                    Arrays.stream(times).average().orElse(0) / 1e6, times[rounds / 2] / 1e6,
                    times[(int) (rounds * 0.95)] / 1e6, size);
        }
    }

    private static byte[] render(PdfForms forms, Object[] c) {
        LegalForm form = (LegalForm) c[1];
        boolean result = form == LegalForm.RESULT || form == LegalForm.REJECTION;
        ZonedDateTime now = ZonedDateTime.parse("2026-12-04T09:00:00+07:00[Asia/Ho_Chi_Minh]");
        FormData data = new FormData("Ủy ban nhân dân xã A", "commune-a-20261204-00001", "Đăng ký khai sinh",
                "Nguyễn Thị Lan", "001190012345", "Thôn Đông, xã A", "0912345678", now, now.plusDays(3),
                List.of(new FormData.DocumentLine("Tờ khai đăng ký khai sinh", "bản điện tử"),
                        new FormData.DocumentLine("Giấy chứng sinh", "bản điện tử")),
                "Thiếu giấy chứng sinh.\nCần xác minh thêm.", result ? null : "Nguyễn Thị Hoa",
                Map.of("childFullName", "Trần Minh An", "childDateOfBirth", "2026-11-20", "childSex", "male",
                        "motherFullName", "Nguyễn Thị Lan", "verifyUrl",
                        "http://localhost:8080/verify/commune-a-20261204-00001"));
        return forms.render(form, (String) c[2], data);
    }
}
