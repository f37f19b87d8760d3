package vn.motcua.procedure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import vn.motcua.procedure.DeploymentReport.DeployedProcedure;
import vn.motcua.procedure.DeploymentReport.RefusedFile;
import vn.motcua.procedure.conformance.ConformanceChecker;
import vn.motcua.procedure.conformance.FormFile;
import vn.motcua.procedure.conformance.FormSet;
import vn.motcua.procedure.conformance.ModelFile;
import vn.motcua.procedure.conformance.ModelReport;
import vn.motcua.procedure.conformance.ProcedureFiles;
import vn.motcua.procedure.conformance.Violation;

/**
 * Deploys the procedures from the file system. Each model that passes the conformance check is
 * deployed in a deployment of its own (named after the file) together with the forms it
 * references, with Camunda's duplicate filtering: an unchanged model and forms make no new
 * version, a change to either makes one, and running records keep the version they started on
 * (forms are bound with {@code camunda:formRefBinding="deployment"}). A refused model leaves
 * whatever was deployed before untouched; the other models still deploy.
 *
 * <p>A procedure whose file has left {@code processes/} is <em>retired</em>: its definitions are
 * suspended, so no new record can start (the catalogue leaves it out), while its job definitions
 * stay active, so running records finish on their version. Its file coming back activates it.
 */
@Service
public class ProcedureDeployer {

    /** Marks our deployments apart from any made by hand in Cockpit or over REST. */
    static final String SOURCE = "motcua:file-system";

    private static final Logger log = LoggerFactory.getLogger(ProcedureDeployer.class);

    private final ProcedureProperties properties;
    private final ConformanceChecker checker = new ConformanceChecker();

    public ProcedureDeployer(ProcedureProperties properties) {
        this.properties = properties;
    }

    public DeploymentReport deploy(RepositoryService repositoryService, ManagementService managementService) {
        FormSet forms;
        List<ModelFile> models;
        try {
            forms = ProcedureFiles.readForms(properties.formsDir());
            models = java.nio.file.Files.isDirectory(properties.processesDir())
                    ? ProcedureFiles.readModels(properties.processesDir())
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties.processesDir() + " or "
                    + properties.formsDir(), e);
        }
        List<DeployedProcedure> deployed = new ArrayList<>();
        Set<String> keysInFiles = new HashSet<>();
        boolean everyKeyKnown = true;
        Map<String, List<Violation>> refused = new TreeMap<>();
        for (Violation violation : forms.violations()) {
            refused.computeIfAbsent(violation.file(), f -> new ArrayList<>()).add(violation);
        }
        for (ModelFile model : models) {
            ModelReport report = checker.check(model, forms);
            if (report.processKey() == null) {
                everyKeyKnown = false;
            } else {
                keysInFiles.add(report.processKey());
            }
            if (!report.conforms()) {
                refused.put(model.name(), report.violations());
                continue;
            }
            try {
                deployed.add(deployOne(repositoryService, model, report, forms));
            } catch (ModelRefusedException e) {
                // the engine's gate (DeploymentGate) refused what this check let through, e.g. a forms mismatch
                refused.put(model.name(), e.violations());
            } catch (ParseException e) {
                refused.put(model.name(), engineProblems(model.name(), e));
            }
        }
        List<String> retired = List.of();
        if (everyKeyKnown) {
            retired = retireRemoved(repositoryService, managementService, keysInFiles);
        } else {
            // an unreadable file may be a procedure's own: retire nothing rather than the wrong one
            log.warn("A model in {} could not be read: no procedure is retired in this pass",
                    properties.processesDir());
        }
        DeploymentReport result = new DeploymentReport(deployed,
                refused.entrySet().stream().map(e -> new RefusedFile(e.getKey(), e.getValue())).toList(), retired);
        logReport(result);
        return result;
    }

    private DeployedProcedure deployOne(RepositoryService repositoryService, ModelFile model, ModelReport report,
            FormSet forms) {
        DeploymentBuilder builder = repositoryService.createDeployment()
                .name(deploymentName(model))
                .source(SOURCE)
                .enableDuplicateFiltering(false)
                .addInputStream(model.name(), new ByteArrayInputStream(model.content()));
        List<String> formFiles = new ArrayList<>();
        for (String formId : new java.util.TreeSet<>(report.formIds())) {
            FormFile form = forms.byId().get(formId);
            builder.addInputStream(form.name(), new ByteArrayInputStream(form.content()));
            formFiles.add(form.name());
        }
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        boolean newVersion = deployment.getDeployedProcessDefinitions() != null
                && !deployment.getDeployedProcessDefinitions().isEmpty();
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(report.processKey()).latestVersion().singleResult();
        return new DeployedProcedure(model.name(), report.processKey(), latest.getVersion(), latest.getId(),
                formFiles, newVersion);
    }

    /**
     * Suspends the file-system procedures whose key no file has any more (keeping their jobs
     * running) and activates those whose file is back. Idempotent; returns the keys retired now.
     */
    private static List<String> retireRemoved(RepositoryService repositoryService, ManagementService managementService,
            Set<String> keysInFiles) {
        Set<String> ours = new HashSet<>();
        repositoryService.createDeploymentQuery().deploymentSource(SOURCE).list()
                .forEach(deployment -> ours.add(deployment.getId()));
        List<String> retired = new ArrayList<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().list()) {
            if (!ours.contains(definition.getDeploymentId())) {
                continue;
            }
            boolean present = keysInFiles.contains(definition.getKey());
            if (!present && !definition.isSuspended()) {
                repositoryService.updateProcessDefinitionSuspensionState().byProcessDefinitionId(definition.getId())
                        .includeProcessInstances(false).suspend();
                // running records keep their timers and lookups
                managementService.updateJobDefinitionSuspensionState().byProcessDefinitionId(definition.getId())
                        .includeJobs(true).activate();
                if (!retired.contains(definition.getKey())) {
                    retired.add(definition.getKey());
                }
            } else if (present && definition.isSuspended()) {
                repositoryService.updateProcessDefinitionSuspensionState().byProcessDefinitionId(definition.getId())
                        .includeProcessInstances(false).activate();
            }
        }
        retired.forEach(key -> log.info("Procedure {} retired: its file left the processes folder; running "
                + "records finish, no new record starts", key));
        return retired;
    }

    private static String deploymentName(ModelFile model) {
        String name = model.name();
        return name.endsWith(".bpmn") ? name.substring(0, name.length() - ".bpmn".length()) : name;
    }

    /** The engine's own parser found what the conformance check does not look at (e.g. a bad expression). */
    private static List<Violation> engineProblems(String file, ParseException e) {
        List<Violation> violations = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (Problem problem : report.getErrors()) {
                violations.add(new Violation(file, problem.getMainElementId(), "engine-parse", problem.getMessage()));
            }
        }
        if (violations.isEmpty()) {
            violations.add(new Violation(file, null, "engine-parse", e.getMessage()));
        }
        return violations;
    }

    private static void logReport(DeploymentReport report) {
        for (DeployedProcedure p : report.deployed()) {
            log.info("Procedure {} ({}) version {}{}", p.processKey(), p.file(), p.version(),
                    p.newVersion() ? " deployed" : " unchanged");
        }
        for (RefusedFile refused : report.refused()) {
            refused.violations().forEach(v -> log.warn("Refused: {}", v));
        }
    }
}
