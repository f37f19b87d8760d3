package vn.motcua.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The units (đơn vị) the organisation has, as {@code motcua.organisation} configures them: the one
 * source of which units exist, their names, kinds, levels and parents. Checked when the application
 * starts (a unit of an unknown kind, an unknown parent or a loop stops the start with a message
 * naming the setting). Who works in a unit is Camunda's group membership ({@code <unit>:<role>}).
 */
@Component
public class UnitDirectory {

    private final Map<String, Unit> units;
    private final IdentityService identityService;
    private final SystemAuthority system;

    @Autowired
    public UnitDirectory(OrganisationProperties properties, IdentityService identityService, SystemAuthority system) {
        this.units = build(properties);
        this.identityService = identityService;
        this.system = system;
    }

    /** The organisation alone, without membership ({@link #isMember} is not available): for tools and tests. */
    public static UnitDirectory of(OrganisationProperties properties) {
        return new UnitDirectory(properties, null, null);
    }

    public boolean exists(String unit) {
        return unit != null && units.containsKey(unit);
    }

    public Optional<Unit> find(String unit) {
        return unit == null ? Optional.empty() : Optional.ofNullable(units.get(unit));
    }

    /** Every unit, top-down: each unit before the units below it, siblings as configured. */
    public List<Unit> all() {
        return List.copyOf(units.values());
    }

    /** The unit's name in Vietnamese, e.g. "Ủy ban nhân dân xã A"; the id for a unit the organisation lacks. */
    public String name(String unit) {
        return find(unit).map(Unit::name).orElse(unit);
    }

    /** Both names, e.g. "Ủy ban nhân dân xã A / People's Committee of Commune A"; the id for an unknown unit. */
    public String label(String unit) {
        return find(unit).map(Unit::label).orElse(unit);
    }

    /** The unit above; empty for the top and for a unit the organisation lacks. */
    public Optional<String> parent(String unit) {
        return find(unit).map(Unit::parent);
    }

    /** The units directly below, as configured. */
    public List<Unit> children(String unit) {
        return units.values().stream().filter(u -> unit != null && unit.equals(u.parent())).toList();
    }

    /** The unit and every unit below it, top-down; empty for a unit the organisation lacks. */
    public List<Unit> subtree(String unit) {
        List<Unit> result = new ArrayList<>();
        for (Unit candidate : units.values()) {
            if (isAtOrBelow(candidate.id(), unit)) {
                result.add(candidate);
            }
        }
        return result;
    }

    /** Whether {@code unit} is {@code ancestor} or below it. */
    public boolean isAtOrBelow(String unit, String ancestor) {
        for (Unit current = units.get(unit); current != null; current = units.get(current.parent())) {
            if (current.id().equals(ancestor)) {
                return true;
            }
            if (current.parent() == null) {
                break;
            }
        }
        return false;
    }

    /**
     * The governing body's name (cơ quan chủ quản) heading the unit's documents above its own: its
     * parent's name when its kind says so, else empty.
     */
    public Optional<String> governingBodyName(String unit) {
        return find(unit).filter(Unit::parentInHeading).map(Unit::parent).map(this::name);
    }

    /**
     * The units competent for a procedure: of its level (when it names one), among the units it names
     * (when it names any) and of the kinds it names (when it names any).
     */
    public List<Unit> competent(String level, Collection<String> unitIds, Collection<String> kinds) {
        return units.values().stream()
                .filter(u -> level == null || level.equals(u.level()))
                .filter(u -> unitIds == null || unitIds.isEmpty() || unitIds.contains(u.id()))
                .filter(u -> kinds == null || kinds.isEmpty() || kinds.contains(u.kind()))
                .toList();
    }

    /** Whether the user belongs to the unit in one of the roles. */
    public boolean isMember(String userId, String unit, Role... roles) {
        if (identityService == null) {
            throw new IllegalStateException("this unit directory knows no members");
        }
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

    // --- reading and checking the settings -------------------------------------------------------

    private static Map<String, Unit> build(OrganisationProperties properties) {
        Map<String, Unit> read = new LinkedHashMap<>();
        properties.units().forEach((id, settings) -> {
            String at = "motcua.organisation.units." + id;
            if (id == null || !UnitRole.UNIT_ID.matcher(id).matches()) {
                throw invalid(at, "a unit id has lower-case letters, digits and '-', starting with a letter or digit");
            }
            if (settings == null || blank(settings.name())) {
                throw invalid(at + ".name", "the unit's Vietnamese name is required");
            }
            if (blank(settings.kind())) {
                throw invalid(at + ".kind", "the unit's kind is required, one of " + properties.kinds().keySet());
            }
            String kindId = settings.kind().strip();
            OrganisationProperties.KindSettings kind = properties.kinds().get(kindId);
            if (kind == null) {
                throw invalid(at + ".kind", "unknown kind '" + kindId + "', not one of " + properties.kinds().keySet()
                        + " (motcua.organisation.kinds)");
            }
            if (blank(kind.level())) {
                throw invalid("motcua.organisation.kinds." + kindId + ".level", "the kind's level is required");
            }
            String parent = blank(settings.parent()) ? null : settings.parent().strip();
            read.put(id, new Unit(id, settings.name().strip(), blank(settings.nameEn()) ? null : settings.nameEn().strip(),
                    kindId, kind.level().strip(), parent, Boolean.TRUE.equals(kind.parentInHeading())));
        });
        for (Unit unit : read.values()) {
            String at = "motcua.organisation.units." + unit.id() + ".parent";
            if (unit.parent() == null) {
                continue;
            }
            if (!read.containsKey(unit.parent())) {
                throw invalid(at, "unknown parent unit '" + unit.parent() + "', not one of " + read.keySet());
            }
            List<String> path = new ArrayList<>(List.of(unit.id()));
            for (String p = unit.parent(); p != null; p = read.get(p).parent()) {
                if (path.contains(p)) {
                    path.add(p);
                    throw invalid(at, "the parents make a loop: " + String.join(" → ", path));
                }
                path.add(p);
            }
        }
        Map<String, Unit> topDown = new LinkedHashMap<>();
        read.values().stream().filter(u -> u.parent() == null).forEach(root -> addTopDown(root, read, topDown));
        return java.util.Collections.unmodifiableMap(topDown);
    }

    private static void addTopDown(Unit unit, Map<String, Unit> all, Map<String, Unit> into) {
        into.put(unit.id(), unit);
        all.values().stream().filter(u -> unit.id().equals(u.parent())).forEach(child -> addTopDown(child, all, into));
    }

    private static IllegalStateException invalid(String setting, String message) {
        return new IllegalStateException(setting + ": " + message);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
