package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.describe;
import static vn.motcua.procedure.conformance.ModelContext.isBlank;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/** Rules every user task keeps: step, candidate groups, form, due date and follow-up date. */
final class UserTaskRules {

    static final Pattern STEP_PATTERN = Pattern.compile("[a-z][a-z0-9-]*");
    static final List<String> FORM_REF_BINDINGS = List.of("deployment", "latest", "version");
    static final List<String> ROLES = List.of("clerk", "specialist", "leader", "records");
    /** The receiving unit of the record, set by the product on every record. */
    static final String UNIT_VARIABLE = "unit";
    // <unit>:<role>, unit is ${<variable>} (the receiving unit, or a unit chosen on the application form) or a literal unit id.
    private static final Pattern GROUP_PATTERN =
            Pattern.compile("(?:\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|[a-z0-9][a-z0-9-]*):([^:]*)");

    private UserTaskRules() {
    }

    static List<Violation> stepProperty(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        for (UserTask task : ctx.userTasks()) {
            String step = ModelContext.property(task, ModelContext.STEP).orElse(null);
            if (step == null) {
                found.add(ctx.violation(task.getId(), Rule.STEP_PROPERTY, describe("user task", task)
                        + " has no 'step' property; add one, e.g. step=appraisal"));
            } else if (!STEP_PATTERN.matcher(step).matches()) {
                found.add(ctx.violation(task.getId(), Rule.STEP_PROPERTY, describe("user task", task)
                        + " has step '" + step + "'; write it in lower case, letters, digits and '-'"));
            }
        }
        return found;
    }

    static List<Violation> fiveSteps(ModelContext ctx) {
        return ctx.process().map(process -> {
            Set<String> steps = new LinkedHashSet<>();
            for (UserTask task : ctx.userTasks()) {
                ModelContext.property(task, ModelContext.STEP).ifPresent(steps::add);
            }
            return ModelContext.CANONICAL_STEPS.stream()
                    .filter(step -> !steps.contains(step))
                    .map(step -> ctx.violation(process.getId(), Rule.FIVE_STEPS, "no user task has step '" + step
                            + "'; every procedure has " + String.join(", ", ModelContext.CANONICAL_STEPS)))
                    .toList();
        }).orElse(List.of());
    }

    static List<Violation> candidateGroups(ModelContext ctx) {
        return ctx.userTasks().stream()
                .filter(task -> isBlank(task.getCamundaCandidateGroups()))
                .map(task -> ctx.violation(task.getId(), Rule.CANDIDATE_GROUPS, describe("user task", task)
                        + " has no camunda:candidateGroups; set e.g. ${unit}:clerk (Modeler: User assignment)"))
                .toList();
    }

    static List<Violation> unitRole(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        Set<String> applicationFields = applicationFields(ctx);
        for (UserTask task : ctx.userTasks()) {
            String groups = task.getCamundaCandidateGroups();
            if (isBlank(groups)) {
                continue; // candidate-groups reports it
            }
            for (String group : groups.split(",", -1)) {
                String problem = groupProblem(group.strip(), applicationFields);
                if (problem != null) {
                    found.add(ctx.violation(task.getId(), Rule.UNIT_ROLE, describe("user task", task) + ": " + problem));
                }
            }
        }
        return found;
    }

    /** The fields of the application (start) forms: where a record names a unit other than its receiving one. */
    static Set<String> applicationFields(ModelContext ctx) {
        Set<String> fields = new LinkedHashSet<>();
        for (StartEvent start : ctx.topLevel(StartEvent.class)) {
            fields.addAll(ctx.forms().fieldKeys(start.getCamundaFormRef()));
        }
        return fields;
    }

    /** Why a candidate group is not {@code <unit>:<role>}, or null when it is. */
    static String groupProblem(String group, Set<String> applicationFields) {
        if (group.isEmpty()) {
            return "empty entry in camunda:candidateGroups";
        }
        Matcher matcher = GROUP_PATTERN.matcher(group);
        if (!matcher.matches()) {
            return "candidate group '" + group + "' is not written <unit>:<role> (unit ${unit}, ${<field of the "
                    + "application form>} or an id like province; role one of " + String.join(", ", ROLES) + ")";
        }
        String variable = matcher.group(1);
        if (variable != null && !variable.equals(UNIT_VARIABLE) && !applicationFields.contains(variable)) {
            return "candidate group '" + group + "' takes its unit from '" + variable + "', which is not a field of "
                    + "the application form; use ${unit} (the receiving unit) or a field of the start event's form "
                    + "that names a unit (the product checks it is an existing unit when the record is submitted)";
        }
        String role = matcher.group(2);
        if (!ROLES.contains(role)) {
            return "candidate group '" + group + "' has role '" + role + "'; expected one of " + String.join(", ", ROLES);
        }
        return null;
    }

    static List<Violation> formRef(ModelContext ctx) {
        List<Violation> found = new ArrayList<>();
        for (UserTask task : ctx.userTasks()) {
            String what = describe("user task", task);
            if (!isBlank(task.getCamundaFormKey())) {
                found.add(formKeyUsed(ctx, task, what, task.getCamundaFormKey()));
            } else if (isBlank(task.getCamundaFormRef())) {
                found.add(ctx.violation(task.getId(), Rule.FORM_REF, what
                        + " has no camunda:formRef; link a Camunda Form by its id (Modeler: Form > Camunda Forms > Form reference)"));
            }
            checkExists(ctx, found, task, what, task.getCamundaFormRef());
            checkBinding(ctx, found, task, what, task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
                    task.getCamundaFormRefVersion());
        }
        for (StartEvent start : ctx.inProcess(StartEvent.class)) {
            String what = describe("start event", start);
            if (!isBlank(start.getCamundaFormKey())) {
                found.add(formKeyUsed(ctx, start, what, start.getCamundaFormKey()));
            }
            checkExists(ctx, found, start, what, start.getCamundaFormRef());
            checkBinding(ctx, found, start, what, start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
                    start.getCamundaFormRefVersion());
        }
        return found;
    }

    private static Violation formKeyUsed(ModelContext ctx, BaseElement element, String what, String formKey) {
        return ctx.violation(element.getId(), Rule.FORM_REF, what + " uses camunda:formKey '" + formKey
                + "'; the product uses Camunda Forms only: use camunda:formRef");
    }

    private static void checkExists(ModelContext ctx, List<Violation> found, BaseElement element, String what,
            String formRef) {
        if (isBlank(formRef)) {
            return;
        }
        String formId = formRef.strip();
        if (ctx.forms().contains(formId)) {
            return;
        }
        String reason = ctx.forms().invalidForm(formId)
                .map(v -> "is invalid (see " + v.file() + ")")
                .orElse("is not in forms/");
        found.add(ctx.violation(element.getId(), Rule.FORM_REF, what + " references form '" + formId + "', which " + reason));
    }

    /** The engine refuses to deploy a formRef without a valid binding (ENGINE-09005), so catch it here. */
    private static void checkBinding(ModelContext ctx, List<Violation> found, BaseElement element, String what,
            String formRef, String binding, String version) {
        if (isBlank(formRef)) {
            return;
        }
        if (binding == null || !FORM_REF_BINDINGS.contains(binding)) { // List.of(..).contains(null) throws
            String has = binding == null ? "no camunda:formRefBinding" : "camunda:formRefBinding '" + binding + "'";
            found.add(ctx.violation(element.getId(), Rule.FORM_REF, what + " has " + has
                    + "; Camunda needs deployment, latest or version (Modeler: Form > Binding)"));
        } else if (binding.equals("version") && isBlank(version)) {
            found.add(ctx.violation(element.getId(), Rule.FORM_REF, what
                    + " binds its form by version but has no camunda:formRefVersion"));
        }
    }

    static List<Violation> dueDate(ModelContext ctx) {
        return ctx.userTasks().stream()
                .filter(task -> isBlank(task.getCamundaDueDate()))
                .map(task -> ctx.violation(task.getId(), Rule.DUE_DATE, describe("user task", task)
                        + " has no camunda:dueDate; set ${deadlines.due(execution)} (Modeler: User assignment > Due date)"))
                .toList();
    }

    /** The follow-up date is when the step turns yellow in Tasklist; without it the step is never "nearly due". */
    static List<Violation> followUpDate(ModelContext ctx) {
        return ctx.userTasks().stream()
                .filter(task -> isBlank(task.getCamundaFollowUpDate()))
                .map(task -> ctx.violation(task.getId(), Rule.FOLLOW_UP_DATE, describe("user task", task)
                        + " has no camunda:followUpDate; set ${deadlines.followUp(execution)}"
                        + " (Modeler: User assignment > Follow up date)"))
                .toList();
    }

    /** Form ids referenced by user tasks, then start events (first occurrence wins). */
    static Set<String> formIds(ModelContext ctx) {
        Set<String> ids = new LinkedHashSet<>();
        for (UserTask task : ctx.userTasks()) {
            addFormId(ids, task.getCamundaFormRef());
        }
        for (StartEvent start : ctx.inProcess(StartEvent.class)) {
            addFormId(ids, start.getCamundaFormRef());
        }
        return ids;
    }

    private static void addFormId(Set<String> ids, String formRef) {
        if (!isBlank(formRef)) {
            ids.add(formRef.strip());
        }
    }
}
