package vn.motcua.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.motcua.web.Problem;

/**
 * The administrators' page of the portal sync ({@code /admin/portal-sync}): what waits, what the portal
 * refused and why, and a button to resend a refused update once its cause is fixed. The staff session of
 * the one sign-in, role ADMIN.
 */
@Controller
class PortalSyncPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final PortalUpdates updates;

    PortalSyncPage(PortalUpdates updates) {
        this.updates = updates;
    }

    @GetMapping("/admin/portal-sync")
    String page(Model model) {
        model.addAttribute("status", updates.status());
        model.addAttribute("when", new When());
        return "admin/portal-sync";
    }

    @PostMapping("/admin/portal-sync/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        try {
            PortalUpdates.Pending resent = updates.resend(id);
            redirect.addFlashAttribute("message", "Đã gửi lại cập nhật %d của hồ sơ %s / Update %d of record %s will be sent again"
                    .formatted(resent.sequence(), resent.recordCode(), resent.sequence(), resent.recordCode()));
        } catch (Problem refused) {
            redirect.addFlashAttribute("message", refused.getMessage());
        }
        return "redirect:/admin/portal-sync";
    }

    /** Dates as the page shows them: dd/MM/yyyy HH:mm:ss, Vietnam's time. */
    static final class When {
        public String of(Instant instant) {
            return instant == null ? "—" : WHEN.format(instant);
        }
    }
}
