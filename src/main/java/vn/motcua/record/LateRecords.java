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
 * Records that miss their appointment date (trễ hẹn): the unit's leaders get a task to issue the
 * apology with a new appointment date (form 04) through {@code POST /api/records/{code}/apology}.
 * Every node sweeps; claiming the record with a conditional update makes exactly one node ask.
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

    LateRecords(JdbcClient jdbc, TaskService tasks, SystemAuthority system, Deadlines deadlines,
            RecordRepository records, PlatformTransactionManager transactions) {
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
        String taskId = system.call(() -> {
            Task task = tasks.newTask();
            task.setName(TASK_NAME + code);
            task.setDescription("Hồ sơ " + code + " (" + record.procedureName() + ") đã quá ngày hẹn trả "
                    + record.appointmentAt() + ". Phát hành phiếu xin lỗi và hẹn lại: POST /api/records/" + code
                    + "/apology {\"newAppointmentAt\": …, \"reason\": …} (Swagger UI: /swagger-ui.html). / Record "
                    + code + " missed its appointment date; issue the apology with a new date.");
            task.setPriority(90);
            task.setDueDate(Date.from(now));
            tasks.saveTask(task);
            tasks.addCandidateGroup(task.getId(), new UnitRole(record.unit(), Role.LEADER).groupId());
            tasks.setVariableLocal(task.getId(), "recordCode", code);
            return task.getId();
        });
        jdbc.sql("update record set apology_task_id = ? where code = ?").params(taskId, code).update();
        records.addStateChange(code, record.state(), record.state(), record.currentStep(), "system",
                "appointment date missed: the leaders of " + record.unit() + " are asked to issue form 04", now);
    }

    /** The leader issued the apology: their task is done. */
    void apologyIssued(String code) {
        jdbc.sql("select apology_task_id from record where code = ?").param(code).query(String.class).optional()
                .filter(id -> id != null)
                .ifPresent(taskId -> system.run(() -> {
                    if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
                        tasks.complete(taskId);
                    }
                }));
    }
}
