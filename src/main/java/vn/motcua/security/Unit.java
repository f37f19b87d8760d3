package vn.motcua.security;

/**
 * A unit (đơn vị) of the organisation, as configured in {@code motcua.organisation.units}.
 *
 * @param id              its id, the first half of its {@code <unit>:<role>} groups, e.g. {@code commune-a}
 * @param name            its name in Vietnamese, e.g. {@code Ủy ban nhân dân xã A}
 * @param nameEn          its name in English (may be null)
 * @param kind            its kind, e.g. {@code commune}, {@code department}
 * @param level           its competent level, from its kind: {@code province} or {@code commune}
 * @param parent          the unit above it, or null for the top
 * @param parentInHeading whether its documents are headed by its parent's name too (the governing body)
 */
public record Unit(String id, String name, String nameEn, String kind, String level, String parent,
        boolean parentInHeading) {

    /** Both names, e.g. "Ủy ban nhân dân xã A / People's Committee of Commune A". */
    public String label() {
        return nameEn == null || nameEn.isBlank() ? name : name + " / " + nameEn;
    }
}
