package vn.motcua.record;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.SystemModels;
import vn.motcua.security.Role;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitRole;
import vn.motcua.web.Problem;

/**
 * Records that miss their appointment date (trễ hẹn): the unit's leaders get a task in Tasklist —
 * whose form takes the new appointment date and the reason — and an e-mail, to issue the apology
 * (form 04) there, on the record page, or through {@code POST /api/records/{code}/apology}. The new date is watched like the first: missing it
 * asks again. Every node sweeps; claiming the record with a conditional update makes exactly one
 * node ask.
 */
@Component
class LateRecords {

    /** The product's own process of the apology task (classpath:system/late-record-apology.bpmn). */
    static final String APOLOGY_PROCESS = "motcua-system-late-record-apology";

    static final String TASK_NAME = "Trễ hẹn — phát hành phiếu xin lỗi (mẫu 04) / Late — issue the apology (form 04): ";
    static final String FORESEEN_TASK_NAME = "Dự báo trễ hẹn — phát hành phiếu xin lỗi (mẫu 04) / Foreseen late — "
            + "issue the apology (form 04): ";

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final RecordRepository records;
    private final TransactionTemplate tx;

    private final org.camunda.bpm.engine.IdentityService identity;
    private final vn.motcua.notice.NoticeOutbox outbox;
    private final vn.motcua.security.UnitDirectory units;
    private final vn.motcua.notice.NoticeProperties notices;
    private final RuntimeService runtime;
    private final SystemModels systemModels;
    private final ObjectProvider<Apologies> apologies;

    LateRecords(JdbcClient jdbc, TaskService tasks, SystemAuthority system, Deadlines deadlines,
            RecordRepository records, PlatformTransactionManager transactions,
            org.camunda.bpm.engine.IdentityService identity, vn.motcua.notice.NoticeOutbox outbox,
            vn.motcua.security.UnitDirectory units, vn.motcua.notice.NoticeProperties notices,
            RuntimeService runtime, SystemModels systemModels, ObjectProvider<Apologies> apologies) {
        this.runtime = runtime;
        this.systemModels = systemModels;
        this.apologies = apologies;
        this.identity = identity;
        this.outbox = outbox;
        this.units = units;
        this.notices = notices;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.system = system;
        this.deadlines = deadlines;
        this.records = records;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${motcua.records.late-sweep-interval:PT1M}")
    public void sweep() {
        Instant now = deadlines.now();
        List<String> late = jdbc.sql("""
                select code from record where state in (?, ?) and appointment_at < ? and apology_requested_at is null""")
                .params(RecordState.ACCEPTED.code(), RecordState.IN_PROCESSING.code(), RecordRepository.ts(now))
                .query(String.class).list();
        late.forEach(code -> tx.executeWithoutResult(status -> askForApology(code, now, null)));
    }

    /**
     * Lateness foreseen before the appointment (the monitor's forecast, issue 21): the leaders are asked now, the
     * form's new date filled in with the proposed day. Not for a record past its appointment (the sweep asks for
     * those), paused, resolved or already asked.
     */
    @EventListener
    void latenessForeseen(LatenessForeseen event) {
        jdbc.sql("""
                select code from record where code = ? and state in (?, ?) and appointment_at >= ?
                   and apology_requested_at is null""")
                .params(event.recordCode(), RecordState.ACCEPTED.code(), RecordState.IN_PROCESSING.code(),
                        RecordRepository.ts(event.at()))
                .query(String.class).optional()
                .ifPresent(code -> tx.executeWithoutResult(status -> askForApology(code, event.at(), event.proposedDay())));
    }

    /**
     * Claims the record (only one node succeeds) and gives its leaders the task; {@code proposedDay} null: the
     * appointment was missed, else it is foreseen to be and the form proposes that day.
     */
    void askForApology(String code, Instant now, java.time.LocalDate proposedDay) {
        int claimed = jdbc.sql("update record set apology_requested_at = ? where code = ? and apology_requested_at is null")
                .params(RecordRepository.ts(now), code).update();
        RecordRow record = records.find(code).orElse(null);
        if (claimed != 1 || record == null) {
            return;
        }
        String leaders = new UnitRole(record.unit(), Role.LEADER).groupId();
        String link = notices.publicUrl() + "/records/" + code;
        String missed = record.appointmentAt() == null ? "—"
                : java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                        .format(record.appointmentAt().atZone(deadlines.calendar().zone()));
        String taskId = system.call(() -> {
            Map<String, Object> facts = new HashMap<>();
            facts.put("leaders", leaders);
            facts.put("recordCode", code);
            facts.put("procedureName", record.procedureName());
            facts.put("unitName", units.name(record.unit()));
            facts.put("applicantName", record.applicant().name());
            facts.put("missedAppointment", missed);
            if (proposedDay != null) {
                facts.put("newAppointmentDate", proposedDay.toString()); // the form's date field, filled in
            }
            String instance = runtime.startProcessInstanceById(systemModels.definitionId(APOLOGY_PROCESS), facts).getId();
            Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
            task.setName((proposedDay == null ? TASK_NAME : FORESEEN_TASK_NAME) + code);
            task.setDescription(proposedDay == null ? "Hồ sơ " + code + " (" + record.procedureName()
                    + ") đã quá ngày hẹn trả " + missed + ": phát hành phiếu xin lỗi với ngày hẹn mới (mẫu 04). / Record "
                    + code + " missed its appointment date: issue the apology with a new date (form 04)."
                    : "Hồ sơ " + code + " (" + record.procedureName() + ") được dự báo sẽ trễ ngày hẹn trả " + missed
                    + " (thời gian còn lại ít hơn thời gian thường cần cho các bước còn lại): phát hành phiếu xin lỗi "
                    + "trước khi trễ, ngày hẹn mới đề xuất " + day(proposedDay) + " (mẫu 04). / Record " + code
                    + " is foreseen to miss its appointment date (less time left than its remaining steps usually "
                    + "take): issue the apology before it is late, proposed new date " + day(proposedDay) + " (form 04).");
            task.setDueDate(Date.from(now)); // late work itself: it is in the Overdue filter
            tasks.saveTask(task);
            return task.getId();
        });
        jdbc.sql("update record set apology_task_id = ? where code = ?").params(taskId, code).update();
        records.addStateChange(code, record.state(), record.state(), record.currentStep(), "system",
                proposedDay == null ? "Trễ hẹn " + missed + ": đề nghị lãnh đạo " + units.name(record.unit())
                        + " phát hành phiếu xin lỗi (mẫu 04) / Appointment missed: the unit's leaders are asked to issue form 04"
                        : "Dự báo trễ hẹn " + missed + ": đề nghị lãnh đạo " + units.name(record.unit())
                        + " phát hành phiếu xin lỗi (mẫu 04), ngày hẹn mới đề xuất " + day(proposedDay)
                        + " / Lateness foreseen: the unit's leaders are asked to issue form 04, proposed " + day(proposedDay),
                now);
        // The leaders hear of it by e-mail too, once per miss (the outbox relays it exactly once).
        String mailId = "apology-" + code + "-" + now.toEpochMilli();
        system.run(() -> identity.createUserQuery().memberOfGroup(leaders).list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .forEach(user -> outbox.enqueue(mailId, user.getEmail().strip(),
                        (proposedDay == null ? "[motcua] Trễ hẹn / Late: " : "[motcua] Dự báo trễ hẹn / Foreseen late: ")
                                + code + " — phiếu xin lỗi (mẫu 04) / apology (form 04)",
                        "Kính gửi " + ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                                + (user.getLastName() == null ? "" : user.getLastName())).strip() + ",\n\nHồ sơ " + code
                                + " (" + record.procedureName() + ") của " + units.name(record.unit())
                                + (proposedDay == null ? " đã quá ngày hẹn trả " + missed
                                        : " được dự báo sẽ trễ ngày hẹn trả " + missed + " (đề xuất hẹn lại "
                                                + day(proposedDay) + ")")
                                + ". Phát hành phiếu xin lỗi và hẹn lại: " + link + "\n\n----\nRecord " + code
                                + (proposedDay == null ? " missed its appointment date (" + missed + ")"
                                        : " is foreseen to miss its appointment date (" + missed + "; proposed "
                                                + day(proposedDay) + ")")
                                + ". Issue the apology with a new date: " + link + "\n\n-- motcua", now)));
    }

    private static String day(java.time.LocalDate day) {
        return java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(day);
    }

    /** The open apology task of the record, if its leaders are being asked for one now. */
    java.util.Optional<String> openApologyTask(String code) {
        return jdbc.sql("select apology_task_id from record where code = ? and apology_requested_at is not null")
                .param(code).query(String.class).optional().filter(id -> id != null)
                .filter(id -> system.call(() -> tasks.createTaskQuery().taskId(id).count() > 0));
    }

    /**
     * The leader issued the apology: the new date is watched like the first, and their task leaves
     * Tasklist (its process ends; one made before the apology had a process is completed). When the
     * leader issued it from that task's own form, the task is ending already.
     */
    void apologyIssued(String code) {
        jdbc.sql("update record set apology_requested_at = null where code = ?").param(code).update();
        jdbc.sql("select apology_task_id from record where code = ?").param(code).query(String.class).optional()
                .filter(id -> id != null)
                .ifPresent(taskId -> system.run(() -> {
                    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
                    if (task == null || taskId.equals(completing.get())) {
                        return;
                    }
                    if (task.getProcessInstanceId() != null) {
                        runtime.deleteProcessInstance(task.getProcessInstanceId(),
                                "Đã phát hành trên trang hồ sơ / Issued on the record page", true);
                    } else {
                        tasks.complete(taskId);
                    }
                }));
    }

    /** The apology task whose form is being completed on this thread, if any. */
    private final ThreadLocal<String> completing = new ThreadLocal<>();

    /**
     * The leader completes the apology task in Tasklist: its form's new date (the end of that office
     * day) and reason issue form 04 exactly as the record page does; a refusal (a date not later than
     * the present appointment, no reason) is shown in the form and nothing is stored.
     */
    @EventListener
    void apologyFormCompleted(DelegateTask task) {
        if (!"complete".equals(task.getEventName()) || !SystemModels.isTaskOf(task, APOLOGY_PROCESS)) {
            return;
        }
        String user = identity.getCurrentAuthentication() == null ? null
                : identity.getCurrentAuthentication().getUserId();
        if (user == null) {
            return; // ended by the product
        }
        String code = (String) task.getVariable("recordCode");
        Object day = task.getVariable("newAppointmentDate");
        Object reason = task.getVariable("apologyReason");
        completing.set(task.getId());
        try {
            java.time.LocalDate date = java.time.LocalDate.parse(String.valueOf(day).strip());
            apologies.getObject().apologiseForDay(code, date, reason == null ? null : reason.toString(),
                    new Caller(user, Set.of(), null));
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadUserRequestException("newAppointmentDate: ngày hẹn mới không hợp lệ / the new appointment date "
                    + "is not a date: " + day);
        } catch (Problem e) {
            // named as the form names it: the leader sees this message above the form
            String field = "reason".equals(e.field()) ? "Lý do trễ hẹn / Reason (apologyReason)"
                    : "newAppointmentAt".equals(e.field()) ? "Ngày hẹn trả mới / New appointment date (newAppointmentDate)"
                    : e.field();
            throw new BadUserRequestException(field == null ? e.getMessage() : field + ": " + e.getMessage());
        } finally {
            completing.remove();
        }
    }

}
