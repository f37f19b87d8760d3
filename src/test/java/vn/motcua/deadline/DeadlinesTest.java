package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

import vn.motcua.calendar.CalendarProperties;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.calendar.WorkingCalendars;

/** Deadlines in working time: office hours, weekends, budgets, the yellow threshold. */
class DeadlinesTest {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final WorkingCalendar OFFICE = new WorkingCalendars(CalendarProperties.defaults()).standard();

    static Deadlines at(String localDateTime) {
        Instant now = LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
        return new Deadlines(OFFICE, () -> now);
    }

    static LocalDateTime local(java.util.Date date) {
        return date.toInstant().atZone(VIETNAM).toLocalDateTime();
    }

    @Test
    void countsWorkingDaysInOfficeHoursAndSkipsTheWeekend() {
        Deadlines thursday = at("2026-11-26T09:00");
        assertThat(local(thursday.afterWorkingDays(1))).isEqualTo("2026-11-27T09:00");
        assertThat(local(thursday.afterWorkingDays(2))).isEqualTo("2026-11-30T09:00");
        assertThat(local(thursday.afterWorkingDays(0.5))).as("4 working hours, over the lunch break")
                .isEqualTo("2026-11-26T14:30");
    }

    @Test
    void theYellowThresholdIsOneWorkingDayOrAFifthOfAShortBudget() {
        Deadlines deadlines = at("2026-11-23T09:00");
        assertThat(deadlines.yellowThreshold(10)).isEqualTo(1.0);
        assertThat(deadlines.yellowThreshold(1)).isEqualTo(0.2);
        assertThat(deadlines.yellowThreshold(0.2)).isEqualTo(0.2 * 0.2);
    }

    @Test
    void stepsWithoutABudgetShareWhatTheExplicitBudgetsLeave() {
        String task = "<bpmn:userTask id=\"%s\"><bpmn:extensionElements><camunda:properties>"
                + "<camunda:property name=\"step\" value=\"%s\"/>%s</camunda:properties>"
                + "</bpmn:extensionElements></bpmn:userTask>";
        String budget = "<camunda:property name=\"step.budgetDays\" value=\"%s\"/>";
        String xml = """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <bpmn:process id="p" isExecutable="true">
                    <bpmn:extensionElements><camunda:properties>
                      <camunda:property name="procedure.processingDays" value="10"/>
                    </camunda:properties></bpmn:extensionElements>
                    %s %s %s %s %s
                  </bpmn:process>
                </bpmn:definitions>""".formatted(
                task.formatted("a", "reception", budget.formatted("1")), task.formatted("b", "appraisal", ""),
                task.formatted("c", "approval", budget.formatted("3")), task.formatted("d", "issuing", ""),
                task.formatted("e", "result", ""));
        BpmnModelInstance model = Bpmn.readModelFromStream(
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(Deadlines.evenShare(model.getModelElementById("p"))).isEqualTo(2.0);
        assertThat(Deadlines.evenShare((Process) null)).isZero();
    }

    @Test
    void aColourFollowsTheFollowUpAndDueDates() {
        Instant followUp = Instant.parse("2026-11-24T02:00:00Z");
        Instant due = Instant.parse("2026-11-24T09:00:00Z");
        assertThat(Colour.of(followUp.minusSeconds(1), followUp, due)).isEqualTo(Colour.GREEN);
        assertThat(Colour.of(followUp, followUp, due)).isEqualTo(Colour.YELLOW);
        assertThat(Colour.of(due.plusSeconds(1), followUp, due)).isEqualTo(Colour.RED);
        assertThat(Colour.worst(java.util.List.of(Colour.GREEN, Colour.RED, Colour.YELLOW))).isEqualTo(Colour.RED);
        assertThat(Colour.worst(java.util.List.of())).isEqualTo(Colour.GREEN);
    }

    @Test
    void refusesANegativeBudget() {
        assertThatThrownBy(() -> at("2026-11-23T09:00").afterWorkingDays(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void theFastClockOfTheDemoScalesEveryFigure() {
        Instant now = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, VIETNAM).toInstant();
        WorkingCalendar roundTheClock = new WorkingCalendars(new CalendarProperties(null, "24x7", null, null, null,
                null, null, null, null, null)).standard();
        Deadlines fast = new Deadlines(roundTheClock, () -> now, new DeadlineProperties(null, null, 1.0 / 1440));
        assertThat(fast.afterWorkingDays(1).toInstant()).isEqualTo(now.plusSeconds(60));
    }
}
