package vn.motcua.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Storage of the product's database table by table (issue #16, part 6): {@code pg_total_relation_size}
 * of every table (heap, indexes, TOAST), the documents' stored bytes by kind, and the rows of the
 * engine's variable history by name. Two snapshots give the growth per record.
 */
final class StorageBreakdown {

    /** Bytes and rows per table, document bytes and count per kind, and history rows per variable name. */
    record Snapshot(Map<String, Long> tables, Map<String, Long> rows, Map<String, Long> documentBytes,
            Map<String, Long> documentCounts, Map<String, Long> variableRows) {

        long total() {
            return tables.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StorageBreakdown() {
    }

    static Snapshot take(DataSource dataSource) throws Exception {
        Map<String, Long> tables = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> documentBytes = new TreeMap<>();
        Map<String, Long> documentCounts = new TreeMap<>();
        Map<String, Long> variableRows = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("""
                    select c.relname, pg_total_relation_size(c.oid)
                      from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where c.relkind = 'r' and n.nspname = 'public'""");
            while (rs.next()) {
                tables.put(rs.getString(1), rs.getLong(2));
            }
            for (String table : tables.keySet()) {
                try (Statement count = c.createStatement(); ResultSet n = count.executeQuery("select count(*) from " + table)) {
                    n.next();
                    rows.put(table, n.getLong(1));
                }
            }
            // what the content takes as stored (compressed or not), by kind
            rs = s.executeQuery("""
                    select kind, count(*), coalesce(sum(pg_column_size(content)), 0)
                      from record_document group by kind""");
            while (rs.next()) {
                documentCounts.put(rs.getString(1), rs.getLong(2));
                documentBytes.put(rs.getString(1), rs.getLong(3));
            }
            rs = s.executeQuery("select name_, count(*) from act_hi_detail group by name_");
            while (rs.next()) {
                variableRows.merge("detail:" + grouped(rs.getString(1)), rs.getLong(2), Long::sum);
            }
            rs = s.executeQuery("select name_, count(*) from act_hi_varinst group by name_");
            while (rs.next()) {
                variableRows.merge("varinst:" + grouped(rs.getString(1)), rs.getLong(2), Long::sum);
            }
        }
        return new Snapshot(tables, rows, documentBytes, documentCounts, variableRows);
    }

    /**
     * {@code VACUUM FULL} of the database: tables and indexes rewritten with their live rows only, so
     * two snapshots compare what is kept, not the dead rows that autovacuum would let later rows reuse.
     */
    static void compact(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("vacuum full");
        }
    }

    /**
     * The engine's history cleanup as it will run once the longest {@code historyTimeToLive} of the
     * deployed processes has passed: the engine's clock moved that far ahead, the cleanup job run
     * until no ended process instance has history left. Returns the days moved.
     */
    static int cleanUpHistory(org.springframework.context.ApplicationContext app) {
        var repository = app.getBean(org.camunda.bpm.engine.RepositoryService.class);
        var history = app.getBean(org.camunda.bpm.engine.HistoryService.class);
        var management = app.getBean(org.camunda.bpm.engine.ManagementService.class);
        int days = repository.createProcessDefinitionQuery().list().stream()
                .map(org.camunda.bpm.engine.repository.ProcessDefinition::getHistoryTimeToLive)
                .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max().orElse(0) + 1;
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
                java.time.Instant.now().plus(java.time.Duration.ofDays(days))));
        try {
            history.cleanUpHistoryAsync(true);
            // each run deletes a batch per table; run until a run deletes nothing more
            long rows = historyRows(history);
            for (int round = 0; round < 10_000; round++) {
                for (var job : history.findHistoryCleanupJobs()) {
                    management.executeJob(job.getId());
                }
                long now = historyRows(history);
                if (now == rows) {
                    break;
                }
                rows = now;
            }
            long left = history.createHistoricProcessInstanceQuery().finished().count();
            if (left > 0) {
                throw new IllegalStateException("the history cleanup left " + left + " ended process instances");
            }
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        return days;
    }

    private static long historyRows(org.camunda.bpm.engine.HistoryService history) {
        return history.createHistoricProcessInstanceQuery().count() + history.createHistoricActivityInstanceQuery().count()
                + history.createHistoricVariableInstanceQuery().count() + history.createHistoricTaskInstanceQuery().count()
                + history.createUserOperationLogQuery().count() + history.createHistoricIdentityLinkLogQuery().count()
                + history.createHistoricDetailQuery().count() + history.createHistoricJobLogQuery().count();
    }

    /** A step's deadline variable is named per activity instance ({@code stepDue:<task>:<id>}): one name per task. */
    static String grouped(String name) {
        int second = name.indexOf(':', name.indexOf(':') + 1);
        return name.startsWith("stepDue:") && second > 0 ? name.substring(0, second) : name;
    }

    /** The family a table belongs to in the report. */
    static String family(String table) {
        if (table.startsWith("act_hi_")) {
            return "engine history";
        }
        if (table.startsWith("act_ru_")) {
            return "engine runtime";
        }
        if (table.equals("act_ge_bytearray")) {
            return "engine byte arrays";
        }
        if (table.startsWith("act_")) {
            return "engine other";
        }
        return "motcua";
    }

    /** The growth from {@code before} to {@code after} per record, as the JSON and the printed table show it. */
    static Map<String, Object> perRecord(Snapshot before, Snapshot after, long records) {
        long n = Math.max(1, records);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("bytesPerRecord", (after.total() - before.total()) / n);
        Map<String, Long> families = new TreeMap<>();
        Map<String, Long> tables = new TreeMap<>();
        for (var e : after.tables().entrySet()) {
            long growth = e.getValue() - before.tables().getOrDefault(e.getKey(), 0L);
            if (growth != 0) {
                tables.put(e.getKey(), growth / n);
                families.merge(family(e.getKey()), growth / n, Long::sum);
            }
        }
        Map<String, Double> rowsPerTable = new TreeMap<>();
        for (var e : after.rows().entrySet()) {
            long growth = e.getValue() - before.rows().getOrDefault(e.getKey(), 0L);
            if (growth != 0) {
                rowsPerTable.put(e.getKey(), Math.round(10.0 * growth / n) / 10.0);
            }
        }
        out.put("families", families);
        out.put("tables", tables);
        out.put("rowsPerRecord", rowsPerTable);
        Map<String, Object> documents = new TreeMap<>();
        for (var e : after.documentBytes().entrySet()) {
            long bytes = e.getValue() - before.documentBytes().getOrDefault(e.getKey(), 0L);
            long count = after.documentCounts().get(e.getKey()) - before.documentCounts().getOrDefault(e.getKey(), 0L);
            if (count != 0 || bytes != 0) {
                documents.put(e.getKey(), Map.of("bytesPerRecord", bytes / n, "perRecord",
                        Math.round(100.0 * count / n) / 100.0));
            }
        }
        out.put("documentContentByKind", documents);
        Map<String, Double> variables = new TreeMap<>();
        for (var e : after.variableRows().entrySet()) {
            long rows = e.getValue() - before.variableRows().getOrDefault(e.getKey(), 0L);
            if (rows != 0) {
                variables.put(e.getKey(), Math.round(100.0 * rows / n) / 100.0);
            }
        }
        out.put("historyVariableRowsPerRecord", variables);
        return out;
    }

    @SuppressWarnings("unchecked")
    static void print(String title, Map<String, Object> perRecord) {
        System.out.printf("%s: %,d bytes per record (over %d records)%n", title, perRecord.get("bytesPerRecord"),
                perRecord.get("records"));
        Map<String, Long> families = (Map<String, Long>) perRecord.get("families");
        Map<String, Long> tables = (Map<String, Long>) perRecord.get("tables");
        Map<String, Double> rows = (Map<String, Double>) perRecord.get("rowsPerRecord");
        List<String> families2 = new ArrayList<>(families.keySet());
        families2.sort((a, b) -> Long.compare(families.get(b), families.get(a)));
        for (String family : families2) {
            System.out.printf(Locale.ROOT, "  %-22s %,10d%n", family, families.get(family));
            tables.entrySet().stream().filter(t -> family(t.getKey()).equals(family))
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(t -> System.out.printf(Locale.ROOT, "      %-32s %,10d %8.1f rows%n", t.getKey(),
                            t.getValue(), rows.getOrDefault(t.getKey(), 0.0)));
        }
        System.out.println("  documents' content by kind (bytes per record, documents per record):");
        ((Map<String, Map<String, Object>>) perRecord.get("documentContentByKind")).forEach((kind, v) ->
                System.out.printf(Locale.ROOT, "      %-32s %,10d   %s%n", kind, v.get("bytesPerRecord"), v.get("perRecord")));
        Map<String, Double> variables = (Map<String, Double>) perRecord.get("historyVariableRowsPerRecord");
        double details = variables.entrySet().stream().filter(e -> e.getKey().startsWith("detail:"))
                .mapToDouble(Map.Entry::getValue).sum();
        double instances = variables.entrySet().stream().filter(e -> e.getKey().startsWith("varinst:"))
                .mapToDouble(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "  history variable rows per record: %.1f act_hi_varinst, %.1f act_hi_detail; "
                + "most written: %s%n", instances, details, variables.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("detail:"))
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(12)
                        .map(e -> e.getKey().substring(7) + " " + e.getValue()).toList());
    }
}
