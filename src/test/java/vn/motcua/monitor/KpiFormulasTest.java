package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.deadline.Deadlines;
import vn.motcua.lookup.RegistryDataSupplied;
import vn.motcua.lookup.RegistryValues;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.record.Applicant;
import vn.motcua.record.Channel;
import vn.motcua.record.DocumentKind;
import vn.motcua.record.RecordRated;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordQueries;
import vn.motcua.record.RecordState;
import vn.motcua.record.RecordStateChanged;
import vn.motcua.record.StoredDocument;
import vn.motcua.security.UnitDirectory;

/**
 * The KPI formulas on a known set of records, each figure worked out by hand below. The records
 * are played to {@link RecordFollower} as the record feature publishes their events (state changes,
 * registry supplies, ratings), and the figures read back with the dashboard's own queries. Runs on
 * H2 ({@link KpiFormulasH2Test}) and on a real PostgreSQL ({@link KpiFormulasPostgresTest}): the
 * migration and every query on both.
 *
 * <pre>
 * commune-a  channel proc  accepted        appointment      resolved         verdict   e-result rating docs+supplied
 * A1         online  P1    02/11 09:00     04/11 09:00      03/11 10:00      early     yes      5      1 + 3
 * A2         counter P1    02/11 10:00     03/11 10:00      03/11 09:00      on time   yes      3      1 scan
 * A3         counter P2    05/11 10:00     06/11 10:00      06/11 15:00      late      no (paper) —    0
 * A4         online  P1    09/11 09:00     10/11 09:00 → stopped 09/11 10:00, resumed 12/11: 13/11 09:00
 *                                                           12/11 16:00      early (not late: paused)  1 + 2
 * A5         online  P2    20/11 09:00     23/11 09:00 → apology: 30/11
 *                                                           25/11 09:00      late (form 04)  yes  —    1
 * A6         online  P1    27/11 09:00     open, red (a step overdue)                              1 + 1
 * A7         online  P1    refused at reception 28/11: neither received nor resolved
 * A8         online  P1    supplement requested 28/11: open, paused, not received
 * A9         online  P2    30/10 09:00     03/11 09:00      02/11 14:00      early     yes      —      1
 * commune-b
 * B1         online  P1    10/11 09:00     11/11 09:00      11/11 08:00      on time   yes      4      1
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KpiFormulasTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = at(2026, 11, 28, 12, 0);

    final Map<String, RecordQueries.Snapshot> snapshots = new HashMap<>();
    final Map<String, Integer> supplied = new HashMap<>();
    RecordFollower follower;
    KpiQueries queries;
    MonitorTables tables;
    TransactionTemplate tx;
    JdbcClient jdbc;

    abstract DataSource dataSource();

    @BeforeAll
    void playTheRecords() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        tx = new TransactionTemplate(transactions);
        tables = new MonitorTables(jdbc, transactions);
        queries = new KpiQueries(jdbc);

        RecordQueries records = mock(RecordQueries.class);
        when(records.snapshot(anyString())).thenAnswer(call -> Optional.ofNullable(snapshots.get(call.getArgument(0))));
        when(records.snapshot(org.mockito.ArgumentMatchers.any(RecordRow.class))).thenAnswer(call -> {
            RecordRow row = call.getArgument(0);
            return new RecordQueries.Snapshot(row, snapshots.get(row.code()).documents());
        });
        RegistryValues registryValues = mock(RegistryValues.class);
        when(registryValues.countSupplied(anyString())).thenAnswer(call -> supplied.getOrDefault(call.getArgument(0), 0));
        ProcedureCatalogue catalogue = mock(ProcedureCatalogue.class);
        when(catalogue.find("P1")).thenReturn(Optional.of(procedure("P1", true)));
        when(catalogue.find("P2")).thenReturn(Optional.of(procedure("P2", false)));
        UnitDirectory units = mock(UnitDirectory.class);
        when(units.label(anyString())).thenAnswer(call -> "Unit " + call.getArgument(0));
        Deadlines deadlines = new Deadlines(new WorkingCalendars(CalendarProperties.defaults()).standard(), () -> NOW);
        follower = new RecordFollower(tables, records, catalogue, registryValues, units, deadlines);

        Play a1 = record("A1", "commune-a", Channel.ONLINE, "P1", at(2026, 11, 2, 8, 0), DocumentKind.APPLICATION);
        a1.supply(3);
        a1.accept(at(2026, 11, 2, 9, 0), at(2026, 11, 4, 9, 0));
        a1.to(RecordState.IN_PROCESSING, at(2026, 11, 2, 9, 30));
        a1.issueResult().to(RecordState.COMPLETED, at(2026, 11, 3, 10, 0));
        a1.to(RecordState.RESULT_RETURNED, at(2026, 11, 3, 11, 0));
        a1.rate(5);

        Play a2 = record("A2", "commune-a", Channel.IN_PERSON, "P1", at(2026, 11, 2, 9, 50), DocumentKind.SCAN);
        a2.accept(at(2026, 11, 2, 10, 0), at(2026, 11, 3, 10, 0));
        a2.to(RecordState.IN_PROCESSING, at(2026, 11, 2, 10, 30));
        a2.issueResult().to(RecordState.COMPLETED, at(2026, 11, 3, 9, 0));
        a2.to(RecordState.RESULT_RETURNED, at(2026, 11, 3, 9, 30));
        a2.rate(3);

        Play a3 = record("A3", "commune-a", Channel.IN_PERSON, "P2", at(2026, 11, 5, 9, 0));
        a3.accept(at(2026, 11, 5, 10, 0), at(2026, 11, 6, 10, 0));
        a3.to(RecordState.IN_PROCESSING, at(2026, 11, 5, 10, 30));
        a3.to(RecordState.COMPLETED, at(2026, 11, 6, 15, 0)); // a paper result: no electronic one

        Play a4 = record("A4", "commune-a", Channel.ONLINE, "P1", at(2026, 11, 9, 8, 0), DocumentKind.APPLICATION);
        a4.supply(2);
        a4.accept(at(2026, 11, 9, 9, 0), at(2026, 11, 10, 9, 0));
        a4.to(RecordState.IN_PROCESSING, at(2026, 11, 9, 9, 30));
        a4.to(RecordState.PROCESSING_STOPPED, at(2026, 11, 9, 10, 0));
        a4.appointment(at(2026, 11, 13, 9, 0)).to(RecordState.IN_PROCESSING, at(2026, 11, 12, 10, 0));
        a4.issueResult().to(RecordState.COMPLETED, at(2026, 11, 12, 16, 0));
        a4.to(RecordState.RESULT_RETURNED, at(2026, 11, 12, 16, 30)); // returned, never rated

        Play a5 = record("A5", "commune-a", Channel.ONLINE, "P2", at(2026, 11, 20, 8, 0), DocumentKind.APPLICATION);
        a5.accept(at(2026, 11, 20, 9, 0), at(2026, 11, 23, 9, 0));
        a5.to(RecordState.IN_PROCESSING, at(2026, 11, 20, 9, 30));
        a5.apology(at(2026, 11, 30, 9, 0));
        a5.issueResult().to(RecordState.COMPLETED, at(2026, 11, 25, 9, 0));

        Play a6 = record("A6", "commune-a", Channel.ONLINE, "P1", at(2026, 11, 27, 8, 0), DocumentKind.APPLICATION);
        a6.supply(1);
        a6.accept(at(2026, 11, 27, 9, 0), at(2026, 11, 30, 9, 0));
        a6.to(RecordState.IN_PROCESSING, at(2026, 11, 27, 9, 30));
        tx.executeWithoutResult(s -> {
            // reception ended; two open steps: the earlier deadline decides the colour, the earliest follow-up is kept
            tables.stepStarted("task-a6-reception", "A6", "commune-a", "reception", "Tiếp nhận", null, "clerk-a",
                    at(2026, 11, 27, 8, 0), at(2026, 11, 27, 8, 30), null);
            tables.endStep("task-a6-reception", "clerk-a", at(2026, 11, 27, 8, 30), at(2026, 11, 27, 9, 0), "clerk-a",
                    "completed", 3600);
            tables.stepStarted("task-a6-later", "A6", "commune-a", "appraisal", "Thẩm định", null, "specialist-b",
                    at(2026, 11, 27, 9, 30), at(2026, 12, 2, 9, 0), at(2026, 11, 27, 10, 0));
            tables.stepStarted("task-a6", "A6", "commune-a", "appraisal", "Thẩm định", null, "specialist-a",
                    at(2026, 11, 27, 9, 30), at(2026, 11, 27, 11, 0), at(2026, 12, 1, 9, 0));
            tables.stepStarted("task-a6", "A6", "commune-a", "appraisal", "again: ignored", null, null,
                    at(2026, 11, 27, 9, 31), null, null);
            tables.refreshOpenStep("A6");
        });

        Play a7 = record("A7", "commune-a", Channel.ONLINE, "P1", at(2026, 11, 28, 8, 0), DocumentKind.APPLICATION);
        a7.to(RecordState.NOT_ACCEPTED, at(2026, 11, 28, 9, 0));

        Play a8 = record("A8", "commune-a", Channel.ONLINE, "P1", at(2026, 11, 28, 8, 0));
        a8.to(RecordState.SUPPLEMENT_REQUESTED, at(2026, 11, 28, 9, 0));

        Play a9 = record("A9", "commune-a", Channel.ONLINE, "P2", at(2026, 10, 30, 8, 0), DocumentKind.APPLICATION);
        a9.accept(at(2026, 10, 30, 9, 0), at(2026, 11, 3, 9, 0));
        a9.to(RecordState.IN_PROCESSING, at(2026, 10, 30, 9, 30));
        a9.issueResult().to(RecordState.COMPLETED, at(2026, 11, 2, 14, 0));

        Play b1 = record("B1", "commune-b", Channel.ONLINE, "P1", at(2026, 11, 10, 8, 0), DocumentKind.APPLICATION);
        b1.accept(at(2026, 11, 10, 9, 0), at(2026, 11, 11, 9, 0));
        b1.to(RecordState.IN_PROCESSING, at(2026, 11, 10, 9, 30));
        b1.issueResult().to(RecordState.COMPLETED, at(2026, 11, 11, 8, 0));
        b1.to(RecordState.RESULT_RETURNED, at(2026, 11, 11, 8, 30));
        b1.rate(4);
    }

    // --- the figures ------------------------------------------------------------------------

    @Test
    void aMonthCountsReceivedRecordsByAcceptanceAndResolvedOnesByResolution() {
        Figures f = month("commune-a", 2026, 11);
        // received: A1–A6 (A7 refused, A8 not yet accepted, A9 accepted in October)
        assertThat(f.received()).isEqualTo(6);
        // resolved: A1, A2, A3, A4, A5 and A9 (accepted in October, resolved in November)
        assertThat(f.resolved()).isEqualTo(6);
        assertThat(f.early()).as("A1, A4 (paused: its appointment moved), A9").isEqualTo(3);
        assertThat(f.onTime()).as("A2: on the appointment day, before its hour").isEqualTo(1);
        assertThat(f.late()).as("A3 after its hour, A5 with an apology (form 04)").isEqualTo(2);
        assertThat(f.onTimeRate()).isEqualByComparingTo("0.6667"); // (3 + 1) / 6

        assertThat(f.online()).as("A1, A4, A5, A6").isEqualTo(4);
        assertThat(f.onlineRate()).isEqualByComparingTo("0.6667"); // 4 / 6
        assertThat(f.fullyOnline()).as("online and procedure P1 fully online: A1, A4, A6").isEqualTo(3);
        assertThat(f.fullyOnlineRate()).isEqualByComparingTo("0.5000"); // 3 / 6
        assertThat(f.digitised()).as("the online ones and A2 (scanned); not A3 (paper only)").isEqualTo(5);
        assertThat(f.digitisationRate()).isEqualByComparingTo("0.8333"); // 5 / 6
        assertThat(f.eResult()).as("every resolved one but A3").isEqualTo(5);
        assertThat(f.eResultRate()).isEqualByComparingTo("0.8333"); // 5 / 6
        // components: A1 1+3, A2 1, A3 0, A4 1+2, A5 1, A6 1+1 = 11; supplied by registries 3+2+1 = 6
        assertThat(f.components()).isEqualTo(11);
        assertThat(f.reused()).isEqualTo(6);
        assertThat(f.reuseRate()).isEqualByComparingTo("0.5455"); // 6 / 11
        // rated among the returned and resolved in November: A1 5, A2 3 (A4 returned, not rated)
        assertThat(f.rated()).isEqualTo(2);
        assertThat(f.satisfaction()).isEqualByComparingTo("4.00");
    }

    @Test
    void anEmptyPeriodHasZeroCountsAndNoRates() {
        Figures december = month("commune-a", 2026, 12);
        assertThat(december.received()).isZero();
        assertThat(december.resolved()).isZero();
        assertThat(december.onTimeRate()).isNull();
        assertThat(december.onlineRate()).isNull();
        assertThat(december.fullyOnlineRate()).isNull();
        assertThat(december.digitisationRate()).isNull();
        assertThat(december.eResultRate()).isNull();
        assertThat(december.reuseRate()).isNull();
        assertThat(december.satisfaction()).isNull();
        // as CSV: the counts 0, the rates empty cells
        KpiTable table = new KpiTable(Dashboard.PeriodView.of(Period.of(Period.Kind.MONTH, LocalDate.of(2026, 12, 1))),
                "unit", null, List.of(new KpiTable.Row("commune-a", "Xã A", "green", december, OpenRecords.NONE)),
                new KpiTable.Row(null, "Tổng / Total", "green", december, OpenRecords.NONE));
        List<String> lines = new String(table.csv(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFperiod,from,to,by,key,name,received,");
        assertThat(lines.get(1)).isEqualTo("month,2026-12-01,2027-01-01,unit,commune-a,Xã A" + ",0".repeat(13)
                + ",".repeat(8) + "green" + ",0".repeat(4));
        assertThat(lines.get(2)).startsWith("month,2026-12-01,2027-01-01,unit,total,Tổng / Total,0,");
    }

    @Test
    void aDayAQuarterAndAYear() {
        Figures third = figures(Period.of(Period.Kind.DAY, LocalDate.of(2026, 11, 3)), "commune-a");
        assertThat(third.received()).isZero();
        assertThat(third.resolved()).as("A1 and A2").isEqualTo(2);
        assertThat(third.onTimeRate()).isEqualByComparingTo("1.0000");
        assertThat(third.onlineRate()).as("nothing received that day").isNull();

        Figures q4 = figures(Period.of(Period.Kind.QUARTER, LocalDate.of(2026, 12, 31)), "commune-a");
        assertThat(q4.received()).as("A1–A6 and A9").isEqualTo(7);
        assertThat(q4.resolved()).isEqualTo(6);
        assertThat(q4.online()).isEqualTo(5);
        Figures year = figures(Period.of(Period.Kind.YEAR, LocalDate.of(2026, 1, 1)), "commune-a");
        assertThat(year).isEqualTo(q4);
        assertThat(figures(Period.of(Period.Kind.YEAR, LocalDate.of(2025, 6, 1)), "commune-a")).isEqualTo(Figures.ZERO);
    }

    @Test
    void eachUnitHasItsOwnFiguresAndProceduresTheirs() {
        Map<String, Figures> units = queries.byUnit(Period.of(Period.Kind.MONTH, LocalDate.of(2026, 11, 1)),
                List.of("commune-a", "commune-b"), null);
        assertThat(units.get("commune-b").received()).isEqualTo(1);
        assertThat(units.get("commune-b").onTime()).as("B1 on the day of its appointment, before its hour").isEqualTo(1);
        assertThat(units.get("commune-b").satisfaction()).isEqualByComparingTo("4.00");

        Map<String, Figures> p2 = queries.byProcedure(Period.of(Period.Kind.MONTH, LocalDate.of(2026, 11, 1)),
                List.of("commune-a"), "P2");
        assertThat(p2).containsOnlyKeys("P2");
        assertThat(p2.get("P2").received()).as("A3, A5").isEqualTo(2);
        assertThat(p2.get("P2").resolved()).as("A3, A5, A9").isEqualTo(3);
        assertThat(p2.get("P2").late()).isEqualTo(2);
        assertThat(p2.get("P2").fullyOnline()).as("P2 is not offered fully online").isZero();
    }

    @Test
    void theTrendHasEveryMonthAndOpenRecordsTheirColours() {
        Map<YearMonth, Figures> trend = queries.trend(YearMonth.of(2026, 9), YearMonth.of(2026, 12),
                List.of("commune-a"), null);
        assertThat(trend).containsOnlyKeys(YearMonth.of(2026, 9), YearMonth.of(2026, 10), YearMonth.of(2026, 11),
                YearMonth.of(2026, 12));
        assertThat(trend.get(YearMonth.of(2026, 10)).received()).isEqualTo(1);
        assertThat(trend.get(YearMonth.of(2026, 11)).resolved()).isEqualTo(6);
        assertThat(trend.get(YearMonth.of(2026, 9))).isEqualTo(Figures.ZERO);

        OpenRecords open = queries.open(List.of("commune-a"), null, NOW).get("commune-a");
        assertThat(open).as("A6 red (its step was due at 11:00), A8 paused").isEqualTo(new OpenRecords(0, 0, 1, 1));
        assertThat(queries.red(List.of("commune-a", "commune-b"), null, NOW, 10))
                .extracting(KpiQueries.RedRecord::code, KpiQueries.RedRecord::taskId, KpiQueries.RedRecord::assignee,
                        KpiQueries.RedRecord::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A6", "task-a6", "specialist-a",
                        at(2026, 11, 27, 11, 0)));
        assertThat(jdbc.sql("select open_follow_up_at from monitor_record where code = 'A6'").query(java.sql.Timestamp.class)
                .single().toInstant()).as("the earliest follow-up date of the open steps").isEqualTo(at(2026, 11, 27, 10, 0));
        assertThat(queries.open(List.of("commune-b"), null, NOW)).isEmpty();
    }

    @Test
    void aPauseIsKeptForTheControlSheetAndResolvedFactsStayAsTheyWere() {
        assertThat(tables.pauses("A4")).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(8);
            assertThat(p.startedAt()).isEqualTo(at(2026, 11, 9, 10, 0));
            assertThat(p.endedAt()).isEqualTo(at(2026, 11, 12, 10, 0));
        });
        RecordFacts a1 = tables.facts("A1").orElseThrow();
        assertThat(a1.resolvedAt()).as("resolution is when it reached 9, not when it was returned")
                .isEqualTo(at(2026, 11, 3, 10, 0));
        assertThat(a1.open()).isFalse();
        assertThat(tables.facts("A8").orElseThrow().paused()).isTrue();
        assertThat(queries.units()).containsOnlyKeys("commune-a", "commune-b");
    }

    @Test
    void aUnitsColourFollowsItsOnTimeRateAndItsRedRecords() {
        MonitorProperties colours = MonitorProperties.defaults();
        assertThat(colours.unitColour(new BigDecimal("0.95"), 0).id()).isEqualTo("green");
        assertThat(colours.unitColour(null, 0).id()).as("nothing resolved, nothing red").isEqualTo("green");
        assertThat(colours.unitColour(new BigDecimal("0.99"), 1).id()).isEqualTo("yellow");
        assertThat(colours.unitColour(new BigDecimal("0.80"), 5).id()).isEqualTo("yellow");
        assertThat(colours.unitColour(new BigDecimal("0.7999"), 0).id()).isEqualTo("red");
        assertThat(colours.unitColour(null, 6).id()).isEqualTo("red");
    }

    @Test
    void aLeaderSeesTheirUnitAndEveryUnitBelowAnalystsAndAdminsAllRecordsOrNot() {
        MonitorScope scope = new MonitorScope(vn.motcua.support.Organisations.demo(), queries);
        // units with records: two of the organisation's, and one it no longer has
        Map<String, String> recorded = Map.of("commune-a", "Xã A", "province", "Tỉnh", "commune-old", "Xã cũ");
        assertThat(scope.visibleUnits(leaderOf("commune-a"), recorded)).containsOnlyKeys("commune-a");
        assertThat(scope.visibleUnits(leaderOf("commune-b"), recorded)).as("no records yet, listed all the same")
                .containsOnlyKeys("commune-b");
        assertThat(scope.visibleUnits(leaderOf("province"), recorded).keySet()).as("top-down, as configured")
                .containsExactly("province", "dept-construction", "dept-industry-trade", "commune-a", "commune-b");
        assertThat(scope.visibleUnits(leaderOf("province"), recorded).get("dept-industry-trade"))
                .isEqualTo("Sở Công Thương / Department of Industry and Trade");
        assertThat(scope.visibleUnits(leaderOf("dept-construction"), recorded)).containsOnlyKeys("dept-construction");
        assertThat(scope.visibleUnits(Set.of("ROLE_ANALYST", "GROUP_analysts"), recorded).keySet())
                .containsExactly("province", "dept-construction", "dept-industry-trade", "commune-a", "commune-b",
                        "commune-old");
        assertThat(scope.visibleUnits(Set.of("ROLE_ADMIN", "GROUP_camunda-admin"), recorded)).hasSize(6);
        assertThat(scope.visibleUnits(Set.of("ROLE_CLERK", "GROUP_commune-a:clerk"), recorded)).isEmpty();
        assertThat(scope.visibleUnits(leaderOf("commune-c"), recorded)).as("their own unit, even unconfigured")
                .containsOnlyKeys("commune-c");
    }

    // --- playing records ---------------------------------------------------------------------

    Figures month(String unit, int year, int month) {
        return figures(Period.of(Period.Kind.MONTH, LocalDate.of(year, month, 1)), unit);
    }

    Figures figures(Period period, String unit) {
        return queries.byUnit(period, List.of(unit), null).getOrDefault(unit, Figures.ZERO);
    }

    static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(VIETNAM).toInstant();
    }

    static ProcedureSummary procedure(String code, boolean fullyOnline) {
        return new ProcedureSummary(code, "Procedure " + code, "process-" + code, 1, "commune", BigDecimal.ONE, 0L,
                fullyOnline, List.of(), null);
    }

    Play record(String code, String unit, Channel channel, String procedure, Instant submittedAt,
            DocumentKind... documents) {
        Play play = new Play(new RecordRow(code, procedure, "Procedure " + procedure, "process-" + procedure, null, unit,
                channel, new Applicant("001190012345", "Nguyễn Văn A", null, null, null), RecordState.NEW, "reception",
                "portal", submittedAt, null, null, null, null, null, null, null, 0), new ArrayList<>());
        for (DocumentKind kind : documents) {
            play.document(kind, submittedAt);
        }
        play.publish(null, RecordState.NEW, submittedAt);
        return play;
    }

    /** A record as the record feature would change it, publishing its events to the follower. */
    final class Play {
        RecordRow row;
        final List<StoredDocument> documents;

        Play(RecordRow row, List<StoredDocument> documents) {
            this.row = row;
            this.documents = documents;
        }

        void document(DocumentKind kind, Instant at) {
            documents.add(new StoredDocument(UUID.randomUUID().toString(), kind, kind.id() + ".pdf", "application/pdf",
                    100, "0".repeat(64), null, kind == DocumentKind.SCAN, "test", at));
            snapshots.put(row.code(), new RecordQueries.Snapshot(row, List.copyOf(documents)));
        }

        void accept(Instant at, Instant appointment) {
            row = copy(RecordState.ACCEPTED, at, appointment, null, null);
            publish(RecordState.NEW, RecordState.ACCEPTED, at);
        }

        Play appointment(Instant appointment) {
            row = copy(row.state(), row.acceptedAt(), appointment, row.closedAt(), row.rating());
            return this;
        }

        Play issueResult() {
            document(DocumentKind.RESULT, row.acceptedAt());
            return this;
        }

        void apology(Instant newAppointment) {
            document(DocumentKind.APOLOGY, row.acceptedAt());
            appointment(newAppointment);
            snapshots.put(row.code(), new RecordQueries.Snapshot(row, List.copyOf(documents)));
        }

        void to(RecordState state, Instant at) {
            RecordState from = row.state();
            row = copy(state, row.acceptedAt(), row.appointmentAt(), state.isFinal() ? at : null, row.rating());
            publish(from, state, at);
        }

        void supply(int fields) {
            supplied.merge(row.code(), fields, Integer::sum);
            tx.executeWithoutResult(s -> follower.registryDataSupplied(new RegistryDataSupplied(row.code(),
                    row.processInstanceId(), "pd", "population", List.of(), supplied.get(row.code()))));
        }

        void rate(int score) {
            row = copy(row.state(), row.acceptedAt(), row.appointmentAt(), row.closedAt(), score);
            snapshots.put(row.code(), new RecordQueries.Snapshot(row, List.copyOf(documents)));
            tx.executeWithoutResult(s -> follower.rated(new RecordRated(row.code(), score, NOW)));
        }

        void publish(RecordState from, RecordState to, Instant at) {
            snapshots.put(row.code(), new RecordQueries.Snapshot(row, List.copyOf(documents)));
            tx.executeWithoutResult(s -> follower.stateChanged(new RecordStateChanged(row.code(), row.procedureCode(),
                    row.unit(), from, to, row.currentStep(), "test", at, row.channel(), row, null)));
        }

        RecordRow copy(RecordState state, Instant acceptedAt, Instant appointmentAt, Instant closedAt, Integer rating) {
            return new RecordRow(row.code(), row.procedureCode(), row.procedureName(), row.processKey(),
                    row.processInstanceId(), row.unit(), row.channel(), row.applicant(), state, row.currentStep(),
                    row.submittedBy(), row.submittedAt(), acceptedAt, appointmentAt, closedAt, rating, null, null, null,
                    0);
        }
    }

    static Set<String> leaderOf(String unit) {
        return Set.of("ROLE_LEADER", "GROUP_" + unit + ":leader");
    }
}
