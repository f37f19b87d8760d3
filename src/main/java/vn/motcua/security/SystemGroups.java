package vn.motcua.security;

/** Camunda groups that are not unit roles. */
public final class SystemGroups {
    /** Camunda's own administrators' group: every permission, all webapps. */
    public static final String ADMINS = "camunda-admin";
    /** Process analysts: deploy procedures, use Cockpit. */
    public static final String ANALYSTS = "analysts";
    /** API clients of the public-service portal: submit and track records, no Tasklist. */
    public static final String PORTAL_CLIENTS = "portal-clients";
    /** Operators' monitoring clients (Prometheus): read {@code /actuator/prometheus} and {@code /actuator/metrics}. */
    public static final String OPERATORS = "operators";

    private SystemGroups() {
    }
}
