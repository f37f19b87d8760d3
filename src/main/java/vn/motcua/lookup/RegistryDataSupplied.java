package vn.motcua.lookup;

/**
 * Event: a registry supplied {@code fields} components of a record, which the applicant did not
 * have to declare or submit (the monitoring's reuse rate counts them).
 */
public record RegistryDataSupplied(String recordCode, String registry, int fields) {
}
