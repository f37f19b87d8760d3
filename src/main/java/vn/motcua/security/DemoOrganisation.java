package vn.motcua.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo organisation of the embedded default (profile {@code demo} only): three units, four
 * staff per unit, an analyst, an admin and the portal's API client, all with password
 * {@value #PASSWORD}. Created once; existing users are left as they are.
 */
@Component
@Profile("demo")
@Order(10)
public class DemoOrganisation implements ApplicationRunner {

    static final String PASSWORD = "demo";

    /** Unit id → (suffix of its users, display name). */
    static final Map<String, String[]> UNITS = Map.of(
            "province", new String[] {"p", "Sở Xây dựng tỉnh / Provincial Department of Construction"},
            "commune-a", new String[] {"a", "UBND xã A / People's Committee of Commune A"},
            "commune-b", new String[] {"b", "UBND xã B / People's Committee of Commune B"});

    private static final Map<Role, String[]> ROLE_NAMES = Map.of(
            Role.CLERK, new String[] {"Cán bộ một cửa", "One-stop clerk"},
            Role.SPECIALIST, new String[] {"Chuyên viên", "Specialist"},
            Role.LEADER, new String[] {"Lãnh đạo", "Leader"},
            Role.RECORDS, new String[] {"Văn thư", "Records clerk"});

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    private final IdentityService identityService;

    public DemoOrganisation(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        UNITS.forEach((unit, about) -> {
            for (Role role : Role.values()) {
                UnitRole unitRole = new UnitRole(unit, role);
                group(unitRole.groupId(), about[1] + " — " + ROLE_NAMES.get(role)[1], "unit-role");
                String userId = role.id() + "-" + about[0];
                user(userId, ROLE_NAMES.get(role)[0], unit, unitRole.groupId());
            }
        });
        group(SystemGroups.ADMINS, "Camunda administrators", "SYSTEM");
        group(SystemGroups.ANALYSTS, "Process analysts", "WORKFLOW");
        group(SystemGroups.PORTAL_CLIENTS, "Public-service portal API clients", "WORKFLOW");
        user("admin", "Quản trị", "system", SystemGroups.ADMINS);
        user("analyst", "Phân tích quy trình", "system", SystemGroups.ANALYSTS);
        user("portal", "Cổng dịch vụ công", "portal", SystemGroups.PORTAL_CLIENTS);
        log.info("Demo organisation ready: units {}, password '{}' for every demo user", List.copyOf(UNITS.keySet()),
                PASSWORD);
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
    }

    private void user(String id, String firstName, String lastName, String groupId) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(id + "@demo.motcua.vn");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(id, groupId);
        }
    }
}
