package vn.motcua.lookup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The values registries supplied to records, with provenance (table {@code registry_value}). */
@Repository
public class RegistryValues {

    private final JdbcClient jdbc;

    RegistryValues(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** What registries supplied to the record, by field; empty for a record without lookups. */
    public List<SuppliedValue> of(String recordCode) {
        return jdbc.sql("""
                select field, field_value, declared_value, matches_declared, registry, lookup_type, request_id,
                       lookup_key, looked_up_at
                  from registry_value where record_code = ? order by looked_up_at, field""")
                .param(recordCode)
                .query((rs, n) -> {
                    Registry registry = Registry.valueOf(rs.getString("registry").toUpperCase(java.util.Locale.ROOT));
                    Object matches = rs.getObject("matches_declared");
                    return new SuppliedValue(rs.getString("field"), rs.getString("field_value"),
                            rs.getString("declared_value"), matches == null ? null : rs.getBoolean("matches_declared"),
                            registry.id(), registry.label(), rs.getString("lookup_type"), rs.getString("request_id"),
                            rs.getString("lookup_key"), rs.getObject("looked_up_at", OffsetDateTime.class).toInstant());
                })
                .list();
    }

    /** How many components of the record came from registries (the reuse KPI's numerator). */
    public int countSupplied(String recordCode) {
        return jdbc.sql("select count(*) from registry_value where record_code = ?").param(recordCode)
                .query(Integer.class).single();
    }

    /** Keeps one lookup's values, replacing what an earlier lookup supplied to the same fields. */
    void saveAll(String recordCode, List<SuppliedValue> values) {
        if (values.isEmpty()) {
            return;
        }
        List<String> fields = values.stream().map(SuppliedValue::field).toList();
        jdbc.sql("delete from registry_value where record_code = :code and field in (:fields)")
                .param("code", recordCode).param("fields", fields).update();
        // one statement for all the values (a JDBC batch is still one execution per row)
        String rows = String.join(", ", java.util.Collections.nCopies(values.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        jdbc.sql("""
                insert into registry_value (record_code, field, field_value, declared_value, matches_declared, registry,
                    lookup_type, request_id, lookup_key, looked_up_at) values\s""" + rows)
                .params(values.stream().flatMap(value -> java.util.stream.Stream.of(recordCode, value.field(),
                        value.value(), value.declaredValue(), value.matchesDeclared(), value.registry(), value.lookup(),
                        value.requestId(), value.key(), utc(value.lookedUpAt()))).toList())
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
