package vn.motcua.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The organisation ({@code motcua.organisation.*}): the kinds of unit and the units themselves,
 * read from the configuration, so a province sets up its departments and communes without code
 * (docs/organisation.md). Every node reads the same settings; {@link UnitDirectory} checks them
 * at start.
 *
 * @param kinds kind id (e.g. {@code department}) to what the kind means; defaults: see {@link #DEFAULT_KINDS}
 * @param units unit id (e.g. {@code commune-a}) to the unit, in the order they are listed
 */
@ConfigurationProperties(prefix = "motcua.organisation")
public record OrganisationProperties(Map<String, KindSettings> kinds, Map<String, UnitSettings> units) {

    /**
     * What a kind of unit means.
     *
     * @param level           the competent level of its units, as procedures name it ({@code procedure.level}):
     *                        {@code province} or {@code commune}
     * @param parentInHeading whether documents a unit of this kind issues carry its parent's name above its own
     *                        (the governing body, cơ quan chủ quản: a department's documents are headed by the
     *                        provincial People's Committee)
     */
    public record KindSettings(String level, Boolean parentInHeading) {
    }

    /**
     * One unit (đơn vị).
     *
     * @param name   its name in Vietnamese, as documents are headed, e.g. {@code Sở Công Thương}
     * @param nameEn its name in English, e.g. {@code Department of Industry and Trade}
     * @param kind   one of the kinds, e.g. {@code department}
     * @param parent the unit above it (whose leaders get its escalations, whose leaders monitor it); none for the top
     */
    public record UnitSettings(String name, String nameEn, String kind, String parent) {
    }

    /** The kinds when none are configured: a province, its departments, communes and wards. */
    public static final Map<String, KindSettings> DEFAULT_KINDS = defaultKinds();

    public OrganisationProperties {
        kinds = kinds == null || kinds.isEmpty() ? DEFAULT_KINDS : new LinkedHashMap<>(kinds);
        units = units == null ? Map.of() : new LinkedHashMap<>(units);
    }

    private static Map<String, KindSettings> defaultKinds() {
        Map<String, KindSettings> kinds = new LinkedHashMap<>();
        kinds.put("province", new KindSettings("province", false));
        kinds.put("department", new KindSettings("province", true));
        kinds.put("commune", new KindSettings("commune", false));
        kinds.put("ward", new KindSettings("commune", false));
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
