package vn.motcua.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.motcua.web.Problem;

/**
 * The administrators' page of fees ({@code /admin/payments}): requests awaiting payment, what the platform's
 * callbacks said and what became of them, each day's reconciliation with its differences, and a form to
 * reconcile a day again (dd/MM/yyyy). The staff session of the one sign-in, role ADMIN.
 */
@Controller
class PaymentsPage {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(VIETNAM);

    private final PaymentOverview overview;
    private final PaymentReconciliation reconciliation;

    PaymentsPage(PaymentOverview overview, PaymentReconciliation reconciliation) {
        this.overview = overview;
        this.reconciliation = reconciliation;
    }

    @GetMapping("/admin/payments")
    String page(Model model) {
        model.addAttribute("status", overview.status());
        model.addAttribute("when", new When());
        model.addAttribute("yesterday", PaymentController.DAY.format(LocalDate.now(VIETNAM).minusDays(1)));
        return "admin/payments";
    }

    @PostMapping("/admin/payments/reconcile")
    String reconcile(@RequestParam(required = false) String day, RedirectAttributes redirect) {
        try {
            PaymentReconciliation.Report report = reconciliation.reconcile(PaymentController.day(day), true);
            redirect.addFlashAttribute("message", "Đối soát ngày %s: %s / Reconciliation of %s: %s".formatted(
                    PaymentController.DAY.format(report.day()), word(report.status()),
                    PaymentController.DAY.format(report.day()), report.status()));
        } catch (Problem refused) {
            redirect.addFlashAttribute("message", refused.getMessage());
        }
        return "redirect:/admin/payments";
    }

    private static String word(String status) {
        return switch (status) {
            case "matched" -> "khớp";
            case "differences" -> "có chênh lệch";
            case "failed" -> "không thực hiện được";
            default -> "đang chạy";
        };
    }

    /** Dates as the page shows them: dd/MM/yyyy HH:mm:ss (Vietnam's time), days dd/MM/yyyy. */
    static final class When {
        public String of(Instant instant) {
            return instant == null ? "—" : WHEN.format(instant);
        }

        public String day(LocalDate day) {
            return day == null ? "—" : PaymentController.DAY.format(day);
        }

        public String money(long amount) {
            return String.format(java.util.Locale.forLanguageTag("vi-VN"), "%,d ₫", amount);
        }
    }
}
