package vn.motcua.lookup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lookup log (nhật ký tra cứu): who looked up what about whom, in which registry, why and when,
 * and what came of it. Each entry is written in a transaction of its own, so an attempt whose job
 * later fails and rolls back is still on record — a registry was asked about a person either way.
 */
@Repository
public class LookupLog {

    /** One call to a registry. {@code outcome}: found, not-found or failed. */
    public record Entry(String id, String requestId, String recordCode, String processInstanceId, String activityId,
            String registry, String lookup, String key, String purpose, String actor, String outcome, String message,
            int fieldsSupplied, Instant lookedUpAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    LookupLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void write(Entry entry) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                insert into registry_lookup_log (id, request_id, record_code, process_instance_id, activity_id,
                    registry, lookup_type, lookup_key, purpose, actor, outcome, message, fields_supplied, looked_up_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), entry.requestId(), entry.recordCode(), entry.processInstanceId(),
                        entry.activityId(), entry.registry(), entry.lookup(), entry.key(), entry.purpose(),
                        entry.actor(), entry.outcome(), truncate(entry.message()), entry.fieldsSupplied(),
                        RegistryValues.utc(entry.lookedUpAt()))
                .update());
    }

    /** The newest entries first, optionally of one record or one registry. */
    public List<Entry> find(String recordCode, String registry, int limit) {
        return jdbc.sql("""
                select * from registry_lookup_log
                 where (cast(? as varchar(64)) is null or record_code = ?)
                   and (cast(? as varchar(20)) is null or registry = ?)
                 order by looked_up_at desc, id limit ?""")
                .params(recordCode, recordCode, registry, registry, limit)
                .query((rs, n) -> new Entry(rs.getString("id"), rs.getString("request_id"), rs.getString("record_code"),
                        rs.getString("process_instance_id"), rs.getString("activity_id"), rs.getString("registry"),
                        rs.getString("lookup_type"), rs.getString("lookup_key"), rs.getString("purpose"),
                        rs.getString("actor"), rs.getString("outcome"), rs.getString("message"),
                        rs.getInt("fields_supplied"), rs.getObject("looked_up_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }
}
