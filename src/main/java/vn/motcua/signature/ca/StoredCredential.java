package vn.motcua.signature.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A row of {@code signature_credential}. {@code kind} is {@code ca}, {@code personal} or {@code seal}. */
public record StoredCredential(String credentialId, String owner, String kind, String unit, String subject,
        byte[] certificate, byte[] pkcs12, Instant notBefore, Instant notAfter, Instant createdAt) {

    public X509Certificate x509() {
        return CertificateAuthority.certificate(certificate);
    }
}
