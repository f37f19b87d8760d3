package vn.motcua.security;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every configured unit its four Camunda groups {@code <unit>:<role>} at every start, named
 * after the unit ("Sở Công Thương / Department of Industry and Trade — Specialist"), so that an
 * administrator only adds members in Camunda Admin. Idempotent and safe on several nodes at once;
 * a renamed unit's groups are renamed. Groups of units no longer configured are left as they are.
 */
@Component
@Order(5)
class OrganisationGroups implements ApplicationRunner {

    static final Map<Role, String> ROLE_NAMES = Map.of(Role.CLERK, "One-stop clerk", Role.SPECIALIST, "Specialist",
            Role.LEADER, "Leader", Role.RECORDS, "Records clerk");
    static final String TYPE = "unit-role";

    private static final Logger log = LoggerFactory.getLogger(OrganisationGroups.class);

    private final UnitDirectory units;
    private final IdentityService identityService;

    OrganisationGroups(UnitDirectory units, IdentityService identityService) {
        this.units = units;
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (Unit unit : units.all()) {
            for (Role role : Role.values()) {
                if (ensure(new UnitRole(unit.id(), role).groupId(), unit.label() + " — " + ROLE_NAMES.get(role))) {
                    created++;
                }
            }
        }
        if (units.all().isEmpty()) {
            log.warn("No units are configured (motcua.organisation.units): no record can be submitted; see docs/organisation.md");
        } else {
            log.info("Organisation: {} units {}, {} group(s) created", units.all().size(),
                    units.all().stream().map(Unit::id).toList(), created);
        }
    }

    private boolean ensure(String id, String name) {
        Group group = identityService.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            try {
                Group created = identityService.newGroup(id);
                created.setName(name);
                created.setType(TYPE);
                identityService.saveGroup(created);
                return true;
            } catch (RuntimeException anotherNodeWasFaster) {
                if (identityService.createGroupQuery().groupId(id).count() == 0) {
                    throw anotherNodeWasFaster;
                }
                return false;
            }
        }
        if (!name.equals(group.getName())) {
            group.setName(name);
            try {
                identityService.saveGroup(group);
            } catch (RuntimeException anotherNodeRenamedIt) { // the same name, from the same settings
                log.debug("Group {} renamed elsewhere meanwhile: {}", id, anotherNodeRenamedIt.getMessage());
            }
        }
        return false;
    }
}
