package vn.motcua.record;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.procedure.ModelProperties;

/**
 * Retention of our own tables (issue #16, docs/retention.md): a closed record — refused (3),
 * withdrawn (7) or returned (10) — is purged with everything kept about it (state history,
 * documents, signatures, registry values and lookup log, notices, its monitoring rows) once it has
 * been closed longer than its procedure's {@code procedure.retentionDays} (a model property) or
 * {@code motcua.retention.default-days}. The monthly and daily counters of the monitoring centre stay.
 * <ul>
 * <li>Only in the night-time window ({@code motcua.retention.window-start/-end}), the same as the
 * engine's history cleanup.</li>
 * <li>One node at a time: a node claims the row {@code retention_claim} with one conditional update
 * and renews it after each round; another node may take over only when the claim has lapsed.</li>
 * <li>Each record in one transaction of its own, its row locked and its state read again: it is
 * purged whole or not at all, and never while open or while its process instance still runs.</li>
 * </ul>
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** The model property giving a procedure's own retention in days. */
    public static final String RETENTION_DAYS = "procedure.retentionDays";

    /** Closed states: refused at reception, withdrawn, result returned. */
    static final List<Integer> CLOSED_STATES = List.of(RecordState.NOT_ACCEPTED.code(), RecordState.WITHDRAWN.code(),
            RecordState.RESULT_RETURNED.code());

    /**
     * Our tables with rows per record, children first ({@code record} itself last). Rows keyed by
     * a notice id (the outbox) go with their notice.
     */
    static final List<String> PER_RECORD_TABLES = List.of("record_state_change", "record_document", "record_signature", "record_data", "record_asked_group",
            "record_idempotency_key", "registry_value", "registry_lookup_log", "monitor_step", "monitor_pause",
            "portal_outbox", "payment_callback", "payment_request", "sms_outbox", "applicant_preference",
            "tracking_failure");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RetentionProperties properties;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final Supplier<Instant> now;
    private final String node;
    private final Map<String, Integer> daysByDefinition = new ConcurrentHashMap<>();

    @Autowired
    Retention(JdbcClient jdbc, TransactionTemplate tx, RetentionProperties properties, RepositoryService repository,
            RuntimeService runtime, HistoryService history) {
        this(jdbc, tx, properties, repository, runtime, history, () -> ClockUtil.getCurrentTime().toInstant(),
                nodeName());
    }

    Retention(JdbcClient jdbc, TransactionTemplate tx, RetentionProperties properties, RepositoryService repository,
            RuntimeService runtime, HistoryService history, Supplier<Instant> now, String node) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.now = now;
        this.node = node;
    }

    /** Every node looks now and then; the purge runs only in the window, on the node holding the claim. */
    @Scheduled(initialDelayString = "${motcua.retention.check-interval:PT10M}",
            fixedDelayString = "${motcua.retention.check-interval:PT10M}")
    void scheduled() {
        if (properties.enabled() && properties.inWindow(now.get())) {
            try {
                purgeDue();
            } catch (RuntimeException e) {
                log.warn("Retention purge stopped, the next check tries again: {}", e.toString());
            }
        }
    }

    /**
     * Purges every closed record past its retention, round by round, while this node holds the claim
     * and the window is open. Returns how many were purged (0 when another node holds the claim).
     */
    public int purgeDue() {
        if (!claim()) {
            return 0;
        }
        int purged = 0;
        try {
            while (true) {
                List<String> due = due(properties.batchSize());
                int round = 0;
                for (String code : due) {
                    if (purge(code)) {
                        round++;
                    }
                }
                purged += round;
                if (due.size() < properties.batchSize() || round == 0 || !properties.inWindow(now.get())
                        || !claim()) {
                    break;
                }
            }
        } finally {
            release();
        }
        if (purged > 0) {
            log.info("Retention: {} closed record(s) purged", purged);
        }
        return purged;
    }

    /** The closed records past their retention, oldest first, at most {@code limit}. */
    List<String> due(int limit) {
        Instant at = now.get();
        List<String> keys = jdbc.sql("select distinct process_key from record where closed_at is not null")
                .query(String.class).list();
        List<String> due = new java.util.ArrayList<>();
        for (String key : keys) {
            if (due.size() >= limit) {
                break;
            }
            Instant cutoff = at.minus(Duration.ofDays(retentionDays(key)));
            due.addAll(jdbc.sql("""
                    select code from record
                     where process_key = :key and closed_at < :cutoff and state in (:closed)
                     order by closed_at, code limit :limit""")
                    .param("key", key).param("cutoff", Timestamp.from(cutoff)).param("closed", CLOSED_STATES)
                    .param("limit", limit - due.size()).query(String.class).list());
        }
        return due;
    }

    /**
     * Purges one record in a transaction of its own, after reading it again under a row lock: false,
     * and nothing deleted, unless it is closed, past its retention and its process no longer runs.
     */
    boolean purge(String code) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Closed> row = jdbc.sql("""
                    select state, closed_at, process_key, process_instance_id from record where code = ? for update""")
                    .param(code).query((rs, n) -> new Closed(rs.getInt("state"), RecordRepository.instant(rs, "closed_at"),
                            rs.getString("process_key"), rs.getString("process_instance_id"))).optional();
            if (row.isEmpty() || row.get().closedAt() == null || !CLOSED_STATES.contains(row.get().state())) {
                return false;
            }
            Instant cutoff = now.get().minus(Duration.ofDays(retentionDays(row.get().processKey())));
            if (!row.get().closedAt().isBefore(cutoff)) {
                return false;
            }
            String instance = row.get().processInstanceId();
            if (instance != null && runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
                log.warn("Retention: record {} is closed but its process instance {} still runs; kept", code, instance);
                return false;
            }
            jdbc.sql("delete from notice_outbox where notice_id in (select id from escalation_notice where record_code = ?)")
                    .param(code).update();
            jdbc.sql("delete from escalation_notice where record_code = ?").param(code).update();
            for (String table : PER_RECORD_TABLES) {
                jdbc.sql("delete from " + table + " where record_code = ?").param(code).update();
            }
            jdbc.sql("delete from monitor_record where code = ?").param(code).update();
            jdbc.sql("delete from record where code = ?").param(code).update();
            // the engine's history of the record, when its own time to live has not removed it yet
            if (instance != null) {
                history.deleteHistoricProcessInstanceIfExists(instance);
            }
            return true;
        }));
    }

    private record Closed(int state, Instant closedAt, String processKey, String processInstanceId) {
    }

    /** The procedure's {@code procedure.retentionDays} (latest version of the model), else the default. */
    int retentionDays(String processKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (definition == null) {
            return properties.defaultDays();
        }
        return daysByDefinition.computeIfAbsent(definition.getId(), id -> {
            BpmnModelInstance model = repository.getBpmnModelInstance(id);
            Process process = model == null ? null : model.getModelElementById(definition.getKey());
            String value = process == null ? null : ModelProperties.of(process).get(RETENTION_DAYS);
            return parseDays(value, processKey);
        });
    }

    int parseDays(String value, String processKey) {
        if (value == null || value.isBlank()) {
            return properties.defaultDays();
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1) {
                return days;
            }
        } catch (NumberFormatException e) {
            // fall through: the default, with a warning
        }
        log.warn("Procedure {}: {} '{}' is not a whole number of days ≥ 1; the default {} applies", processKey,
                RETENTION_DAYS, value, properties.defaultDays());
        return properties.defaultDays();
    }

    /** Takes or renews the claim; false when another node holds it. */
    boolean claim() {
        Instant at = now.get();
        return jdbc.sql("""
                update retention_claim set claimed_by = :node, claimed_until = :until
                 where name = 'records' and (claimed_until < :now or claimed_by = :node)""")
                .param("node", node).param("until", Timestamp.from(at.plus(properties.claimFor())))
                .param("now", Timestamp.from(at)).update() == 1;
    }

    private void release() {
        jdbc.sql("update retention_claim set claimed_until = :now where name = 'records' and claimed_by = :node")
                .param("node", node).param("now", Timestamp.from(now.get())).update();
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "/" + UUID.randomUUID();
    }
}
