package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;

/**
 * The README's command-line examples run as written. Every fenced {@code bash} block that README
 * marks with {@code <!-- example: name -->} is run with {@code bash} (after the {@code setup}
 * block, which defines {@code MOTCUA}) against an app started here on the embedded default (demo
 * profile, H2) on a free port: {@code MOTCUA} points at it, and {@code CODE} and {@code SECRET}
 * are what the submit example printed, as in a reader's terminal. Between the blocks the test
 * does what README says people do in Tasklist (reception, appraisal, approval, issuing). The
 * outputs are checked; every marked block must be run here.
 *
 * <p>The engine's clock runs from Monday 23 November 2026, 09:00 in Vietnam: the day README's
 * monitoring example asks about, and before the new appointment date of its apology example (ten
 * days after the wall clock's today).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeExamplesTest {

    static final Path README = Path.of("README.md");
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant MONDAY_9AM = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, VIETNAM).toInstant();
    /** A marked block: the marker, then the fence, at any indentation (a block may sit in a list item). */
    static final Pattern EXAMPLE = Pattern.compile(
            "(?m)^([ \\t]*)<!-- example: ([a-z-]+) -->[ \\t]*\\n\\1```bash[ \\t]*\\n(.*?)\\n\\1```[ \\t]*$", Pattern.DOTALL);
    static final ObjectMapper JSON = new ObjectMapper();

    AppInstance app;
    Api api;
    String motcua;
    Map<String, String> examples;
    final Set<String> run = new LinkedHashSet<>();

    @BeforeAll
    void startTheApp() throws IOException {
        examples = examples(Files.readString(README));
        app = AppInstance.startEmbedded();
        api = app.api();
        motcua = "http://localhost:" + app.port();
        ClockUtil.offset(MONDAY_9AM.toEpochMilli() - System.currentTimeMillis());
    }

    @AfterAll
    void stop() {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theMarkedExamplesAreFoundWhereReadmeShowsThem() {
        assertThat(examples).containsKeys("setup", "engine-rest", "submit", "supplement", "registry-data", "signature",
                "apology", "reload", "calendar", "monitor");
        assertThat(examples.get("setup")).isEqualTo("export MOTCUA=${MOTCUA:-http://localhost:8080}");
        String commands = String.join("\n", examples.values()).lines().filter(line -> !line.startsWith("#"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(commands).as("no command for one operating system only").doesNotContainPattern("(?m)^\\s*open ");
        assertThat(commands).as("no placeholder to fill in, no file that is not there")
                .doesNotContain("<code>", "<trackingSecret>", "=@to-khai.pdf")
                .contains("docs/examples/to-khai.pdf;type=application/pdf");
    }

    @Test
    void theSampleApplicationFormIsARealOnePagePdf() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(Path.of("docs", "examples", "to-khai.pdf")))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains("TO KHAI DANG KY KHAI SINH", "001190012345",
                    "001089023456");
        }
    }

    @Test
    void theExamplesRunAsWrittenFromSubmissionToMonitoring() throws Exception {
        List<String> out = example("engine-rest", Map.of());
        JsonNode started = json(out.get(0));
        assertThat(started.get("definitionId").asText()).startsWith("birth-registration:");
        assertThat(started.get("ended").asBoolean()).isFalse();
        assertThat(texts(json(out.get(1)))).contains("birth-registration", "household-business-registration",
                "construction-permit");

        // The portal submits; the applicant tracks the record with its code and secret.
        out = example("submit", Map.of());
        Matcher printed = Pattern.compile("record (commune-a-\\d{8}-\\d{5}), tracking secret (\\S+)").matcher(out.get(0));
        assertThat(printed.matches()).as(String.join("\n", out)).isTrue();
        String code = printed.group(1);
        String secret = printed.group(2);
        JsonNode tracked = json(out.get(1));
        assertThat(tracked.get("code").asText()).isEqualTo(code);
        assertThat(tracked.at("/state/code").asInt()).isEqualTo(1);
        assertThat(tracked.get("currentStep").asText()).isEqualTo("reception");
        Map<String, String> record = Map.of("CODE", code, "SECRET", secret);

        // clerk-a asks for a supplement in Tasklist; the applicant sends it.
        work("clerk-a", code, "Task_Reception", """
                {"receptionDecision": {"value": "supplement"},
                 "missingDocuments": {"value": "Giấy chứng sinh / Birth certificate"}}""");
        assertThat(api.get("portal", "/api/records/" + code).json().at("/state/code").asInt()).isEqualTo(5);
        JsonNode supplemented = json(single(example("supplement", record)));
        assertThat(supplemented.get("code").asText()).isEqualTo(code);
        assertThat(supplemented.at("/state/code").asInt()).as("back at reception").isEqualTo(1);

        // clerk-a accepts: the lookups find both parents the submission declared.
        work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        tasks("specialist-a", code, "Task_Appraisal");
        Map<String, String> found = new HashMap<>();
        for (String line : example("registry-data", record)) {
            JsonNode value = json(line);
            found.put(value.get("field").asText(), value.get("value").asText());
            assertThat(value.get("registry").asText()).isIn("population", "residence");
        }
        assertThat(found).containsEntry("motherFullName", "Nguyễn Thị Lan")
                .containsEntry("fatherFullName", "Trần Văn Minh");

        // specialist-a proposes to approve; leader-a signs as README shows, and apologises for a delay.
        work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        tasks("leader-a", code, "Task_Approval");
        out = example("signature", record);
        JsonNode signature = json(out.get(0));
        assertThat(signature.get("kind").asText()).isEqualTo("personal");
        assertThat(signature.get("signer").asText()).isEqualTo("leader-a");
        assertThat(signature.get("valid").asBoolean()).isTrue();
        assertThat(out.get(1)).startsWith("Open " + motcua + "/verify/" + code + " in a browser");

        // the example asks for ten days from the reader's today (the shell's date), 10:00 in Vietnam
        java.time.LocalDate before = java.time.LocalDate.now().plusDays(10);
        JsonNode apologised = json(single(example("apology", record)));
        java.time.LocalDate after = java.time.LocalDate.now().plusDays(10);
        assertThat(apologised.get("code").asText()).isEqualTo(code);
        assertThat(Instant.parse(apologised.get("appointmentAt").asText())).isIn(
                before.atTime(10, 0).atZone(VIETNAM).toInstant(), after.atTime(10, 0).atZone(VIETNAM).toInstant());

        // leader-a approves, records-a issues: the page README sends a reader to verifies the result.
        work("leader-a", code, "Task_Approval", "{\"approvalDecision\": {\"value\": \"approve\"}}");
        work("records-a", code, "Task_Issuing", "{\"issuedOn\": {\"value\": \"2026-11-23\"}}");
        // the number and seal are the model's asynchronous Service_Seal: state 9 a moment later
        assertThat(api.recordInState(code, 9).at("/state/code").asInt()).isEqualTo(9);
        Api.Response verification = api.get(null, "/verify/" + code);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body()).contains("The document is intact and every signature is valid");

        // The analyst reloads the procedures: nothing changed, no new version.
        out = example("reload", Map.of());
        List<String> reloaded = new ArrayList<>();
        for (String line : out) {
            JsonNode deployed = json(line);
            reloaded.add(deployed.get("processKey").asText());
            assertThat(deployed.get("version").asInt()).as(line).isEqualTo(1);
            assertThat(deployed.get("newVersion").asBoolean()).as(line).isFalse();
        }
        assertThat(reloaded).contains("birth-registration", "household-business-registration", "construction-permit");

        // The calendar answers what README says it answers.
        out = example("calendar", Map.of());
        String documented = examples.get("calendar").lines().filter(l -> l.startsWith("# {")).findFirst().orElseThrow()
                .substring(2);
        assertThat(json(out.get(out.size() - 1))).as("the due date README prints").isEqualTo(json(documented));
        List<String> holidays = new ArrayList<>();
        out.subList(0, out.size() - 1).forEach(line -> holidays.add(json(line).get("date").asText()));
        assertThat(holidays).contains("2026-01-01", "2026-04-30", "2026-05-01", "2026-09-02");

        // Monitoring: November 2026 has this record, accepted and resolved (late: it needed an apology).
        out = example("monitor", Map.of());
        JsonNode figures = json(out.get(0));
        assertThat(figures.get("received").asInt()).as(out.get(0)).isEqualTo(1);
        assertThat(figures.get("resolved").asInt()).isEqualTo(1);
        assertThat(figures.get("late").asInt()).isEqualTo(1);
        List<String> csv = out.subList(1, out.size());
        assertThat(csv).as("the CSV: a header, birth registration's row and the total").hasSize(3);
        assertThat(csv.get(0)).contains("period,from,to,by,key,name,received");
        assertThat(csv.get(1)).startsWith("year,2026-01-01,2027-01-01,procedure,1.001193,");
        assertThat(csv.get(2)).contains(",total,");

        assertThat(run).as("every example README marks is run here").containsExactlyInAnyOrderElementsOf(examples.keySet());
    }

    // --- README's examples ---------------------------------------------------------------------

    /** The marked blocks of README, by name, in order, without their indentation. */
    static Map<String, String> examples(String readme) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher matcher = EXAMPLE.matcher(readme);
        while (matcher.find()) {
            String indent = matcher.group(1);
            String body = matcher.group(3).lines()
                    .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            assertThat(blocks.put(matcher.group(2), body)).as("example %s marked once", matcher.group(2)).isNull();
        }
        return blocks;
    }

    /**
     * Runs the setup block and then the named block in one {@code bash}, from the repository's
     * root, with {@code MOTCUA} pointing at the app and the given variables set; fails unless it
     * exits 0 (errors and pipeline failures count: {@code set -eo pipefail}). Returns the lines it
     * printed.
     */
    List<String> example(String name, Map<String, String> variables) throws IOException, InterruptedException {
        String block = examples.get(name);
        assertThat(block).as("README marks an example '%s'", name).isNotNull();
        ProcessBuilder bash = new ProcessBuilder("bash", "-c",
                "set -eo pipefail\n" + examples.get("setup") + "\n" + block);
        bash.environment().put("MOTCUA", motcua);
        bash.environment().putAll(variables);
        Path errors = Files.createTempFile("readme-" + name, ".err");
        bash.redirectError(errors.toFile());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("example %s ends", name).isTrue();
        String stderr = Files.readString(errors);
        Files.delete(errors);
        assertThat(process.exitValue()).as("example %s exits 0\n--- output:\n%s\n--- errors:\n%s", name, output, stderr)
                .isZero();
        run.add("setup");
        run.add(name);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("example %s prints something", name).isNotEmpty();
        return lines;
    }

    static String single(List<String> lines) {
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    // --- what people do in Tasklist between the examples -------------------------------------------

    JsonNode tasks(String user, String code, String taskKey) {
        JsonNode tasks = Api.eventually(() -> api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + code
                + "&taskDefinitionKey=" + taskKey).json(), Duration.ofSeconds(30));
        assertThat(tasks).as(user + " sees " + taskKey + " of " + code).hasSize(1);
        return tasks;
    }

    void work(String user, String code, String taskKey, String variables) {
        api.work(user, code, taskKey, variables);
    }
}
