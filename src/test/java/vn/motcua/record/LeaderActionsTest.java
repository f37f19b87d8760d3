package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.deadline.EscalationNotice;
import vn.motcua.deadline.EscalationService;
import vn.motcua.support.Api;
import vn.motcua.support.Applications;
import vn.motcua.support.StaffSession;

/**
 * A leader turns an overdue notice into an action on the record page (issue 15): the notice links
 * to the record, names units and people, and at level 2 says what level 1 did; the unit's leader
 * and the province's read the record, acknowledge, reassign and remind, each written into the
 * record's history; the notices close when the step is done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:leader-actions;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "motcua.notices.mail-poll-interval=PT1H",
})
@ActiveProfiles("demo")
class LeaderActionsTest {

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    EscalationService escalations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LateRecords lateRecords;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void leadersActOnALateStepFromTheRecordPageAndTheNoticesCloseWhenItIsDone() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Hà Minh Châu"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        Task reception = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        ClockUtil.setCurrentTime(Date.from(reception.getDueDate().toInstant().plus(Duration.ofDays(3))));
        List<EscalationNotice> level1 = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 1);
        List<EscalationNotice> level2 = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 2);
        assertThat(level1).singleElement().extracting(EscalationNotice::notifiedGroup).isEqualTo("commune-a:leader");
        assertThat(level2).singleElement().extracting(EscalationNotice::notifiedGroup).isEqualTo("province:leader");

        // The e-mails link to the record page and name the unit; level 2 says level 1 was told, not acknowledged.
        String mail1 = mailBody(level1.get(0).id());
        assertThat(mail1).contains("/records/" + code, "Lãnh đạo Ủy ban nhân dân xã A").doesNotContain("commune-a:leader");
        assertThat(mailBody(level2.get(0).id())).contains("Cấp 1 (Lãnh đạo Ủy ban nhân dân xã A) được báo lúc",
                "chưa xác nhận", "not acknowledged");
        assertThat(taskService.createTaskQuery().taskId(level1.get(0).noticeTaskId()).singleResult().getDueDate())
                .as("a notice is not itself late work").isNull();

        // In leader-a's Tasklist the notice is under "Notices", not under "Overdue" (a notice is not late work).
        assertThat(filterList(api, "leader-a", "Thông báo quá hạn / Overdue notices")).contains(level1.get(0).noticeTaskId());
        assertThat(filterList(api, "leader-a", "Quá hạn / Overdue")).doesNotContain(level1.get(0).noticeTaskId());

        // Leaders of the unit and of the province read the record; another commune's leader does not.
        StaffSession leaderA = new StaffSession(port, "leader-a");
        StaffSession leaderP = new StaffSession(port, "leader-p");
        String page = "/records/" + code;
        assertThat(leaderP.get(page).body()).contains("Bước quá hạn / Late steps", "ngày làm việc / ",
                "Overdue notices");
        assertThat(new StaffSession(port, "leader-b").get(page).statusCode()).isEqualTo(404);
        assertThat(new StaffSession(port, "clerk-a").get(page).body()).doesNotContain("Bước quá hạn / Late steps");

        // leader-a acknowledges the level 1 notice: recorded, and it leaves Tasklist; leader-p cannot acknowledge it.
        String ack1 = page + "/notices/" + level1.get(0).id() + "/acknowledgement";
        assertThat(leaderP.post(page, ack1, "").statusCode()).isEqualTo(403);
        assertThat(leaderA.post(page, ack1, "").statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(level1.get(0).noticeTaskId()).count()).isZero();
        assertThat(leaderA.get(page).body()).contains("Đã nắm / Acknowledged: Lê Thị Thu Hà");

        // leader-p reassigns the step within its group (not to a stranger) and reminds the holder.
        String reassign = page + "/steps/" + reception.getId() + "/assignee";
        assertThat(leaderP.post(page, reassign, "assignee=leader-b").statusCode()).isEqualTo(400);
        assertThat(leaderP.post(page, reassign, "assignee=clerk-a").statusCode()).isEqualTo(302);
        assertThat(taskService.createTaskQuery().taskId(reception.getId()).singleResult().getAssignee())
                .isEqualTo("clerk-a");
        assertThat(leaderP.post(page, page + "/steps/" + reception.getId() + "/reminder", "").statusCode())
                .isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from notice_outbox where recipient = ? and notice_id like 'remind-%'")
                .param("clerk-a@demo.motcua.vn").query(Long.class).single()).isEqualTo(1);
        assertThat(new StaffSession(port, "clerk-a").post(page, reassign, "assignee=clerk-a").statusCode())
                .as("only leaders reassign").isEqualTo(403);
        assertThat(api.get("leader-a", "/api/records/" + code).json().get("history").toString())
                .contains("Đã nắm thông báo quá hạn cấp 1", "Giao lại bước", "Nguyễn Thị Hoa", "Nhắc");

        // The holder completes the step: the open level 2 notice closes by itself.
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        Map<String, Object> notice2 = jdbc.sql("select closed_at, notice_task_id from escalation_notice where id = ?")
                .param(level2.get(0).id()).query().singleRow();
        assertThat(notice2.get("closed_at")).isNotNull();
        assertThat(taskService.createTaskQuery().taskId((String) notice2.get("notice_task_id")).count()).isZero();
        assertThat(leaderP.get(page).body()).contains("Đã đóng, bước đã xong / Closed, the step is done");
    }

    /**
     * A late record's apology from the record page: the leaders are asked in Tasklist and by e-mail,
     * the leader types the new date as dd/MM/yyyy, form 04 is issued, monitoring shows the new date,
     * and missing the new date asks again.
     */
    @Test
    void aLateRecordsApologyIsIssuedOnTheRecordPageAndTheNewDateIsWatchedToo() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records",
                Applications.birthRegistration("commune-a", 2, "001190012345", "Vũ Thanh Tâm"));
        String code = submitted.json().at("/record/code").asText();
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        java.time.Instant appointment = java.time.Instant.parse(
                api.get("leader-a", "/api/records/" + code).json().get("appointmentAt").asText());
        ClockUtil.setCurrentTime(Date.from(appointment.plus(Duration.ofHours(2))));
        lateRecords.sweep();
        assertThat(jdbc.sql("select count(*) from notice_outbox where recipient = ? and subject like ?")
                .params("leader-a@demo.motcua.vn", "%" + code + "%").query(Long.class).single()).isEqualTo(1);

        StaffSession leader = new StaffSession(port, "leader-a");
        String page = "/records/" + code;
        assertThat(leader.get(page).body()).contains("id=\"apology-form\"");
        assertThat(new StaffSession(port, "clerk-a").get(page).body()).doesNotContain("id=\"apology-form\"");
        assertThat(leader.post(page, page + "/apology", "newAppointment=2026-12-31&reason=x").statusCode())
                .as("a date not written dd/MM/yyyy").isEqualTo(400);
        java.time.LocalDate newDay = appointment.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate()
                .plusDays(10);
        String typed = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(newDay);
        assertThat(leader.post(page, page + "/apology", "newAppointment=" + typed
                + "&reason=Ch%E1%BB%9D+x%C3%A1c+minh").statusCode()).isEqualTo(302);
        com.fasterxml.jackson.databind.JsonNode record = api.get("leader-a", "/api/records/" + code).json();
        java.time.Instant rescheduled = java.time.Instant.parse(record.get("appointmentAt").asText());
        assertThat(rescheduled.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate()).isEqualTo(newDay);
        assertThat(record.get("documents").toString()).contains("\"kind\":\"apology\"");
        assertThat(leader.get(page).body()).doesNotContain("id=\"apology-form\"").contains(typed);
        assertThat(jdbc.sql("select appointment_at from monitor_record where code = ?").param(code)
                .query(java.sql.Timestamp.class).single().toInstant()).as("monitoring shows the new date")
                .isEqualTo(rescheduled);

        // The new date passes too: the leaders are asked again.
        ClockUtil.setCurrentTime(Date.from(rescheduled.plus(Duration.ofHours(2))));
        lateRecords.sweep();
        assertThat(leader.get(page).body()).contains("id=\"apology-form\"");
    }

    /** Completing the notice in Tasklist (its engine API) is the leader acknowledging it, in the record's history. */
    @Test
    void completingTheNoticeInTasklistCountsAsAcknowledging() {
        Api api = new Api(port);
        String code = submitted(api, "Tạ Minh Đức");
        Task reception = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        ClockUtil.setCurrentTime(Date.from(reception.getDueDate().toInstant().plus(Duration.ofDays(3))));
        EscalationNotice notice = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 1).get(0);
        Api.Response completed = api.post("leader-a", "/engine-rest/task/" + notice.noticeTaskId() + "/complete", "{}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        assertThat(jdbc.sql("select acknowledged_by from escalation_notice where id = ?").param(notice.id())
                .query(String.class).single()).isEqualTo("leader-a");
        assertThat(api.get("leader-a", "/api/records/" + code).json().get("history").toString())
                .contains("Đã nắm thông báo quá hạn cấp 1");
        // the step's own completion later closes nothing twice and acknowledges nobody else
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        assertThat(jdbc.sql("select acknowledged_by from escalation_notice where id = ?").param(notice.id())
                .query(String.class).single()).isEqualTo("leader-a");
    }

    /**
     * The notice's own form in Tasklist: its facts are worked out again as it opens (lateness as of
     * now), and completing it does what the leader chose — reassign the step to someone of its
     * group, remind its holder — or refuses with the reason and keeps everything as it was.
     */
    @Test
    void theNoticeFormInTasklistReassignsOrRemindsAsTheLeaderChose() {
        Api api = new Api(port);
        String code = submitted(api, "Đinh Quốc Bảo");
        Task reception = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        java.time.Instant late = reception.getDueDate().toInstant().plus(Duration.ofDays(3));
        ClockUtil.setCurrentTime(Date.from(late));
        EscalationNotice notice = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 1).get(0);
        String form = "/engine-rest/task/" + notice.noticeTaskId() + "/form-variables";
        com.fasterxml.jackson.databind.JsonNode facts = api.get("leader-a", form).json();
        assertThat(facts.at("/recordCode/value").asText()).isEqualTo(code);
        assertThat(facts.at("/stepName/value").asText()).isEqualTo(reception.getName());
        String firstLateness = facts.at("/lateness/value").asText();
        assertThat(firstLateness).contains("làm việc", "working");
        ClockUtil.setCurrentTime(Date.from(late.plus(Duration.ofDays(2))));
        com.fasterxml.jackson.databind.JsonNode later = api.get("leader-a", form).json();
        assertThat(later.at("/lateness/value").asText()).as("as of now, not as of the notice").isNotEqualTo(firstLateness);
        assertThat(later.at("/latenessAt/value").asText()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
        assertThat(api.get("leader-b", form).status()).as("another unit's leader").isIn(403, 404);

        // nobody starts a notice by hand, whatever the door
        Api.Response started = api.post("clerk-a", "/engine-rest/process-definition/key/"
                + EscalationService.NOTICE_PROCESS + "/start", "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(400);
        assertThat(started.body()).contains("processDefinitionKey");

        String complete = "/engine-rest/task/" + notice.noticeTaskId() + "/complete";
        Api.Response stranger = api.post("leader-a", complete,
                "{\"variables\": {\"noticeAction\": {\"value\": \"reassign\"}, \"reassignTo\": {\"value\": \"clerk-b\"}}}");
        assertThat(stranger.status()).as(stranger.body()).isEqualTo(400);
        assertThat(stranger.body()).contains("clerk-b");
        assertThat(taskService.createTaskQuery().taskId(notice.noticeTaskId()).count()).as("nothing stored").isOne();
        assertThat(taskService.createTaskQuery().taskId(reception.getId()).singleResult().getAssignee()).isNull();

        String someone = later.at("/reassignOptions/value").asText().split(";")[0].split("\\|")[0];
        Api.Response reassigned = api.post("leader-a", complete, "{\"variables\": {\"noticeAction\": {\"value\": "
                + "\"reassign\"}, \"reassignTo\": {\"value\": \"" + someone + "\"}}}");
        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(reception.getId()).singleResult().getAssignee()).isEqualTo(someone);
        assertThat(jdbc.sql("select acknowledged_by from escalation_notice where id = ?").param(notice.id())
                .query(String.class).single()).isEqualTo("leader-a");
        assertThat(api.get("leader-a", "/api/records/" + code).json().get("history").toString())
                .contains("Giao lại bước", "Đã nắm thông báo quá hạn cấp 1");

        // level 2: the province's leader reminds the holder from the form
        EscalationNotice above = escalations.escalate(reception.getProcessInstanceId(), "Task_Reception", 2).get(0);
        assertThat(above.notifiedGroup()).isEqualTo("province:leader");
        Api.Response reminded = api.post("leader-p", "/engine-rest/task/" + above.noticeTaskId() + "/complete",
                "{\"variables\": {\"noticeAction\": {\"value\": \"remind\"}}}");
        assertThat(reminded.status()).as(reminded.body()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from notice_outbox where notice_id like 'remind-%' and subject like ?")
                .param("%" + code + "%").query(Long.class).single()).isEqualTo(1);
        assertThat(api.get("leader-p", "/api/records/" + code).json().get("history").toString()).contains("Nhắc");
    }

    /**
     * The late record's apology from its Tasklist form: a date not later than the present
     * appointment is refused with nothing stored; a good one issues form 04 at 17:00 of that day.
     */
    @Test
    void aLateRecordsApologyIsIssuedFromItsTasklistForm() {
        Api api = new Api(port);
        String code = submitted(api, "Hà Thu Phương");
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        java.time.Instant appointment = java.time.Instant.parse(
                api.get("leader-a", "/api/records/" + code).json().get("appointmentAt").asText());
        ClockUtil.setCurrentTime(Date.from(appointment.plus(Duration.ofHours(2))));
        lateRecords.sweep();
        String taskId = lateRecords.openApologyTask(code).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode facts = api.get("leader-a", "/engine-rest/task/" + taskId
                + "/form-variables").json();
        assertThat(facts.at("/missedAppointment/value").asText()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
        assertThat(facts.at("/applicantName/value").asText())
                .isEqualTo(api.get("leader-a", "/api/records/" + code).json().at("/applicant/name").asText()).isNotBlank();
        assertThat(api.post("clerk-a", "/engine-rest/task/" + taskId + "/complete", "{}").status())
                .as("only the unit's leaders may").isIn(403, 404);

        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.LocalDate past = appointment.atZone(vietnam).toLocalDate().minusDays(1);
        Api.Response refused = api.post("leader-a", "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"newAppointmentDate\": {\"value\": \"" + past + "\"}, \"apologyReason\": "
                        + "{\"value\": \"Chờ xác minh\"}}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("newAppointmentDate", java.time.format.DateTimeFormatter
                .ofPattern("dd/MM/yyyy HH:mm").format(appointment.atZone(vietnam)));
        assertThat(api.get("leader-a", "/api/records/" + code).json().get("appointmentAt").asText())
                .isEqualTo(appointment.toString());

        java.time.LocalDate newDay = appointment.atZone(vietnam).toLocalDate().plusDays(10);
        Api.Response issued = api.post("leader-a", "/engine-rest/task/" + taskId + "/complete",
                "{\"variables\": {\"newAppointmentDate\": {\"value\": \"" + newDay + "\"}, \"apologyReason\": "
                        + "{\"value\": \"Chờ xác minh\"}}}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(204);
        com.fasterxml.jackson.databind.JsonNode record = api.get("leader-a", "/api/records/" + code).json();
        assertThat(java.time.Instant.parse(record.get("appointmentAt").asText()))
                .isEqualTo(newDay.atTime(17, 0).atZone(vietnam).toInstant());
        assertThat(record.get("documents").toString()).contains("\"kind\":\"apology\"");
        assertThat(lateRecords.openApologyTask(code)).isEmpty();
        assertThat(jdbc.sql("select appointment_at from monitor_record where code = ?").param(code)
                .query(java.sql.Timestamp.class).single().toInstant()).as("monitoring shows the new date")
                .isEqualTo(newDay.atTime(17, 0).atZone(vietnam).toInstant());

        // the new appointment passes too: the leaders get a new apology task, with its form
        ClockUtil.setCurrentTime(Date.from(newDay.atTime(17, 0).atZone(vietnam).toInstant().plus(Duration.ofHours(1))));
        lateRecords.sweep();
        String again = lateRecords.openApologyTask(code).orElseThrow();
        assertThat(again).isNotEqualTo(taskId);
        assertThat(api.get("leader-a", "/engine-rest/task/" + again + "/form-variables").json()
                .at("/missedAppointment/value").asText()).startsWith(java.time.format.DateTimeFormatter
                        .ofPattern("dd/MM/yyyy").format(newDay));
    }

    /** The leaders' own late step (approval) is not doubled by a notice task: the step itself goes to the top. */
    @Test
    void aLeadersOwnLateStepIsFoldedIntoTheirTask() {
        Api api = new Api(port);
        String code = submitted(api, "Lý Thu Trang");
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        runJobs(code); // the registry lookups (jobs run by hand in this class)
        api.work("specialist-a", code, "Task_Appraisal", "{\"proposal\": {\"value\": \"approve\"}}");
        runJobs(code);
        Task approval = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_Approval")
                .singleResult();
        ClockUtil.setCurrentTime(Date.from(approval.getDueDate().toInstant().plus(Duration.ofDays(3))));
        EscalationNotice own = escalations.escalate(approval.getProcessInstanceId(), "Task_Approval", 1).get(0);
        assertThat(own.notifiedGroup()).isEqualTo("commune-a:leader");
        assertThat(own.noticeTaskId()).as("no second task beside the leader's own").isNull();
        assertThat(own.recipients()).contains("leader-a@demo.motcua.vn");
        assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getPriority())
                .isEqualTo(EscalationService.NOTICE_PRIORITY);
        EscalationNotice above = escalations.escalate(approval.getProcessInstanceId(), "Task_Approval", 2).get(0);
        assertThat(above.notifiedGroup()).isEqualTo("province:leader");
        assertThat(above.noticeTaskId()).as("the province's leaders do not work the step: they get a notice").isNotNull();
    }

    /** A birth registration at commune A submitted by the portal; its record code. */
    private static String submitted(Api api, String childName) {
        return api.post("portal", "/api/records", Applications.birthRegistration("commune-a", 2, "001190012345",
                childName)).json().at("/record/code").asText();
    }

    private void runJobs(String code) {
        String instance = taskService.createTaskQuery().processInstanceBusinessKey(code).list().stream()
                .map(Task::getProcessInstanceId).findFirst().orElseGet(() -> runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(code).singleResult().getId());
        for (int round = 0; round < 20; round++) {
            List<org.camunda.bpm.engine.runtime.Job> jobs = management.createJobQuery().processInstanceId(instance)
                    .executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private static String filterList(Api api, String user, String filterName) {
        for (com.fasterxml.jackson.databind.JsonNode filter : api.get(user, "/engine-rest/filter?resourceType=Task").json()) {
            if (filter.get("name").asText().equals(filterName)) {
                return api.post(user, "/engine-rest/filter/" + filter.get("id").asText() + "/list", "{}").body();
            }
        }
        throw new AssertionError(user + " has no filter " + filterName);
    }

    private String mailBody(String noticeId) {
        return jdbc.sql("select body from notice_outbox where notice_id = ?").param(noticeId).query(String.class)
                .list().get(0);
    }
}
