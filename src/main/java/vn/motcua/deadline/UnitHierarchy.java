package vn.motcua.deadline;

import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.motcua.security.Role;
import vn.motcua.security.SystemGroups;
import vn.motcua.security.UnitDirectory;
import vn.motcua.security.UnitRole;
import vn.motcua.notice.NoticeProperties;

/**
 * Who is told when a unit's step is overdue, level by level: level 1 the unit's own leaders,
 * level 2 the leaders of its parent unit, and so on; above the top unit, the administrators.
 * Parents are the organisation's ({@code motcua.organisation.units.<id>.parent}, {@link UnitDirectory});
 * {@code motcua.notices.parents} may still override a unit's parent for escalation (deprecated).
 * A unit the organisation lacks reports straight to the administrators.
 */
@Component
public class UnitHierarchy {

    /** A configured parent that means "no parent unit: the administrators". */
    public static final String ADMINS_PARENT = "admins";

    private final UnitDirectory units;
    private final NoticeProperties properties;

    public UnitHierarchy(UnitDirectory units, NoticeProperties properties) {
        this.units = units;
        this.properties = properties;
    }

    /** The unit's parent unit; empty for the top (its escalations go to the administrators). */
    public Optional<String> parent(String unit) {
        String configured = properties.parents().get(unit);
        if (configured != null) {
            configured = configured.strip();
            return configured.isEmpty() || ADMINS_PARENT.equals(configured) || configured.equals(unit)
                    ? Optional.empty() : Optional.of(configured);
        }
        return units.parent(unit);
    }

    /**
     * The group notified at {@code level} (1, 2, …) about a step of {@code unit}: the leaders of
     * the unit {@code level - 1} steps up, or {@value SystemGroups#ADMINS} once past the top.
     */
    /** A notified group by name, Vietnamese then English: "Lãnh đạo Ủy ban nhân dân xã A" / "the leaders of …". */
    String[] groupName(String group) {
        Optional<UnitRole> unitRole = UnitRole.parse(group);
        if (unitRole.isPresent() && unitRole.get().role() == Role.LEADER && units.exists(unitRole.get().unit())) {
            vn.motcua.security.Unit unit = units.find(unitRole.get().unit()).orElseThrow();
            return new String[] {"Lãnh đạo " + unit.name(),
                    "the leaders of " + (unit.nameEn() == null || unit.nameEn().isBlank() ? unit.name() : unit.nameEn())};
        }
        if (SystemGroups.ADMINS.equals(group)) {
            return new String[] {"Quản trị hệ thống", "the administrators"};
        }
        return new String[] {group, group};
    }

    /** A unit by its name, Vietnamese then English when it has one ("Ủy ban nhân dân xã A / People's Committee of A"). */
    String unitName(String unitId) {
        return units.find(unitId).map(unit -> unit.nameEn() == null || unit.nameEn().isBlank() ? unit.name()
                : unit.name() + " / " + unit.nameEn()).orElse(unitId);
    }

    public String notifiedGroup(String unit, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("escalation levels start at 1, was " + level);
        }
        String current = unit;
        for (int up = 1; up < level; up++) {
            Optional<String> parent = parent(current);
            if (parent.isEmpty()) {
                return SystemGroups.ADMINS;
            }
            current = parent.get();
        }
        return new UnitRole(current, Role.LEADER).groupId();
    }
}
