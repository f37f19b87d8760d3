package vn.motcua.demo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.SignatureTestKit;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.ca.StoredCredential;
import vn.motcua.signature.config.SignatureSettings;

/** The demo CA: what it issues, idempotent restarts, and one CA when several nodes start at once. */
class DemoCaTest {

    static DemoCa demoCa(JdbcClient db) {
        SignatureSettings settings = new SignatureSettings();
        settings.getDemoCa().setEnabled(true);
        return new DemoCa(new CredentialStore(db), settings,
                new StaticListableBeanFactory().getBeanProvider(UnitDirectory.class));
    }

    @Test
    void issuesASigningCertificateToEachLeaderAndASealToEachUnitInPinProtectedTokens() throws Exception {
        JdbcClient db = SignatureTestKit.database();
        demoCa(db).ensure();
        CredentialStore store = new CredentialStore(db);
        X509Certificate root = store.find(DemoCa.ROOT_ID).orElseThrow().x509();
        assertThat(root.getSubjectX500Principal().getName()).contains("CN=motcua Demo Root CA");
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);

        assertThat(store.all()).extracting(StoredCredential::credentialId).containsExactlyInAnyOrder(
                "personal-leader-a", "personal-leader-b", "personal-leader-p",
                "seal-commune-a", "seal-commune-b", "seal-province");
        StoredCredential leaderA = store.find("personal-leader-a").orElseThrow();
        assertThat(leaderA.owner()).isEqualTo("leader-a");
        assertThat(leaderA.kind()).isEqualTo("personal");
        assertThat(leaderA.unit()).isEqualTo("commune-a");
        X509Certificate certificate = leaderA.x509();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=leader-a", "OU=commune-a");
        assertThat(CertificateAuthority.kindOf(certificate)).isEqualTo(SignatureKind.PERSONAL);
        certificate.verify(root.getPublicKey());
        assertThat(certificate.getKeyUsage()[1]).as("non-repudiation").isTrue();

        StoredCredential seal = store.find("seal-province").orElseThrow();
        assertThat(seal.owner()).isEqualTo("province");
        assertThat(CertificateAuthority.kindOf(seal.x509())).isEqualTo(SignatureKind.SEAL);
        assertThat(seal.x509().getSubjectX500Principal().getName()).contains("CN=province");

        KeyStore.PrivateKeyEntry entry = CertificateAuthority.open(leaderA.pkcs12(), "123456".toCharArray());
        assertThat(entry.getCertificate()).isEqualTo(certificate);
        assertThatThrownBy(() -> CertificateAuthority.open(leaderA.pkcs12(), "654321".toCharArray()))
                .isInstanceOf(CertificateAuthority.WrongPinException.class);
    }

    @Test
    void aRestartChangesNothing() {
        JdbcClient db = SignatureTestKit.database();
        demoCa(db).ensure();
        CredentialStore store = new CredentialStore(db);
        byte[] root = store.find(DemoCa.ROOT_ID).orElseThrow().certificate();
        byte[] leader = store.find("personal-leader-a").orElseThrow().certificate();
        demoCa(db).ensure();
        assertThat(store.find(DemoCa.ROOT_ID).orElseThrow().certificate()).isEqualTo(root);
        assertThat(store.find("personal-leader-a").orElseThrow().certificate()).isEqualTo(leader);
        assertThat(db.sql("select count(*) from signature_credential").query(Integer.class).single()).isEqualTo(7);
    }

    @Test
    void nodesStartingTogetherShareOneCa() throws Exception {
        JdbcClient db = SignatureTestKit.database();
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            DemoCa node = demoCa(db);
            runs.add(pool.submit(() -> {
                start.await();
                node.ensure();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();

        assertThat(db.sql("select count(*) from signature_credential where kind = 'ca'").query(Integer.class).single())
                .isEqualTo(1);
        CredentialStore store = new CredentialStore(db);
        X509Certificate root = store.find(DemoCa.ROOT_ID).orElseThrow().x509();
        assertThat(store.all()).hasSize(6);
        for (StoredCredential credential : store.all()) {
            credential.x509().verify(root.getPublicKey());   // every token issued by the one root
        }
    }
}
