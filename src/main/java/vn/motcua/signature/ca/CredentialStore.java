package vn.motcua.signature.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import vn.motcua.signature.SignatureKind;

/** The soft tokens ({@code signature_credential}) and registered certificates, plain JDBC. */
@Repository
public class CredentialStore {

    private final JdbcClient jdbc;

    public CredentialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the credential unless one with its id exists (another node, or an earlier start, made
     * it first). Runs outside any transaction so a duplicate key leaves nothing half-done.
     *
     * @return true when this call inserted it
     */
    public boolean insertIfAbsent(StoredCredential credential) {
        if (find(credential.credentialId()).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into signature_credential (credential_id, owner, kind, unit, subject, certificate, pkcs12,
                        not_before, not_after, created_at)
                    values (:id, :owner, :kind, :unit, :subject, :certificate, :pkcs12, :notBefore, :notAfter, :createdAt)
                    """)
                    .param("id", credential.credentialId()).param("owner", credential.owner())
                    .param("kind", credential.kind()).param("unit", credential.unit())
                    .param("subject", credential.subject()).param("certificate", credential.certificate())
                    .param("pkcs12", credential.pkcs12())
                    .param("notBefore", Timestamp.from(credential.notBefore()))
                    .param("notAfter", Timestamp.from(credential.notAfter()))
                    .param("createdAt", Timestamp.from(credential.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<StoredCredential> find(String credentialId) {
        return jdbc.sql("select * from signature_credential where credential_id = :id")
                .param("id", credentialId).query(CredentialStore::credential).optional();
    }

    /** The signing credentials (not the CA) of an owner: a user's personal ones, a unit's seals. */
    public List<StoredCredential> ofOwner(String owner) {
        return jdbc.sql("select * from signature_credential where owner = :owner and kind <> 'ca' order by credential_id")
                .param("owner", owner).query(CredentialStore::credential).list();
    }

    /** Every signing credential (not the CA). */
    public List<StoredCredential> all() {
        return jdbc.sql("select * from signature_credential where kind <> 'ca' order by credential_id")
                .query(CredentialStore::credential).list();
    }

    /** Registers a certificate as the signer's (idempotent; a certificate belongs to one signer). */
    public void register(String owner, SignatureKind kind, X509Certificate certificate, String registeredBy) {
        byte[] der = CertificateAuthority.der(certificate);
        String sha256 = sha256(der);
        Optional<String> existing = registeredOwner(sha256);
        if (existing.isPresent()) {
            if (!existing.get().equals(owner)) {
                throw new IllegalArgumentException("this certificate is already registered for " + existing.get());
            }
            return;
        }
        try {
            jdbc.sql("""
                    insert into signature_registered_certificate (sha256, owner, kind, subject, certificate,
                        registered_by, registered_at)
                    values (:sha256, :owner, :kind, :subject, :certificate, :by, :at)
                    """)
                    .param("sha256", sha256).param("owner", owner).param("kind", kind.id())
                    .param("subject", certificate.getSubjectX500Principal().getName())
                    .param("certificate", der).param("by", registeredBy).param("at", Timestamp.from(Instant.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            // registered concurrently: fine if for the same owner
            if (!registeredOwner(sha256).map(owner::equals).orElse(false)) {
                throw new IllegalArgumentException("this certificate is already registered for another signer");
            }
        }
    }

    /** Whom a certificate (by SHA-256 of its DER, hex) is registered to, if anyone: also the soft tokens' own. */
    public Optional<String> registeredOwner(String certificateSha256) {
        Optional<String> registered = jdbc.sql("select owner from signature_registered_certificate where sha256 = :sha")
                .param("sha", certificateSha256).query(String.class).optional();
        if (registered.isPresent()) {
            return registered;
        }
        return all().stream().filter(c -> sha256(c.certificate()).equals(certificateSha256))
                .map(StoredCredential::owner).findFirst();
    }

    /** The kind a certificate (by SHA-256 of its DER, hex) was registered or issued with, if known. */
    public Optional<SignatureKind> registeredKind(String certificateSha256) {
        Optional<String> registered = jdbc.sql("select kind from signature_registered_certificate where sha256 = :sha")
                .param("sha", certificateSha256).query(String.class).optional();
        if (registered.isPresent()) {
            return registered.map(SignatureKind::fromId);
        }
        return all().stream().filter(c -> sha256(c.certificate()).equals(certificateSha256)).findFirst()
                .map(c -> SignatureKind.fromId(c.kind()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredCredential credential(ResultSet rs, int row) throws SQLException {
        return new StoredCredential(rs.getString("credential_id"), rs.getString("owner"), rs.getString("kind"),
                rs.getString("unit"), rs.getString("subject"), rs.getBytes("certificate"), rs.getBytes("pkcs12"),
                rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
