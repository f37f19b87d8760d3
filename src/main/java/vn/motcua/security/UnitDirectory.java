package vn.motcua.security;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The units (đơn vị) the organisation has, as its {@code <unit>:<role>} groups say: a unit
 * exists when it has a clerks' group; its name is that group's name up to " — ".
 */
@Component
public class UnitDirectory {

    private final IdentityService identityService;
    private final SystemAuthority system;

    public UnitDirectory(IdentityService identityService, SystemAuthority system) {
        this.identityService = identityService;
        this.system = system;
    }

    public boolean exists(String unit) {
        return clerks(unit).isPresent();
    }

    /** The unit's display name, e.g. "UBND xã A / People's Committee of Commune A". */
    public String name(String unit) {
        return clerks(unit).map(Group::getName)
                .map(name -> name.contains(" — ") ? name.substring(0, name.indexOf(" — ")) : name)
                .filter(name -> !name.isBlank())
                .orElse(unit);
    }

    /** Whether the user belongs to the unit in one of the roles. */
    public boolean isMember(String userId, String unit, Role... roles) {
        return system.call(() -> {
            for (Role role : roles) {
                if (identityService.createUserQuery().userId(userId)
                        .memberOfGroup(new UnitRole(unit, role).groupId()).count() > 0) {
                    return true;
                }
            }
            return false;
        });
    }

    private Optional<Group> clerks(String unit) {
        if (unit == null || !UnitRole.UNIT_ID.matcher(unit).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(system.call(() -> identityService.createGroupQuery()
                .groupId(new UnitRole(unit, Role.CLERK).groupId()).singleResult()));
    }
}
