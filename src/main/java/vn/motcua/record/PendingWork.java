package vn.motcua.record;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

import vn.motcua.security.SystemAuthority;

/**
 * The record's work the engine still has to do in jobs of its own — the registry lookups, the number and
 * seal — for the record page: a records clerk who completed issuing sees that the seal is on its way (or
 * failing, and why) instead of a page without it. Timers (deadlines, escalation) are not work in progress.
 */
@Component
class PendingWork {

    /**
     * A job of the record's process: the model's element, how many tries are left, the last failure, and its
     * state: {@code queued}, {@code retrying} after a failure, or {@code stuck} until an administrator retries
     * it (an incident).
     */
    record Item(String name, int retriesLeft, String error, String state) {

        static Item of(String name, int retriesLeft, String error) {
            return new Item(name, retriesLeft, error, retriesLeft == 0 ? "stuck" : error != null ? "retrying" : "queued");
        }
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;
    private final SystemAuthority system;

    PendingWork(RuntimeService runtime, ManagementService management, RepositoryService repository,
            SystemAuthority system) {
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
        this.system = system;
    }

    List<Item> of(String code) {
        return system.call(() -> {
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult();
            if (instance == null) {
                return List.of();
            }
            List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().list();
            if (jobs.isEmpty()) {
                return List.of();
            }
            Map<String, String> activities = management.createJobDefinitionQuery()
                    .processDefinitionId(instance.getProcessDefinitionId()).list().stream()
                    .collect(Collectors.toMap(JobDefinition::getId, JobDefinition::getActivityId, (a, b) -> a));
            var model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
            return jobs.stream().map(job -> {
                String activity = activities.get(job.getJobDefinitionId());
                FlowElement element = activity == null ? null : model.getModelElementById(activity);
                String name = element != null && element.getName() != null ? element.getName()
                        : Objects.requireNonNullElse(activity, "?");
                return Item.of(name, job.getRetries(), job.getExceptionMessage());
            }).toList();
        });
    }
}
