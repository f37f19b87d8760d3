package vn.motcua.lookup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import vn.motcua.security.SystemAuthority;

/**
 * Actuator health {@code registries}: the lookups that gave up (incidents after the last retry).
 * Any such incident makes the status {@code DEGRADED} — the product still serves, but records wait
 * on a registry; the details list each incident's record, activity and error so an operator can
 * fix the cause and retry it in Cockpit.
 */
@Component("registries")
class RegistryHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "registry lookups have incidents; see Cockpit");

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final RegistryProperties properties;
    private final SystemAuthority system;
    /** Whether an activity of a process definition is a lookup, by "definition id/activity id". */
    private final Map<String, Boolean> lookupActivities = new java.util.concurrent.ConcurrentHashMap<>();

    RegistryHealth(RuntimeService runtime, RepositoryService repository, RegistryProperties properties, SystemAuthority system) {
        this.runtime = runtime;
        this.repository = repository;
        this.properties = properties;
        this.system = system;
    }

    @Override
    public Health health() {
        List<Map<String, Object>> incidents = system.call(() -> runtime.createIncidentQuery()
                .incidentType(Incident.FAILED_JOB_HANDLER_TYPE).list().stream()
                .filter(this::atLookup)
                .map(this::describe)
                .toList());
        Health.Builder health = incidents.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("lookupIncidents", incidents.size()).withDetail("incidents", incidents)
                .withDetail("registries", properties.baseUrls()).build();
    }

    private boolean atLookup(Incident incident) {
        return lookupActivities.computeIfAbsent(incident.getProcessDefinitionId() + "/" + incident.getActivityId(),
                k -> repository.getBpmnModelInstance(incident.getProcessDefinitionId())
                        .getModelElementById(incident.getActivityId()) instanceof ServiceTask task
                        && "${lookup}".equals(task.getCamundaDelegateExpression()));
    }

    private Map<String, Object> describe(Incident incident) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("processInstanceId", incident.getProcessInstanceId());
        detail.put("record", runtime.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId())
                .list().stream().findFirst().map(p -> p.getBusinessKey()).orElse(null));
        detail.put("activityId", incident.getActivityId());
        detail.put("since", incident.getIncidentTimestamp().toInstant().toString());
        detail.put("message", incident.getIncidentMessage());
        return detail;
    }
}
