package vn.motcua.monitor;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

import vn.motcua.security.Role;
import vn.motcua.security.Unit;
import vn.motcua.security.UnitDirectory;
import vn.motcua.security.UnitRole;
import vn.motcua.web.Problem;

/**
 * Which units a user may monitor: administrators and analysts every unit; a leader their own
 * unit and every unit below it in the organisation ({@link UnitDirectory}: the province's leader sees
 * its departments and communes, a commune's leader only the commune). Every unit in scope is listed,
 * with zeros where nothing happened; units that had records but are no longer configured are
 * listed to administrators and analysts only. Nobody else sees anything.
 */
@Component
class MonitorScope {

    private final UnitDirectory directory;
    private final KpiQueries queries;

    MonitorScope(UnitDirectory directory, KpiQueries queries) {
        this.directory = directory;
        this.queries = queries;
    }

    /** The units the user may see, unit id to name: the organisation's top-down, then former units by id. */
    Map<String, String> visibleUnits(Authentication user) {
        return visibleUnits(authorities(user), queries.units());
    }

    /**
     * The units that holders of {@code authorities} may see: the organisation's, and among {@code recorded}
     * (units with records, id to name) those it no longer has.
     */
    Map<String, String> visibleUnits(Set<String> authorities, Map<String, String> recorded) {
        Map<String, String> visible = new LinkedHashMap<>();
        boolean everything = authorities.contains("ROLE_ADMIN") || authorities.contains("ROLE_ANALYST");
        Set<String> led = new TreeSet<>();
        for (String authority : authorities) {
            if (authority.startsWith("GROUP_")) {
                UnitRole.parse(authority.substring("GROUP_".length()))
                        .filter(unitRole -> unitRole.role() == Role.LEADER)
                        .ifPresent(unitRole -> led.add(unitRole.unit()));
            }
        }
        for (Unit unit : directory.all()) {
            if (everything || led.stream().anyMatch(l -> directory.isAtOrBelow(unit.id(), l))) {
                visible.put(unit.id(), unit.label());
            }
        }
        if (everything) {
            new TreeMap<>(recorded).forEach(visible::putIfAbsent);
        } else {
            led.forEach(unit -> visible.putIfAbsent(unit, recorded.getOrDefault(unit, unit))); // their own, in any case
        }
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
            throw Problem.forbidden("unit", "you may not monitor unit '" + wanted + "'");
        }
        return Map.of(wanted, visible.get(wanted));
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
