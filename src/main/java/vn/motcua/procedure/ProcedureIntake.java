package vn.motcua.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import vn.motcua.lookup.LookupSpec;
import vn.motcua.lookup.Registry;
import vn.motcua.security.SystemAuthority;

/**
 * What a procedure asks of an applicant at submission, read from its deployed model: the
 * application form (the start event's Camunda Form, {@code camunda:formRef}) and whether the
 * applicant is looked up in the population registry by {@value #APPLICANT_PERSONAL_ID} — then the
 * registry, not the applicant, gives the applicant's name (declare once). Cached per process
 * definition, which never changes once deployed.
 */
@Service
public class ProcedureIntake {

    /** The variable holding the applicant's personal ID (the records API's {@code applicant.personalId}). */
    public static final String APPLICANT_PERSONAL_ID = "applicantPersonalId";

    private static final Logger log = LoggerFactory.getLogger(ProcedureIntake.class);

    /**
     * @param form                 the application form; empty when the start event has none
     * @param applicantNameLookedUp the variable a population lookup keyed on the applicant's personal ID
     *                             writes the registry's full name to ({@code <prefix>FullName}, e.g.
     *                             {@code applicantFullName}); empty when the applicant is not looked up
     */
    public record Intake(Optional<ApplicationForm> form, Optional<String> applicantNameLookedUp) {
    }

    private final RepositoryService repositoryService;
    private final FormService formService;
    private final SystemAuthority system;
    private final Map<String, Intake> byDefinitionId = new ConcurrentHashMap<>();

    public ProcedureIntake(RepositoryService repositoryService, FormService formService, SystemAuthority system) {
        this.repositoryService = repositoryService;
        this.formService = formService;
        this.system = system;
    }

    /** The intake of the procedure's catalogue version (the one records are started with). */
    public Intake of(ProcedureSummary procedure) {
        return system.call(() -> {
            ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(procedure.processKey()).processDefinitionVersion(procedure.version())
                    .singleResult();
            return definition == null ? new Intake(Optional.empty(), Optional.empty())
                    : byDefinitionId.computeIfAbsent(definition.getId(), id -> read(definition));
        });
    }

    /** The intake of a process definition (e.g. a running record's own version). */
    public Intake ofDefinition(String processDefinitionId) {
        return system.call(() -> byDefinitionId.computeIfAbsent(processDefinitionId,
                id -> read(repositoryService.getProcessDefinition(id))));
    }

    private Intake read(ProcessDefinition definition) {
        return new Intake(form(definition), applicantNameLookedUp(definition));
    }

    private Optional<ApplicationForm> form(ProcessDefinition definition) {
        try (InputStream in = formService.getDeployedStartForm(definition.getId())) {
            return Optional.of(ApplicationForm.parse(in.readAllBytes()));
        } catch (org.camunda.bpm.engine.BadUserRequestException e) {
            return Optional.empty(); // no start form: nothing to check against
        } catch (ProcessEngineException | IOException | IllegalArgumentException e) {
            log.warn("Procedure {} version {}: its application form cannot be read, submissions are not checked "
                    + "against it: {}", definition.getKey(), definition.getVersion(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<String> applicantNameLookedUp(ProcessDefinition definition) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        if (model == null) {
            return Optional.empty();
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"${lookup}".equals(task.getCamundaDelegateExpression())) {
                continue;
            }
            try {
                LookupSpec spec = LookupSpec.of(task, task.getId());
                if (spec.type().registry() == Registry.POPULATION
                        && APPLICANT_PERSONAL_ID.equals(spec.keyVariables().get("personalId"))) {
                    return Optional.of(spec.variable("FullName"));
                }
            } catch (IllegalStateException e) {
                // a malformed lookup: the conformance check refuses it; it looks nobody up
            }
        }
        return Optional.empty();
    }
}
