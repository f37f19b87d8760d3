package vn.motcua.lookup;

import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.web.Problem;

/** The lookup log for administrators ({@code /api/admin/**} is ADMIN only): who asked which registry about what. */
@RestController
@Tag(name = "Registry lookups")
class LookupLogController {

    private final LookupLog log;

    LookupLogController(LookupLog log) {
        this.log = log;
    }

    @GetMapping("/api/admin/lookups")
    @Operation(summary = "The lookup log, newest first (admin only)",
            description = "Every call to a registry: request id, record, registry, key, purpose, actor, outcome "
                    + "(found, not-found, failed), fields supplied, time. Filter by record code and registry.")
    List<LookupLog.Entry> find(@RequestParam(required = false) String record,
            @RequestParam(required = false) String registry, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw Problem.badRequest("limit", "limit must be from 1 to 1000, was " + limit);
        }
        if (registry != null) {
            try {
                registry = Registry.valueOf(registry.strip().toUpperCase(Locale.ROOT)).id();
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("registry", "registry must be population, residence, enterprise or land, was '"
                        + registry + "'");
            }
        }
        return log.find(record == null || record.isBlank() ? null : record.strip(), registry, limit);
    }

}
