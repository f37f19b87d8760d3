package vn.motcua.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code prod} profile refuses to start without what a province's installation needs, and names
 * every missing setting at once — instead of starting and failing later record by record (lookups
 * turning into incidents, notices only logged, nothing signable, links pointing at localhost). It
 * also refuses the demo's stand-ins (demo organisation, sandbox registry, CSC server, demo CA, the national
 * portal's stand-in), and a portal sync turned on without the portal's address,
 * unless {@code motcua.stand-ins.enabled=true} asks for them deliberately (a production rehearsal).
 * Runs before anything is built (an {@link EnvironmentPostProcessor}, {@code META-INF/spring.factories}).
 */
public class ProductionSettings implements EnvironmentPostProcessor {

    /** Settings a production node cannot do without, with what each is for. */
    static final List<String[]> REQUIRED = List.of(
            new String[] {"spring.datasource.url", "the PostgreSQL database (SPRING_DATASOURCE_URL)"},
            new String[] {"spring.mail.host", "the SMTP server for notices and applicants' e-mails (SPRING_MAIL_HOST)"},
            new String[] {"motcua.notices.public-url", "the address staff open in e-mail links (MOTCUA_NOTICES_PUBLIC_URL)"},
            new String[] {"motcua.registries.population.base-url", "the population registry (MOTCUA_REGISTRIES_POPULATION_BASE_URL)"},
            new String[] {"motcua.registries.residence.base-url", "the residence registry (MOTCUA_REGISTRIES_RESIDENCE_BASE_URL)"},
            new String[] {"motcua.registries.enterprise.base-url", "the enterprise registry (MOTCUA_REGISTRIES_ENTERPRISE_BASE_URL)"},
            new String[] {"motcua.registries.land.base-url", "the land registry (MOTCUA_REGISTRIES_LAND_BASE_URL)"},
            new String[] {"motcua.signature.csc.base-url", "the remote signing service, CSC v2 (MOTCUA_SIGNATURE_CSC_BASE_URL)"});

    /** The demo's stand-ins: never in production unless asked for by {@code motcua.stand-ins.enabled}. */
    static final List<String> STAND_INS = List.of("motcua.sandbox.enabled", "motcua.signature.csc-server.enabled",
            "motcua.signature.demo-ca.enabled", "motcua.portal-stand-in.enabled", "motcua.payment-stand-in.enabled",
            "motcua.sms-stand-in.enabled");

    /** The payment platform's settings: all or none (docs/payments.md). */
    static final List<String> PAYMENT = List.of("motcua.payment.platform-url", "motcua.payment.merchant",
            "motcua.payment.secret");
    /** The demo's shared payment secret, public in the repository. */
    static final String DEMO_PAYMENT_SECRET = "demo-payment-secret";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The prod profile cannot start (docs/operations.md):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        for (String[] setting : REQUIRED) {
            String value = value(environment, setting[0]);
            if (value == null || value.isBlank() || value.contains("localhost") && setting[0].endsWith("public-url")) {
                problems.add(setting[0] + " is missing: " + setting[1]);
            }
        }
        if (Boolean.parseBoolean(value(environment, "motcua.portal-sync.enabled"))) {
            String portal = value(environment, "motcua.portal-sync.base-url");
            if (portal == null || !(portal.startsWith("https://") || portal.startsWith("http://"))) {
                problems.add("motcua.portal-sync.base-url is missing: the national portal's status API, http(s)://… "
                        + "(MOTCUA_PORTAL_SYNC_BASE_URL), since motcua.portal-sync.enabled is true");
            }
        }
        if (Boolean.parseBoolean(value(environment, "motcua.applicant-messages.sms.enabled"))) {
            String gateway = value(environment, "motcua.applicant-messages.sms.base-url");
            if (isBlank(gateway) || !(gateway.startsWith("https://") || gateway.startsWith("http://"))) {
                problems.add("motcua.applicant-messages.sms.base-url is missing: the SMS gateway, http(s)://… "
                        + "(MOTCUA_APPLICANT_MESSAGES_SMS_BASE_URL), since motcua.applicant-messages.sms.enabled is true");
            }
        }
        List<String> paymentSet = PAYMENT.stream().filter(name -> !isBlank(value(environment, name))).toList();
        if (!paymentSet.isEmpty() && paymentSet.size() < PAYMENT.size()) {
            PAYMENT.stream().filter(name -> !paymentSet.contains(name)).forEach(name -> problems.add(name
                    + " is missing: the payment platform needs its address, the merchant code and the shared secret "
                    + "together (MOTCUA_PAYMENT_PLATFORM_URL, _MERCHANT, _SECRET)"));
        }
        String platform = value(environment, "motcua.payment.platform-url");
        if (!isBlank(platform) && !(platform.startsWith("https://") || platform.startsWith("http://"))) {
            problems.add("motcua.payment.platform-url is not an http(s):// address: " + platform);
        }
        if (!Boolean.parseBoolean(value(environment, "motcua.stand-ins.enabled"))) {
            if (DEMO_PAYMENT_SECRET.equals(value(environment, "motcua.payment.secret"))) {
                problems.add("motcua.payment.secret is the demo's, published in the repository: anyone could sign a "
                        + "payment callback (set the secret agreed with the platform, MOTCUA_PAYMENT_SECRET)");
            }
            if (Arrays.asList(environment.getActiveProfiles()).contains("demo")) {
                problems.add("the demo profile is active: the demo organisation, its users and their password are "
                        + "not for production (drop demo from SPRING_PROFILES_ACTIVE, or motcua.stand-ins.enabled=true "
                        + "for a rehearsal with stand-ins)");
            }
            for (String standIn : STAND_INS) {
                if (Boolean.parseBoolean(value(environment, standIn))) {
                    problems.add(standIn + " is true: a demo stand-in, not for production (set it false, or "
                            + "motcua.stand-ins.enabled=true for a rehearsal with stand-ins)");
                }
            }
        }
        return problems;
    }

    /** The setting's value, or null when it is absent or names an environment variable that is not set. */
    private static String value(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolvable) {
            return null; // e.g. ${SPRING_DATASOURCE_URL} without the variable
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
