package vn.motcua.monitor;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.deadline.Deadlines;

/**
 * The monitoring centre at province scale — a benchmark, not a test: {@code mvn -Pbench-monitor verify}
 * (docs/monitoring.md). Starts an embedded PostgreSQL, migrates it with the product's own
 * migrations, loads the facts of N records (default 10 million: a province of 100 units — the
 * provincial department and 99 communes — 40 procedures, three years) into {@code monitor_record}
 * with {@code generate_series}, derives the daily and monthly figures from them exactly as the
 * events would have (each record adds its "received" counts on its day of acceptance and its
 * "resolved" counts on its day of resolution), adds monthly step-dwell histograms, and then
 * times the dashboard as the province's leader and a commune's leader get it: the product's own
 * {@link MonitorService} and {@link KpiQueries} on one connection, p50 and p95 of repeated runs.
 */
public final class MonitorBenchmark {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The benchmark's "now": the last day of the data, an ordinary Saturday noon … */
    static final Instant NOW = LocalDateTime.of(2026, 11, 28, 12, 0).atZone(VIETNAM).toInstant();
    static final int WARM_UP = 5;
    static final int RUNS = 30;

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        System.out.printf(Locale.ROOT, "%n== Monitoring centre benchmark: %,d records, %d cores, Java %s ==%n", records,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // loading only: a benchmark database need not survive a crash; queries are unaffected
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                // a modest production-like server on this 2-core machine
                .setServerConfig("shared_buffers", "1GB").setServerConfig("work_mem", "32MB")
                .setServerConfig("maintenance_work_mem", "512MB").setServerConfig("effective_cache_size", "4GB")
                .setServerConfig("random_page_cost", "1.1").setServerConfig("max_parallel_workers_per_gather", "2")
                .start();
        try {
            DataSource pool = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            try (Connection connection = pool.getConnection()) {
                SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
                JdbcClient jdbc = JdbcClient.create(one);
                load(jdbc, records);
                measure(jdbc);
            }
        } finally {
            postgres.close();
        }
    }

    // --- loading ------------------------------------------------------------------------------

    static void load(JdbcClient jdbc, long records) {
        time("units and procedures", () -> {
            jdbc.sql("""
                    insert into monitor_unit (unit, name, first_seen)
                    select case when u = 0 then 'province' else 'commune-' || lpad(u::text, 3, '0') end,
                           case when u = 0 then 'Sở Xây dựng tỉnh' else 'UBND xã ' || u end, now()
                    from generate_series(0, 99) u""").update();
            jdbc.sql("""
                    insert into monitor_procedure (procedure_code, name)
                    select '1.00' || (1000 + p), 'Thủ tục ' || p from generate_series(0, 39) p""").update();
        });
        // Acceptance spread evenly from 1 January 2024 to "now"; every unit runs every procedure;
        // processing times of 1 to 15 days by procedure; three in four resolved within them; the last two weeks partly open,
        // a few older ones stuck open; 3 % withdrawn; online 70 %.
        time(String.format(Locale.ROOT, "monitor_record: %,d facts (generate_series)", records), () -> {
            jdbc.sql("select setseed(0.42)").query().listOfRows();
            jdbc.sql("""
                    insert into monitor_record (code, unit, procedure_code, channel, fully_online, state, submitted_at,
                      accepted_at, accepted_on, appointment_at, resolved_at, resolved_on, closed_at, timeliness,
                      digitised, e_result, components, reused, rating, apologised, open_record, paused, open_due_at,
                      open_follow_up_at, open_task_id, open_step, open_assignee)
                    select code, unit, procedure_code, channel, channel = 2 and procedure_no % 3 <> 0,
                           case when is_open then (case when r_state < 0.02 then 8 else 4 end)
                                when r_state < 0.03 then 7 else 10 end,
                           accepted_at - interval '1 hour', accepted_at, (accepted_at at time zone 'Asia/Ho_Chi_Minh')::date,
                           appointment_at, resolved_at, (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date,
                           case when is_open then null else coalesce(resolved_at, accepted_at) + interval '2 hours' end,
                           case when resolved_at is null then null
                                when resolved_at > appointment_at then 3
                                when (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date
                                     < (appointment_at at time zone 'Asia/Ho_Chi_Minh')::date then 1 else 2 end,
                           channel = 2 or r_digit < 0.6, resolved_at is not null and r_digit < 0.85,
                           2 + (procedure_no % 4), (procedure_no % 4) * (case when r_digit < 0.5 then 1 else 0 end),
                           case when resolved_at is not null and r_rate < 0.3 then 1 + floor(r_rate * 16)::int % 5 end,
                           false, is_open, is_open and r_state < 0.02,
                           case when is_open and r_state >= 0.02 then accepted_at + span * (0.2 + r_due) * interval '1 day' end,
                           case when is_open and r_state >= 0.02 then accepted_at + (span * (0.2 + r_due) - 0.2) * interval '1 day' end,
                           case when is_open then 'task-' || g end, case when is_open then 'appraisal' end,
                           case when is_open then 'specialist-' || unit end
                    from (
                      select g, 'bench-' || lpad(g::text, 9, '0') code,
                             case when (g * 7919) % 100 = 0 then 'province'
                                  else 'commune-' || lpad(((g * 7919) % 100)::text, 3, '0') end unit,
                             procedure_no, '1.00' || (1000 + procedure_no) procedure_code,
                             case when random() < 0.7 then 2 else 1 end channel,
                             accepted_at, 1 + procedure_no % 15 span,
                             accepted_at + (1 + procedure_no % 15) * interval '1 day' appointment_at,
                             is_open, r_state, r_digit, r_rate, r_due,
                             case when is_open or r_state < 0.03 then null
                                  else accepted_at + (1 + procedure_no % 15) * (0.3 + r_time) * interval '1 day' end resolved_at
                      from (
                        select g, timestamptz '2024-01-01 08:00+07'
                                    + (g::float8 / :n) * (timestamptz '2026-11-28 12:00+07' - timestamptz '2024-01-01 08:00+07')
                                    accepted_at,
                               random() r_state, random() r_digit, random() r_rate, random() r_due, random() r_time,
                               random() r_open, floor(random() * 40)::int procedure_no
                        from generate_series(1, :n) g
                      ) base
                      cross join lateral (select (g::float8 / :n > 1 - 14.0 / 1063 and r_open < 0.6)
                                                 or r_open < 0.001 is_open) o
                    ) facts""").param("n", records).update();
        });
        // What the events add up to: the "received" counts on the day of acceptance, the "resolved"
        // counts on the day of resolution — RecordFacts.contributions() in SQL.
        time("monitor_daily from the facts", () -> jdbc.sql("""
                insert into monitor_daily (unit, on_day, procedure_code, received, online, fully_online, digitised,
                  components, reused, resolved, early, on_time, late, e_result, rated, rating_sum)
                select unit, on_day, procedure_code, sum(received), sum(online), sum(fully_online), sum(digitised),
                       sum(components), sum(reused), sum(resolved), sum(early), sum(on_time), sum(late), sum(e_result),
                       sum(rated), sum(rating_sum)
                from (
                  select unit, accepted_on on_day, procedure_code, 1 received, case when channel = 2 then 1 else 0 end online,
                         case when fully_online then 1 else 0 end fully_online, case when digitised then 1 else 0 end digitised,
                         components, reused, 0 resolved, 0 early, 0 on_time, 0 late, 0 e_result, 0 rated, 0 rating_sum
                  from monitor_record where accepted_on is not null
                  union all
                  select unit, resolved_on, procedure_code, 0, 0, 0, 0, 0, 0, 1,
                         case when timeliness = 1 then 1 else 0 end, case when timeliness = 2 then 1 else 0 end,
                         case when timeliness = 3 then 1 else 0 end, case when e_result then 1 else 0 end,
                         case when rating is not null and state = 10 then 1 else 0 end,
                         case when rating is not null and state = 10 then rating else 0 end
                  from monitor_record where resolved_on is not null
                ) contributions
                group by unit, on_day, procedure_code""").update());
        time("monitor_monthly from the daily figures", () -> jdbc.sql("""
                insert into monitor_monthly (unit, month_start, procedure_code, received, online, fully_online, digitised,
                  components, reused, resolved, early, on_time, late, e_result, rated, rating_sum)
                select unit, date_trunc('month', on_day)::date, procedure_code, sum(received), sum(online),
                       sum(fully_online), sum(digitised), sum(components), sum(reused), sum(resolved), sum(early),
                       sum(on_time), sum(late), sum(e_result), sum(rated), sum(rating_sum)
                from monitor_daily group by unit, date_trunc('month', on_day)::date, procedure_code""").update());
        time("monitor_unit_monthly from the monthly figures", () -> jdbc.sql("""
                insert into monitor_unit_monthly (unit, month_start, received, online, fully_online, digitised,
                  components, reused, resolved, early, on_time, late, e_result, rated, rating_sum)
                select unit, month_start, sum(received), sum(online), sum(fully_online), sum(digitised),
                       sum(components), sum(reused), sum(resolved), sum(early), sum(on_time), sum(late), sum(e_result),
                       sum(rated), sum(rating_sum)
                from monitor_monthly group by unit, month_start""").update());
        // Dwell histograms: per unit, month and step, 25 buckets around a step-typical working time
        // (appraisal the slowest), each with 1 to 40 completed steps.
        time("monitor_step_dwell histograms", () -> jdbc.sql("""
                insert into monitor_step_dwell (unit, month_start, step, tasks, late, histogram)
                select unit, month_start, step, sum(n), sum(n) / 10, string_agg(b || ':' || n, ' ' order by b)
                from (
                  select u.unit, m::date month_start, s.step, b, 1 + floor(random() * 40)::int n
                  from monitor_unit u
                  cross join generate_series(date '2024-01-01', date '2026-11-01', interval '1 month') m
                  cross join (values ('reception', 20), ('appraisal', 36), ('approval', 26), ('issuing', 22),
                                     ('result', 24)) s(step, centre)
                  cross join lateral generate_series(s.centre - 12, s.centre + 12) b
                ) buckets
                group by unit, month_start, step""").update());
        time("vacuum analyze", () -> jdbc.sql("vacuum analyze").update());
        for (String table : List.of("monitor_record", "monitor_daily", "monitor_monthly", "monitor_unit_monthly",
                "monitor_step_dwell")) {
            Map<String, Object> size = jdbc.sql("select count(*) n, pg_size_pretty(pg_total_relation_size('" + table
                    + "')) size from " + table).query().singleRow();
            System.out.printf(Locale.ROOT, "  %-20s %,12d rows  %10s with indexes%n", table, size.get("n"),
                    size.get("size"));
        }
        System.out.printf(Locale.ROOT, "  open records: %,d%n",
                jdbc.sql("select count(*) from monitor_record where open_record").query(Long.class).single());
    }

    // --- measuring ----------------------------------------------------------------------------

    static void measure(JdbcClient jdbc) {
        KpiQueries queries = new KpiQueries(jdbc);
        List<String> organisation = new ArrayList<>(List.of("province:province"));
        for (int u = 1; u < 100; u++) { // every commune under the province (generate_series(0, 99) above)
            organisation.add("commune-%03d:commune:province".formatted(u));
        }
        MonitorScope scope = new MonitorScope(vn.motcua.support.Organisations.of(organisation.toArray(String[]::new)),
                queries);
        Deadlines deadlines = new Deadlines(new WorkingCalendars(CalendarProperties.defaults()).standard(), () -> NOW);
        MonitorService service = new MonitorService(queries, scope, MonitorProperties.defaults(), deadlines);
        Authentication leaderP = leader("province");
        Authentication leaderA = leader("commune-001");
        String today = NOW.atZone(VIETNAM).toLocalDate().toString();
        Collection<String> province = scope.visibleUnits(leaderP).keySet();
        Period year = Period.of(Period.Kind.YEAR, LocalDate.parse(today));
        Period month = Period.of(Period.Kind.MONTH, LocalDate.parse(today));
        Period day = Period.of(Period.Kind.DAY, LocalDate.parse(today));

        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        cases.put("dashboard, province leader (" + province.size() + " units), year", () ->
                service.dashboard(leaderP, "year", today, null, null));
        cases.put("dashboard, province leader, month", () -> service.dashboard(leaderP, "month", today, null, null));
        cases.put("dashboard, province leader, quarter", () -> service.dashboard(leaderP, "quarter", today, null, null));
        cases.put("dashboard, province leader, day", () -> service.dashboard(leaderP, "day", today, null, null));
        cases.put("dashboard, province leader, year, one procedure", () ->
                service.dashboard(leaderP, "year", today, null, "1.001007"));
        cases.put("dashboard, commune leader (1 unit), year", () -> service.dashboard(leaderA, "year", today, null, null));
        cases.put("  query: figures per unit, year", () -> queries.byUnit(year, province, null));
        cases.put("  query: figures per procedure, year", () -> queries.byProcedure(year, province, null));
        cases.put("  query: figures per unit, day", () -> queries.byUnit(day, province, null));
        cases.put("  query: figures per unit, month", () -> queries.byUnit(month, province, null));
        cases.put("  query: trend, 12 months", () -> queries.trend(YearMonth.of(2025, 12), YearMonth.of(2026, 11),
                province, null));
        cases.put("  query: open records by colour", () -> queries.open(province, null, NOW));
        cases.put("  query: red records, 100 most overdue", () -> queries.red(province, null, NOW, 100));
        cases.put("  query: step dwell, year", () -> queries.steps(year, province));

        if (Boolean.getBoolean("bench.explain")) {
            for (String sql : List.of(
                    "select step, late, histogram from monitor_step_dwell where unit in (:units) and month_start >= :from and month_start < :to",
                    "select unit, sum(received) from monitor_monthly where unit in (:units) and month_start >= :from and month_start < :to group by unit",
                    "select code from monitor_record where open_record = true and unit in (:units) and open_due_at < now() and paused = false order by open_due_at, code fetch first 100 rows only")) {
                System.out.println(String.join("\n", jdbc.sql("explain (analyze, buffers) " + sql).param("units", province)
                        .param("from", year.from()).param("to", year.to()).query(String.class).list()));
            }
        }
        Dashboard sample = service.dashboard(leaderP, "year", today, null, null);
        System.out.printf(Locale.ROOT, "%nThe province's year %s: received %,d, resolved %,d, on time %s, open %,d "
                + "(red %,d), bottleneck %s%n", sample.period().label(), sample.total().figures().received(),
                sample.total().figures().resolved(), sample.total().figures().onTimeRate(),
                sample.total().open().total(), sample.total().open().red(), sample.bottleneck());
        System.out.printf(Locale.ROOT, "%n%-58s %9s %9s %9s   (%d runs after %d warm-up)%n", "", "p50 ms", "p95 ms",
                "max ms", RUNS, WARM_UP);
        for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
            for (int i = 0; i < WARM_UP; i++) {
                c.getValue().get();
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                c.getValue().get();
                millis.add((System.nanoTime() - start) / 1e6);
            }
            millis.sort(Double::compare);
            System.out.printf(Locale.ROOT, "%-58s %9.1f %9.1f %9.1f%n", c.getKey(), percentile(millis, 0.50),
                    percentile(millis, 0.95), millis.get(millis.size() - 1));
        }
        System.out.println();
    }

    static double percentile(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    static Authentication leader(String unit) {
        return UsernamePasswordAuthenticationToken.authenticated("leader-of-" + unit, null,
                List.of(new SimpleGrantedAuthority("ROLE_LEADER"), new SimpleGrantedAuthority("GROUP_" + unit + ":leader")));
    }

    static void time(String what, Runnable work) {
        long start = System.nanoTime();
        work.run();
        System.out.printf(Locale.ROOT, "  %-52s %8.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
