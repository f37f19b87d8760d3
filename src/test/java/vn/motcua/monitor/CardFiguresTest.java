package vn.motcua.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.calendar.WorkingCalendars;
import vn.motcua.monitor.RecordFacts.Timeliness;

/**
 * A reengineering card's record figures against a table worked out by hand, on H2 and on PostgreSQL: the rows
 * are written into the monitor's tables as the record follower writes them, then read back by the card's queries.
 *
 * <p>Procedure P1 in November 2026; the office calendar's working hours are 07:30–11:30 and 13:00–17:00 (checked
 * first). Records (commune A unless said; channel 2 = online, 1 = at the counter):
 * <pre>
 *       accepted      resolved      work  pause  verdict  e-result comp. reused rating fee  paid online  steps (hours)
 *  R1   Mon 02 08:00  Mon 02 09:00  1 h          early    yes      4     2      5      yes  yes          reception 1, appraisal 2, approval 0.5 (late)
 *  R2   Tue 03 08:00  Tue 03 11:00  3 h   1 h    on time  no       3     0      3      yes  no  (counter) reception 1.5, appraisal 3 (late)
 *  R3   Wed 04 08:00  Wed 04 11:00  3 h          late     yes      2     1      —      no              reception 0.5, appraisal 1 (same group)
 *  R4   Thu 26 08:00  (open)                                       1     1                             a cancelled and an open step
 *  R5   Fri 30/10     Mon 02 09:00  9 h          on time  yes      5     0      4      no   (counter)
 *  R6   commune B, Thu 05 08:00 → 09:00, early, rating 1, reception 10 h
 *  R7   procedure P2; R8 accepted 1 December: not in the card
 * </pre>
 * Commune A: received R1–R4 = 4 (online R1, R3, R4 = 0.75; fully online R1 = 0.25; fee asked R1, R2, paid online
 * R1 = 0.5; reused 4 of 10 components = 0.4); resolved R1, R2, R3, R5 = 4 (early 0.25, on time 0.5, late 0.25,
 * e-result 0.75, satisfaction (5 + 3 + 4) / 3 = 4.00); working days 1/8, 2/8, 3/8, 9/8 = 0.125, 0.25, 0.375, 1.125:
 * median (0.25 + 0.375) / 2 = 0.3125 → 0.31, 90th percentile 0.375 + 0.7 × 0.75 = 0.90; hand-offs R1 2, R2 1, R3 0
 * → median 1.0. Reception 0.5, 1, 1.5 h: min 0.5, Q1 0.75, median 1, Q3 1.25, P90 1.4, max 1.5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CardFiguresTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Period NOVEMBER = Period.of(Period.Kind.MONTH, LocalDate.of(2026, 11, 15));

    WorkingCalendar calendar;
    CardQueries queries;
    MonitorTables tables;
    JdbcClient jdbc;

    abstract DataSource dataSource();

    @BeforeAll
    void writeTheRecords() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        tables = new MonitorTables(jdbc, new DataSourceTransactionManager(dataSource));
        queries = new CardQueries(jdbc);
        calendar = new WorkingCalendars(CalendarProperties.defaults()).standard();

        record("R1", "commune-a", "P1", 2, true, at(11, 2, 8, 0), at(11, 2, 9, 0), Timeliness.EARLY, true, 4, 2, 5, true, true);
        record("R2", "commune-a", "P1", 1, false, at(11, 3, 8, 0), at(11, 3, 11, 0), Timeliness.ON_TIME, false, 3, 0, 3, true, false);
        pause("R2", at(11, 3, 8, 30), at(11, 3, 9, 30));
        record("R3", "commune-a", "P1", 2, false, at(11, 4, 8, 0), at(11, 4, 11, 0), Timeliness.LATE, true, 2, 1, null, false, false);
        record("R4", "commune-a", "P1", 2, false, at(11, 26, 8, 0), null, null, false, 1, 1, null, false, false);
        record("R5", "commune-a", "P1", 1, false, at(10, 30, 8, 0), at(11, 2, 9, 0), Timeliness.ON_TIME, true, 5, 0, 4, false, false);
        record("R6", "commune-b", "P1", 2, true, at(11, 5, 8, 0), at(11, 5, 9, 0), Timeliness.EARLY, true, 1, 0, 1, false, false);
        record("R7", "commune-a", "P2", 2, true, at(11, 6, 8, 0), at(11, 6, 9, 0), Timeliness.EARLY, true, 1, 0, 5, false, false);
        record("R8", "commune-a", "P1", 2, true, at(12, 1, 8, 0), null, null, false, 1, 0, null, false, false);

        step("R1", "reception", "commune-a:clerk", at(11, 2, 8, 0), 3600, false, "completed");
        step("R1", "appraisal", "commune-a:specialist", at(11, 2, 8, 10), 7200, false, "completed");
        step("R1", "approval", "commune-a:leader", at(11, 2, 8, 20), 1800, true, "completed");
        step("R2", "reception", "commune-a:clerk", at(11, 3, 8, 0), 5400, false, "completed");
        step("R2", "appraisal", "commune-a:specialist", at(11, 3, 8, 10), 10800, true, "completed");
        step("R3", "reception", "commune-a:clerk", at(11, 4, 8, 0), 1800, false, "completed");
        step("R3", "appraisal", "commune-a:clerk", at(11, 4, 8, 10), 3600, false, "completed");
        step("R4", "reception", "commune-a:clerk", at(11, 26, 8, 0), 900, false, "cancelled");
        step("R4", "reception", "commune-a:clerk", at(11, 26, 8, 10), null, false, null);
        step("R6", "reception", "commune-b:clerk", at(11, 5, 8, 0), 36000, false, "completed");
        step("R7", "reception", "commune-a:clerk", at(11, 6, 8, 0), 99999, false, "completed");
    }

    @Test
    void theCalendarIsTheOneTheTableAssumes() {
        assertThat(calendar.workingDayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(calendar.workingTimeBetween(at(10, 30, 8, 0), at(11, 2, 9, 0))).as("R5: Fri 3.5 + 4 h, Mon 1.5 h")
                .isEqualTo(Duration.ofHours(9));
    }

    @Test
    void communeAsFiguresAreTheHandWorkedOnes() {
        ReengineeringCard.Records r = figures(Set.of("commune-a"));
        assertThat(r.received()).isEqualTo(4);
        assertThat(r.onlineShare()).isEqualByComparingTo("0.75");
        assertThat(r.fullyOnlineShare()).isEqualByComparingTo("0.25");
        assertThat(r.feeRequested()).isEqualTo(2);
        assertThat(r.paidOnlineShare()).isEqualByComparingTo("0.5");
        assertThat(r.reuseRate()).isEqualByComparingTo("0.4");
        assertThat(r.resolved()).isEqualTo(4);
        assertThat(r.earlyShare()).isEqualByComparingTo("0.25");
        assertThat(r.onTimeShare()).isEqualByComparingTo("0.5");
        assertThat(r.lateShare()).isEqualByComparingTo("0.25");
        assertThat(r.eResultShare()).isEqualByComparingTo("0.75");
        assertThat(r.satisfaction()).isEqualByComparingTo("4.00");
        assertThat(r.medianDays()).isEqualByComparingTo("0.31");
        assertThat(r.p90Days()).isEqualByComparingTo("0.90");
        assertThat(r.handOffsMedian()).isEqualByComparingTo("1.0");
        assertThat(r.statutoryDays()).isEqualByComparingTo("1");
    }

    @Test
    void eachStepsBoxAgainstItsBudget() {
        List<ReengineeringCard.StepLine> model = List.of(
                new ReengineeringCard.StepLine("Task_Reception", "Tiếp nhận", "reception", "${unit}:clerk", new java.math.BigDecimal("0.5")),
                new ReengineeringCard.StepLine("Task_Appraisal", "Thẩm định", "appraisal", "${unit}:specialist", java.math.BigDecimal.ONE),
                new ReengineeringCard.StepLine("Task_Approval", "Phê duyệt", "approval", "${unit}:leader", new java.math.BigDecimal("0.5")),
                new ReengineeringCard.StepLine("Task_Issuing", "Ban hành", "issuing", "${unit}:records", null));
        List<ReengineeringCard.StepTime> times = CardFigures.stepTimes(
                queries.steps("P1", Set.of("commune-a"), NOVEMBER), model, calendar.workingDayLength());
        assertThat(times).extracting(ReengineeringCard.StepTime::step)
                .containsExactly("reception", "appraisal", "approval", "issuing");
        ReengineeringCard.StepTime reception = times.get(0);
        assertThat(reception.budgetHours()).isEqualByComparingTo("4");
        assertThat(reception.completed()).as("R1, R2, R3: not R4's cancelled or open one").isEqualTo(3);
        assertThat(reception.minHours()).isEqualByComparingTo("0.5");
        assertThat(reception.q1Hours()).isEqualByComparingTo("0.75");
        assertThat(reception.medianHours()).isEqualByComparingTo("1");
        assertThat(reception.q3Hours()).isEqualByComparingTo("1.25");
        assertThat(reception.p90Hours()).isEqualByComparingTo("1.4");
        assertThat(reception.maxHours()).isEqualByComparingTo("1.5");
        ReengineeringCard.StepTime appraisal = times.get(1);
        assertThat(appraisal.budgetHours()).isEqualByComparingTo("8");
        assertThat(appraisal.medianHours()).isEqualByComparingTo("2");
        assertThat(appraisal.p90Hours()).isEqualByComparingTo("2.8");
        assertThat(appraisal.late()).isEqualTo(1);
        assertThat(times.get(2).late()).isEqualTo(1);
        assertThat(times.get(3).completed()).isZero();
        assertThat(times.get(3).medianHours()).isNull();
    }

    @Test
    void bothCommunesTogetherAndCommuneBAlone() {
        ReengineeringCard.Records both = figures(Set.of("commune-a", "commune-b"));
        assertThat(both.received()).isEqualTo(5);
        assertThat(both.earlyShare()).as("R1, R6 of 5 resolved").isEqualByComparingTo("0.4");
        assertThat(both.satisfaction()).as("(5 + 3 + 4 + 1) / 4").isEqualByComparingTo("3.25");
        ReengineeringCard.Records b = figures(Set.of("commune-b"));
        assertThat(b.received()).isEqualTo(1);
        assertThat(b.paidOnlineShare()).as("no fee asked: nothing to measure").isNull();
        assertThat(figures(Set.of()).received()).isZero();
    }

    /** What the record follower writes for the card's share paid online: a fee receipt is issued for platform payments only. */
    @Test
    void aRecordIsPaidOnlineWhenItHasAFeeReceipt() {
        assertThat(facts(vn.motcua.record.DocumentKind.APPLICATION)).extracting(RecordFacts::feeRequested,
                RecordFacts::paidOnline).containsExactly(false, false);
        assertThat(facts(vn.motcua.record.DocumentKind.APPLICATION, vn.motcua.record.DocumentKind.PAYMENT_REQUEST))
                .as("asked, paid at the counter or not yet").extracting(RecordFacts::feeRequested, RecordFacts::paidOnline)
                .containsExactly(true, false);
        assertThat(facts(vn.motcua.record.DocumentKind.PAYMENT_REQUEST, vn.motcua.record.DocumentKind.FEE_RECEIPT))
                .extracting(RecordFacts::feeRequested, RecordFacts::paidOnline).containsExactly(true, true);
    }

    private static RecordFacts facts(vn.motcua.record.DocumentKind... kinds) {
        Instant at = at(11, 2, 8, 0);
        vn.motcua.record.RecordRow row = new vn.motcua.record.RecordRow("F1", "P1", "Procedure P1", "process-P1", null,
                "commune-a", vn.motcua.record.Channel.ONLINE, new vn.motcua.record.Applicant("001190012345",
                        "Nguyễn Văn A", null, null, null), vn.motcua.record.RecordState.IN_PROCESSING, "appraisal", "portal",
                at, at, at.plus(Duration.ofDays(1)), null, null, null, null, null, 0);
        List<vn.motcua.record.StoredDocument> documents = java.util.Arrays.stream(kinds)
                .map(kind -> new vn.motcua.record.StoredDocument(UUID.randomUUID().toString(), kind, kind.id() + ".pdf",
                        "application/pdf", 100, "0".repeat(64), null, false, "test", at))
                .toList();
        return RecordFacts.of(new vn.motcua.record.RecordQueries.Snapshot(row, documents), null, true, 0, at, VIETNAM);
    }

    private ReengineeringCard.Records figures(Set<String> units) {
        return CardFigures.records(queries.records("P1", units, NOVEMBER), queries.pauses("P1", units, NOVEMBER),
                queries.steps("P1", units, NOVEMBER), NOVEMBER, java.math.BigDecimal.ONE, calendar);
    }

    private void record(String code, String unit, String procedure, int channel, boolean fullyOnline, Instant accepted,
            Instant resolved, Timeliness timeliness, boolean eResult, int components, int reused, Integer rating,
            boolean fee, boolean paidOnline) {
        tables.insertFacts(new RecordFacts(code, unit, procedure, channel, fullyOnline, resolved == null ? 4 : 10,
                accepted.minus(Duration.ofMinutes(30)), accepted, day(accepted), accepted.plus(Duration.ofDays(1)),
                resolved, resolved == null ? null : day(resolved), null, timeliness, true, eResult, components, reused,
                rating, false, resolved == null, false, fee, paidOnline));
    }

    private void pause(String code, Instant from, Instant to) {
        jdbc.sql("insert into monitor_pause (record_code, started_at, state, ended_at) values (?, ?, 5, ?)")
                .params(code, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to)).update();
    }

    private void step(String code, String step, String candidates, Instant started, Integer seconds, boolean late,
            String outcome) {
        Instant ended = seconds == null ? null : started.plusSeconds(seconds);
        Instant due = started.plus(Duration.ofDays(1));
        if (late && ended != null) {
            due = ended.minusSeconds(60);
        }
        jdbc.sql("""
                insert into monitor_step (task_id, record_code, unit, step, task_name, candidates, started_at, due_at,
                  ended_at, outcome, working_seconds) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), code, candidates.substring(0, candidates.indexOf(':')), step, step,
                        candidates, java.sql.Timestamp.from(started), java.sql.Timestamp.from(due),
                        ended == null ? null : java.sql.Timestamp.from(ended), outcome,
                        seconds == null ? null : seconds.longValue())
                .update();
    }

    static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(VIETNAM).toInstant();
    }

    static LocalDate day(Instant instant) {
        return instant.atZone(VIETNAM).toLocalDate();
    }
}
