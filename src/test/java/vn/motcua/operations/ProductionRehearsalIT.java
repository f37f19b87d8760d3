package vn.motcua.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Applications;
import vn.motcua.support.KeycloakServer;
import vn.motcua.support.RequiredTool;

/**
 * The production rehearsal (issue 18, docs/operations.md): what a province runs, each part an OS process of its
 * own on this machine, as docker/compose.yaml lays it out —
 * <ul>
 * <li>two app nodes, {@code java -jar target/motcua.jar} with the prod profile and the settings of
 * {@code docker/motcua.env} (the compose hosts replaced by 127.0.0.1 and this run's ports, the secrets of
 * compose's {@code environment} filled with this run's), on</li>
 * <li>one PostgreSQL (zonky's embedded binaries, a {@code motcua} database and role);</li>
 * <li>Keycloak 26 with {@code keycloak/motcua-realm.json}: the staff sign in through it (OpenID Connect);</li>
 * <li>an SMTP server (GreenMail in a JVM of its own, {@link RehearsalMailServer});</li>
 * <li>the registries' stand-in ({@code SandboxRegistryMain} from the jar, HTTP Basic), the national portal's
 * ({@code StandInPortalMain}, likewise) and the remote signing
 * service's stand-in (the jar in the demo profile: its CSC v2 server and demo CA on its own H2), whose demo root
 * CA the nodes are given as their trust anchor;</li>
 * <li>HAProxy in front, with {@code docker/haproxy.cfg} (sticky cookie, readiness checks) on 127.0.0.1 ports.</li>
 * </ul>
 * Four birth registrations go from the portal's submission to the result handed over, worked by the staff in
 * their browser sessions (reception, appraisal, the leader's signature with the remote service and approval,
 * issuing with the unit's seal, handing over), and the leader issues each an apology, which e-mails the applicant.
 * Half-way, the node holding the leader's session is killed ({@code SIGKILL}); the staff sign in again through the
 * load balancer and finish on the other node. Then every record has reached its end state exactly once (its state
 * changes, its engine instance and steps, its signatures, in the database), every e-mail arrived exactly once, and
 * the national portal's stand-in received every state change once and in order.
 * <p>
 * Runs in {@code mvn verify} after {@code package} (maven-failsafe-plugin, {@code *RehearsalIT}); alone:
 * {@code mvn verify -Dtest=ArchitectureTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProductionRehearsalIT}.
 * The processes' output is in {@code target/rehearsal/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionRehearsalIT {

    static final Path DIR = Path.of("target", "rehearsal");
    static final Path JAR = Path.of("target", "motcua.jar");
    static final Path DOCKER = DockerComposeTest.DOCKER;
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Duration START = Duration.ofMinutes(4);
    /** The signing stand-in's demo CA protects every leader's and unit's key with this PIN. */
    static final String DEMO_PIN = "123456";
    static final List<String> APPLICANTS = List.of("001190012346", "001190012347", "001190012348", "001190012349");
    static final List<String> STEPS = List.of("Task_Reception", "Task_Appraisal", "Task_Approval", "Task_Issuing",
            "Task_Result");

    /** Every process started here, by name, in the order started; all ended in {@link #stop()}. */
    final Map<String, Child> children = new LinkedHashMap<>();
    final Map<String, String> secrets = new LinkedHashMap<>();
    final Map<String, Integer> nodePorts = new LinkedHashMap<>();
    final long began = System.nanoTime();
    EmbeddedPostgres postgres;
    DataSource database;
    KeycloakServer keycloak;
    int smtpPort;
    int mailHttpPort;
    int registryPort;
    int portalPort;
    int paymentPort;
    int smsPort;
    int signingPort;
    int lbPort;
    String lb;
    Path trustAnchor;

    record Child(String name, Process process, Path log) {
    }

    @BeforeAll
    void startWhatAProvinceRuns() throws Exception {
        RequiredTool.require(Files.isRegularFile(JAR), JAR + " (mvn package; the rehearsal runs in mvn verify)");
        RequiredTool.require(haproxy() != null, "HAProxy (Debian's haproxy package, installed by .ci/run)");
        Files.createDirectories(DIR);
        try {
            secrets.put("MOTCUA_DB_PASSWORD", random());
            secrets.put("MOTCUA_ADMIN_PASSWORD", random());
            secrets.put("MOTCUA_CSC_CLIENT_SECRET", random());
            secrets.put("MOTCUA_SEAL_PIN", DEMO_PIN);
            secrets.put("MOTCUA_REGISTRY_PASSWORD", random());
            secrets.put("MOTCUA_PORTAL_SYNC_PASSWORD", random());
            secrets.put("MOTCUA_PORTAL_PASSWORD", random());
            secrets.put("MOTCUA_PAYMENT_SECRET", random());
            secrets.put("MOTCUA_SMS_API_KEY", random());
            lbPort = freePort();
            lb = "http://127.0.0.1:" + lbPort;

            // Keycloak takes longest: its own thread, while the rest start
            List<String> keycloakOptions = keycloakHostnameOptions();
            CompletableFuture<KeycloakServer> keycloakStart = CompletableFuture.supplyAsync(
                    () -> KeycloakServer.start(keycloakOptions));
            startDatabase();
            startMail();
            registryPort = startStandIn("registry", 8091);
            portalPort = startStandIn("portal", 8092);
            paymentPort = startStandIn("payment", 8093);
            smsPort = startStandIn("sms", 8094);
            startSigning();
            awaitHttp("mail", "http://127.0.0.1:" + mailHttpPort + "/messages", START);
            awaitHttp("registry", "http://127.0.0.1:" + registryPort + "/population", START);
            awaitHttp("portal", "http://127.0.0.1:" + portalPort + "/stand-in/updates", START);
            awaitHttp("payment", "http://127.0.0.1:" + paymentPort + "/stand-in/transactions", START);
            awaitHttp("sms", "http://127.0.0.1:" + smsPort + "/stand-in/messages", START);
            awaitHttp("signing", "http://127.0.0.1:" + signingPort + "/actuator/health/readiness", START);
            trustAnchor = fetchTrustAnchor();
            keycloak = keycloakStart.get(6, TimeUnit.MINUTES);
            secrets.put("MOTCUA_OIDC_CLIENT_SECRET", keycloak.clientSecret());
            log("outside services up");

            // One node first: it creates the schemas; the second joins the database as a cluster node does
            startNode("app1");
            awaitHttp("app1", node("app1") + "/actuator/health/readiness", START);
            createPortalClient(node("app1"));
            startNode("app2");
            awaitHttp("app2", node("app2") + "/actuator/health/readiness", START);
            startLoadBalancer();
            log("load balancer ready");
        } catch (Throwable e) {
            printLogTails();
            throw e;
        }
    }

    @AfterAll
    void stop() throws IOException {
        List<Child> started = new ArrayList<>(children.values());
        java.util.Collections.reverse(started);
        for (Child child : started) {
            List<ProcessHandle> tree = new ArrayList<>(child.process().descendants().toList());
            child.process().destroy();
            try {
                if (!child.process().waitFor(20, TimeUnit.SECONDS)) {
                    child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        try {
            KeycloakServer.stopShared();
        } finally {
            if (Files.isRegularFile(KeycloakServer.LOG)) {
                Files.copy(KeycloakServer.LOG, DIR.resolve("keycloak.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void recordsReachTheirEndOnceAndMailsArriveOnceThoughANodeIsKilled() throws Exception {
        try {
            rehearse();
        } catch (Throwable e) {
            printLogTails();
            throw e;
        }
    }

    private void rehearse() throws Exception {
        // The portal submits, through the load balancer
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < APPLICANTS.size(); i++) {
            HttpResponse<String> submitted = api("POST", "/api/records", "portal",
                    secrets.get("MOTCUA_PORTAL_PASSWORD"), Applications.birthRegistration("commune-a", 2,
                            APPLICANTS.get(i), "Trần Văn Diễn Tập " + i), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            codes.add(JSON.readTree(submitted.body()).at("/record/code").asText());
        }
        log("submitted " + codes);

        // The staff sign in through Keycloak, each kept on a node by the load balancer's cookie
        Staff clerk = new Staff("clerk-a");
        Staff specialist = new Staff("specialist-a");
        Staff leader = new Staff("leader-a");
        Staff records = new Staff("records-a");
        for (Staff staff : List.of(clerk, specialist, leader, records)) {
            staff.signIn();
        }
        Set<String> nodesUsed = new TreeSet<>();
        for (Staff staff : List.of(clerk, specialist, leader, records)) {
            nodesUsed.add(staff.node());
        }
        assertThat(nodesUsed).as("the load balancer shares the staff between the nodes").containsExactly("app1", "app2");
        log("staff signed in: " + List.of(clerk, specialist, leader, records));

        for (String code : codes) {
            clerk.work(code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        }
        for (String code : codes) {
            awaitState(code, 4); // in processing, once the registry lookups (engine jobs) are done
        }
        leader.apologise(codes.get(0));
        leader.apologise(codes.get(1));
        specialist.work(codes.get(0), "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        specialist.work(codes.get(1), "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        leader.signAndApprove(codes.get(0));
        log("first half worked");

        // Kill the node holding the leader's session, with records open at every step from appraisal to issuing.
        // Once no engine job is running or due and the outbox is empty: a node killed holding a job's lock leaves
        // that job to the lock's expiry (Camunda's 5 minutes), and one killed inside an SMTP exchange may
        // send that mail again (the outbox is at-least-once there); neither is what this test waits for.
        awaitQuiet();
        try (Connection db = database.getConnection()) {
            assertThat(query(db, "select p.business_key_ || ' ' || t.task_def_key_ from act_ru_task t"
                    + " join act_ru_execution p on p.id_ = t.proc_inst_id_ order by 1"))
                    .as("the records' open steps when the node is killed").containsExactly(codes.get(0) + " Task_Issuing",
                            codes.get(1) + " Task_Approval", codes.get(2) + " Task_Appraisal",
                            codes.get(3) + " Task_Appraisal");
        }
        String killed = leader.node();
        String survivor = killed.equals("app1") ? "app2" : "app1";
        Process victim = children.get(killed).process();
        victim.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as(killed + " is gone").isTrue();
        log("killed " + killed + " (exit " + victim.exitValue() + ")");

        // The staff go on through the load balancer: those of the killed node sign in again, on the survivor
        leader.apologise(codes.get(2));
        leader.apologise(codes.get(3));
        specialist.work(codes.get(2), "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        specialist.work(codes.get(3), "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        for (String code : codes.subList(1, codes.size())) {
            leader.signAndApprove(code);
        }
        String today = LocalDate.now(VIETNAM).toString();
        for (String code : codes) {
            records.work(code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"" + today + "\"}}");
        }
        for (String code : codes) {
            clerk.work(code, "Task_Result",
                    "{\"deliveryChannel\": {\"value\": \"portal\"}, \"resultDelivered\": {\"value\": true}}");
        }
        for (String code : codes) {
            awaitState(code, 10);
        }
        assertThat(leader.node()).as("the leader works on the surviving node").isEqualTo(survivor);
        log("second half worked on " + survivor);

        assertEveryRecordEndedOnce(codes);
        assertEveryMailArrivedOnce(codes);
        assertThePortalHeardEveryStateChangeOnceInOrder(codes);
        assertTheApplicantsGotTheirTextMessages(codes);
        aStaffMemberSeesTheRecordInABrowser(codes.get(0));
        log("rehearsal passed");
    }

    /**
     * A real browser (headless Chromium) through the load balancer: the record's page asks for a sign-in,
     * the product's sign-in page sends it to Keycloak, Keycloak's form signs the clerk in, and the browser is
     * back on the record's page, which shows the record handed over.
     */
    private void aStaffMemberSeesTheRecordInABrowser(String code) {
        org.openqa.selenium.WebDriver browser = vn.motcua.support.Browser.start();
        try {
            org.openqa.selenium.support.ui.WebDriverWait wait =
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(90));
            browser.get(lb + "/records/" + code);
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                    org.openqa.selenium.By.id("login-oidc"))).click();
            wait.until(driver -> !driver.findElements(org.openqa.selenium.By.id("kc-login")).isEmpty());
            assertThat(browser.getCurrentUrl()).as("Keycloak's own sign-in page").contains("/realms/motcua/");
            browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("clerk-a");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("demo");
            browser.findElement(org.openqa.selenium.By.id("kc-login")).click();
            try {
                wait.until(driver -> driver.getCurrentUrl().startsWith(lb + "/records/" + code)
                        && !driver.findElements(org.openqa.selenium.By.id("state")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the browser is not on the record's page: " + browser.getCurrentUrl() + ": "
                        + browser.findElement(org.openqa.selenium.By.tagName("body")).getText(), e);
            }
            assertThat(browser.findElement(org.openqa.selenium.By.id("state")).getText())
                    .isEqualTo("10. Đã trả kết quả / Result returned");
            assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText()).contains(code);
            log("a browser signed in through Keycloak and the balancer sees " + code + " handed over");
        } finally {
            browser.quit();
        }
    }

    // ---- the assertions ----------------------------------------------------------------------------------

    private void assertEveryRecordEndedOnce(List<String> codes) throws SQLException {
        try (Connection db = database.getConnection()) {
            for (String code : codes) {
                assertThat(query(db, "select state from record where code = ?", code)).as(code).containsExactly("10");
                assertThat(query(db, "select to_state from record_state_change where record_code = ? order by id", code))
                        .as("%s: submitted, accepted, in processing, the apology, completed, handed over — once each", code)
                        .containsExactly("1", "2", "4", "4", "9", "10");
                assertThat(query(db, "select coalesce(end_time_ is not null, false) from act_hi_procinst"
                        + " where business_key_ = ?", code)).as("%s: one engine instance, ended", code)
                        .containsExactly("t");
                assertThat(query(db, "select t.task_def_key_ || ':' || coalesce(t.delete_reason_, 'open')"
                        + " from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_"
                        + " where p.business_key_ = ? order by t.start_time_", code))
                        .as("%s: each step once, completed", code)
                        .containsExactly(STEPS.stream().map(step -> step + ":completed").toArray(String[]::new));
                assertThat(query(db, "select signature_kind || ':' || signer || ':' || valid from record_signature"
                        + " where record_code = ? order by created_at", code))
                        .as("%s: the leader's signature and the unit's seal, once each, valid with the demo root as"
                                + " trust anchor", code)
                        .containsExactly("personal:leader-a:true", "seal:commune-a:true");
            }
            assertThat(query(db, "select count(distinct document_number) from record_signature"
                    + " where signature_kind = 'seal'")).containsExactly(String.valueOf(codes.size()));
            assertThat(query(db, "select count(*) from act_ru_execution")).as("no engine instance left running")
                    .containsExactly("0");
            assertThat(query(db, "select incident_type_ || ': ' || coalesce(incident_msg_, '') from act_ru_incident"))
                    .as("incidents").isEmpty();
        }
    }

    /**
     * The SMS gateway's stand-in, a process of its own, got each applicant's messages once: the submission (with the
     * code), the acceptance, the apology's new date and the result (docs/applicant-messages.md).
     */
    private void assertTheApplicantsGotTheirTextMessages(List<String> codes) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // each node's relay passes every 5 s
        List<String> texts = new ArrayList<>();
        while (System.nanoTime() < until) {
            HttpResponse<String> messages = send("GET", "http://127.0.0.1:" + smsPort + "/stand-in/messages", null,
                    null, null);
            assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
            texts.clear();
            JSON.readTree(messages.body()).forEach(message -> texts.add(message.get("text").asText()));
            if (codes.stream().allMatch(code -> texts.stream().filter(text -> text.contains(code)).count() >= 4)) {
                break;
            }
            pause(Duration.ofSeconds(1));
        }
        for (String code : codes) {
            assertThat(texts).as("the SMS about %s", code).filteredOn(text -> text.contains(code))
                    .anySatisfy(text -> assertThat(text).startsWith("Ho so " + code + " da nop. Ma tra cuu: "))
                    .anySatisfy(text -> assertThat(text).contains(code + " da tiep nhan, hen tra ket qua"))
                    .anySatisfy(text -> assertThat(text).contains(code + " da co ket qua"))
                    .anySatisfy(text -> assertThat(text).startsWith("Xin loi: ho so " + code + " hen lai tra ket qua"))
                    .hasSize(4);
        }
    }

    /** The national portal's stand-in, a process of its own, received each record's state changes once, in order. */
    private void assertThePortalHeardEveryStateChangeOnceInOrder(List<String> codes) throws Exception {
        String portal = "http://127.0.0.1:" + portalPort;
        for (String code : codes) {
            List<String> states;
            try (Connection db = database.getConnection()) {
                states = query(db, "select to_state from record_state_change where record_code = ? order by id", code);
            }
            List<String> received = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // each node's relay passes every 5 s
            while (System.nanoTime() < until) {
                HttpResponse<String> updates = send("GET", portal + "/stand-in/updates?record=" + code, "motcua",
                        secrets.get("MOTCUA_PORTAL_SYNC_PASSWORD"), null);
                assertThat(updates.statusCode()).as(updates.body()).isEqualTo(200);
                received.clear();
                for (JsonNode update : JSON.readTree(updates.body())) {
                    received.add(update.get("sequence").asText() + ":" + update.get("state").asText());
                }
                if (received.size() >= states.size()) {
                    break;
                }
                pause(Duration.ofSeconds(1));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                expected.add((i + 1) + ":" + states.get(i));
            }
            assertThat(received).as("%s at the national portal: each state change once, in order", code)
                    .containsExactlyElementsOf(expected);
        }
        log("the national portal's stand-in received every state change once, in order");
    }

    /**
     * The applicant's four mails a record (docs/applicant-messages.md: submitted, accepted, the apology's new date,
     * the result) each sent at the first attempt, and each arrived once.
     */
    private void assertEveryMailArrivedOnce(List<String> codes) throws Exception {
        List<String> outbox;
        try (Connection db = database.getConnection()) {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // the result's mail, a relay pass away
            while (!query(db, "select count(*) from notice_outbox where sent_at is null").equals(List.of("0"))
                    && System.nanoTime() < until) {
                pause(Duration.ofMillis(500));
            }
            assertThat(query(db, "select notice_id || ':' || attempts || ':' || (sent_at is not null)"
                    + " from notice_outbox order by notice_id"))
                    .as("four applicant's mails a record, each sent at the first attempt")
                    .containsExactlyElementsOf(codes.stream().sorted()
                            .flatMap(code -> java.util.Collections.nCopies(4, code + ":1:true").stream()).toList());
            outbox = query(db, "select '<' || id || '@motcua>' from notice_outbox");
        }
        List<String[]> received = new ArrayList<>();
        Duration limit = Duration.ofSeconds(30);
        long until = System.nanoTime() + limit.toNanos();
        do {
            received.clear();
            for (String line : get("http://127.0.0.1:" + mailHttpPort + "/messages").body().split("\n")) {
                if (!line.isBlank()) {
                    received.add(line.split("\t", 3));
                }
            }
        } while (received.size() < outbox.size() && System.nanoTime() < until && pause(Duration.ofMillis(500)));
        pause(Duration.ofSeconds(2)); // a duplicate would come late: look once more
        received.clear();
        for (String line : get("http://127.0.0.1:" + mailHttpPort + "/messages").body().split("\n")) {
            if (!line.isBlank()) {
                received.add(line.split("\t", 3));
            }
        }
        assertThat(received.stream().map(message -> message[0]).toList()).as("Message-IDs received by SMTP")
                .containsExactlyInAnyOrderElementsOf(outbox);
        for (String code : codes) {
            assertThat(received.stream().filter(message -> message[2].contains(code)).toList())
                    .as("the applicant's mails of %s", code)
                    .allSatisfy(message -> assertThat(message[1]).isEqualTo("lan@example.vn"))
                    .extracting(message -> message[2].substring(message[2].indexOf(": ") + 2))
                    .containsExactlyInAnyOrder("đã nộp / submitted", "đã tiếp nhận / accepted",
                            "hẹn lại ngày trả kết quả / new appointment date", "đã có kết quả / result ready");
        }
    }

    // ---- starting the parts ------------------------------------------------------------------------------

    private void startDatabase() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("create role motcua login password '" + secrets.get("MOTCUA_DB_PASSWORD") + "'");
            sql.execute("create database motcua owner motcua");
        }
        database = postgres.getDatabase("motcua", "motcua");
        log("PostgreSQL at 127.0.0.1:" + postgres.getPort());
    }

    private void startMail() throws IOException {
        smtpPort = freePort();
        mailHttpPort = freePort();
        start("mail", List.of(java(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RehearsalMailServer.class.getName(), String.valueOf(smtpPort), String.valueOf(mailHttpPort)), Map.of());
    }

    /**
     * docker/compose.yaml's hostname options of {@code keycloak}: the browser's address (there localhost:8180) is
     * the tokens' issuer, the nodes' calls on the other address (there keycloak:8080, here 127.0.0.1) accept it.
     */
    @SuppressWarnings("unchecked")
    private static List<String> keycloakHostnameOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (Object part : (List<Object>) DockerComposeTest.service("keycloak").get("command")) {
            if (String.valueOf(part).startsWith("--hostname")) {
                options.add(String.valueOf(part).replace("localhost:8180", "localhost:{port}"));
            }
        }
        assertThat(options).contains("--hostname=http://localhost:{port}");
        return options;
    }

    /**
     * A stand-in that docker/compose.yaml runs from the jar with its own main class ({@code registry}: the sandbox
     * registry; {@code portal}: the national portal's status API): its entrypoint and command, on a free port.
     */
    @SuppressWarnings("unchecked")
    private int startStandIn(String name, int composePort) throws IOException {
        int port = freePort();
        Map<String, Object> service = DockerComposeTest.service(name);
        List<String> command = new ArrayList<>();
        for (Object part : (List<Object>) service.get("entrypoint")) {
            String value = String.valueOf(part);
            command.add(value.equals("java") ? java() : value.equals("/app/motcua.jar") ? JAR.toAbsolutePath().toString()
                    : value);
            if (value.equals("java")) {
                command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));
            }
        }
        for (Object part : (List<Object>) service.get("command")) {
            command.add(fill(String.valueOf(part)).replace("--host=0.0.0.0", "--host=127.0.0.1")
                    .replace("--port=" + composePort, "--port=" + port));
        }
        assertThat(command).contains("--port=" + port, "--host=127.0.0.1");
        start(name, command, Map.of());
        return port;
    }

    /** docker/compose.yaml's {@code signing}: the jar in the demo profile with compose's environment for it. */
    @SuppressWarnings("unchecked")
    private void startSigning() throws IOException {
        signingPort = freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) DockerComposeTest.service("signing").get("environment"))
                .forEach((key, value) -> environment.put(key, fill(String.valueOf(value))));
        environment.put("SERVER_PORT", String.valueOf(signingPort));
        start("signing", List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()),
                environment);
    }

    /**
     * The signing stand-in's demo root CA, asked of its CSC v2 API as the nodes' client (a leader's credential
     * and its chain), written as a PEM file for {@code motcua.signature.trust-anchors}: a province gives its
     * nodes its CA's root the same way.
     */
    private Path fetchTrustAnchor() throws Exception {
        String csc = "http://127.0.0.1:" + signingPort + "/api/csc/v2";
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(csc + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=motcua&client_secret="
                        + URLEncoder.encode(secrets.get("MOTCUA_CSC_CLIENT_SECRET"), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(csc + "/credentials/list"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).get("access_token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"userID\": \"leader-a\", \"credentialInfo\": true, \"certificates\": \"chain\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode chain = JSON.readTree(list.body()).at("/credentialInfos/0/cert/certificates");
        assertThat(chain.size()).as(list.body()).isGreaterThan(1);
        byte[] root = Base64.getDecoder().decode(chain.get(chain.size() - 1).asText());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root));
        assertThat(certificate.getSubjectX500Principal()).as("the chain ends at a self-signed root")
                .isEqualTo(certificate.getIssuerX500Principal());
        Path pem = DIR.resolve("signing-root-ca.pem").toAbsolutePath();
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root)
                + "\n-----END CERTIFICATE-----\n");
        log("trust anchor " + certificate.getSubjectX500Principal() + " → " + pem);
        return pem;
    }

    /**
     * A node as compose starts {@code app1}/{@code app2}: {@code java -jar motcua.jar} (the Dockerfile's entrypoint)
     * in a directory holding {@code processes/}, {@code forms/}, {@code templates/} (the repository's, which compose
     * mounts), with its env files and its environment's secrets.
     */
    @SuppressWarnings("unchecked")
    private void startNode(String name) throws IOException {
        int port = freePort();
        nodePorts.put(name, port);
        Map<String, Object> service = DockerComposeTest.service(name);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object file : (List<Object>) service.get("env_file")) {
            DockerComposeTest.envFile(DOCKER.resolve(String.valueOf(file)))
                    .forEach((key, value) -> environment.put(key, onThisMachine(key, value)));
        }
        ((Map<String, Object>) service.get("environment")).forEach((key, value) -> environment.put(key,
                fill(String.valueOf(value))));
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("MOTCUA_SIGNATURE_TRUSTANCHORS", trustAnchor.toString());
        assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod");
        for (Map.Entry<String, String> setting : environment.entrySet()) {
            assertThat(setting.getValue()).as("%s of %s names no compose host", setting.getKey(), name)
                    .doesNotContain("//db:", "//registry:", "//signing:", "//keycloak:", "//mail:", "/app/");
        }
        Files.writeString(DIR.resolve(name + ".env"), environment.entrySet().stream()
                .filter(e -> !secrets.containsValue(e.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce("", (a, b) -> a + b + "\n"));
        start(name, List.of(java(), "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()), environment);
    }

    /** A value of docker/motcua.env with compose's addresses replaced by this machine's. */
    private String onThisMachine(String key, String value) {
        if (key.equals("SPRING_MAIL_HOST")) {
            assertThat(value).isEqualTo("mail");
            return "127.0.0.1";
        }
        if (key.equals("SPRING_MAIL_PORT")) {
            return String.valueOf(smtpPort);
        }
        return value.replace("jdbc:postgresql://db:5432/", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/")
                .replace("http://registry:8091/", "http://127.0.0.1:" + registryPort + "/")
                .replace("http://portal:8092", "http://127.0.0.1:" + portalPort)
                .replace("http://payment:8093", "http://127.0.0.1:" + paymentPort)
                .replace("http://sms:8094", "http://127.0.0.1:" + smsPort)
                .replace("http://lb:8080", lb)
                .replace("http://signing:8080/", "http://127.0.0.1:" + signingPort + "/")
                .replace("http://keycloak:8080/", "http://127.0.0.1:" + keycloak.port() + "/")
                .replace("http://localhost:8180/", "http://localhost:" + keycloak.port() + "/")
                .replace("http://127.0.0.1:8080", lb)
                .replace("file:/app/config/", "file:" + DOCKER.resolve("config").toAbsolutePath() + "/");
    }

    /**
     * The portal's API client, as a province's administrator creates it (Camunda Admin or the engine's REST API):
     * a user in {@code portal-clients}. The group's permissions are granted at a node's start, so this happens
     * before the second node starts.
     */
    private void createPortalClient(String node) throws Exception {
        String admin = secrets.get("MOTCUA_ADMIN_PASSWORD");
        HttpResponse<String> group = send("POST", node + "/engine-rest/group/create", "admin", admin,
                "{\"id\": \"portal-clients\", \"name\": \"Public-service portal API clients\", \"type\": \"WORKFLOW\"}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(204);
        HttpResponse<String> user = send("POST", node + "/engine-rest/user/create", "admin", admin,
                "{\"profile\": {\"id\": \"portal\", \"firstName\": \"Cổng dịch vụ\", \"lastName\": \"công\"},"
                        + " \"credentials\": {\"password\": \"" + secrets.get("MOTCUA_PORTAL_PASSWORD") + "\"}}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(204);
        HttpResponse<String> member = send("PUT", node + "/engine-rest/group/portal-clients/members/portal", "admin",
                admin, null);
        assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
    }

    /** HAProxy with docker/haproxy.cfg, its addresses this machine's and its checks every second. */
    private void startLoadBalancer() throws IOException {
        String original = Files.readString(DOCKER.resolve("haproxy.cfg"));
        String config = original.replace("bind *:8080", "bind 127.0.0.1:" + lbPort)
                .replace("server app1 app1:8080", "server app1 127.0.0.1:" + nodePorts.get("app1"))
                .replace("server app2 app2:8080", "server app2 127.0.0.1:" + nodePorts.get("app2"))
                .replace("inter 5s", "inter 1s");
        assertThat(config).contains("127.0.0.1:" + lbPort, "127.0.0.1:" + nodePorts.get("app1"),
                "127.0.0.1:" + nodePorts.get("app2"), "inter 1s").doesNotContain("app1:8080", "app2:8080");
        Path file = DIR.resolve("haproxy.cfg");
        Files.writeString(file, config);
        start("haproxy", List.of(haproxy(), "-db", "-f", file.toAbsolutePath().toString()), Map.of());
        awaitHttp("haproxy", lb + "/actuator/health/readiness", Duration.ofSeconds(60));
        // both nodes in: rise 2 checks a second each
        pause(Duration.ofSeconds(3));
    }

    private void start(String name, List<String> command, Map<String, String> environment) throws IOException {
        Path log = DIR.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the child sees the settings given here, not whatever this machine's environment says
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("MOTCUA_")
                || key.startsWith("CAMUNDA_") || key.startsWith("SERVER_") || key.startsWith("JAVA_TOOL_OPTIONS")
                || key.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        children.put(name, new Child(name, builder.start(), log));
        log("started " + name + " (pid " + children.get(name).process().pid() + ")");
    }

    private void awaitHttp(String name, String url, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < until) {
            Child child = children.get(name);
            if (child != null && !child.process().isAlive()) {
                throw new IllegalStateException(name + " exited with " + child.process().exitValue()
                        + " before it was ready:\n" + tail(child.log(), 60));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || ((name.equals("registry") || name.equals("portal")) && status == 401)) {
                    log(name + " ready");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " was not ready at " + url + " within " + limit);
    }

    // ---- driving the product -----------------------------------------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An API call with HTTP Basic through the load balancer, tried again while the balancer has no node for it. */
    private HttpResponse<String> api(String method, String path, String user, String password, String body,
            String... headers) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = send(method, lb + path, user, password, body, headers);
                if (response.statusCode() < 502 || response.statusCode() > 504 || System.nanoTime() > until) {
                    return response;
                }
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
            }
            pause(Duration.ofSeconds(1));
        }
    }

    private static HttpResponse<String> send(String method, String url, String user, String password, String body,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send("GET", url, null, null, null);
    }

    private JsonNode record(String code) throws Exception {
        HttpResponse<String> response = api("GET", "/api/records/" + code, "portal",
                secrets.get("MOTCUA_PORTAL_PASSWORD"), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitState(String code, int state) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode record = record(code);
        while (record.at("/state/code").asInt() != state && System.nanoTime() < until) {
            pause(Duration.ofMillis(500));
            record = record(code);
        }
        assertThat(record.at("/state/code").asInt()).as("%s in state %d: %s", code, state, record).isEqualTo(state);
    }

    /** No engine job running or due (timers for later aside) and nothing waiting in the outbox. */
    private void awaitQuiet() throws SQLException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Connection db = database.getConnection()) {
            while (System.nanoTime() < until) {
                List<String> busy = query(db, "select count(*) from act_ru_job where retries_ > 0 and (lock_owner_ is not"
                        + " null or duedate_ is null or duedate_ <= now())");
                List<String> mail = query(db, "select count(*) from notice_outbox where sent_at is null");
                if (busy.equals(List.of("0")) && mail.equals(List.of("0"))) {
                    return;
                }
                pause(Duration.ofMillis(500));
            }
        }
        throw new AssertionError("the engine's jobs or the outbox did not settle within 90 s");
    }

    /**
     * A staff member's browser without the browser: signed in through Keycloak (the realm's sign-in form, password
     * {@code demo}) via the load balancer, then Tasklist's calls ({@code /camunda/api/engine}, with the webapps' XSRF
     * token) and the record page's forms (with its CSRF token). A session lost with its node is signed in again.
     */
    final class Staff {
        private final String user;
        private CookieManager cookies;
        private HttpClient browser;

        Staff(String user) {
            this.user = user;
        }

        void signIn() throws Exception {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                try {
                    trySignIn();
                    return;
                } catch (IOException | IllegalStateException e) {
                    if (System.nanoTime() > until) {
                        throw new AssertionError(user + " could not sign in through " + lb, e);
                    }
                    pause(Duration.ofSeconds(1));
                }
            }
        }

        private void trySignIn() throws IOException, InterruptedException {
            cookies = new CookieManager(new LoopbackIsSecure(), CookiePolicy.ACCEPT_ALL);
            browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(lb + "/oauth2/authorization/motcua"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher action = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"").matcher(form.body());
            if (form.statusCode() != 200 || !action.find()) {
                throw new IllegalStateException("no Keycloak sign-in form (" + form.statusCode() + " at " + form.uri() + ")");
            }
            HttpResponse<String> back = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&credentialId="))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (back.statusCode() != 200 || !back.uri().toString().startsWith(lb + "/camunda/app/")) {
                throw new IllegalStateException(user + " not signed in: " + back.statusCode() + " at " + back.uri()
                        + ": " + back.body().replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip());
            }
            // the webapps' first call hands out their XSRF token, as in the browser
            HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(lb
                    + "/camunda/api/admin/auth/user/default")).build(), HttpResponse.BodyHandlers.ofString());
            if (me.statusCode() != 200 || !me.body().contains("\"" + user + "\"")) {
                throw new IllegalStateException(user + " has no webapp session: " + me.statusCode() + " " + me.body());
            }
        }

        /** The node the load balancer keeps this browser on (its cookie). */
        String node() {
            return cookie("MOTCUA_NODE");
        }

        private String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** A request of this session; if its node is gone (the balancer refuses, or sends it to sign in), again. */
        HttpResponse<String> send(Supplier<HttpRequest.Builder> request) throws Exception {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                try {
                    HttpRequest.Builder builder = request.get().timeout(Duration.ofSeconds(60));
                    String xsrf = cookie("XSRF-TOKEN");
                    if (xsrf != null) {
                        builder.header("X-XSRF-TOKEN", xsrf);
                    }
                    HttpResponse<String> response = browser.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                    boolean lost = response.statusCode() == 401 || (response.statusCode() >= 502
                            && response.statusCode() <= 504) || response.uri().getPath().equals("/login");
                    if (!lost) {
                        return response;
                    }
                    log(user + ": session lost (" + response.statusCode() + " " + response.uri().getPath()
                            + "), signing in again");
                } catch (IOException e) {
                    log(user + ": " + e + ", signing in again");
                }
                if (System.nanoTime() > until) {
                    throw new AssertionError(user + " lost the session and could not go on");
                }
                pause(Duration.ofSeconds(1));
                signIn();
            }
        }

        private HttpRequest.Builder engine(String method, String path, String json) {
            return HttpRequest.newBuilder(URI.create(lb + "/camunda/api/engine/engine/default" + path))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
        }

        /** Claims and completes the record's step in Tasklist's way, once it is there. */
        void work(String code, String taskKey, String variables) throws Exception {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            JsonNode tasks;
            do {
                HttpResponse<String> found = send(() -> engine("GET", "/task?processInstanceBusinessKey=" + code
                        + "&taskDefinitionKey=" + taskKey, null));
                assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                tasks = JSON.readTree(found.body());
            } while (tasks.isEmpty() && System.nanoTime() < until && pause(Duration.ofMillis(500)));
            assertThat(tasks).as("%s sees %s of %s", user, taskKey, code).hasSize(1);
            String id = tasks.get(0).get("id").asText();
            HttpResponse<String> claimed = send(() -> engine("POST", "/task/" + id + "/claim",
                    "{\"userId\": \"" + user + "\"}"));
            assertThat(claimed.statusCode()).as("%s claims %s of %s: %s", user, taskKey, code, claimed.body())
                    .isEqualTo(204);
            HttpResponse<String> completed = send(() -> engine("POST", "/task/" + id + "/complete",
                    "{\"variables\": " + variables + "}"));
            assertThat(completed.statusCode()).as("%s completes %s of %s: %s", user, taskKey, code, completed.body())
                    .isEqualTo(204);
        }

        /** Posts a form of the record page, with the page's CSRF token. */
        HttpResponse<String> postOnRecordPage(String code, String path, String form) throws Exception {
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                HttpResponse<String> page = send(() -> HttpRequest.newBuilder(URI.create(lb + "/records/" + code)));
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
                assertThat(csrf.find()).as("the record page carries a CSRF token").isTrue();
                HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(lb + path))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                boolean lost = posted.statusCode() >= 502 || posted.uri().getPath().equals("/login");
                if (!lost || System.nanoTime() > until) {
                    return posted;
                }
                signIn();
            }
        }

        /** The leader's apology (form 04) with a new appointment: it e-mails the applicant. */
        void apologise(String code) throws Exception {
            String day = LocalDate.now(VIETNAM).plusDays(60).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            HttpResponse<String> done = postOnRecordPage(code, "/records/" + code + "/apology",
                    "newAppointment=" + URLEncoder.encode(day, StandardCharsets.UTF_8) + "&reason="
                            + URLEncoder.encode("Chờ xác minh hộ tịch (diễn tập)", StandardCharsets.UTF_8));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(done.uri().getPath()).isEqualTo("/records/" + code);
            assertThat(record(code).get("documents").toString()).as("%s has its apology", code).contains("apology");
        }

        /** Signs the drafted result with the remote signing service (the leader's PIN) and approves it. */
        void signAndApprove(String code) throws Exception {
            HttpResponse<String> signed = postOnRecordPage(code, "/records/" + code + "/signature", "pin=" + DEMO_PIN);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            JsonNode signatures = record(code).get("signatures");
            assertThat(signatures).as("%s signed by the leader: %s", code, signatures).hasSize(1);
            assertThat(signatures.get(0).get("valid").asBoolean()).as(signatures.toString()).isTrue();
            work(code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        }

        @Override
        public String toString() {
            return user + "@" + node();
        }
    }

    /**
     * The browser's cookie jar: as a browser treats the loopback address as a secure context, cookies marked
     * {@code Secure} (Keycloak's session cookies) travel over plain HTTP here; Java's jar would drop them.
     */
    static final class LoopbackIsSecure implements CookieStore {
        private final CookieStore jar = new CookieManager().getCookieStore();

        @Override
        public void add(URI uri, HttpCookie cookie) {
            cookie.setSecure(false);
            jar.add(uri, cookie);
        }

        @Override
        public List<HttpCookie> get(URI uri) {
            return jar.get(uri);
        }

        @Override
        public List<HttpCookie> getCookies() {
            return jar.getCookies();
        }

        @Override
        public List<URI> getURIs() {
            return jar.getURIs();
        }

        @Override
        public boolean remove(URI uri, HttpCookie cookie) {
            return jar.remove(uri, cookie);
        }

        @Override
        public boolean removeAll() {
            return jar.removeAll();
        }
    }

    // ---- small things ------------------------------------------------------------------------------------

    private String node(String name) {
        return "http://127.0.0.1:" + nodePorts.get(name);
    }

    private String fill(String value) {
        Matcher matcher = DockerComposeTest.VARIABLE.matcher(value);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            assertThat(secrets).as("a secret for ${%s}", matcher.group(1)).containsKey(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(secrets.get(matcher.group(1))));
        }
        return matcher.appendTail(filled).toString();
    }

    private static List<String> query(Connection db, String sql, Object... parameters) throws SQLException {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    /** HAProxy on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH); null if neither. */
    private static String haproxy() {
        if (RequiredTool.onPath("haproxy")) {
            return "haproxy";
        }
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : null;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return true;
    }

    private void log(String message) {
        System.out.printf("[rehearsal %6.1f s] %s%n", (System.nanoTime() - began) / 1e9, message);
    }

    private void printLogTails() {
        for (Child child : children.values()) {
            System.out.println("----- " + child.name() + " (" + child.log() + "), last lines -----");
            System.out.println(tail(child.log(), 40));
        }
        System.out.println("----- keycloak (" + KeycloakServer.LOG + "), last lines -----");
        System.out.println(tail(KeycloakServer.LOG, 20));
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }
}
