package vn.motcua.procedure;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitDirectory;

/**
 * The catalogue of procedures (danh mục thủ tục hành chính) the product runs: for each process
 * key deployed from the file system ({@link ProcedureDeployer#SOURCE}), the latest such version,
 * described by the extension properties of its BPMN model. Deployments made by hand (Cockpit,
 * REST) do not change the catalogue.
 *
 * <p>The catalogue is public: it reads the engine as the product itself ({@link SystemAuthority}),
 * not with the caller's Camunda authorizations, so anonymous callers and users without any grant see the same list. A summary
 * is cached per process definition id, which never changes once deployed; the cache holds only
 * immutable data, so several nodes may each keep their own.
 */
@Service
public class ProcedureCatalogue {

    private static final Logger log = LoggerFactory.getLogger(ProcedureCatalogue.class);

    private final RepositoryService repositoryService;
    private final SystemAuthority system;
    private final UnitDirectory units;
    private final Map<String, ProcedureSummary> byDefinitionId = new ConcurrentHashMap<>();

    public ProcedureCatalogue(RepositoryService repositoryService, SystemAuthority system, UnitDirectory units) {
        this.repositoryService = repositoryService;
        this.system = system;
        this.units = units;
    }

    /** Every procedure of the catalogue, ordered by catalogue code (procedures without a code last, by key). */
    public List<ProcedureSummary> all() {
        return system.call(() -> latestFromFileSystem().stream()
                .map(this::summary)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(ProcedureSummary::code, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(ProcedureSummary::processKey))
                .toList());
    }

    /** The procedure with this catalogue code ({@code procedure.code}, e.g. {@code 1.001193}). */
    public Optional<ProcedureSummary> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String wanted = code.strip();
        return all().stream().filter(procedure -> wanted.equals(procedure.code())).findFirst();
    }

    /** Per process key, the latest version among the definitions deployed from the file system, if not retired. */
    private List<ProcessDefinition> latestFromFileSystem() {
        Set<String> ourDeployments = repositoryService.createDeploymentQuery()
                .deploymentSource(ProcedureDeployer.SOURCE).list().stream()
                .map(Deployment::getId).collect(Collectors.toSet());
        if (ourDeployments.isEmpty()) {
            return List.of();
        }
        Map<String, ProcessDefinition> latest = new LinkedHashMap<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().list()) {
            if (ourDeployments.contains(definition.getDeploymentId())) {
                latest.merge(definition.getKey(), definition,
                        (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
            }
        }
        // a retired procedure (its file left processes/: latest version suspended) takes no new records
        return latest.values().stream().filter(definition -> !definition.isSuspended()).toList();
    }

    /** Cached per definition id; a definition deleted meanwhile (or unreadable) is left out, not an error. */
    private Optional<ProcedureSummary> summary(ProcessDefinition definition) {
        try {
            return Optional.of(byDefinitionId.computeIfAbsent(definition.getId(), id -> competent(summarise(definition))));
        } catch (RuntimeException e) {
            log.warn("Procedure {} version {} left out of the catalogue: {}", definition.getKey(),
                    definition.getVersion(), e.getMessage());
            return Optional.empty();
        }
    }

    /** With the organisation's units that receive it; none is worth a warning (a unit id mistyped in the model?). */
    private ProcedureSummary competent(ProcedureSummary summary) {
        ProcedureSummary competent = summary.withCompetentUnits(units);
        if (competent.competentUnits().isEmpty()) {
            log.warn("Procedure {} ({}): no unit receives it, it is for {}", summary.code(), summary.processKey(),
                    competent.competence());
        }
        return competent;
    }

    private ProcedureSummary summarise(ProcessDefinition definition) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        Process process = model == null ? null : model.getModelElementById(definition.getKey());
        if (process == null) {
            return ProcedureSummary.of(definition.getKey(), definition.getVersion(), definition.getName(),
                    definition.getDescription(), Map.of());
        }
        return ProcedureSummary.of(definition.getKey(), definition.getVersion(), process.getName(),
                documentation(process), ModelProperties.of(process));
    }

    private static String documentation(Process process) {
        return process.getDocumentations().stream()
                .map(Documentation::getTextContent)
                .filter(text -> text != null && !text.isBlank())
                .map(String::strip)
                .findFirst().orElse(null);
    }
}
