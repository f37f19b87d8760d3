package vn.motcua.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Camunda group that says who works where: {@code <unit>:<role>}, e.g. {@code commune-a:clerk}.
 * Candidate groups in the models use the same form ({@code ${unit}:clerk}), so the engine's own
 * task authorizations keep each unit's work within the unit.
 */
public record UnitRole(String unit, Role role) {

    public static final Pattern UNIT_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public static Optional<UnitRole> parse(String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        int colon = groupId.indexOf(':');
        if (colon < 0 || groupId.indexOf(':', colon + 1) >= 0) {
            return Optional.empty();
        }
        String unit = groupId.substring(0, colon);
        if (!UNIT_ID.matcher(unit).matches()) {
            return Optional.empty();
        }
        return Role.fromId(groupId.substring(colon + 1)).map(role -> new UnitRole(unit, role));
    }

    public String groupId() {
        return unit + ":" + role.id();
    }
}
