package vn.motcua.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ApplicationForm;
import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.procedure.SystemVariables;
import vn.motcua.security.UnitDirectory;

/**
 * Puts {@link VariableOwnership} in front of every engine command a user sends — engine-rest,
 * Tasklist and Cockpit (whose REST APIs run as the logged-in user) and the Java API with a user's
 * authentication — as a pre-command interceptor, before the transaction starts. What the product's
 * own code runs is not checked: it runs without a user (jobs, and {@code SystemAuthority} for the
 * records API acting on a user's behalf) or inside a command already running (listeners,
 * delegates: a nested command).
 */
@Component
class VariableOwnershipPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<UnitDirectory> units;
    private final ObjectProvider<ProcedureIntake> intakes;

    VariableOwnershipPlugin(ObjectProvider<UnitDirectory> units, ObjectProvider<ProcedureIntake> intakes) {
        this.units = units;
        this.intakes = intakes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Guard guard = new Guard(configuration);
        List<CommandInterceptor> txRequired = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        txRequired.add(0, guard);
        configuration.setCustomPreCommandInterceptorsTxRequired(txRequired);
        List<CommandInterceptor> txRequiresNew = configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequiresNew());
        txRequiresNew.add(0, new Guard(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(txRequiresNew);
    }

    private final class Guard extends CommandInterceptor {
        private final ProcessEngineConfigurationImpl configuration;
        private final VariableOwnership ownership;

        Guard(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
            this.ownership = new VariableOwnership(new EngineFacts(configuration));
        }

        @Override
        public <T> T execute(Command<T> command) {
            // a nested command is the product's code (a listener, a delegate) inside one already checked
            if (Context.getCommandContext() == null) {
                IdentityService identity = configuration.getIdentityService();
                Authentication user = identity == null ? null : identity.getCurrentAuthentication();
                if (user != null && user.getUserId() != null) {
                    UserCommand asked = UserCommand.of(command);
                    if (!(asked instanceof UserCommand.Nothing)) {
                        asSystem(identity, user, () -> {
                            ownership.check(asked);
                            return null;
                        });
                    }
                }
            }
            return next.execute(command);
        }
    }

    /** Runs the check's own reads without the user's authorization checks, then hands the user back. */
    private static <T> T asSystem(IdentityService identity, Authentication user, Supplier<T> work) {
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            identity.setAuthentication(user);
        }
    }

    /** The engine's facts the rules need; forms and models are cached per process definition (immutable). */
    private final class EngineFacts implements VariableOwnership.Engine {
        private final ProcessEngineConfigurationImpl configuration;
        private final Map<String, Optional<ApplicationForm>> taskForms = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> modelOwned = new ConcurrentHashMap<>();

        EngineFacts(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public Optional<VariableOwnership.TaskFacts> task(String taskId) {
            if (taskId == null) {
                return Optional.empty();
            }
            Task task = configuration.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys()
                    .singleResult();
            if (task == null) {
                return Optional.empty();
            }
            String definitionId = task.getProcessDefinitionId();
            Optional<ApplicationForm> form = definitionId == null ? Optional.empty()
                    : taskForms.computeIfAbsent(definitionId + "#" + task.getTaskDefinitionKey(),
                            key -> taskForm(task));
            Set<String> owned = definitionId == null ? Set.of()
                    : modelOwned.computeIfAbsent(definitionId, id -> SystemVariables
                            .ofModel(configuration.getRepositoryService().getBpmnModelInstance(id)));
            return Optional.of(new VariableOwnership.TaskFacts(task.getName() == null ? taskId : task.getName(), form,
                    owned, name -> current(taskId, name)));
        }

        private Optional<ApplicationForm> taskForm(Task task) {
            if (task.getCamundaFormRef() == null && task.getFormKey() == null) {
                return Optional.empty();
            }
            try (InputStream in = configuration.getFormService().getDeployedTaskForm(task.getId())) {
                return Optional.of(ApplicationForm.parse(in.readAllBytes()));
            } catch (ProcessEngineException | IOException | IllegalArgumentException notACamundaForm) {
                // an embedded or generated form of a foreign model: no fields to allow
                return Optional.empty();
            }
        }

        private Object current(String taskId, String name) {
            try {
                return configuration.getTaskService().getVariable(taskId, name);
            } catch (ProcessEngineException unreadable) {
                return new UserCommand.Opaque("unreadable");
            }
        }

        @Override
        public Optional<String> processKey(String definitionId, String definitionKey) {
            return Optional.ofNullable(definition(definitionId, definitionKey)).map(ProcessDefinition::getKey);
        }

        @Override
        public Optional<ApplicationForm> startForm(String definitionId, String definitionKey) {
            ProcessDefinition definition = definition(definitionId, definitionKey);
            return definition == null ? Optional.empty() : intakes.getObject().ofDefinition(definition.getId()).form();
        }

        private ProcessDefinition definition(String definitionId, String definitionKey) {
            var query = configuration.getRepositoryService().createProcessDefinitionQuery();
            if (definitionId != null) {
                query.processDefinitionId(definitionId);
            } else if (definitionKey != null) {
                query.processDefinitionKey(definitionKey).latestVersion();
            } else {
                return null;
            }
            List<ProcessDefinition> found = query.list();
            return found.size() == 1 ? found.get(0) : null;
        }

        @Override
        public boolean unitExists(String unit) {
            return units.getObject().exists(unit);
        }
    }
}
