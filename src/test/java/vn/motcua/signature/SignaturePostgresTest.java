package vn.motcua.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.security.cert.X509Certificate;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.demo.signing.CscServer;
import vn.motcua.demo.signing.DemoCa;
import vn.motcua.demo.signing.PinAttempts;
import vn.motcua.demo.signing.SadStore;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;

/**
 * The signature tables on a real PostgreSQL: the migration, the demo CA created once by nodes
 * starting together (the duplicate key of the loser is harmless), certificates registered, and a
 * SAD used once.
 */
class SignaturePostgresTest {

    static EmbeddedPostgres postgres;
    static JdbcClient db;
    static DataSource dataSource;
    static SignatureSettings settings = new SignatureSettings();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = JdbcClient.create(dataSource);
        settings.getDemoCa().setEnabled(true);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void oneCaForNodesStartingTogetherAndSingleUseSads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DemoCa node = new DemoCa(new CredentialStore(db), settings,
                    new StaticListableBeanFactory().getBeanProvider(UnitDirectory.class));
            nodes.add(pool.submit(() -> {
                go.await();
                node.ensure();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> node : nodes) {
            node.get();
        }
        pool.shutdown();
        assertThat(db.sql("select count(*) from signature_credential").query(Integer.class).single()).isEqualTo(7);

        CredentialStore store = new CredentialStore(db);
        // A certificate is registered to one signer only: leader-b's soft token cannot become leader-a's.
        assertThatThrownBy(() -> store.register("leader-a", SignatureKind.PERSONAL,
                store.find("personal-leader-b").orElseThrow().x509(), "test"))
                .hasMessageContaining("already registered for leader-b");
        X509Certificate token = SignatureTestKit.signer(SignatureTestKit.root("USB CA"), "NGUYEN VAN A", null,
                CertificateAuthority.Purpose.PERSONAL).certificate();
        store.register("leader-a", SignatureKind.PERSONAL, token, "test");
        store.register("leader-a", SignatureKind.PERSONAL, token, "test");   // idempotent
        String sha256 = CredentialStore.sha256(CertificateAuthority.der(token));
        assertThat(store.registeredOwner(sha256)).contains("leader-a");
        assertThat(store.registeredKind(sha256)).contains(SignatureKind.PERSONAL);

        CscServer server = new CscServer(store, new SadStore(db), settings, new PinAttempts(db,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource), settings.getPin(),
                java.time.Clock.systemUTC()), (user, unit) -> false);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("postgres".getBytes(StandardCharsets.UTF_8)));
        CscServer.Caller leader = CscServer.Caller.user("leader-a");
        String sad = (String) server.authorize(leader, Map.of("credentialID", "personal-leader-a", "numSignatures", 1,
                "hashes", List.of(hash), "authData", List.of(Map.of("id", "PIN", "value", "123456")))).get("SAD");
        Map<String, Object> signHash = Map.of("credentialID", "personal-leader-a", "SAD", sad, "hashes", List.of(hash),
                "signAlgo", "1.2.840.10045.4.3.2");
        assertThat(server.signHash(leader, signHash)).containsKey("signatures");
        assertThatThrownBy(() -> server.signHash(leader, signHash)).hasMessageContaining("SAD already used");
    }

    /** Issue 13, finding 7: guesses spread over two "nodes" (two counters over one PostgreSQL) get 5 checks at most. */
    @Test
    void wrongPinsLockACredentialAcrossNodesEvenForConcurrentGuesses() throws Exception {
        new DemoCa(new CredentialStore(db), settings,
                new StaticListableBeanFactory().getBeanProvider(UnitDirectory.class)).ensure();
        List<PinAttempts> nodes = List.of(
                new PinAttempts(db, new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource),
                        settings.getPin(), java.time.Clock.systemUTC()),
                new PinAttempts(db, new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource),
                        settings.getPin(), java.time.Clock.systemUTC()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PinAttempts node = nodes.get(i % 2);
            guesses.add(pool.submit(() -> {
                go.await();
                try {
                    PinAttempts.Attempt attempt = node.begin("personal-leader-b", "guesser");
                    Thread.sleep(20); // the PIN check takes a while
                    node.failed(attempt);
                    return "checked";
                } catch (PinAttempts.Locked e) {
                    return "locked";
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> guess : guesses) {
            outcomes.add(guess.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("checked"::equals).hasSizeLessThanOrEqualTo(4);
        assertThat(db.sql("select count(*) from signature_pin_event where credential_id = 'personal-leader-b' "
                + "and event = 'failure'").query(Integer.class).single()).isLessThanOrEqualTo(5);
        assertThatThrownBy(() -> nodes.get(0).begin("personal-leader-b", "leader-b"))
                .isInstanceOf(PinAttempts.Locked.class).hasMessageContaining("locked after 5 wrong PINs");
    }
}
