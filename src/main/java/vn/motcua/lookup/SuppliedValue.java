package vn.motcua.lookup;

import java.time.Instant;

/**
 * One value a registry supplied to a record, with its provenance: which registry, when, the
 * request id and the key used; and what the applicant declared for it, if anything.
 *
 * @param field the process variable, e.g. {@code fatherFullName}
 * @param matchesDeclared null when the applicant declared nothing for it
 */
public record SuppliedValue(String field, String value, String declaredValue, Boolean matchesDeclared,
        String registry, String registryName, String lookup, String requestId, String key, Instant lookedUpAt) {
}
