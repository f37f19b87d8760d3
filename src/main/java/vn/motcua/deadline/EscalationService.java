package vn.motcua.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.SystemModels;
import vn.motcua.security.StaffDirectory;
import vn.motcua.security.SystemAuthority;
import vn.motcua.security.SystemGroups;
import vn.motcua.security.UnitRole;
import vn.motcua.notice.NoticeProperties;
import vn.motcua.notice.NoticeOutbox;

/**
 * Notifies the leaders about an overdue step (thông báo quá hạn), once per step and level.
 *
 * <p>For every open task of the step in the process instance that is past its deadline, it
 * claims the notice by inserting a row keyed by (task, level) — a retried job or another node
 * finds the row and does nothing — then creates the notice the leaders see in Tasklist (a
 * task of the product's notice process, with its form) and queues one e-mail per member with an address in
 * {@code notice_outbox}. Everything happens in the caller's transaction (the engine's, when a
 * job runs), so the notice, its task and its e-mails exist exactly when the job commits.
 */
@Service
public class EscalationService {

    /** Priority of the notice task in Tasklist (Camunda's default is 50). */
    public static final int NOTICE_PRIORITY = 80;
    /** Task-local variables of the notice task. */
    public static final String RECORD_CODE = "recordCode";
    public static final String OVERDUE_TASK_ID = "overdueTaskId";
    public static final String NOTICE_LEVEL = "noticeLevel";
    /** Variables of the notice process the product reads back. */
    public static final String NOTICE_ID = "noticeId";
    public static final String NOTIFIED_GROUP = "notifiedGroup";
    public static final String REASSIGN_OPTIONS = "reassignOptions";
    static final String NOTICE_NAME = "noticeName";
    static final String NOTICE_DESCRIPTION = "noticeDescription";
    /** The product's own process of a notice in Tasklist (classpath:system/overdue-notice.bpmn). */
    public static final String NOTICE_PROCESS = "motcua-system-overdue-notice";
    /** The leader's choice in the notice's form, and whom the step goes to when it is "reassign". */
    public static final String NOTICE_ACTION = "noticeAction";
    public static final String REASSIGN_TO = "reassignTo";
    /**
     * A task whose deadline is further ahead than this is not overdue: with the drawn path of older model
     * versions, a later round of a step that looped back; with timeout listeners, a due date moved without its
     * timers. The slack covers clocks of nodes that differ a little.
     */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(EscalationService.class);

    private final TaskService taskService;
    private final StaffDirectory staff;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final SystemAuthority system;
    private final UnitHierarchy hierarchy;
    private final Deadlines deadlines;
    private final NoticeProperties properties;
    private final JdbcClient jdbc;
    private final NoticeOutbox outbox;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final SystemModels systemModels;
    /** Escalations sent, by level, on this node ({@code motcua_escalations_sent_total}). */
    private final io.micrometer.core.instrument.MeterRegistry meters;

    public EscalationService(TaskService taskService, RuntimeService runtimeService,
            RepositoryService repositoryService, IdentityService identityService, SystemAuthority system,
            UnitHierarchy hierarchy, Deadlines deadlines, NoticeProperties properties, JdbcClient jdbc,
            NoticeOutbox outbox, PlatformTransactionManager transactions, StaffDirectory staff,
            SystemModels systemModels, io.micrometer.core.instrument.MeterRegistry meters) {
        this.systemModels = systemModels;
        this.meters = meters;
        // shown from the start (0), so a dashboard or alert sees the series before the first notice
        meters.counter("motcua.escalations.sent", "level", "1");
        meters.counter("motcua.escalations.sent", "level", "2");
        this.staff = staff;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.system = system;
        this.hierarchy = hierarchy;
        this.deadlines = deadlines;
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Notifies {@code level} about the step {@code stepKey} (the user task's id in the model) of
     * the process instance. Returns the notices made now: none when the step is no longer open
     * (done in time for this level) or was already notified at this level.
     */
    public List<EscalationNotice> escalate(String processInstanceId, String stepKey, int level) {
        return escalate(() -> taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(stepKey).list(), "Step " + stepKey + " of " + processInstanceId, level);
    }

    /**
     * Notifies {@code level} about one open task (the step's timeout listener knows its task). Returns
     * the notice made now: none when the task is done, not overdue, or was already notified at this level.
     */
    public List<EscalationNotice> escalateTask(String taskId, int level) {
        return escalate(() -> taskService.createTaskQuery().taskId(taskId).list(), "Task " + taskId, level);
    }

    private List<EscalationNotice> escalate(java.util.function.Supplier<List<Task>> openTasks, String what, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("escalation levels start at 1, was " + level);
        }
        return transaction.execute(status -> system.call(() -> {
            Instant now = deadlines.now();
            List<EscalationNotice> made = new ArrayList<>();
            List<Task> open = openTasks.get();
            if (open.isEmpty()) {
                log.debug("{} is done: no level {} notice", what, level);
            }
            for (Task task : open) {
                if (task.getDueDate() != null && task.getDueDate().toInstant().isAfter(now.plus(CLOCK_SLACK))) {
                    log.debug("Task {} ({}) is not overdue (due {}): no level {} notice", task.getId(),
                            task.getTaskDefinitionKey(), task.getDueDate(), level);
                    continue;
                }
                notify(task, level, now).ifPresent(made::add);
            }
            return made;
        }));
    }

    private Optional<EscalationNotice> notify(Task task, int level, Instant now) {
        String unit = unit(task);
        String group = hierarchy.notifiedGroup(unit, level);
        if (identityService.createGroupQuery().groupId(group).count() == 0) {
            log.warn("Group {} does not exist; the level {} notice about task {} goes to {}", group, level,
                    task.getId(), SystemGroups.ADMINS);
            group = SystemGroups.ADMINS;
        }
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        Instant due = task.getDueDate() != null ? task.getDueDate().toInstant() : null;
        Duration overdue = deadlines.lateBy(due, now);
        EscalationNotice notice = new EscalationNotice(UUID.randomUUID().toString(), task.getProcessInstanceId(),
                instance != null ? instance.getBusinessKey() : null, procedureName(task.getProcessDefinitionId()),
                task.getId(), task.getTaskDefinitionKey(),
                task.getName() != null && !task.getName().isBlank() ? task.getName() : task.getTaskDefinitionKey(),
                unit, group, level, task.getAssignee(), due, overdue, null, List.of());

        if (!claim(notice, now)) {
            log.info("Task {} ({}) was already notified at level {}: nothing sent", task.getId(),
                    task.getTaskDefinitionKey(), level);
            return Optional.empty();
        }
        String[] told = hierarchy.groupName(notice.notifiedGroup());
        NoticeTexts texts = new NoticeTexts(notice, staff.fullName(notice.assignee()), properties.publicUrl(),
                deadlines.calendar().zone(), deadlines.calendar().workingDayLength(),
                new NoticeTexts.Notified(told[0], told[1], earlierLevels(notice)));
        String noticeTaskId;
        if (isOwnStep(task, notice.notifiedGroup())) {
            // The notified leaders work this step themselves (approval): no second task beside it; the
            // step itself moves to the top of their list, and the e-mail still goes out.
            taskService.setPriority(task.getId(), NOTICE_PRIORITY);
            noticeTaskId = null;
        } else {
            noticeTaskId = noticeTask(notice, texts, task, now);
        }
        List<String> recipients = queueMails(notice, texts, now);
        meters.counter("motcua.escalations.sent", "level", String.valueOf(level)).increment();
        log.info("Overdue step {} of {} (task {}): level {} notice to {} ({} e-mails)", notice.stepName(),
                notice.recordCode() != null ? notice.recordCode() : notice.processInstanceId(), task.getId(), level,
                group, recipients.size());
        return Optional.of(new EscalationNotice(notice.id(), notice.processInstanceId(), notice.recordCode(),
                notice.procedureName(), notice.taskId(), notice.taskDefinitionKey(), notice.stepName(), notice.unit(),
                notice.notifiedGroup(), notice.level(), notice.assignee(), notice.dueAt(), notice.overdue(),
                noticeTaskId, List.copyOf(recipients)));
    }

    /**
     * Inserts the notice's row under a savepoint: false when (task, level) is there already. On
     * PostgreSQL a concurrent insert of the same key waits for the other transaction and then
     * fails here if that one committed; the savepoint keeps the caller's transaction usable.
     */
    private boolean claim(EscalationNotice n, Instant now) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    insert into escalation_notice (id, process_instance_id, record_code, procedure_name, task_id,
                      task_definition_key, step_name, unit, notified_group, notice_level, assignee, due_at,
                      overdue_minutes, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(n.id(), n.processInstanceId(), n.recordCode(), cut(n.procedureName(), 255), n.taskId(),
                            n.taskDefinitionKey(), cut(n.stepName(), 255), n.unit(), n.notifiedGroup(), n.level(),
                            cut(n.assignee(), 255), timestamp(n.dueAt()), n.overdue().toMinutes(), timestamp(now))
                    .update());
            return true;
        } catch (DuplicateKeyException alreadyNotified) {
            return false;
        }
    }

    /** Whether the notified group is among the step's own candidate groups (a leader's own step). */
    private boolean isOwnStep(Task task, String notifiedGroup) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .anyMatch(link -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType())
                        && notifiedGroup.equals(link.getGroupId()));
    }

    /**
     * The notice leaders see in Tasklist ("Overdue notices"): a task of the product's own notice
     * process, whose form shows the facts and takes the leader's action (acknowledge, reassign the
     * step, remind its holder). Returns the notice task's id.
     */
    private String noticeTask(EscalationNotice notice, NoticeTexts texts, Task step, Instant now) {
        Map<String, Object> variables = new HashMap<>(texts.formFacts(hierarchy.unitName(notice.unit()), now));
        variables.put(NOTIFIED_GROUP, notice.notifiedGroup());
        variables.put(RECORD_CODE, notice.recordCode());
        variables.put(OVERDUE_TASK_ID, notice.taskId());
        variables.put(NOTICE_ID, notice.id());
        variables.put(NOTICE_LEVEL, notice.level());
        variables.put(NOTICE_NAME, texts.taskName());
        variables.put(NOTICE_DESCRIPTION, texts.description());
        variables.put(REASSIGN_OPTIONS, reassignOptions(step));
        // the notice task names itself and records its id as it is created (NoticeFollowUp)
        runtimeService.startProcessInstanceById(systemModels.definitionId(NOTICE_PROCESS), variables);
        return jdbc.sql("select notice_task_id from escalation_notice where id = ?").param(notice.id())
                .query(String.class).single();
    }

    /** The people who may take over the step, "id|name;id|name" for the form's list (its own groups' members). */
    private String reassignOptions(Task step) {
        Map<String, String> people = staff.membersOf(taskService.getIdentityLinksForTask(step.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList());
        List<String> options = new ArrayList<>();
        people.forEach((id, name) -> options.add(id + "|" + name.replace(';', ',').replace('|', '/')));
        return String.join(";", options);
    }

    /**
     * What the levels below this one were told and did, one line "Vietnamese / English": level 2
     * knows whether level 1 acknowledged.
     */
    private String earlierLevels(EscalationNotice notice) {
        java.time.format.DateTimeFormatter at = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                .withZone(deadlines.calendar().zone());
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        jdbc.sql("""
                select notice_level, notified_group, created_at, acknowledged_by, acknowledged_at from escalation_notice
                where task_id = ? and notice_level < ? order by notice_level""")
                .params(notice.taskId(), notice.level())
                .query((rs, n) -> {
                    String[] group = hierarchy.groupName(rs.getString("notified_group"));
                    String told = at.format(rs.getTimestamp("created_at").toInstant());
                    String by = rs.getString("acknowledged_by");
                    java.sql.Timestamp ackAt = rs.getTimestamp("acknowledged_at");
                    int level = rs.getInt("notice_level");
                    vi.add("Cấp " + level + " (" + group[0] + ") được báo lúc " + told + ", "
                            + (by == null ? "chưa xác nhận" : "đã xác nhận: " + staff.fullName(by) + " lúc "
                                    + at.format(ackAt.toInstant())));
                    en.add("level " + level + " (" + group[1] + ") was told at " + told + ", "
                            + (by == null ? "not acknowledged" : "acknowledged by " + staff.fullName(by) + " at "
                                    + at.format(ackAt.toInstant())));
                    return level;
                }).list();
        return vi.isEmpty() ? "" : String.join("; ", vi) + " / " + capitalised(String.join("; ", en));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** One outbox row per member of the notified group with an e-mail address. */
    private List<String> queueMails(EscalationNotice notice, NoticeTexts texts, Instant now) {
        Map<String, User> byAddress = new LinkedHashMap<>();
        for (User user : identityService.createUserQuery().memberOfGroup(notice.notifiedGroup()).orderByUserId()
                .asc().list()) {
            if (user.getEmail() != null && !user.getEmail().isBlank()) {
                byAddress.putIfAbsent(user.getEmail().strip().toLowerCase(Locale.ROOT), user);
            }
        }
        List<String> recipients = new ArrayList<>();
        byAddress.forEach((address, user) -> {
            String name = ((user.getFirstName() != null ? user.getFirstName() : "") + " "
                    + (user.getLastName() != null ? user.getLastName() : "")).strip();
            outbox.enqueue(notice.id(), user.getEmail().strip(), texts.subject(), texts.body(name), now);
            recipients.add(user.getEmail().strip());
        });
        return recipients;
    }

    /** The unit that works the task: from its candidate group {@code <unit>:<role>}, else the process's {@code unit}. */
    private String unit(Task task) {
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                Optional<UnitRole> role = UnitRole.parse(link.getGroupId());
                if (role.isPresent()) {
                    return role.get().unit();
                }
            }
        }
        if (runtimeService.getVariable(task.getExecutionId(), "unit") instanceof String unit
                && UnitRole.UNIT_ID.matcher(unit).matches()) {
            return unit;
        }
        throw new IllegalStateException("Task " + task.getId() + " (" + task.getTaskDefinitionKey()
                + ") has no candidate group <unit>:<role> and its process no variable 'unit': "
                + "cannot tell whose leaders to notify");
    }

    private String procedureName(String processDefinitionId) {
        ProcessDefinition definition = repositoryService.getProcessDefinition(processDefinitionId);
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
        ModelElementInstance process = model != null ? model.getModelElementById(definition.getKey()) : null;
        String name = ModelProperties.of(process).get("procedure.name");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        return definition.getName() != null && !definition.getName().isBlank() ? definition.getName()
                : definition.getKey();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
