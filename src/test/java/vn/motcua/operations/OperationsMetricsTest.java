package vn.motcua.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.support.Api;
import vn.motcua.support.Applications;

/**
 * What an operator sees (issue 18): after a case, {@code /actuator/prometheus} — for the operators'
 * role only — has the product's own meters with their labels; readiness is public and up once the
 * procedures are deployed; health names incidents and the outbox; and every metric the shipped
 * Prometheus alert rules and Grafana dashboard use exists in the scrape, so they cannot drift.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1",
        "motcua.operations.sample-interval=PT1S",
})
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false) // tests switch metrics export off unless asked
class OperationsMetricsTest {

    static final Pattern METRIC = Pattern.compile("\\bmotcua_[a-z_]+");

    @LocalServerPort
    int port;

    @Test
    void anOperatorScrapesTheProductsMetersAfterACase() throws Exception {
        Api api = new Api(port);
        String code = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Lâm Bảo Ngọc")).json()
                .at("/record/code").asText();
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        // the registry lookups run as jobs after acceptance; appraisal waits for them
        Api.eventually(() -> api.get("specialist-a", "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=Task_Appraisal").json(), Duration.ofSeconds(60));

        // the gauges are sampled from the database every second here: wait for a sample after the case
        String scrape = scrapeWhen(api, text -> text.contains("registry=\"population\"")
                && text.lines().anyMatch(line -> line.startsWith("motcua_steps_open{") && line.contains("colour=\"green\"")
                        && !line.endsWith(" 0.0")));
        assertThat(sample(scrape, "motcua_records_entered_total", Map.of("state", "new", "procedure", "1.001193",
                "unit", "commune-a", "channel", "online"))).isEqualTo(1.0);
        assertThat(sample(scrape, "motcua_records_entered_total", Map.of("state", "accepted", "unit", "commune-a")))
                .isEqualTo(1.0);
        assertThat(sample(scrape, "motcua_lookups_seconds_count", Map.of("registry", "population", "outcome", "found")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(sample(scrape, "motcua_steps_open", Map.of("colour", "green"))).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(scrape, "motcua_documents_render_seconds_count", Map.of("form", "01-receipt")))
                .as("the receipt rendered at acceptance").isEqualTo(1.0);
        assertThat(sample(scrape, "motcua_incidents_open", Map.of("type", "failedJob"))).isZero();
        assertThat(sample(scrape, "motcua_outbox_given_up", Map.of())).isZero();
        assertThat(scrape).as("the job executor's counts, by event").contains("motcua_job_executor{",
                "event=\"acquisition-attempt\"", "event=\"executed\"", "event=\"failed\"");
        assertThat(scrape).contains("motcua_jobs_waiting", "motcua_steps_overdue", "motcua_outbox_oldest_age_seconds",
                "application=\"motcua\"");

        // the operators' role and the administrators only
        assertThat(api.get("admin", "/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.get("clerk-a", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get("leader-a", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(api.get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("operator", "/actuator/env").status()).as("nothing else of the actuator").isEqualTo(403);
        assertThat(api.get("operator", "/actuator/metrics/motcua.records.entered").status()).isEqualTo(200);

        // readiness for the load balancer (public), health details for the administrators
        Api.Response readiness = api.get(null, "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(api.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
        JsonNode health = api.get("admin", "/actuator/health").json().path("components");
        assertThat(health.path("procedures").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("incidents").path("details").path("open").asLong()).isZero();
        assertThat(health.path("outbox").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("outsideServices").path("status").asText()).as("the demo's in-process sandbox registries")
                .isEqualTo("UP");
        assertThat(health.path("outsideServices").path("details").path("registry population").path("answer").asText())
                .isEqualTo("in this process, not probed");

        // the shipped alert rules and dashboard use only metrics that exist
        Set<String> used = new TreeSet<>();
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("docker/prometheus/alerts.yml")));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                used.addAll(metrics(String.valueOf(((Map<?, ?>) rule).get("expr"))));
            }
        }
        assertThat(used).as("alert rules").hasSizeGreaterThanOrEqualTo(5);
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docker/grafana/motcua-dashboard.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metrics(target.path("expr").asText()));
            }
        }
        for (String metric : used) {
            assertThat(Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find())
                    .as(metric + " is in the scrape").isTrue();
        }
    }

    /** Scrapes as the operator until the text satisfies the condition (the gauges are sampled every second here). */
    private static String scrapeWhen(Api api, Predicate<String> ready) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Api.Response response = api.get("operator", "/actuator/prometheus");
            assertThat(response.status()).isEqualTo(200);
            if (ready.test(response.body()) || Instant.now().isAfter(until)) {
                return response.body();
            }
            Thread.sleep(500);
        }
    }

    /** The value of the sample of {@code name} whose labels include {@code labels}; fails when there is none. */
    static double sample(String scrape, String name, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = labels.entrySet().stream().allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " " + labels + " in the scrape");
    }

    private static Set<String> metrics(String expr) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
