package vn.motcua.demo.organisation;

import java.util.List;

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

import vn.motcua.security.Role;
import vn.motcua.security.SystemGroups;
import vn.motcua.security.Unit;
import vn.motcua.security.UnitDirectory;
import vn.motcua.security.UnitRole;

/**
 * The demo staff of the embedded default (profile {@code demo} only): four people in each demo unit
 * — the units themselves are configured in {@code application-demo.yaml} and get their groups from
 * the security feature's {@code OrganisationGroups} — plus an analyst, an admin and the portal's API
 * client, all with password {@value #PASSWORD}. A user id is {@code <role>-<suffix of the unit>}, e.g.
 * {@code clerk-a}. Created once; existing users are left as they are. Staff of a unit the
 * configuration lacks are skipped.
 */
@Component
@Profile("demo")
@Order(10)
public class DemoOrganisation implements ApplicationRunner {

    /** Every demo user's password. Public, as {@link #STAFF}, for {@code KeycloakRealmTest} (the realm file's test). */
    public static final String PASSWORD = "demo";

    /** A demo person: Camunda shows "first last", so the first name is the family and middle names. */
    public record Person(String id, String unit, Role role, String firstName, String lastName) {
    }

    /** The demo units' staff: four per unit; the id's suffix says the unit (p, xd, ct, a, b). */
    public static final List<Person> STAFF = List.of(
            new Person("clerk-p", "province", Role.CLERK, "Trần Thị", "Hạnh"),
            new Person("specialist-p", "province", Role.SPECIALIST, "Lê Văn", "Minh"),
            new Person("leader-p", "province", Role.LEADER, "Nguyễn Văn", "Hùng"),
            new Person("records-p", "province", Role.RECORDS, "Phạm Thị", "Thu"),
            new Person("clerk-xd", "dept-construction", Role.CLERK, "Đỗ Thị", "Mai"),
            new Person("specialist-xd", "dept-construction", Role.SPECIALIST, "Vũ Đức", "Thắng"),
            new Person("leader-xd", "dept-construction", Role.LEADER, "Hoàng Văn", "Long"),
            new Person("records-xd", "dept-construction", Role.RECORDS, "Bùi Thị", "Ngọc"),
            new Person("clerk-ct", "dept-industry-trade", Role.CLERK, "Ngô Thị Lan", "Anh"),
            new Person("specialist-ct", "dept-industry-trade", Role.SPECIALIST, "Đặng Quốc", "Bảo"),
            new Person("leader-ct", "dept-industry-trade", Role.LEADER, "Lý Thị Thanh", "Hương"),
            new Person("records-ct", "dept-industry-trade", Role.RECORDS, "Dương Văn", "Khánh"),
            new Person("clerk-a", "commune-a", Role.CLERK, "Nguyễn Thị", "Hoa"),
            new Person("specialist-a", "commune-a", Role.SPECIALIST, "Trần Văn", "Nam"),
            new Person("leader-a", "commune-a", Role.LEADER, "Lê Thị Thu", "Hà"),
            new Person("records-a", "commune-a", Role.RECORDS, "Phạm Văn", "Tùng"),
            new Person("clerk-b", "commune-b", Role.CLERK, "Hoàng Thị", "Yến"),
            new Person("specialist-b", "commune-b", Role.SPECIALIST, "Vũ Văn", "Hải"),
            new Person("leader-b", "commune-b", Role.LEADER, "Đinh Công", "Sơn"),
            new Person("records-b", "commune-b", Role.RECORDS, "Mai Thị", "Hồng"));

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    private final IdentityService identityService;
    private final UnitDirectory units;

    public DemoOrganisation(IdentityService identityService, UnitDirectory units) {
        this.identityService = identityService;
        this.units = units;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Person person : STAFF) {
            if (units.exists(person.unit())) {
                user(person.id(), person.firstName(), person.lastName(),
                        new UnitRole(person.unit(), person.role()).groupId());
            }
        }
        group(SystemGroups.ADMINS, "Camunda administrators", "SYSTEM");
        group(SystemGroups.ANALYSTS, "Process analysts", "WORKFLOW");
        group(SystemGroups.PORTAL_CLIENTS, "Public-service portal API clients", "WORKFLOW");
        group(SystemGroups.OPERATORS, "Operators' monitoring clients (Prometheus)", "SYSTEM");
        user("admin", "Quản trị", "hệ thống", SystemGroups.ADMINS);
        user("analyst", "Phân tích", "quy trình", SystemGroups.ANALYSTS);
        user("portal", "Cổng dịch vụ", "công", SystemGroups.PORTAL_CLIENTS);
        user("operator", "Giám sát", "vận hành", SystemGroups.OPERATORS);
        log.info("Demo staff ready in units {}, password '{}' for every demo user",
                units.all().stream().map(Unit::id).toList(), PASSWORD);
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
