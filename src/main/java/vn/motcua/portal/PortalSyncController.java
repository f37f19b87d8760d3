package vn.motcua.portal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators: the portal sync's state, and resending an update the portal refused. */
@RestController
@RequestMapping("/api/admin/portal-sync")
class PortalSyncController {

    private final PortalUpdates sync;

    PortalSyncController(PortalUpdates sync) {
        this.sync = sync;
    }

    @GetMapping
    PortalUpdates.Status status() {
        return sync.status();
    }

    @PostMapping("/{id}/resend")
    PortalUpdates.Pending resend(@PathVariable long id) {
        return sync.resend(id);
    }
}
