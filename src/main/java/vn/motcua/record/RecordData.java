package vn.motcua.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.security.SystemAuthority;
import vn.motcua.transaction.PerTransaction;

/**
 * A record's data (dữ liệu hồ sơ) — the applicant's declaration, the registries' values on its forms,
 * each step's decisions and notes — kept once, as one JSON row in {@code record_data}, when its
 * process ends. Until then the process's variables are the data; the engine keeps no history row per
 * variable of a record's process ({@link LeanHistoryPlugin}), so this row is what outlives the engine's
 * history (180 days) for the record's whole retention.
 */
@Repository
class RecordData {

    private static final TypeReference<TreeMap<String, String>> DATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RuntimeService runtime;
    private final SystemAuthority system;
    private final PerTransaction<Set<String>> keptInThisTransaction = new PerTransaction<>(HashSet::new, null);

    RecordData(JdbcClient jdbc, ObjectMapper json, RuntimeService runtime, SystemAuthority system) {
        this.jdbc = jdbc;
        this.json = json;
        this.runtime = runtime;
        this.system = system;
    }

    /**
     * Keeps the process's variables as the record's data, once per transaction: the engine reports an end
     * event's end for the event and again for the process instance that it ends.
     */
    void keep(String code, Supplier<Map<String, Object>> variables, Instant at) {
        if (!keptInThisTransaction.get().map(codes -> codes.add(code)).orElse(true)) {
            return;
        }
        String data = write(kept(variables.get()));
        if (jdbc.sql("update record_data set data = ?, kept_at = ? where record_code = ?")
                .param(data).param(at.atOffset(ZoneOffset.UTC)).param(code).update() == 0) {
            jdbc.sql("insert into record_data (record_code, data, kept_at) values (?, ?, ?)")
                    .param(code).param(data).param(at.atOffset(ZoneOffset.UTC)).update();
        }
    }

    /** The record's data by name: as kept when it closed, else its process's variables now; empty without either. */
    Map<String, String> of(RecordRow record) {
        return jdbc.sql("select data from record_data where record_code = ?").param(record.code())
                .query(String.class).optional().map(this::read)
                .orElseGet(() -> record.processInstanceId() == null ? new TreeMap<>() : system.call(() -> {
                    boolean running = runtime.createProcessInstanceQuery()
                            .processInstanceId(record.processInstanceId()).count() > 0;
                    return running ? kept(runtime.getVariables(record.processInstanceId())) : new TreeMap<>();
                }));
    }

    /** What of the variables is data: values as text, without the engine's caches and binary content. */
    static TreeMap<String, String> kept(Map<String, Object> variables) {
        TreeMap<String, String> data = new TreeMap<>();
        variables.forEach((name, value) -> {
            if (value == null || name.startsWith("stepDue:") || value instanceof byte[]
                    || value instanceof java.io.InputStream) {
                return;
            }
            data.put(name, value instanceof Date date ? date.toInstant().toString() : String.valueOf(value));
        });
        return data;
    }

    private String write(Map<String, String> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record data not written as JSON", e);
        }
    }

    private TreeMap<String, String> read(String data) {
        try {
            return json.readValue(data, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record data not read as JSON", e);
        }
    }
}
