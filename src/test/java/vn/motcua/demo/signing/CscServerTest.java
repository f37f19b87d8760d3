package vn.motcua.demo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureTestKit;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;

/** The CSC v2 server's rules, without HTTP: PIN, SAD single use and binding, expiry, who may use what. */
class CscServerTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final CscServer.Caller LEADER_A = CscServer.Caller.user("leader-a");
    static final CscServer.Caller LEADER_B = CscServer.Caller.user("leader-b");
    static final CscServer.Caller RECORDS_A = CscServer.Caller.user("records-a");
    static final CscServer.Caller PRODUCT = CscServer.Caller.client("motcua");

    MovableClock clock = new MovableClock();
    SignatureSettings settings = new SignatureSettings();
    CscServer server;
    JdbcClient db;
    PinAttempts pinAttempts;
    javax.sql.DataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = SignatureTestKit.dataSource();
        db = JdbcClient.create(dataSource);
        pinAttempts = new PinAttempts(db, new DataSourceTransactionManager(dataSource), settings.getPin(), clock);
        settings.getDemoCa().setEnabled(true);
        settings.getCscServer().getClients().put("motcua", "s3cret");
        CredentialStore store = new CredentialStore(db);
        new DemoCa(store, settings, new StaticListableBeanFactory().getBeanProvider(UnitDirectory.class)).ensure();
        // records-a is commune-a's records clerk.
        server = new CscServer(store, new SadStore(db, clock), settings, pinAttempts,
                (user, unit) -> user.equals("records-a") && unit.equals("commune-a"));
    }

    static String hash(String data) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    Map<String, Object> authorizeRequest(String credentialId, String pin, String... hashes) {
        return Map.of("credentialID", credentialId, "numSignatures", hashes.length, "hashes", List.of(hashes),
                "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1", "authData", List.of(Map.of("id", "PIN", "value", pin)));
    }

    Map<String, Object> signRequest(String credentialId, String sad, String... hashes) {
        return Map.of("credentialID", credentialId, "SAD", sad, "hashes", List.of(hashes),
                "signAlgo", "1.2.840.10045.4.3.2");
    }

    String sad(CscServer.Caller caller, String credentialId, String... hashes) {
        return (String) server.authorize(caller, authorizeRequest(credentialId, "123456", hashes)).get("SAD");
    }

    @Test
    void theOwnersPinAuthorisesAndTheHashIsSignedWithTheirKey() throws Exception {
        String hash = hash("Giay khai sinh");
        Map<String, Object> authorized = server.authorize(LEADER_A, authorizeRequest("personal-leader-a", "123456", hash));
        assertThat(authorized.get("expiresIn")).isEqualTo(300L);
        @SuppressWarnings("unchecked")
        List<String> signatures = (List<String>) server.signHash(LEADER_A,
                signRequest("personal-leader-a", (String) authorized.get("SAD"), hash)).get("signatures");

        Signature check = Signature.getInstance("SHA256withECDSA");
        check.initVerify(new CredentialStore(db).find("personal-leader-a").orElseThrow().x509().getPublicKey());
        check.update("Giay khai sinh".getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(signatures.get(0)))).isTrue();
    }

    @Test
    void aWrongPinIsRefused() throws Exception {
        assertThatThrownBy(() -> server.authorize(LEADER_A, authorizeRequest("personal-leader-a", "000000", hash("x"))))
                .isInstanceOf(CscError.class).hasMessageStartingWith("invalid PIN for credential personal-leader-a");
        assertThat(db.sql("select count(*) from signature_authorization").query(Integer.class).single()).isZero();
    }

    @Test
    void aReplayedSadIsRefused() throws Exception {
        String hash = hash("Quyet dinh");
        String sad = sad(LEADER_A, "personal-leader-a", hash);
        server.signHash(LEADER_A, signRequest("personal-leader-a", sad, hash));
        assertThatThrownBy(() -> server.signHash(LEADER_A, signRequest("personal-leader-a", sad, hash)))
                .isInstanceOf(CscError.class)
                .hasMessageContaining("SAD already used").hasMessageContaining("replay refused");
    }

    @Test
    void aSadIsUsedOnceEvenWhenTwoRequestsRace() throws Exception {
        String hash = hash("race");
        String sad = sad(LEADER_A, "personal-leader-a", hash);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Boolean> attempt = () -> {
                start.await();
                try {
                    server.signHash(LEADER_A, signRequest("personal-leader-a", sad, hash));
                    return true;
                } catch (CscError e) {
                    return false;
                }
            };
            attempts.add(pool.submit(attempt));
        }
        start.countDown();
        int succeeded = 0;
        for (Future<Boolean> attempt : attempts) {
            succeeded += attempt.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(1);
    }

    @Test
    void aSadIsBoundToItsHashesAndItsCredential() throws Exception {
        String approved = hash("what the leader approved");
        String other = hash("something else");
        String sad = sad(LEADER_A, "personal-leader-a", approved);
        assertThatThrownBy(() -> server.signHash(LEADER_A, signRequest("personal-leader-a", sad, other)))
                .isInstanceOf(CscError.class).hasMessageContaining("does not authorise these hashes");

        String sealSad = sad(RECORDS_A, "seal-commune-a", approved);
        assertThatThrownBy(() -> server.signHash(LEADER_A, signRequest("personal-leader-a", sealSad, approved)))
                .isInstanceOf(CscError.class).hasMessageContaining("issued for another credential");
    }

    @Test
    void aSadExpires() throws Exception {
        String hash = hash("late");
        String sad = sad(LEADER_A, "personal-leader-a", hash);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThatThrownBy(() -> server.signHash(LEADER_A, signRequest("personal-leader-a", sad, hash)))
                .isInstanceOf(CscError.class).hasMessageContaining("SAD expired");
        assertThatThrownBy(() -> server.signHash(LEADER_A, signRequest("personal-leader-a", "made-up", hash)))
                .isInstanceOf(CscError.class).hasMessageContaining("invalid SAD");
    }

    @Test
    void usersReachOnlyTheirOwnCredentialAndRecordsClerksTheirUnitsSeal() throws Exception {
        assertThat(server.list(LEADER_A, Map.of()).get("credentialIDs")).isEqualTo(List.of("personal-leader-a"));
        assertThat(server.list(RECORDS_A, Map.of()).get("credentialIDs")).isEqualTo(List.of("seal-commune-a"));
        assertThatThrownBy(() -> server.credentialInfo(LEADER_B, Map.of("credentialID", "personal-leader-a")))
                .isInstanceOf(CscError.class).hasMessageContaining("no such credential");
        assertThatThrownBy(() -> server.authorize(LEADER_B, authorizeRequest("personal-leader-a", "123456", hash("x"))))
                .isInstanceOf(CscError.class).hasMessageContaining("no such credential");
        assertThatThrownBy(() -> server.authorize(LEADER_A, authorizeRequest("seal-commune-a", "123456", hash("x"))))
                .isInstanceOf(CscError.class).hasMessageContaining("no such credential");
        assertThatThrownBy(() -> server.list(LEADER_A, Map.of("userID", "leader-b")))
                .isInstanceOf(CscError.class).hasMessageContaining("only their own");
        @SuppressWarnings("unchecked")
        Map<String, Object> cert = (Map<String, Object>) server.credentialInfo(LEADER_A,
                Map.of("credentialID", "personal-leader-a", "certificates", "chain")).get("cert");
        assertThat((List<?>) cert.get("certificates")).hasSize(2);
        assertThat((String) cert.get("subjectDN")).contains("CN=leader-a");
    }

    @Test
    void aTrustedClientActsForTheUserItNamesAndNoOther() throws Exception {
        assertThat(server.list(PRODUCT, Map.of("userID", "commune-a")).get("credentialIDs"))
                .isEqualTo(List.of("seal-commune-a"));
        assertThatThrownBy(() -> server.list(PRODUCT, Map.of())).isInstanceOf(CscError.class)
                .hasMessageContaining("missing userID");
        String hash = hash("for leader-a");
        Map<String, Object> request = new java.util.HashMap<>(authorizeRequest("personal-leader-a", "123456", hash));
        request.put("userID", "leader-b");
        assertThatThrownBy(() -> server.authorize(PRODUCT, request)).isInstanceOf(CscError.class)
                .hasMessageContaining("no such credential");
        request.put("userID", "leader-a");
        assertThat(server.authorize(PRODUCT, request)).containsKey("SAD");
    }

    @Test
    void accessTokensAreCheckedOnEveryNodeAndExpire() {
        CscTokens tokens = new CscTokens(settings, clock);
        assertThat(tokens.issue("motcua", "wrong")).isEmpty();
        assertThat(tokens.issue("nobody", "s3cret")).isEmpty();
        String token = tokens.issue("motcua", "s3cret").orElseThrow();
        assertThat(new CscTokens(settings, clock).clientOf(token)).contains("motcua");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("admin\n99999999999".getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertThat(tokens.clientOf(forged)).isEmpty();
        assertThat(tokens.clientOf("garbage")).isEmpty();
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(tokens.clientOf(token)).isEmpty();
    }

    // --- wrong PINs lock the credential (issue 13, finding 7) ------------------------------

    CscError authorizeRefused(CscServer.Caller caller, String credentialId, String pin) throws Exception {
        try {
            server.authorize(caller, authorizeRequest(credentialId, pin, hash("x")));
        } catch (CscError e) {
            return e;
        }
        throw new AssertionError("authorize with PIN " + pin + " was not refused");
    }

    List<String> pinEvents(String credentialId) {
        return db.sql("select event from signature_pin_event where credential_id = ? order by id")
                .param(credentialId).query(String.class).list();
    }

    @Test
    void fiveWrongPinsLockTheCredentialForFifteenMinutesEvenForTheRightPin() throws Exception {
        for (int i = 1; i <= 4; i++) {
            CscError wrong = authorizeRefused(LEADER_A, "personal-leader-a", "00000" + i);
            assertThat(wrong.status().value()).isEqualTo(400);
            assertThat(wrong.getMessage()).contains((5 - i) + " attempt");
        }
        CscError fifth = authorizeRefused(LEADER_A, "personal-leader-a", "000005");
        assertThat(fifth.status().value()).isEqualTo(429);
        assertThat(fifth.getMessage()).contains("locked after 5 wrong PINs");
        assertThat(fifth.retryAfter()).isEqualTo(Duration.ofMinutes(15));

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        CscError rightPinWhileLocked = authorizeRefused(LEADER_A, "personal-leader-a", "123456");
        assertThat(rightPinWhileLocked.status().value()).isEqualTo(429);
        assertThat(rightPinWhileLocked.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        // the trusted client acting for leader-a hits the same lock: it is the credential's, not the caller's
        Map<String, Object> forLeader = new java.util.HashMap<>(authorizeRequest("personal-leader-a", "123456", hash("x")));
        forLeader.put("userID", "leader-a");
        assertThatThrownBy(() -> server.authorize(PRODUCT, forLeader)).isInstanceOf(CscError.class)
                .satisfies(e -> assertThat(((CscError) e).status().value()).isEqualTo(429));
        // another credential is not affected
        assertThat(sad(LEADER_B, "personal-leader-b", hash("y"))).isNotBlank();

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(sad(LEADER_A, "personal-leader-a", hash("z"))).isNotBlank();
        assertThat(pinEvents("personal-leader-a")).containsExactly("failure", "failure", "failure", "failure",
                "failure", "locked", "refused", "refused");
        assertThat(db.sql("select count(*) from signature_authorization where credential_id = 'personal-leader-a'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theRightPinResetsTheCountOfWrongOnes() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(authorizeRefused(LEADER_A, "personal-leader-a", "999999").status().value()).isEqualTo(400);
            }
            assertThat(sad(LEADER_A, "personal-leader-a", hash("round " + round))).isNotBlank();
        }
        assertThat(pinEvents("personal-leader-a")).filteredOn("reset"::equals).hasSize(3);
        assertThat(pinEvents("personal-leader-a")).doesNotContain("locked");
    }

    @Test
    void concurrentGuessesOnTwoNodesGetNoMoreThanFiveTries() throws Exception {
        // two "nodes": two servers over one database
        CscServer nodeB = new CscServer(new CredentialStore(db), new SadStore(db, clock), settings,
                new PinAttempts(db, new DataSourceTransactionManager(dataSource), settings.getPin(), clock),
                (user, unit) -> false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            CscServer node = i % 2 == 0 ? server : nodeB;
            String pin = "%06d".formatted(i);
            guesses.add(pool.submit(() -> {
                go.await();
                try {
                    node.authorize(LEADER_A, authorizeRequest("personal-leader-a", pin, hash("g")));
                    return 200;
                } catch (CscError e) {
                    return e.status().value();
                }
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> guess : guesses) {
            statuses.add(guess.get());
        }
        pool.shutdown();
        assertThat(statuses).doesNotContain(200);
        assertThat(statuses).filteredOn(s -> s == 400).hasSizeLessThanOrEqualTo(4);
        assertThat(pinEvents("personal-leader-a")).filteredOn("failure"::equals).hasSizeLessThanOrEqualTo(5);
        assertThat(authorizeRefused(LEADER_A, "personal-leader-a", "123456").status().value()).isEqualTo(429);
    }
}
