package vn.motcua.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The product's own small processes (not procedures): a leader's escalation notice and the
 * late-record apology are user tasks with a Camunda Form in Tasklist, which a task needs a process
 * for. They ship inside the application ({@code classpath:system/}), are deployed at start-up
 * with their own deployment source — so the catalogue, the conformance check of {@code processes/}
 * and the retirement of removed procedures never see them — and are started by the product only:
 * their keys begin with {@link #KEY_PREFIX}, which no user may start nor deploy.
 */
@Component
public class SystemModels {

    /** The deployment source of the product's own processes. */
    public static final String SOURCE = "motcua-system";
    /** Every system process key begins with it. */
    public static final String KEY_PREFIX = "motcua-system-";

    private static final Logger log = LoggerFactory.getLogger(SystemModels.class);

    private final Map<String, String> definitionIds = new ConcurrentHashMap<>();
    private RepositoryService repositoryService;

    /** Whether a process key is one of the product's own processes (reserved: no user starts or deploys one). */
    public static boolean isSystemKey(String processKey) {
        return processKey != null && processKey.startsWith(KEY_PREFIX);
    }

    /** Whether the task is a user task of the system process {@code processKey} (its model's parent process). */
    public static boolean isTaskOf(org.camunda.bpm.engine.delegate.DelegateTask task, String processKey) {
        return task.getBpmnModelElementInstance() != null
                && task.getBpmnModelElementInstance().getParentElement()
                        instanceof org.camunda.bpm.model.bpmn.instance.Process process
                && processKey.equals(process.getId());
    }

    /** Deploys {@code classpath:system/} as one deployment; unchanged files make no new version. */
    void deploy(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources("classpath*:system/*.*");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the system models", e);
        }
        DeploymentBuilder builder = repositoryService.createDeployment().name(SOURCE).source(SOURCE)
                .enableDuplicateFiltering(false);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                builder.addInputStream(resource.getFilename(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the system model " + resource.getFilename(), e);
            }
        }
        Deployment deployment = builder.deploy();
        definitionIds.clear();
        log.info("System processes deployed (deployment {})", deployment.getId());
    }

    /**
     * The definition to start for a system process: the latest version deployed by the product
     * (a same-keyed definition from anywhere else is never used).
     */
    public String definitionId(String processKey) {
        if (!isSystemKey(processKey)) {
            throw new IllegalArgumentException(processKey + " is not a system process");
        }
        return definitionIds.computeIfAbsent(processKey, key -> {
            java.util.Set<String> ours = new java.util.HashSet<>();
            repositoryService.createDeploymentQuery().deploymentSource(SOURCE).list()
                    .forEach(deployment -> ours.add(deployment.getId()));
            return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
                    .filter(definition -> ours.contains(definition.getDeploymentId()))
                    .max(Comparator.comparingInt(ProcessDefinition::getVersion))
                    .map(ProcessDefinition::getId)
                    .orElseThrow(() -> new IllegalStateException("the system process " + key + " is not deployed"));
        });
    }
}
