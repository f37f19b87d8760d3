package vn.motcua.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak for the single sign-on tests, run as its own OS process: the distribution that
 * {@code mvn generate-test-resources} unpacks from Maven Central into {@code target/keycloak/} (pom.xml),
 * started in development mode on a free port of the loopback interface with the realm of
 * {@code keycloak/motcua-realm.json} imported into an in-memory database, so every start sees that file
 * as it is. Keycloak's output goes to {@code target/keycloak.log}.
 * <p>
 * Keycloak 26 needs Java 21 or later, the project builds with 17: the server runs on
 * {@code MOTCUA_KEYCLOAK_JAVA_HOME} if set, else on the newest JDK under {@code /usr/lib/jvm} whose
 * {@code release} file says 21 or later, else on the {@code java} on the {@code PATH} if that is 21 or
 * later. Without such a Java or without the distribution the test is skipped on a developer's machine
 * and fails on CI ({@link RequiredTool}).
 * <p>
 * Starting takes tens of seconds, so one server is shared by every test of the JVM: {@link #start()}
 * starts it the first time and returns it afterwards; a shutdown hook stops it when the JVM exits.
 * See docs/keycloak.md.
 */
public final class KeycloakServer {

    /** The version of {@code org.keycloak:keycloak-quarkus-dist} in pom.xml. */
    public static final String VERSION = "26.4.7";
    public static final String REALM = "motcua";
    /** The realm file, at the repository's root so that docs can point a province to it. */
    public static final Path REALM_FILE = Path.of("keycloak", "motcua-realm.json");
    public static final Path DISTRIBUTION = Path.of("target", "keycloak", "keycloak-" + VERSION);
    public static final Path LOG = Path.of("target", "keycloak.log");
    /** The process ids of a server started here, to end it on the next start if a killed JVM left it behind. */
    private static final Path PID_FILE = Path.of("target", "keycloak.pid");

    static final String JAVA_HOME_VARIABLE = "MOTCUA_KEYCLOAK_JAVA_HOME";
    private static final int MINIMUM_JAVA = 21;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Modest for a test server on a shared machine: Keycloak's own default heap outside a container, and
     * the client compiler only, which about halved the start on two busy cores. The opening lets Quarkus
     * reset its threads' locals on Java 24+, which otherwise logs an error when the server stops. */
    private static final String HEAP = "-Xms64m -Xmx512m";
    private static final String JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED";

    private static KeycloakServer shared;
    private static RuntimeException failedStart;

    private final Process process;
    private final int port;
    private volatile Duration startedIn = Duration.ZERO;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The JVM's Keycloak, started by the first call (tens of seconds) and shared by all later ones.
     * Skips the test outside CI when the distribution or a Java 21+ is missing; fails on CI.
     */
    public static synchronized KeycloakServer start() {
        return start(List.of());
    }

    /**
     * As {@link #start()}, with more options of {@code kc.sh start-dev}; {@code {port}} in them is the server's
     * port (e.g. {@code --hostname=http://localhost:{port}}). The first call's options hold for the JVM.
     */
    public static synchronized KeycloakServer start(List<String> options) {
        if (shared != null) {
            return shared;
        }
        if (failedStart != null) {
            throw new IllegalStateException("Keycloak did not start earlier in this JVM (see " + LOG + ")", failedStart);
        }
        Path kc = DISTRIBUTION.resolve("bin").resolve("kc.sh");
        RequiredTool.require(Files.isExecutable(kc), "Keycloak " + VERSION + " in " + DISTRIBUTION
                + " (mvn generate-test-resources unpacks org.keycloak:keycloak-quarkus-dist)");
        Optional<Path> javaHome = javaHome();
        String configured = System.getenv(JAVA_HOME_VARIABLE);
        RequiredTool.require(javaHome.isPresent(), configured != null && !configured.isBlank()
                ? "The Java of " + JAVA_HOME_VARIABLE + " (" + configured + "/bin/java)"
                : "A Java " + MINIMUM_JAVA + "+ for Keycloak (a JDK under /usr/lib/jvm, such as the machines' Temurin 25,"
                        + " or " + JAVA_HOME_VARIABLE + ")");
        try {
            shared = launch(javaHome.get(), options);
            return shared;
        } catch (RuntimeException e) {
            failedStart = e;
            throw e;
        }
    }

    /** Stops the JVM's server now, if one was started (the production rehearsal ends every process it started). */
    public static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    /** {@code http://localhost:<port>/realms/motcua}: the issuer of the realm's tokens. */
    public String issuerUri() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /** The product's confidential client in the realm file. */
    public String clientId() {
        return "motcua";
    }

    public String clientSecret() {
        return "motcua-demo-secret";
    }

    /** How long the start took, up to the realm answering its discovery document. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The realm's token endpoint (Keycloak's path under the issuer). */
    public URI tokenEndpoint() {
        return URI.create(issuerUri() + "/protocol/openid-connect/token");
    }

    private static KeycloakServer launch(Path javaHome, List<String> options) {
        Path home = DISTRIBUTION.toAbsolutePath();
        endLeftover(home);
        try {
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            Files.copy(REALM_FILE, imports.resolve(REALM_FILE.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(),
                    "start-dev", "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm"));
            options.forEach(option -> command.add(option.replace("{port}", Integer.toString(port))));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toAbsolutePath().toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", javaHome.toString());
            env.put("JAVA_OPTS_KC_HEAP", HEAP);
            env.put("JAVA_OPTS_APPEND", JAVA_OPTIONS);
            env.remove("JAVA_OPTS");
            // The master realm's administrator, for a person looking at the console while debugging.
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            long began = System.nanoTime();
            Process process = builder.start();
            writePids(process);
            KeycloakServer server = new KeycloakServer(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
            try {
                server.awaitReady(began);
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            server.startedIn = Duration.ofNanos(System.nanoTime() - began);
            writePids(process);
            System.out.printf("Keycloak %s ready at %s in %.1f s (Java at %s, log %s)%n", VERSION,
                    server.issuerUri(), server.startedIn.toMillis() / 1000.0, javaHome, LOG);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak could not be started", e);
        }
    }

    private void awaitReady(long began) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuerUri() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = began + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    /** Stops the server: kc.sh passes the TERM on to Keycloak's JVM; whatever is left is killed. */
    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // a stale pid file is checked against the command line before it is used
        }
    }

    /**
     * Ends a Keycloak that an earlier JVM started from this distribution and could not stop (killed):
     * only a process recorded in {@code target/keycloak.pid} whose command line names this distribution.
     */
    private static void endLeftover(Path home) {
        if (!Files.isRegularFile(PID_FILE)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(PID_FILE)) {
                if (line.isBlank()) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(line.trim()))
                        .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                        .ifPresent(p -> {
                            p.destroy();
                            p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
                            if (p.isAlive()) {
                                p.destroyForcibly();
                            }
                        });
            }
            Files.deleteIfExists(PID_FILE);
        } catch (IOException | NumberFormatException e) {
            // nothing recorded that could be used
        }
    }

    private static void writePids(Process process) throws IOException {
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(process.pid()));
        process.descendants().forEach(p -> pids.add(Long.toString(p.pid())));
        Files.write(PID_FILE, pids);
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    /** The Java home Keycloak runs on: see the class comment for the order; empty if none is 21 or later. */
    static Optional<Path> javaHome() {
        String configured = System.getenv(JAVA_HOME_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return Files.isExecutable(home.resolve("bin").resolve("java")) ? Optional.of(home) : Optional.empty();
        }
        Optional<Path> installed = newestUnder(Path.of("/usr/lib/jvm"));
        if (installed.isPresent()) {
            return installed;
        }
        return onPath();
    }

    /** The JDK directory with the highest {@code JAVA_VERSION} (at least 21) in its {@code release} file. */
    static Optional<Path> newestUnder(Path jvms) {
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        List<Path> homes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(jvms)) {
            for (Path entry : entries) {
                Path java = entry.resolve("bin").resolve("java");
                if (Files.isExecutable(java) && releaseVersion(entry).orElse(0) >= MINIMUM_JAVA) {
                    homes.add(entry);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return homes.stream()
                .max(Comparator.<Path>comparingInt(home -> releaseVersion(home).orElse(0))
                        .thenComparing(Path::toString));
    }

    /** The {@code java} on the {@code PATH}, if it is 21 or later: its home, found through symbolic links. */
    private static Optional<Path> onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path java = Path.of(directory, "java");
            if (!Files.isExecutable(java)) {
                continue;
            }
            try {
                Path home = java.toRealPath().getParent().getParent();
                int major = releaseVersion(home).orElseGet(() -> versionOf(java));
                return major >= MINIMUM_JAVA ? Optional.of(home) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"(\\d+)");

    /** The major version that a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.3"} → 25). */
    static Optional<Integer> releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.ISO_8859_1)) {
                Matcher matcher = RELEASE_VERSION.matcher(line);
                if (matcher.find()) {
                    return Optional.of(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The major version that {@code java -version} prints, 0 if it cannot be read. */
    private static int versionOf(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher matcher = VERSION_OUTPUT.matcher(output);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
