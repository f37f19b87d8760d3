package vn.motcua.procedure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.motcua.procedure.conformance.ConformanceChecker;
import vn.motcua.procedure.conformance.FormSet;
import vn.motcua.procedure.conformance.ModelFile;
import vn.motcua.procedure.conformance.ProcedureFiles;
import vn.motcua.procedure.conformance.Rule;
import vn.motcua.procedure.conformance.Violation;

/**
 * What one deployment must pass to reach the engine, whoever sends it (the file system at
 * start-up, the reload endpoint, engine-rest {@code deployment/create} from Camunda Modeler,
 * Cockpit): only procedure models and Camunda Forms; each model checked against the conformance
 * rules with the forms of the same deployment (which is what {@code camunda:formRefBinding="deployment"}
 * binds to at run time).
 *
 * <p>A deployment of the product's own code without an engine user (tests' models, which need not
 * be whole procedures) is held to the code rules only: not even the product deploys scripts, Java
 * classes or expressions outside the allow-list. Plain logic, no engine: {@link DeploymentGate} is
 * the engine's side.
 */
final class ModelGate {

    private final ConformanceChecker contract = new ConformanceChecker();
    private final ConformanceChecker codeRules = ConformanceChecker.codeRulesOnly();

    /**
     * Every violation of a deployment's resources (name → content); empty when it may be deployed.
     *
     * @param wholeContract the five-step contract too (a user's deployment), not only the code rules
     */
    List<Violation> check(Map<String, byte[]> resources, boolean wholeContract) {
        Map<String, byte[]> formFiles = new LinkedHashMap<>();
        resources.forEach((name, content) -> {
            if (isForm(name)) {
                formFiles.put(name, content);
            }
        });
        FormSet forms = ProcedureFiles.forms(formFiles);
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
            String name = resource.getKey();
            if (isModel(name)) {
                ModelFile model = new ModelFile(name, resource.getValue());
                var report = (wholeContract ? contract : codeRules).check(model, forms);
                violations.addAll(report.violations());
                if (wholeContract && SystemModels.isSystemKey(report.processKey())) {
                    violations.add(new Violation(name, report.processKey(), Rule.RESERVED_KEY.id(), "process key '"
                            + report.processKey() + "' is reserved: keys beginning with " + SystemModels.KEY_PREFIX
                            + " are the product's own processes"));
                }
            } else if (!isForm(name)) {
                violations.add(new Violation(name, null, Rule.DEPLOYMENT_RESOURCES.id(), "'" + name
                        + "' is neither a procedure model (.bpmn) nor a Camunda Form (.form); a deployment holds "
                        + "nothing else (no DMN, CMMN, scripts, HTML forms or other files)"));
            }
        }
        if (wholeContract) {
            violations.addAll(forms.violations());
        }
        return violations;
    }

    /** The names the engine's BPMN deployer reads as models. */
    static boolean isModel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
    }

    static boolean isForm(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".form");
    }
}
