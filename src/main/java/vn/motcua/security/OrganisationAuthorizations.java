package vn.motcua.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives each kind of group the Camunda permissions its members need, at every start (idempotent,
 * safe on several nodes). Groups created later in Camunda Admin get theirs at the next start.
 *
 * <p>Unit roles get no global task permission: they see a task only through the engine's own
 * grant to its candidate group, which is what keeps commune A's work away from commune B. The
 * same holds for history: historic instance permissions are on ({@code application.yaml}), so a
 * task without a process definition (an apology, an escalation notice) is in a user's history
 * only through the engine's HISTORIC_TASK grant to its candidate group, never for everyone.
 */
@Component
@Order(20)
public class OrganisationAuthorizations implements ApplicationRunner {

    private final IdentityService identityService;
    private final Grants grants;

    public OrganisationAuthorizations(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.grants = new Grants(authorizationService);
    }

    @Override
    public void run(ApplicationArguments args) {
        apply();
    }

    public void apply() {
        for (Group group : identityService.createGroupQuery().list()) {
            String groupId = group.getId();
            switch (groupId) {
                case SystemGroups.ADMINS -> grantAdmins();
                case SystemGroups.ANALYSTS -> grantAnalysts();
                case SystemGroups.PORTAL_CLIENTS -> grantPortal();
                default -> UnitRole.parse(groupId).ifPresent(this::grantUnitRole);
            }
        }
    }

    private void grantAdmins() {
        for (Resources resource : Resources.values()) {
            grants.toGroup(SystemGroups.ADMINS, resource, ANY, ALL);
        }
    }

    private void grantAnalysts() {
        String group = SystemGroups.ANALYSTS;
        grants.toGroup(group, APPLICATION, "cockpit", ACCESS);
        grants.toGroup(group, DEPLOYMENT, ANY, ALL);
        grants.toGroup(group, PROCESS_DEFINITION, ANY, ALL);
        grants.toGroup(group, PROCESS_INSTANCE, ANY, ALL);
        grants.toGroup(group, DECISION_DEFINITION, ANY, ALL);
        grants.toGroup(group, DECISION_REQUIREMENTS_DEFINITION, ANY, ALL);
        grants.toGroup(group, TASK, ANY, READ);
        // History of every record, standalone tasks (apologies, escalation notices) included: with
        // historic instance permissions on, those are visible only through HISTORIC_TASK grants.
        grants.toGroup(group, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
        grants.toGroup(group, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    }

    private void grantPortal() {
        String group = SystemGroups.PORTAL_CLIENTS;
        grants.toGroup(group, PROCESS_DEFINITION, ANY, READ, CREATE_INSTANCE);
        grants.toGroup(group, PROCESS_INSTANCE, ANY, CREATE);
    }

    private void grantUnitRole(UnitRole unitRole) {
        String group = unitRole.groupId();
        grants.toGroup(group, APPLICATION, "tasklist", ACCESS);
        // Tasklist shows procedure names and renders their forms.
        grants.toGroup(group, PROCESS_DEFINITION, ANY, READ);
        grants.toGroup(group, DEPLOYMENT, ANY, READ);
        if (unitRole.role() == Role.CLERK) {
            // One-stop clerks open records received at the counter.
            grants.toGroup(group, PROCESS_DEFINITION, ANY, CREATE_INSTANCE);
            grants.toGroup(group, PROCESS_INSTANCE, ANY, CREATE);
        }
    }
}
