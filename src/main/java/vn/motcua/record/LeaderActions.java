package vn.motcua.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.deadline.Deadlines;
import vn.motcua.deadline.EscalationService;
import vn.motcua.deadline.NoticeFollowUp;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.SystemAuthority;
import vn.motcua.web.Problem;
import vn.motcua.notice.NoticeOutbox;

/**
 * What a leader does about a late step of a record of their unit, or of a unit below theirs
 * (level 2): give the step to someone else of its group (giao lại), remind its holder (nhắc), and
 * acknowledge the notice that told them (đã nắm). Each is written into the record's history.
 */
@Component
class LeaderActions {

    private final RecordAccess access;
    private final RecordRepository records;
    private final TaskService tasks;
    private final IdentityService identity;
    private final SystemAuthority system;
    private final StaffDirectory staff;
    private final NoticeFollowUp notices;
    private final NoticeOutbox outbox;
    private final Deadlines deadlines;
    private final TransactionTemplate tx;

    LeaderActions(RecordAccess access, RecordRepository records, TaskService tasks, IdentityService identity,
            SystemAuthority system, StaffDirectory staff, NoticeFollowUp notices, NoticeOutbox outbox,
            Deadlines deadlines, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.access = access;
        this.records = records;
        this.tasks = tasks;
        this.identity = identity;
        this.system = system;
        this.staff = staff;
        this.notices = notices;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A late step the leader may act on, with the people of its groups who could take it over. */
    record LateStep(Task task, Map<String, String> candidates) {
    }

    /** The record's open steps past their deadline, when the caller leads its unit or one above. */
    List<LateStep> lateSteps(String code, Caller caller) {
        RecordRow record = access.readable(code, caller);
        if (!access.leads(caller, record)) {
            return List.of();
        }
        Instant now = deadlines.now();
        return system.call(() -> {
            List<LateStep> late = new ArrayList<>();
            for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(code).active().list()) {
                if (task.getDueDate() != null && task.getDueDate().toInstant().isBefore(now)) {
                    late.add(new LateStep(task, candidates(task)));
                }
            }
            return late;
        });
    }

    /** Gives the late step to another member of its candidate groups. */
    void reassign(String code, String taskId, String userId, Caller caller) {
        tx.executeWithoutResult(status -> {
            RecordRow record = leading(code, caller);
            LateStep step = late(code, taskId, caller);
            if (userId == null || !step.candidates().containsKey(userId)) {
                throw Problem.badRequest("assignee", "'" + userId + "' is not one of the people who may "
                        + "work the step " + step.task().getName() + ": " + step.candidates().keySet());
            }
            String before = step.task().getAssignee();
            system.run(() -> tasks.setAssignee(taskId, userId));
            note(record, caller, "Giao lại bước \"" + step.task().getName() + "\" từ " + name(before) + " cho "
                    + staff.fullName(userId) + " / Reassigned the step from " + name(before) + " to "
                    + staff.fullName(userId));
        });
    }

    /** E-mails the step's holder (or, while nobody holds it, its group) that it is late. */
    void remind(String code, String taskId, Caller caller) {
        tx.executeWithoutResult(status -> {
            RecordRow record = leading(code, caller);
            LateStep step = late(code, taskId, caller);
            Instant now = deadlines.now();
            List<String> people = step.task().getAssignee() != null ? List.of(step.task().getAssignee())
                    : List.copyOf(step.candidates().keySet());
            String reminder = "remind-" + UUID.randomUUID();
            String leader = staff.fullName(caller.userId());
            for (String person : people) {
                User user = system.call(() -> identity.createUserQuery().userId(person).singleResult());
                if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
                    outbox.enqueue(reminder, user.getEmail().strip(),
                            "[motcua] Nhắc xử lý / Reminder: " + step.task().getName() + " — " + code,
                            "Kính gửi " + staff.fullName(person) + ",\n\n" + leader + " nhắc: hồ sơ " + code
                                    + " đã quá hạn ở bước \"" + step.task().getName() + "\". Đề nghị xử lý ngay.\n\n"
                                    + "----\nDear " + staff.fullName(person) + ",\n\n" + leader + " reminds you: record "
                                    + code + " is overdue at the step \"" + step.task().getName()
                                    + "\". Please deal with it now.\n\n-- motcua", now);
                }
            }
            note(record, caller, "Nhắc " + String.join(", ", people.stream().map(staff::fullName).toList())
                    + " xử lý bước \"" + step.task().getName() + "\" / Reminded the holder of the late step");
        });
    }

    /** The leader has taken note of an escalation notice about the record. */
    void acknowledge(String code, String noticeId, Caller caller) {
        tx.executeWithoutResult(status -> {
            Set<String> groups = system.call(() -> new java.util.HashSet<>(identity.createGroupQuery()
                    .groupMember(caller.userId()).list().stream().map(g -> g.getId()).toList()));
            access.readable(code, caller);
            notices.acknowledge(code, noticeId, caller.userId(), groups)
                    .orElseThrow(() -> Problem.forbidden(null, "notice " + noticeId + " of record " + code
                            + " is not addressed to one of your groups"));
        });
    }

    /**
     * The leader completes a notice in Tasklist: the action chosen in its form (reassign the step to
     * someone of its group, or remind its holder) is done as on the record page, in the same
     * transaction; a refusal (nobody chosen, a stranger, the step no longer late) shows in the form
     * and nothing is stored. Completing it is also the acknowledgement ({@link NoticeFollowUp}).
     */
    @org.springframework.context.event.EventListener
    void noticeFormCompleted(org.camunda.bpm.engine.delegate.DelegateTask task) {
        if (!"complete".equals(task.getEventName()) || !NoticeFollowUp.isNoticeTask(task)
                || identity.getCurrentAuthentication() == null || identity.getCurrentAuthentication().getUserId() == null) {
            return;
        }
        Caller leader = new Caller(identity.getCurrentAuthentication().getUserId(), Set.of(), null);
        String code = (String) task.getVariable(EscalationService.RECORD_CODE);
        String step = (String) task.getVariable(EscalationService.OVERDUE_TASK_ID);
        Object action = task.getVariable(EscalationService.NOTICE_ACTION);
        try {
            if ("reassign".equals(action)) {
                Object to = task.getVariable(EscalationService.REASSIGN_TO);
                reassign(code, step, to == null ? null : to.toString(), leader);
            } else if ("remind".equals(action)) {
                remind(code, step, leader);
            }
        } catch (Problem e) {
            throw new org.camunda.bpm.engine.BadUserRequestException(e.getMessage());
        }
    }

    /** An acknowledgement, on the record page or in Tasklist, is a line in the record's history. */
    @org.springframework.context.event.EventListener
    void acknowledged(vn.motcua.deadline.NoticeAcknowledged event) {
        records.find(event.recordCode()).ifPresent(record -> records.addStateChange(record.code(), record.state(),
                record.state(), record.currentStep(), event.userId(), "Đã nắm thông báo quá hạn cấp " + event.level()
                        + " (bước \"" + event.stepName() + "\") / Acknowledged the level " + event.level()
                        + " overdue notice", event.at()));
    }

    private RecordRow leading(String code, Caller caller) {
        RecordRow record = access.readable(code, caller);
        if (!access.leads(caller, record)) {
            throw Problem.forbidden(null, "only the leaders of unit " + record.unit()
                    + " or of a unit above it act on its late steps");
        }
        return record;
    }

    private LateStep late(String code, String taskId, Caller caller) {
        return lateSteps(code, caller).stream().filter(step -> step.task().getId().equals(taskId)).findFirst()
                .orElseThrow(() -> Problem.conflict("task", "step " + taskId + " of record " + code
                        + " is not open and late"));
    }

    private Map<String, String> candidates(Task task) {
        return staff.membersOf(tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList());
    }

    private void note(RecordRow record, Caller caller, String text) {
        records.addStateChange(record.code(), record.state(), record.state(), record.currentStep(), caller.actor(),
                text, deadlines.now());
    }

    private String name(String userId) {
        return userId == null ? "(chưa giao / nobody)" : staff.fullName(userId);
    }
}
