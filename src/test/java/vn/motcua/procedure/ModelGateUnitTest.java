package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.motcua.procedure.conformance.Violation;

/** {@link ModelGate} without an engine: what a deployment's resources must be. */
class ModelGateUnitTest {

    private final ModelGate gate = new ModelGate();

    @Test
    void aProcedureWithItsFormsPasses() throws IOException {
        assertThat(gate.check(procedureWithForms(), true)).isEmpty();
    }

    @Test
    void theFormsOfTheSameDeploymentAreTheOnesChecked() throws IOException {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        resources.put("birth-registration.bpmn", Files.readAllBytes(Path.of("processes/birth-registration.bpmn")));

        assertThat(gate.check(resources, true)).extracting(Violation::ruleId).contains("form-ref");
    }

    @Test
    void onlyModelsAndFormsMayBeDeployed() throws IOException {
        Map<String, byte[]> resources = procedureWithForms();
        resources.put("decision.dmn", "<definitions/>".getBytes(StandardCharsets.UTF_8));
        resources.put("evil.js", "java.lang.Runtime.getRuntime()".getBytes(StandardCharsets.UTF_8));

        List<Violation> violations = gate.check(resources, false);

        assertThat(violations).extracting(Violation::file, Violation::ruleId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("decision.dmn", "deployment-resources"),
                org.assertj.core.groups.Tuple.tuple("evil.js", "deployment-resources"));
    }

    @Test
    void theProductsOwnDeploymentsKeepTheCodeRulesOnly() {
        // a test model: no five steps, no forms; fine for the product's own code, not for a user
        String model = "<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"d\" targetNamespace=\"x\">"
                + "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:startEvent id=\"s\" />"
                + "<bpmn:serviceTask id=\"t\" camunda:expression=\"${deadlines != null}\" /></bpmn:process>"
                + "</bpmn:definitions>";
        Map<String, byte[]> resources = Map.of("p.bpmn", model.getBytes(StandardCharsets.UTF_8));

        assertThat(gate.check(resources, false)).isEmpty();
        assertThat(gate.check(resources, true)).extracting(Violation::ruleId).contains("five-steps");

        String classy = model.replace("camunda:expression=\"${deadlines != null}\"", "camunda:class=\"x.Exec\"");
        assertThat(gate.check(Map.of("p.bpmn", classy.getBytes(StandardCharsets.UTF_8)), false))
                .extracting(Violation::elementId, Violation::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t", "no-java-classes"));
    }

    @Test
    void aRefusalCarriesEveryViolationAsAParseProblem() {
        List<Violation> violations = List.of(new Violation("a.bpmn", "Task_1", "no-scripts", "a script task"),
                new Violation("a.bpmn", null, "bpmn-parse", "broken"));

        ModelRefusedException refusal = new ModelRefusedException(violations);

        assertThat(refusal.getMessage()).contains("a.bpmn: Task_1 [no-scripts] a script task", "a.bpmn: [bpmn-parse] broken");
        assertThat(refusal.getResorceReports()).singleElement().satisfies(report -> {
            assertThat(report.getResourceName()).isEqualTo("a.bpmn");
            assertThat(report.getErrors()).extracting(p -> p.getMainElementId()).containsExactly("Task_1", null);
        });
        assertThat(refusal.violations()).isEqualTo(violations);
    }

    private static Map<String, byte[]> procedureWithForms() throws IOException {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        resources.put("birth-registration.bpmn", Files.readAllBytes(Path.of("processes/birth-registration.bpmn")));
        try (var files = Files.list(Path.of("forms"))) {
            for (Path form : files.sorted().toList()) {
                resources.put(form.getFileName().toString(), Files.readAllBytes(form));
            }
        }
        return resources;
    }
}
