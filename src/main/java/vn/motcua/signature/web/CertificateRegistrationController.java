package vn.motcua.signature.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.Signatures;
import vn.motcua.web.Problem;

/**
 * Administrators register a signer's own certificate (e.g. a leader's USB token, a unit's seal
 * from a licensed CA) against their account: signatures by it then count as theirs.
 * {@code /api/admin/**} is ADMIN only.
 */
@RestController
@Tag(name = "Signatures")
class CertificateRegistrationController {

    private final Signatures signatures;

    CertificateRegistrationController(Signatures signatures) {
        this.signatures = signatures;
    }

    /** {@code signer}: a user id or a unit id; {@code kind}: personal or seal; {@code certificate}: PEM. */
    record Registration(String signer, String kind, String certificate) {
    }

    @PostMapping("/api/admin/signing-certificates")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a signer's certificate (admin)",
            description = "Body: {\"signer\": \"leader-a\", \"kind\": \"personal\", \"certificate\": \"-----BEGIN CERTIFICATE-----…\"}")
    Map<String, String> register(@RequestBody(required = false) Registration registration, Authentication admin) {
        if (registration == null || registration.signer() == null || registration.signer().isBlank()) {
            throw Problem.badRequest("signer", "name the signer: a user id or a unit id");
        }
        SignatureKind kind;
        try {
            kind = SignatureKind.valueOf(String.valueOf(registration.kind()).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("kind", "kind must be personal or seal, was '" + registration.kind() + "'");
        }
        if (registration.certificate() == null || registration.certificate().isBlank()) {
            throw Problem.badRequest("certificate", "give the certificate in PEM");
        }
        try {
            signatures.registerCertificate(registration.signer().strip(), kind,
                    registration.certificate().getBytes(StandardCharsets.US_ASCII), admin.getName());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("certificate", e.getMessage());
        }
        return Map.of("signer", registration.signer().strip(), "kind", kind.name().toLowerCase(Locale.ROOT));
    }

}
