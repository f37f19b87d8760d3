package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.deadline.Deadlines;
import vn.motcua.record.LatenessForeseen;

/**
 * The lateness forecast against open records whose lateness is known, on H2 and PostgreSQL. Now is Monday
 * 23 November 2026, 07:30 (a working day of 07:30–11:30 and 13:00–17:00). Procedure P1's steps and budgets:
 * reception 0.5 day, appraisal 1, approval 0.5, issuing 0.5, result 0.5; no completed steps in the last three
 * months, so each step typically takes its budget (4, 8, 4, 4, 4 working hours).
 * <pre>
 *       unit  open step  started         appointment     needs                       left   foreseen late
 *  A    A     appraisal  Fri 20 15:00    Tue 24 17:00    (8 − 2) + 4 + 4 + 4 = 18 h  16 h   yes, proposed Wed 25
 *  B    A     appraisal  Fri 20 15:00    Wed 25 17:00    18 h                        24 h   no
 *  C    B     appraisal  Fri 20 15:00    Tue 24 12:00    18 h                        12 h   yes, proposed Wed 25
 *  D    A     (paused: its clock stands still)                                              not forecast
 *  E    A     appointment passed on Friday (the sweep's, not the forecast's)                not forecast
 *  F    A     reception  now             Wed 25 17:00    4 + 8 + 4 + 4 + 4 = 24 h    24 h   no (needs no more than it has)
 *  G    A     resolved this year
 * </pre>
 * H is between two steps (no open step): nothing is known to be left, so it is not foreseen late (its margin is
 * the largest, so it comes last).
 * Points at risk: commune A resolves A, B, D, E, F, G and H this year: 20 / 7 = 2.857; commune B only C: 20 / 1.
 * The rescue list: C (20 points), then A (2.857).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LatenessForecastTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant NOW = at(11, 23, 7, 30);

    LatenessForecast forecast;
    JdbcClient jdbc;
    KpiQueries queries;
    Deadlines deadlines;
    DataSourceTransactionManager transactions;
    final List<Object> published = new ArrayList<>();

    abstract DataSource dataSource();

    @BeforeAll
    void openRecords() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        MonitorTables tables = new MonitorTables(jdbc, transactions);
        tables.ensureUnit("commune-a", "Xã A", NOW);
        tables.ensureUnit("commune-b", "Xã B", NOW);
        open(tables, jdbc, "A", "commune-a", "appraisal", at(11, 20, 15, 0), at(11, 24, 17, 0), false);
        open(tables, jdbc, "B", "commune-a", "appraisal", at(11, 20, 15, 0), at(11, 25, 17, 0), false);
        open(tables, jdbc, "C", "commune-b", "appraisal", at(11, 20, 15, 0), at(11, 24, 12, 0), false);
        open(tables, jdbc, "D", "commune-a", "appraisal", at(11, 20, 15, 0), at(11, 23, 17, 0), true);
        open(tables, jdbc, "E", "commune-a", "appraisal", at(11, 18, 15, 0), at(11, 20, 17, 0), false);
        open(tables, jdbc, "F", "commune-a", "reception", NOW, at(11, 25, 17, 0), false);
        // H: between two steps (no open step): forecast with nothing known of it, never late, never an error
        tables.insertFacts(new RecordFacts("H", "commune-a", "P1", 2, false, 4, NOW, NOW, NOW.atZone(VIETNAM).toLocalDate(),
                at(11, 30, 17, 0), null, null, null, null, true, false, 1, 0, null, false, true, false, false, false));
        tables.insertFacts(new RecordFacts("G", "commune-a", "P1", 2, false, 10, at(3, 2, 8, 0), at(3, 2, 8, 0),
                LocalDate.of(2026, 3, 2), at(3, 3, 8, 0), at(3, 2, 10, 0), LocalDate.of(2026, 3, 2), null,
                RecordFacts.Timeliness.EARLY, true, true, 1, 0, null, false, false, false, false, false));

        ReengineeringCards cards = mock(ReengineeringCards.class);
        List<ReengineeringCard.StepLine> steps = List.of(step("reception", "0.5"), step("appraisal", "1"),
                step("approval", "0.5"), step("issuing", "0.5"), step("result", "0.5"));
        when(cards.latestModel(any())).thenReturn(Optional.of(new ReengineeringCard.ModelVersion(1, null,
                BigDecimal.valueOf(3), 0L, true, List.of(), 0, 0, 0, steps, 5, 4, List.of())));
        ApplicationEventPublisher events = published::add;
        queries = new KpiQueries(jdbc);
        deadlines = new Deadlines(new WorkingCalendars(CalendarProperties.defaults()).standard(), () -> NOW);
        forecast = new LatenessForecast(jdbc, queries, new MonitorScope(mock(vn.motcua.security.UnitDirectory.class), queries),
                cards, deadlines, events);
    }

    @Test
    void theRecordsWhoseLatenessIsKnownAreForeseenSo() {
        List<LatenessForecast.Row> rows = forecast.forecast(Map.of("commune-a", "Xã A", "commune-b", "Xã B"), null, NOW);
        assertThat(rows).extracting(LatenessForecast.Row::recordCode).as("late first, most points first; D and E not")
                .containsExactly("C", "A", "F", "B", "H");
        LatenessForecast.Row c = rows.get(0);
        assertThat(c.foreseenLate()).isTrue();
        assertThat(c.hoursNeeded()).isEqualByComparingTo("18");
        assertThat(c.hoursLeft()).isEqualByComparingTo("12");
        assertThat(c.pointsAtRisk()).isEqualByComparingTo("20");
        assertThat(c.proposedDay()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(c.holder()).isEqualTo("commune-b:specialist");
        LatenessForecast.Row a = rows.get(1);
        assertThat(a.hoursLeft()).isEqualByComparingTo("16");
        assertThat(a.pointsAtRisk()).isEqualByComparingTo("2.857");
        assertThat(rows.get(2).foreseenLate()).as("F needs 24 h and has 24 h").isFalse();
        assertThat(rows.get(2).hoursNeeded()).isEqualByComparingTo("24");
        assertThat(rows.get(3).foreseenLate()).isFalse();
        assertThat(forecast.forecast(Map.of("commune-a", "Xã A"), "P2", NOW)).as("another procedure's").isEmpty();
    }

    @Test
    void everyForeseenLateRecordIsSentForItsEarlyApology() {
        published.clear();
        forecast.askEarlyApologies();
        assertThat(published).extracting(e -> ((LatenessForeseen) e).recordCode()).containsExactly("C", "A");
        assertThat(published).extracting(e -> ((LatenessForeseen) e).proposedDay())
                .containsOnly(LocalDate.of(2026, 11, 25));
    }

    /**
     * The leaders' morning e-mail: at 07:30 on a working day, one e-mail to each leader of a unit with records
     * foreseen late (commune A: A; commune B: C), once however many nodes try; nothing before 07:00.
     */
    @Test
    void theLeadersGetTheRescueListOnceAMorning() {
        vn.motcua.security.StaffDirectory staff = mock(vn.motcua.security.StaffDirectory.class);
        when(staff.addressesOf("commune-a:leader")).thenReturn(Map.of("leader-a@demo.motcua.vn", "Trần Văn A"));
        when(staff.addressesOf("commune-b:leader")).thenReturn(Map.of("leader-b@demo.motcua.vn", "Lê Thị B"));
        RescueMail nodeA = mail(staff);
        RescueMail nodeB = mail(staff);
        assertThat(nodeA.send(at(11, 23, 6, 59))).as("before 07:00").isZero();
        assertThat(nodeA.send(NOW)).isEqualTo(2);
        assertThat(nodeB.send(NOW.plus(Duration.ofMinutes(10)))).as("the other node, ten minutes later").isZero();
        assertThat(nodeA.send(at(11, 28, 8, 0))).as("Saturday").isZero();
        List<String> subjects = jdbc.sql("select recipient || ' ' || subject from notice_outbox where notice_id like 'rescue-%'")
                .query(String.class).list();
        assertThat(subjects).containsExactlyInAnyOrder(
                "leader-a@demo.motcua.vn [motcua] Hồ sơ cần cứu hôm nay / Records to rescue today: Xã A (1)",
                "leader-b@demo.motcua.vn [motcua] Hồ sơ cần cứu hôm nay / Records to rescue today: Xã B (1)");
        assertThat(jdbc.sql("select body from notice_outbox where recipient = 'leader-b@demo.motcua.vn'")
                .query(String.class).single()).contains("1. C, bước appraisal", "/records/C", "Lê Thị B");
    }

    private RescueMail mail(vn.motcua.security.StaffDirectory staff) {
        return new RescueMail(jdbc, forecast, queries, staff, new vn.motcua.notice.NoticeOutbox(jdbc),
                vn.motcua.notice.NoticeProperties.defaults(), deadlines, transactions, java.time.LocalTime.of(7, 0));
    }

    private static void open(MonitorTables tables, JdbcClient jdbc, String code, String unit, String step,
            Instant started, Instant appointment, boolean paused) {
        tables.insertFacts(new RecordFacts(code, unit, "P1", 2, false, paused ? 5 : 4, started.minus(Duration.ofHours(1)),
                started.minus(Duration.ofHours(1)), started.atZone(VIETNAM).toLocalDate(), appointment, null, null, null,
                null, true, false, 1, 0, null, false, true, paused, false, false));
        String task = "task-" + code;
        String role = step.equals("reception") ? ":clerk" : ":specialist";
        jdbc.sql("""
                insert into monitor_step (task_id, record_code, unit, step, task_name, candidates, started_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(task, code, unit, step, step, unit + role, java.sql.Timestamp.from(started)).update();
        jdbc.sql("update monitor_record set open_step = ?, open_task_id = ? where code = ?").params(step, task, code)
                .update();
    }

    private static ReengineeringCard.StepLine step(String step, String budgetDays) {
        return new ReengineeringCard.StepLine("Task_" + step, step, step, "${unit}:x", new BigDecimal(budgetDays));
    }

    static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(VIETNAM).toInstant();
    }
}
