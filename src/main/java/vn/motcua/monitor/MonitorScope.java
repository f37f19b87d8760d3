package vn.motcua.monitor;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.UnitHierarchy;
import vn.motcua.security.Role;
import vn.motcua.security.UnitRole;

/**
 * Which units a user may monitor: administrators and analysts every unit; a leader their own
 * unit and every unit below it (the parents of {@link UnitHierarchy}: a province's leader sees its
 * communes, a commune's leader only the commune). Nobody else sees anything.
 */
@Component
class MonitorScope {

    private final UnitHierarchy hierarchy;
    private final KpiQueries queries;

    MonitorScope(UnitHierarchy hierarchy, KpiQueries queries) {
        this.hierarchy = hierarchy;
        this.queries = queries;
    }

    /** The units the user may see, unit id to name, ordered by id. */
    Map<String, String> visibleUnits(Authentication user) {
        return visibleUnits(authorities(user), queries.units());
    }

    /** The units among {@code known} (id to name) that holders of {@code authorities} may see. */
    Map<String, String> visibleUnits(Set<String> authorities, Map<String, String> known) {
        Map<String, String> visible = new LinkedHashMap<>();
        if (authorities.contains("ROLE_ADMIN") || authorities.contains("ROLE_ANALYST")) {
            visible.putAll(known);
            return visible;
        }
        Set<String> led = new HashSet<>();
        for (String authority : authorities) {
            if (authority.startsWith("GROUP_")) {
                UnitRole.parse(authority.substring("GROUP_".length()))
                        .filter(unitRole -> unitRole.role() == Role.LEADER)
                        .ifPresent(unitRole -> led.add(unitRole.unit()));
            }
        }
        known.forEach((unit, name) -> {
            if (isAtOrBelow(unit, led)) {
                visible.put(unit, name);
            }
        });
        led.stream().sorted().forEach(unit -> visible.putIfAbsent(unit, unit)); // their own, even before any record
        return visible;
    }

    /**
     * The units to report on: every visible one, or the one asked for if it is visible (403 if
     * not, whether or not it exists: unit ids are no secret, but their figures are).
     */
    Map<String, String> select(Authentication user, String unit) {
        Map<String, String> visible = visibleUnits(user);
        if (unit == null || unit.isBlank()) {
            return visible;
        }
        String wanted = unit.strip();
        if (!visible.containsKey(wanted)) {
            throw new MonitorException.Forbidden("unit", "you may not monitor unit '" + wanted + "'");
        }
        return Map.of(wanted, visible.get(wanted));
    }

    private boolean isAtOrBelow(String unit, Collection<String> led) {
        String current = unit;
        for (int depth = 0; current != null && depth < 20; depth++) { // 20: a guard against a configured loop
            if (led.contains(current)) {
                return true;
            }
            Optional<String> parent = hierarchy.parent(current);
            current = parent.orElse(null);
        }
        return false;
    }

    static Set<String> authorities(Authentication user) {
        Set<String> authorities = new HashSet<>();
        if (user != null) {
            for (GrantedAuthority authority : user.getAuthorities()) {
                authorities.add(authority.getAuthority());
            }
        }
        return authorities;
    }
}
