package vn.motcua.procedure;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import vn.motcua.procedure.conformance.Violation;
import vn.motcua.security.SystemGroups;

/**
 * The model gate inside the engine's deployment: a deployer that runs before the engine's own
 * (BPMN, forms), in the deployment's transaction, so every door — engine-rest
 * {@code deployment/create} (Camunda Modeler's <em>Deploy</em>), Cockpit, the Java API, the
 * file-system deployment — passes it, and a refusal rolls the whole deployment back.
 *
 * <ul>
 * <li>A deployment made for a user (an engine authentication is set) is allowed to analysts and
 * administrators only, and held to the whole conformance contract plus the code rules
 * ({@link ModelGate}).</li>
 * <li>One without a user is the product's own code (start-up deployment of {@code processes/},
 * which checked the contract itself; tests): held to the code rules.</li>
 * </ul>
 */
final class DeploymentGate implements Deployer {

    private final ModelGate gate;

    DeploymentGate(ModelGate gate) {
        this.gate = gate;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // the deployment cache re-reads a deployment that passed when it was made
        }
        CommandContext commandContext = Context.getCommandContext();
        Authentication user = commandContext.getAuthentication();
        boolean forAUser = user != null && user.getUserId() != null;
        if (forAUser && !mayDeploy(commandContext, user)) {
            throw new AuthorizationException("'" + user.getUserId() + "' may not deploy models: only analysts ("
                    + SystemGroups.ANALYSTS + ") and administrators deploy procedures");
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        Map<String, ResourceEntity> entities = deployment.getResources();
        if (entities != null) {
            entities.values().forEach(resource -> resources.put(resource.getName(), resource.getBytes()));
        }
        List<Violation> violations = new java.util.ArrayList<>(gate.check(resources, forAUser));
        if (forAUser && SystemModels.SOURCE.equals(deployment.getSource())) {
            violations.add(new Violation(deployment.getName(), null, vn.motcua.procedure.conformance.Rule.RESERVED_KEY.id(),
                    "deployment source '" + SystemModels.SOURCE + "' is reserved for the product's own processes"));
        }
        if (!violations.isEmpty()) {
            throw new ModelRefusedException(violations);
        }
    }

    private static boolean mayDeploy(CommandContext commandContext, Authentication user) {
        ProcessEngineConfigurationImpl configuration = commandContext.getProcessEngineConfiguration();
        if (configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(user.getUserId())) {
            return true;
        }
        Set<String> allowed = new HashSet<>(Set.of(SystemGroups.ANALYSTS, SystemGroups.ADMINS));
        if (configuration.getAdminGroups() != null) {
            allowed.addAll(configuration.getAdminGroups());
        }
        List<String> groups = user.getGroupIds();
        if (groups == null) {
            // an authentication set with a user id only: ask the identity service, as the caller's rights do not matter
            groups = commandContext.runWithoutAuthorization(() -> commandContext.getReadOnlyIdentityProvider()
                    .createGroupQuery().groupMember(user.getUserId()).list().stream().map(Group::getId).toList());
        }
        return groups.stream().anyMatch(allowed::contains);
    }
}
