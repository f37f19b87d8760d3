package vn.motcua.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What the database did during a measured run, from {@code pg_stat_statements} (loaded by the
 * benchmark's PostgreSQL): statements, transactions (BEGIN statements: the JDBC driver opens every
 * transaction with one; COMMIT is not tracked), rows and execution time of one database,
 * and the statements grouped by the table family they touch. Counters are kept in shared memory
 * as each statement ends, so a snapshot right after a run is complete.
 */
final class DbStats {

    /** One statement text's figures during the run. */
    record Entry(String query, String family, long calls, double millis, long rows) {
    }

    /** A run's figures, per case. */
    record PerCase(long cases, double statements, double transactions, double rows, double execMillis,
            Map<String, double[]> families, List<Entry> top, List<Entry> ours) {

        Map<String, Object> toJson() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("cases", cases);
            r.put("statementsPerCase", WorkflowBenchmark.round(statements, 1));
            r.put("transactionsPerCase", WorkflowBenchmark.round(transactions, 1));
            r.put("rowsPerCase", WorkflowBenchmark.round(rows, 1));
            r.put("dbExecMillisPerCase", WorkflowBenchmark.round(execMillis, 2));
            Map<String, Object> f = new LinkedHashMap<>();
            families.forEach((k, v) -> f.put(k, Map.of("statements", WorkflowBenchmark.round(v[0], 1),
                    "execMillis", WorkflowBenchmark.round(v[1], 2))));
            r.put("byFamily", f);
            return r;
        }

        String summary() {
            return String.format(Locale.ROOT, "%.0f statements, %.1f transactions, %.0f rows, %.1f ms executing in "
                    + "PostgreSQL per case", statements, transactions, rows, execMillis);
        }
    }

    static final int TOP = 40;

    private final DataSource admin;

    DbStats(DataSource admin) {
        this.admin = admin;
    }

    void reset() {
        execute("select pg_stat_statements_reset()");
    }

    /** The figures of {@code database} since the last {@link #reset()}, divided by {@code cases}. */
    PerCase perCase(String database, long cases) {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("""
                    select s.query, sum(s.calls), sum(s.total_exec_time), sum(s.rows)
                      from pg_stat_statements s join pg_database d on d.oid = s.dbid
                     where d.datname = '%s' group by s.query""".formatted(database));
            while (rs.next()) {
                String query = rs.getString(1);
                entries.add(new Entry(query, family(query), rs.getLong(2), rs.getDouble(3), rs.getLong(4)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("pg_stat_statements of " + database + ": " + e.getMessage(), e);
        }
        double n = Math.max(1, cases);
        Map<String, double[]> families = new LinkedHashMap<>();
        long statements = 0;
        long transactions = 0;
        long rows = 0;
        double millis = 0;
        for (Entry e : entries) {
            statements += e.calls();
            rows += e.rows();
            millis += e.millis();
            String q = e.query().trim().toLowerCase(Locale.ROOT);
            if (q.equals("begin")) {
                transactions += e.calls();
            }
            double[] f = families.computeIfAbsent(e.family(), k -> new double[2]);
            f[0] += e.calls() / n;
            f[1] += e.millis() / n;
        }
        Map<String, double[]> sorted = new LinkedHashMap<>();
        families.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<Entry> top = entries.stream().sorted((a, b) -> Long.compare(b.calls(), a.calls())).limit(TOP).toList();
        List<Entry> ours = entries.stream().filter(e -> e.family().equals(OURS))
                .sorted((a, b) -> Long.compare(b.calls(), a.calls())).toList();
        return new PerCase(cases, statements / n, transactions / n, rows / n, millis / n, sorted, top, ours);
    }

    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from|from)\\s+([a-z_][a-z_0-9.]*)");

    /** The family of tables a statement works on, by the first table it names. */
    static String family(String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        if (q.startsWith("begin") || q.startsWith("commit") || q.startsWith("rollback") || q.startsWith("set ")
                || q.startsWith("show ") || q.startsWith("select $1") || q.equals("select 1")) {
            return "transaction control";
        }
        Matcher m = TABLE.matcher(q);
        if (!m.find()) {
            return "other";
        }
        String table = m.group(1).replace("public.", "");
        if (table.startsWith("act_hi_")) {
            return "engine history (act_hi_*)";
        }
        if (table.equals("act_ru_job") || table.equals("act_ru_jobdef")) {
            return "engine jobs (act_ru_job)";
        }
        if (table.equals("act_ru_authorization")) {
            return "engine authorizations";
        }
        if (table.startsWith("act_ru_")) {
            return "engine runtime (act_ru_*)";
        }
        if (table.startsWith("act_")) {
            return "engine other (act_ge/re/id)";
        }
        return OURS;
    }

    static final String OURS = "motcua tables";

    /** Prints the families and the most frequent statements of a run. */
    static void print(String label, PerCase stats) {
        System.out.printf(Locale.ROOT, "  %s: %s%n", label, stats.summary());
        stats.families().forEach((family, v) -> System.out.printf(Locale.ROOT,
                "      %-30s %7.1f statements %8.2f ms%n", family, v[0], v[1]));
    }

    static void printTop(String label, PerCase stats) {
        System.out.printf("  %s, most frequent statements (calls per case, text shortened):%n", label);
        printEntries(stats.top(), stats.cases());
        System.out.printf("  %s, every statement on motcua's own tables (calls per case):%n", label);
        printEntries(stats.ours(), stats.cases());
    }

    private static void printEntries(List<Entry> entries, long cases) {
        for (Entry e : entries) {
            String text = e.query().replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "      %6.1f  %s%n", e.calls() / (double) Math.max(1, cases),
                    text.length() > 110 ? text.substring(0, 110) + "…" : text);
        }
    }

    private void execute(String sql) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
