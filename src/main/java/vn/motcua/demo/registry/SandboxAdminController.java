package vn.motcua.demo.registry;

import java.io.UncheckedIOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Lets operators and testers take the embedded sandbox registry down and bring it back, to see how
 * lookups behave when a national registry is unreachable. Under {@code /api/admin/**}: ADMIN only.
 */
@RestController
@RequestMapping("/api/admin/sandbox")
@ConditionalOnProperty(prefix = "motcua.sandbox", name = "enabled", havingValue = "true")
@Tag(name = "Sandbox registry", description = "The embedded stand-in for the national registries: status, simulated outage")
class SandboxAdminController {

    /** {@code message} only when starting failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SandboxStatus(boolean running, String baseUrl, String message) {
    }

    private final SandboxRegistry registry;

    SandboxAdminController(SandboxRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "Whether the sandbox registry is running, and its base URL")
    SandboxStatus status() {
        return new SandboxStatus(registry.isRunning(), registry.baseUrl(), null);
    }

    @PostMapping("/stop")
    @Operation(summary = "Stop the sandbox registry: its port refuses connections (a simulated outage)")
    SandboxStatus stop() {
        registry.stop();
        return status();
    }

    /** 503 when the port cannot be bound (e.g. taken by another process meanwhile). */
    @PostMapping("/start")
    @Operation(summary = "Start the sandbox registry again on the same port")
    ResponseEntity<SandboxStatus> start() {
        try {
            registry.start();
            return ResponseEntity.ok(status());
        } catch (UncheckedIOException e) {
            return ResponseEntity.status(503).body(new SandboxStatus(false, registry.baseUrl(), e.getMessage()));
        }
    }
}
