package vn.motcua.record;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.deadline.Deadlines;
import vn.motcua.security.Role;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.UnitRole;

/**
 * Records that miss their appointment date (trễ hẹn): the unit's leaders get a task and an e-mail
 * to issue the apology with a new appointment date (form 04) on the record page (or
 * {@code POST /api/records/{code}/apology}). The new date is watched like the first: missing it
 * asks again. Every node sweeps; claiming the record with a conditional update makes exactly one
 * node ask.
 */
@Component
class LateRecords {

    static final String TASK_NAME = "Trễ hẹn — phát hành phiếu xin lỗi (mẫu 04) / Late — issue the apology (form 04): ";

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final SystemAuthority system;
    private final Deadlines deadlines;
    private final RecordRepository records;
    private final TransactionTemplate tx;

    private final org.camunda.bpm.engine.IdentityService identity;
    private final vn.motcua.deadline.NoticeOutbox outbox;
    private final vn.motcua.security.UnitDirectory units;
    private final vn.motcua.deadline.NoticeProperties notices;

    LateRecords(JdbcClient jdbc, TaskService tasks, SystemAuthority system, Deadlines deadlines,
            RecordRepository records, PlatformTransactionManager transactions,
            org.camunda.bpm.engine.IdentityService identity, vn.motcua.deadline.NoticeOutbox outbox,
            vn.motcua.security.UnitDirectory units, vn.motcua.deadline.NoticeProperties notices) {
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
        late.forEach(code -> tx.executeWithoutResult(status -> askForApology(code, now)));
    }

    /** Claims the record (only one node succeeds) and gives its leaders the task. */
    void askForApology(String code, Instant now) {
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
            Task task = tasks.newTask();
            task.setName(TASK_NAME + code);
            task.setDescription("Hồ sơ " + code + " (" + record.procedureName() + ") đã quá ngày hẹn trả " + missed
                    + ". Mở hồ sơ để phát hành phiếu xin lỗi và hẹn lại: " + link + " / Record " + code
                    + " missed its appointment date; open the record to issue the apology with a new date.");
            task.setPriority(90);
            task.setDueDate(Date.from(now));
            tasks.saveTask(task);
            tasks.addCandidateGroup(task.getId(), leaders);
            tasks.setVariableLocal(task.getId(), "recordCode", code);
            return task.getId();
        });
        jdbc.sql("update record set apology_task_id = ? where code = ?").params(taskId, code).update();
        records.addStateChange(code, record.state(), record.state(), record.currentStep(), "system",
                "Trễ hẹn " + missed + ": đề nghị lãnh đạo " + units.name(record.unit()) + " phát hành phiếu xin lỗi (mẫu 04)"
                        + " / Appointment missed: the unit's leaders are asked to issue form 04", now);
        // The leaders hear of it by e-mail too, once per miss (the outbox relays it exactly once).
        String mailId = "apology-" + code + "-" + now.toEpochMilli();
        system.run(() -> identity.createUserQuery().memberOfGroup(leaders).list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .forEach(user -> outbox.enqueue(mailId, user.getEmail().strip(),
                        "[motcua] Trễ hẹn / Late: " + code + " — phiếu xin lỗi (mẫu 04) / apology (form 04)",
                        "Kính gửi " + ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                                + (user.getLastName() == null ? "" : user.getLastName())).strip() + ",\n\nHồ sơ " + code
                                + " (" + record.procedureName() + ") của " + units.name(record.unit())
                                + " đã quá ngày hẹn trả " + missed + ". Phát hành phiếu xin lỗi và hẹn lại: " + link
                                + "\n\n----\nRecord " + code + " missed its appointment date (" + missed
                                + "). Issue the apology with a new date: " + link + "\n\n-- motcua", now)));
    }

    /** The open apology task of the record, if its leaders are being asked for one now. */
    java.util.Optional<String> openApologyTask(String code) {
        return jdbc.sql("select apology_task_id from record where code = ? and apology_requested_at is not null")
                .param(code).query(String.class).optional().filter(id -> id != null)
                .filter(id -> system.call(() -> tasks.createTaskQuery().taskId(id).count() > 0));
    }

    /** The leader issued the apology: their task is done, and the new date is watched like the first. */
    void apologyIssued(String code) {
        jdbc.sql("update record set apology_requested_at = null where code = ?").param(code).update();
        jdbc.sql("select apology_task_id from record where code = ?").param(code).query(String.class).optional()
                .filter(id -> id != null)
                .ifPresent(taskId -> system.run(() -> {
                    if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
                        tasks.complete(taskId);
                    }
                }));
    }
}
