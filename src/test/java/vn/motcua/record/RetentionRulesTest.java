package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.junit.jupiter.api.Test;

import vn.motcua.procedure.SystemModels;

/** The rules of issue #16 without an engine or a database: the window, the lean history, what supersedes what. */
class RetentionRulesTest {

    static RetentionProperties defaults() {
        return new RetentionProperties(null, null, null, null, null, null, null, null);
    }

    @Test
    void theNightWindowRunsOverMidnightInVietnamTime() {
        RetentionProperties retention = defaults();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T15:00:00Z"))).as("22:00 in Hanoi").isTrue();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T14:59:00Z"))).as("21:59").isFalse();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T19:30:00Z"))).as("02:30").isTrue();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T21:59:00Z"))).as("04:59").isTrue();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T22:00:00Z"))).as("05:00").isFalse();
        assertThat(retention.inWindow(Instant.parse("2026-12-07T03:00:00Z"))).as("10:00").isFalse();
    }

    @Test
    void aWindowWithinOneDayWorksToo() {
        RetentionProperties lunch = new RetentionProperties(30, LocalTime.of(12, 0), LocalTime.of(13, 0),
                ZoneId.of("UTC"), null, null, null, true);
        assertThat(lunch.inWindow(Instant.parse("2026-12-07T12:30:00Z"))).isTrue();
        assertThat(lunch.inWindow(Instant.parse("2026-12-07T13:00:00Z"))).isFalse();
        assertThat(lunch.inWindow(Instant.parse("2026-12-07T23:00:00Z"))).isFalse();
    }

    @Test
    void theDefaultsAreTenYearsAndTheNight() {
        RetentionProperties retention = defaults();
        assertThat(retention.defaultDays()).isEqualTo(3650);
        assertThat(retention.windowStart()).isEqualTo(LocalTime.of(22, 0));
        assertThat(retention.windowEnd()).isEqualTo(LocalTime.of(5, 0));
        assertThat(retention.enabled()).isTrue();
        assertThatThrownBy(() -> new RetentionProperties(0, null, null, null, null, null, null, null))
                .hasMessageContaining("default-days");
    }

    @Test
    void theEngineGetsTheSameWindowInItsFormat() {
        HistoryCleanupPlugin plugin = new HistoryCleanupPlugin(defaults());
        assertThat(plugin.camundaTime(LocalTime.of(22, 0))).isEqualTo("22:00+0700");
        assertThat(plugin.camundaTime(LocalTime.of(5, 0))).isEqualTo("05:00+0700");
    }

    @Test
    void aProceduresRetentionIsAWholeNumberOfDaysElseTheDefault() {
        Retention retention = new Retention(null, null, defaults(), null, null, null, Instant::now, "node");
        assertThat(retention.parseDays("30", "p")).isEqualTo(30);
        assertThat(retention.parseDays(" 365 ", "p")).isEqualTo(365);
        assertThat(retention.parseDays(null, "p")).isEqualTo(3650);
        assertThat(retention.parseDays("0", "p")).isEqualTo(3650);
        assertThat(retention.parseDays("-5", "p")).isEqualTo(3650);
        assertThat(retention.parseDays("ten years", "p")).isEqualTo(3650);
    }

    @Test
    void theLeanHistoryDropsWhatTheRecordKeepsTaskCardCopiesCachedDeadlinesAndUneventfulJobs() {
        assertThat(LeanHistoryPlugin.kept(variable("birth-registration", "childFullName", null)))
                .as("a record's data: kept once, by the record").isFalse();
        assertThat(LeanHistoryPlugin.kept(variable("birth-registration", "receptionDecision", "task-1"))).isFalse();
        assertThat(LeanHistoryPlugin.kept(identityLink("birth-registration", null, "clerk-a", "assignee", "add")))
                .as("the op log has the claims").isFalse();
        assertThat(LeanHistoryPlugin.kept(identityLink("birth-registration", "commune-a:clerk", null, "candidate", "delete")))
                .isFalse();
        assertThat(LeanHistoryPlugin.kept(identityLink("birth-registration", "province:specialist", null, "candidate", "add")))
                .as("the record keeps the other units it asked").isFalse();
        assertThat(LeanHistoryPlugin.kept(identityLink(null, null, "leader-a", "assignee", "add")))
                .as("an apology task's links").isTrue();
        assertThat(LeanHistoryPlugin.kept(identityLink(SystemModels.KEY_PREFIX + "escalation-notice", null, "leader-a",
                "assignee", "add"))).isTrue();
        assertThat(LeanHistoryPlugin.kept(variable(SystemModels.KEY_PREFIX + "escalation-notice", "recordCode", null)))
                .as("the product's own processes").isTrue();
        assertThat(LeanHistoryPlugin.kept(variable(null, "recordCode", null))).as("a task without process").isTrue();
        assertThat(LeanHistoryPlugin.kept(variable(null, "recordCode", "task-1"))).as("a task's card copy").isFalse();
        assertThat(LeanHistoryPlugin.kept(variable(null, "applicantName", "task-1"))).isFalse();
        assertThat(LeanHistoryPlugin.kept(variable(null, "colour", "task-1"))).isFalse();
        assertThat(LeanHistoryPlugin.kept(variable(null, "apologyText", "task-1"))).as("a form field").isTrue();
        assertThat(LeanHistoryPlugin.kept(variable(null, "stepDue:Task_Reception:abc", null))).isFalse();
        assertThat(LeanHistoryPlugin.kept(job(JobState.CREATED))).isFalse();
        assertThat(LeanHistoryPlugin.kept(job(JobState.SUCCESSFUL))).isFalse();
        assertThat(LeanHistoryPlugin.kept(job(JobState.DELETED))).isFalse();
        assertThat(LeanHistoryPlugin.kept(job(JobState.FAILED))).as("why a lookup failed").isTrue();
        assertThat(LeanHistoryPlugin.kept(new HistoricActivityInstanceEventEntity())).isTrue();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "userTask"))).as("a step").isTrue();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "serviceTask"))).as("a lookup").isTrue();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "boundaryTimer"))).as("a deadline").isTrue();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "exclusiveGateway"))).as("routing").isFalse();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "startEvent"))).isFalse();
        assertThat(LeanHistoryPlugin.kept(activity("birth-registration", "noneEndEvent"))).isFalse();
        assertThat(LeanHistoryPlugin.kept(activity(SystemModels.KEY_PREFIX + "escalation-notice", "exclusiveGateway")))
                .as("the product's own processes keep theirs").isTrue();
    }

    @Test
    void theUnitsARecordAsksAreTheCandidateGroupsOfOtherUnits() {
        assertThat(AskedGroups.others("dept-industry-trade", java.util.List.of("dept-industry-trade:specialist",
                "commune-a:specialist", "commune-a:specialist", "dept-industry-trade:leader")))
                .containsExactly("commune-a:specialist");
        assertThat(AskedGroups.others("commune-a", java.util.List.of("commune-a:clerk"))).isEmpty();
    }

    @Test
    void theSealedResultSupersedesTheDraftsAndANewDraftTheOldOnes() {
        assertThat(DocumentKind.RESULT.supersedes()).containsExactlyInAnyOrder(DocumentKind.RESULT_DRAFT,
                DocumentKind.RESULT_SIGNED);
        assertThat(DocumentKind.RESULT_DRAFT.supersedes()).containsExactlyInAnyOrder(DocumentKind.RESULT_DRAFT,
                DocumentKind.RESULT_SIGNED);
        assertThat(DocumentKind.RESULT_SIGNED.supersedes()).isEmpty();
        assertThat(DocumentKind.RECEIPT.supersedes()).isEmpty();
        assertThat(DocumentKind.APPLICATION.supersedes()).isEmpty();
    }

    private static HistoricActivityInstanceEventEntity activity(String processKey, String type) {
        HistoricActivityInstanceEventEntity event = new HistoricActivityInstanceEventEntity();
        event.setProcessDefinitionKey(processKey);
        event.setActivityType(type);
        return event;
    }

    private static HistoricIdentityLinkLogEventEntity identityLink(String processKey, String group, String user,
            String type, String operation) {
        HistoricIdentityLinkLogEventEntity event = new HistoricIdentityLinkLogEventEntity();
        event.setProcessDefinitionKey(processKey);
        event.setGroupId(group);
        event.setUserId(user);
        event.setType(type);
        event.setOperationType(operation);
        return event;
    }

    private static HistoricVariableUpdateEventEntity variable(String processKey, String name, String taskId) {
        HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
        event.setProcessDefinitionKey(processKey);
        event.setVariableName(name);
        event.setTaskId(taskId);
        return event;
    }

    private static HistoricJobLogEventEntity job(JobState state) {
        HistoricJobLogEventEntity event = new HistoricJobLogEventEntity();
        event.setState(state.getStateCode());
        return event;
    }
}
