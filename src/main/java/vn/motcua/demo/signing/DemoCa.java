package vn.motcua.demo.signing;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.ca.StoredCredential;
import vn.motcua.signature.config.SignatureSettings;

/**
 * The demo CA of the embedded default ({@code motcua.signature.demo-ca.enabled}): at the first
 * start a root CA is made, and it issues a personal signing certificate to each demo leader and an
 * organisation seal to each unit, each in a PKCS#12 soft token with the demo PIN. Everything lives
 * in {@code signature_credential}, so all nodes share one CA: each row is inserted only if absent,
 * and whichever node loses a race uses the winner's root. A restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "motcua.signature.demo-ca.enabled", havingValue = "true")
@Order(20)
public class DemoCa implements ApplicationRunner {

    static final String ROOT_ID = "demo-root-ca";
    static final String ROOT_NAME = "motcua Demo Root CA";

    private static final Logger log = LoggerFactory.getLogger(DemoCa.class);

    private final CredentialStore store;
    private final SignatureSettings settings;
    private final ObjectProvider<UnitDirectory> units;

    public DemoCa(CredentialStore store, SignatureSettings settings, ObjectProvider<UnitDirectory> units) {
        this.store = store;
        this.settings = settings;
        this.units = units;
    }

    public static String personalId(String userId) {
        return "personal-" + userId;
    }

    public static String sealId(String unit) {
        return "seal-" + unit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.getDemoCa().isEnabled()) {
            ensure();
        }
    }

    /** Creates whatever of the demo CA is missing; idempotent, safe on several nodes at once. */
    public void ensure() {
        SignatureSettings.DemoCa demo = settings.getDemoCa();
        CertificateAuthority.Issuer root = root();
        int issued = 0;
        for (Map.Entry<String, String> leader : demo.getLeaders().entrySet()) {
            if (issue(root, personalId(leader.getKey()), leader.getKey(), SignatureKind.PERSONAL, leader.getValue())) {
                issued++;
            }
        }
        for (String unit : demo.getSeals()) {
            if (issue(root, sealId(unit), unit, SignatureKind.SEAL, unit)) {
                issued++;
            }
        }
        if (issued > 0) {
            log.info("Demo CA issued {} soft token(s); PIN '{}' for each (docs/signatures.md)", issued, demo.getPin());
        }
    }

    /** The demo root: loaded, or created once. */
    public CertificateAuthority.Issuer root() {
        char[] password = settings.getDemoCa().getCaPassword().toCharArray();
        if (store.find(ROOT_ID).isEmpty()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            CertificateAuthority.Issuer created = CertificateAuthority.createRoot(ROOT_NAME,
                    now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(20 * 365)));
            byte[] token = CertificateAuthority.pkcs12(created.key(), List.of(created.certificate()), password);
            if (store.insertIfAbsent(credential(ROOT_ID, "demo-ca", "ca", null, created.certificate(), token))) {
                log.info("Demo root CA created: {}", created.certificate().getSubjectX500Principal().getName());
            }
        }
        StoredCredential stored = store.find(ROOT_ID).orElseThrow();
        KeyStore.PrivateKeyEntry entry = CertificateAuthority.open(stored.pkcs12(), password);
        return new CertificateAuthority.Issuer(entry.getPrivateKey(), stored.x509());
    }

    private boolean issue(CertificateAuthority.Issuer root, String credentialId, String owner, SignatureKind kind,
            String unit) {
        if (store.find(credentialId).isPresent()) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair keys = CertificateAuthority.newKeyPair();
        X500Name subject = CertificateAuthority.subject(owner, unit, unitName(unit));
        X509Certificate certificate = CertificateAuthority.issue(root, keys.getPublic(), subject,
                kind == SignatureKind.SEAL ? CertificateAuthority.Purpose.SEAL : CertificateAuthority.Purpose.PERSONAL,
                now.minus(Duration.ofHours(1)), now.plus(settings.getDemoCa().getCertificateValidity()));
        PrivateKey key = keys.getPrivate();
        byte[] token = CertificateAuthority.pkcs12(key, List.of(certificate, root.certificate()),
                settings.getDemoCa().getPin().toCharArray());
        return store.insertIfAbsent(credential(credentialId, owner, kind.id(), unit, certificate, token));
    }

    private String unitName(String unit) {
        UnitDirectory directory = units.getIfAvailable();
        String name = directory == null ? null : directory.label(unit);
        return name == null || name.equals(unit) ? unit : name;
    }

    private static StoredCredential credential(String id, String owner, String kind, String unit,
            X509Certificate certificate, byte[] token) {
        return new StoredCredential(id, owner, kind, unit, certificate.getSubjectX500Principal().getName(),
                CertificateAuthority.der(certificate), token, certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), Instant.now());
    }
}
