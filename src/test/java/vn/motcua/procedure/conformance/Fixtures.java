package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The valid birth-registration model, its forms, and helpers to check mutated copies of it. */
final class Fixtures {

    static final String VALID_MODEL = "birth-registration.bpmn";
    static final String PROCESS_ID = "birth-registration";

    private static final ConformanceChecker CHECKER = new ConformanceChecker();

    private Fixtures() {
    }

    static Path resourceDir(String path) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/conformance/" + path), path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/conformance/" + path)) {
            return Objects.requireNonNull(in, path).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String validXml() {
        return new String(resource("valid/processes/" + VALID_MODEL), StandardCharsets.UTF_8);
    }

    static FormSet validForms() {
        try {
            return ProcedureFiles.readForms(resourceDir("valid/forms"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelReport check(String xml) {
        return check(VALID_MODEL, xml);
    }

    static ModelReport check(String fileName, String xml) {
        return CHECKER.check(new ModelFile(fileName, xml.getBytes(StandardCharsets.UTF_8)), validForms());
    }

    static ModelReport checkResource(String path) {
        String name = Path.of(path).getFileName().toString();
        return CHECKER.check(new ModelFile(name, resource(path)), validForms());
    }

    /** Replaces text that must occur exactly once, so a mutation cannot silently miss. */
    static String replaceOnce(String xml, String target, String replacement) {
        int at = xml.indexOf(target);
        assertThat(at).as("'%s' occurs in the model", target).isNotNegative();
        assertThat(xml.indexOf(target, at + 1)).as("'%s' occurs only once", target).isNegative();
        return xml.substring(0, at) + replacement + xml.substring(at + target.length());
    }

    /** Adds a sequence flow (and its diagram edge, so the diagram rule stays quiet). */
    static String addFlow(String xml, String id, String source, String target) {
        String flow = "    <bpmn:sequenceFlow id=\"" + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\" />\n";
        String edge = "      <bpmndi:BPMNEdge id=\"" + id + "_di\" bpmnElement=\"" + id + "\">"
                + "<di:waypoint x=\"0\" y=\"0\" /><di:waypoint x=\"10\" y=\"10\" /></bpmndi:BPMNEdge>\n";
        return replaceOnce(replaceOnce(xml, "  </bpmn:process>", flow + "  </bpmn:process>"),
                "    </bpmndi:BPMNPlane>", edge + "    </bpmndi:BPMNPlane>");
    }

    /**
     * Adds a non-interrupting timer boundary event {@code Timer_<step>_Reminder} on {@code Task_<step>} whose
     * flow leads to {@code target} (with its shape and edge, so the diagram rule stays quiet).
     */
    static String withBoundaryTimer(String xml, String step, String target) {
        String id = "Timer_" + step + "_Reminder";
        String boundary = "    <bpmn:boundaryEvent id=\"" + id + "\" cancelActivity=\"false\" attachedToRef=\"Task_" + step
                + "\">\n      <bpmn:outgoing>Flow_" + step + "_Reminder</bpmn:outgoing>\n"
                + "      <bpmn:timerEventDefinition id=\"TimerEventDefinition_" + step + "_Reminder\">"
                + "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>\n"
                + "    </bpmn:boundaryEvent>\n";
        String shape = "      <bpmndi:BPMNShape id=\"" + id + "_di\" bpmnElement=\"" + id + "\">"
                + "<dc:Bounds x=\"0\" y=\"0\" width=\"36\" height=\"36\" /></bpmndi:BPMNShape>\n";
        String withTimer = replaceOnce(replaceOnce(xml, "  </bpmn:process>", boundary + "  </bpmn:process>"),
                "    </bpmndi:BPMNPlane>", shape + "    </bpmndi:BPMNPlane>");
        return addFlow(withTimer, "Flow_" + step + "_Reminder", id, target);
    }

    /**
     * Removes the escalation of one step (the timeout listeners {@code Escalate_<step>_Leaders} and
     * {@code Escalate_<step>_NextLevel} of its user task), leaving the rest of the model valid.
     */
    static String withoutEscalation(String xml, String step) {
        String result = xml;
        for (String id : List.of("Escalate_" + step + "_Leaders", "Escalate_" + step + "_NextLevel")) {
            result = removeOnce(result, "(?s)\\n\\s*<camunda:taskListener [^>]*id=\"" + id + "\".*?</camunda:taskListener>");
        }
        assertThat(result).doesNotContain("Escalate_" + step + "_");
        return result;
    }

    private static String removeOnce(String xml, String regex) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(xml);
        assertThat(matcher.find()).as("%s occurs in the model", regex).isTrue();
        String result = xml.substring(0, matcher.start()) + xml.substring(matcher.end());
        assertThat(java.util.regex.Pattern.compile(regex).matcher(result).find()).as("%s occurs only once", regex).isFalse();
        return result;
    }

    static Set<String> ruleIds(ModelReport report) {
        return report.violations().stream().map(Violation::ruleId).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<Violation> of(ModelReport report, Rule rule) {
        return report.violations().stream().filter(v -> v.ruleId().equals(rule.id())).toList();
    }

    /**
     * The report breaks only {@code rule} (no other rule misfires), and one of its violations
     * names the element and the file; that violation is returned for further checks.
     */
    static Violation assertOnly(ModelReport report, Rule rule, String elementId) {
        assertThat(ruleIds(report)).as("rules broken by %s", report.violations()).containsExactly(rule.id());
        return assertHas(report, rule, elementId);
    }

    static Violation assertHas(ModelReport report, Rule rule, String elementId) {
        List<Violation> matching = of(report, rule).stream()
                .filter(v -> Objects.equals(v.elementId(), elementId))
                .toList();
        assertThat(matching).as("%s violation on %s in %s", rule.id(), elementId, report.violations()).isNotEmpty();
        Violation violation = matching.get(0);
        assertThat(violation.file()).isEqualTo(report.model().name());
        assertThat(violation.toString()).startsWith(report.model().name() + ": ").contains("[" + rule.id() + "]");
        return violation;
    }
}
