package vn.motcua.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;

import vn.motcua.lookup.Registry;
import vn.motcua.lookup.RegistryProperties;
import vn.motcua.signature.config.SignatureSettings;

/**
 * {@code docker/} describes what a province runs (issue 18). Images cannot be pulled on this machine, so
 * this test reads the compose file, the nodes' shared settings ({@code docker/motcua.env}), the load
 * balancer's configuration and the Dockerfile, and checks them the way Spring Boot and the prod profile
 * will read them: a node gets every setting the prod profile requires, each address names a service
 * that exists, the stand-ins run as services of their own, the load balancer knows both nodes.
 */
class DockerComposeTest {

    static final Path DOCKER = Path.of("docker");
    /** A compose interpolation: {@code ${NAME}}, {@code ${NAME:?message}}, {@code ${NAME-default}}. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[?-][^}]*)?}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).as("compose services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    /** KEY=VALUE lines of an env file, comments and blank lines skipped. */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                assertThat(equals).as("%s: %s", file, line).isPositive();
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return values;
    }

    /** What a service's process sees: its env files, then its own environment, ${…} filled from example.env. */
    @SuppressWarnings("unchecked")
    static Map<String, String> environmentOf(String name) throws IOException {
        Map<String, Object> service = service(name);
        Map<String, String> secrets = envFile(DOCKER.resolve("example.env"));
        Map<String, String> environment = new LinkedHashMap<>();
        Object envFiles = service.get("env_file");
        if (envFiles != null) {
            for (Object file : (List<Object>) envFiles) {
                environment.putAll(envFile(DOCKER.resolve(file.toString())));
            }
        }
        Object own = service.get("environment");
        if (own != null) {
            ((Map<String, Object>) own).forEach((key, value) -> environment.put(key, fill(String.valueOf(value), secrets)));
        }
        return environment;
    }

    private static String fill(String value, Map<String, String> secrets) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            assertThat(secrets).as("docker/example.env names ${%s}", matcher.group(1)).containsKey(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(secrets.get(matcher.group(1))));
        }
        return matcher.appendTail(filled).toString();
    }

    /** A Spring environment made of those variables, read with Spring Boot's relaxed names, as a node reads them. */
    static StandardEnvironment spring(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        // this machine's own environment and system properties are not the container's
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        // "…-systemEnvironment": Spring Boot then maps SPRING_MAIL_HOST to spring.mail.host, as for a real one
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("compose-"
                + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        String profiles = variables.get("SPRING_PROFILES_ACTIVE");
        if (profiles != null) {
            environment.setActiveProfiles(profiles.split(","));
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    @Test
    void composeStartsWhatAProvinceRuns() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("db", "app1", "app2", "lb", "keycloak", "mail", "registry", "signing",
                "portal", "payment", "sms");
        assertThat(String.valueOf(service("db").get("image"))).startsWith("postgres:17");
    }

    @Test
    void bothNodesShareTheSettingsFileAndHaveEverythingTheProdProfileRequires() throws IOException {
        for (String node : List.of("app1", "app2")) {
            assertThat(service(node).get("env_file")).as(node).isEqualTo(List.of("motcua.env"));
            StandardEnvironment environment = spring(environmentOf(node));
            assertThat(environment.getActiveProfiles()).containsExactly("prod");
            assertThat(ProductionSettings.problems(environment)).as("what the prod profile refuses on %s", node).isEmpty();

            Binder binder = Binder.get(environment);
            RegistryProperties registries = binder.bind("motcua.registries", RegistryProperties.class).get();
            for (Registry registry : Registry.values()) {
                RegistryProperties.Connection connection = registries.of(registry);
                assertThat(connection.baseUrl()).as("%s of %s", registry, node).startsWith("http://registry:8091/");
                assertThat(connection.username()).isEqualTo("motcua");
                assertThat(connection.password()).as("the registry's password, a secret").isNotBlank();
            }
            assertThat(environment.getProperty("motcua.security.sign-in")).isEqualTo("oidc");
            // as Spring Boot's OAuth2 client reads them
            OAuth2ClientProperties oidc = binder.bind("spring.security.oauth2.client", OAuth2ClientProperties.class).get();
            OAuth2ClientProperties.Registration client = oidc.getRegistration().get("motcua");
            assertThat(client.getClientId()).isEqualTo("motcua");
            assertThat(client.getClientSecret()).isNotBlank();
            assertThat(client.getScope()).contains("openid");
            OAuth2ClientProperties.Provider provider = oidc.getProvider().get("motcua");
            assertThat(provider.getAuthorizationUri()).startsWith("http://localhost:8180/realms/motcua/");
            assertThat(provider.getTokenUri()).startsWith("http://keycloak:8080/realms/motcua/");
            assertThat(provider.getJwkSetUri()).startsWith("http://keycloak:8080/realms/motcua/");
            assertThat(environment.getProperty("motcua.signature.csc.client-secret")).isNotBlank();
            assertThat(environment.getProperty("motcua.records.seal.pin")).isNotBlank();
            assertThat(environment.getProperty("motcua.portal-sync.enabled")).isEqualTo("true");
            assertThat(environment.getProperty("motcua.portal-sync.base-url")).isEqualTo("http://portal:8092");
            assertThat(environment.getProperty("motcua.portal-sync.password")).as("the portal's password, a secret")
                    .isNotBlank();
            assertThat(environment.getProperty("spring.datasource.password")).isNotBlank();
            assertThat(environment.getProperty("motcua.payment.platform-url")).isEqualTo("http://payment:8093");
            assertThat(environment.getProperty("motcua.payment.secret")).as("the payment platform's secret").isNotBlank();
            assertThat(environment.getProperty("motcua.payment.callback-url")).isEqualTo("http://lb:8080/api/payments/callback");
            assertThat(environment.getProperty("motcua.applicant-messages.sms.base-url")).isEqualTo("http://sms:8094");
            assertThat(environment.getProperty("motcua.applicant-messages.sms.api-key")).isNotBlank();
        }
    }

    @Test
    void everyAddressANodeIsGivenNamesAServiceOfTheComposeFile() throws IOException {
        @SuppressWarnings("unchecked")
        Set<String> services = ((Map<String, Object>) compose().get("services")).keySet();
        Set<String> hosts = new TreeSet<>();
        for (String value : envFile(DOCKER.resolve("motcua.env")).values()) {
            Matcher url = Pattern.compile("(?:https?|jdbc:postgresql)://([a-z0-9.-]+)").matcher(value);
            while (url.find()) {
                hosts.add(url.group(1));
            }
        }
        hosts.remove("localhost"); // the browser's address of Keycloak (its sign-in page), published on 8180
        hosts.remove("127.0.0.1"); // the staff's address of the load balancer, published on 8080
        assertThat(hosts).isNotEmpty();
        assertThat(services).containsAll(hosts);
        String environment = envFile(DOCKER.resolve("motcua.env")).toString();
        assertThat(environment).doesNotContain("SANDBOX_ENABLED", "CSCSERVER_ENABLED", "DEMO_CA_ENABLED",
                "STAND_INS_ENABLED");
    }

    @Test
    void theStandInsRunAsServicesOfTheirOwnFromTheSameImage() throws Exception {
        Map<String, Object> registry = service("registry");
        assertThat(registry.get("image")).isEqualTo(service("app1").get("image"));
        Matcher main = Pattern.compile("-Dloader\\.main=([\\w.]+)").matcher(String.valueOf(registry.get("entrypoint")));
        assertThat(main.find()).isTrue();
        assertThat(Class.forName(main.group(1))).as("the registry stand-in's main class").isNotNull();
        assertThat(String.valueOf(registry.get("command"))).contains("--port=8091", "--host=0.0.0.0");

        Map<String, Object> portal = service("portal");
        assertThat(portal.get("image")).isEqualTo(service("app1").get("image"));
        Matcher portalMain = Pattern.compile("-Dloader\\.main=([\\w.]+)").matcher(String.valueOf(portal.get("entrypoint")));
        assertThat(portalMain.find()).isTrue();
        assertThat(Class.forName(portalMain.group(1))).as("the national portal stand-in's main class").isNotNull();
        // the stand-in's password and the nodes' are the same secret
        assertThat(String.valueOf(portal.get("command"))).contains("--port=8092", "--host=0.0.0.0",
                "--password=${MOTCUA_PORTAL_SYNC_PASSWORD");
        assertThat(environmentOf("app1").get("MOTCUA_PORTAL_SYNC_PASSWORD"))
                .isEqualTo(envFile(DOCKER.resolve("example.env")).get("MOTCUA_PORTAL_SYNC_PASSWORD"));

        // the payment platform's and the SMS gateway's stand-ins share their secrets with the nodes likewise
        for (String standIn : List.of("payment", "sms")) {
            Matcher standInMain = Pattern.compile("-Dloader\\.main=([\\w.]+)")
                    .matcher(String.valueOf(service(standIn).get("entrypoint")));
            assertThat(standInMain.find()).isTrue();
            assertThat(Class.forName(standInMain.group(1))).as("the %s stand-in's main class", standIn).isNotNull();
        }
        assertThat(String.valueOf(service("payment").get("command"))).contains("--port=8093", "--host=0.0.0.0",
                "--secret=${MOTCUA_PAYMENT_SECRET");
        assertThat(String.valueOf(service("sms").get("command"))).contains("--port=8094", "--host=0.0.0.0",
                "--api-key=${MOTCUA_SMS_API_KEY");

        Map<String, String> signing = environmentOf("signing");
        assertThat(signing.get("SPRING_PROFILES_ACTIVE")).isEqualTo("demo");
        Map<String, String> clients = Binder.get(spring(signing)).bind("motcua.signature", SignatureSettings.class).get()
                .getCscServer().getClients();
        assertThat(clients).as("the signing stand-in knows the nodes' client, with the nodes' secret")
                .containsEntry("motcua", environmentOf("app1").get("MOTCUA_SIGNATURE_CSC_CLIENT_SECRET"));
    }

    @Test
    void theLoadBalancerSendsWorkToBothNodesWhenReadyAndKeepsABrowserOnItsNode() throws IOException {
        String haproxy = Files.readString(DOCKER.resolve("haproxy.cfg"));
        assertThat(haproxy).contains("option httpchk GET /actuator/health/readiness", "cookie MOTCUA_NODE insert");
        for (String node : List.of("app1", "app2")) {
            assertThat(haproxy).containsPattern("server " + node + " " + node + ":8080 check cookie " + node);
        }
        assertThat(String.valueOf(service("lb").get("volumes"))).contains("./haproxy.cfg");
    }

    @Test
    void keycloakImportsTheRealmAndTheNodesUseItsClient() throws IOException {
        String volumes = String.valueOf(service("keycloak").get("volumes"));
        assertThat(volumes).contains("../keycloak/motcua-realm.json");
        assertThat(Path.of("keycloak/motcua-realm.json")).exists();
        String realm = Files.readString(Path.of("keycloak/motcua-realm.json"));
        String secret = environmentOf("app1").get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MOTCUA_CLIENT_SECRET");
        assertThat(realm).as("example.env's client secret is the realm's").contains("\"secret\": \"" + secret + "\"");
        // the tokens' issuer is the browser's address of Keycloak, which the nodes' calls on keycloak:8080 accept
        URI signInPage = URI.create(envFile(DOCKER.resolve("motcua.env"))
                .get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_MOTCUA_AUTHORIZATION_URI"));
        assertThat(String.valueOf(service("keycloak").get("command"))).contains("--hostname=" + signInPage.getScheme() + "://"
                + signInPage.getAuthority(), "--hostname-backchannel-dynamic=true");
        String publicUrl = envFile(DOCKER.resolve("motcua.env")).get("MOTCUA_NOTICES_PUBLIC_URL");
        assertThat(realm).as("the realm lets the staff's address sign in")
                .contains("\"" + URI.create(publicUrl).getScheme() + "://" + URI.create(publicUrl).getHost() + "/*\"");
    }

    @Test
    void theNodesGetTheDemoOrganisationTheRealmsStaffBelongTo() throws IOException {
        Map<String, Object> mounted = new Yaml().load(Files.readString(DOCKER.resolve("config/organisation.yaml")));
        Map<String, Object> demo = new Yaml().load(Files.readString(Path.of("src/main/resources/application-demo.yaml")));
        assertThat(units(mounted)).isEqualTo(units(demo)).isNotNull();
        assertThat(units(mounted).keySet()).contains("province", "commune-a", "dept-industry-trade");
        assertThat(envFile(DOCKER.resolve("motcua.env")).get("SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .endsWith("/app/config/organisation.yaml");
        assertThat(String.valueOf(service("app1").get("volumes"))).contains("./config:/app/config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> units(Map<String, Object> yaml) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml.get("motcua"))
                .get("organisation")).get("units");
    }

    @Test
    void theDockerfileBuildsWithEveryDirectoryTheBuildPacks() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher resource = Pattern.compile("<resource>\\s*<directory>([^<$]+)</directory>").matcher(pom);
        Set<String> directories = new TreeSet<>();
        while (resource.find()) {
            directories.add(resource.group(1).strip().split("/")[0]);
        }
        assertThat(directories).isNotEmpty();
        String build = dockerfile.substring(0, dockerfile.indexOf("FROM", dockerfile.indexOf("FROM") + 1));
        for (String directory : directories) {
            assertThat(build).as("the build stage copies %s/", directory).containsPattern("COPY " + directory + " ");
        }
        assertThat(dockerfile).contains("curl"); // the containers' health checks use it
    }
}
