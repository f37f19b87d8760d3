package vn.motcua.operations;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code incidents}: every open incident of the engine, counted by type (failed
 * jobs, failed external tasks …). Any open incident makes it {@code DEGRADED}: the node serves, but
 * some record waits for an operator (Cockpit shows each incident and retries it). The registry
 * lookups' own incidents are detailed under {@code registries} as well.
 */
@Component("incidents")
class EngineHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "open incidents; see Cockpit");

    private final JdbcClient jdbc;

    EngineHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        Map<String, Long> byType = incidentsByType(jdbc);
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return (total == 0 ? Health.up() : Health.status(DEGRADED))
                .withDetail("open", total).withDetail("byType", byType).build();
    }

    /** Open incidents by type, read from the engine's runtime table (one grouped query). */
    static Map<String, Long> incidentsByType(JdbcClient jdbc) {
        Map<String, Long> byType = new TreeMap<>();
        jdbc.sql("select incident_type_, count(*) from act_ru_incident group by incident_type_")
                .query((rs, n) -> byType.put(rs.getString(1), rs.getLong(2))).list();
        return byType;
    }
}
