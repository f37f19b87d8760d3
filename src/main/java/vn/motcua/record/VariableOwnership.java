package vn.motcua.record;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import vn.motcua.procedure.ApplicationForm;
import vn.motcua.procedure.SystemVariables;

/**
 * Who may change what, for a user's command to the engine (engine-rest, Tasklist, the Java API
 * with a user's authentication). Plain logic; {@link VariableOwnershipPlugin} asks it before every
 * command a user sends, the product's own code is not asked.
 *
 * <ul>
 * <li>Completing a task (complete, submit-form) sets only the fields of the task's Camunda Form
 * that the user can edit, with the form's types and options. A system variable, a read-only
 * field, a variable the form does not have is refused — unless it is sent back unchanged (Tasklist
 * may send what the form only shows). A task without a form takes no variables.</li>
 * <li>Writing a task's variables: the same fields; removing them likewise.</li>
 * <li>Starting: never one of the product's own processes ({@code motcua-system-…}); only the start form's fields, of which system variables only the intake
 * ({@link SystemVariables#INTAKE}: the receiving unit, the applicant); no business key (the
 * product gives the record code); never at chosen activities.</li>
 * <li>Every other door (an execution's or process instance's variables, a message, a signal, a
 * modification, a task's BPMN error …) sets no variable at all.</li>
 * <li>The record's own messages (supplemented, withdrawn, resumed) come from the records API only.</li>
 * </ul>
 * The first variable refused (in name order) is named; nothing is written.
 */
final class VariableOwnership {

    /** What the rules need to know of the engine, read as the system. */
    interface Engine {
        /** The Camunda Form of the task, empty when it has none; empty Optional of Optional when no such task. */
        Optional<TaskFacts> task(String taskId);

        /** The key of the process definition, by id or key; empty when there is none (the engine answers for itself). */
        Optional<String> processKey(String definitionId, String definitionKey);

        /** The start form of a procedure, by definition id or (latest) key. */
        Optional<ApplicationForm> startForm(String definitionId, String definitionKey);

        boolean unitExists(String unit);
    }

    /**
     * A task as the rules see it.
     *
     * @param name        the task's name, for messages
     * @param form        its Camunda Form, empty when it has none
     * @param modelOwned  system variables its procedure's model adds (the lookups' values …)
     * @param current     reads the variable's current value as the task sees it
     */
    record TaskFacts(String name, Optional<ApplicationForm> form, Set<String> modelOwned,
            java.util.function.Function<String, Object> current) {
    }

    /** The messages a record's process waits for, sent by the records API (RecordActions). */
    static final Set<String> RECORD_MESSAGES = Set.of(RecordActions.MESSAGE_SUPPLEMENTED, RecordActions.MESSAGE_WITHDRAWN,
            RecordActions.MESSAGE_RESUMED);

    private final Engine engine;

    VariableOwnership(Engine engine) {
        this.engine = engine;
    }

    /** Refuses the command with {@link VariableRefused} when it writes what the user may not. */
    void check(UserCommand command) {
        if (command instanceof UserCommand.Start start) {
            start(start);
        } else if (command instanceof UserCommand.StartAtActivities) {
            throw new VariableRefused("startInstructions", "'startInstructions' are not allowed: a record starts at "
                    + "its start event, with its start form, never at chosen activities");
        } else if (command instanceof UserCommand.CompleteTask complete) {
            task(complete.taskId(), complete.variables(), List.of(), "by completing");
        } else if (command instanceof UserCommand.TaskVariables variables) {
            task(variables.taskId(), variables.set(), variables.removed(), "on");
        } else if (command instanceof UserCommand.Message message) {
            if (RECORD_MESSAGES.contains(message.name())) {
                // a supplement, a withdrawal, a resumption are the applicant's or the unit's acts in the records API
                throw new VariableRefused("messageName", "'messageName' " + message.name() + " is sent by the records "
                        + "API only (POST /api/records/{code}/supplements, /withdrawal, /resumption), which checks "
                        + "who may do it");
            }
            if (!message.payload().isEmpty()) {
                check(new UserCommand.OtherVariables("the message " + message.name(), message.payload(), List.of()));
            }
        } else if (command instanceof UserCommand.OtherVariables other) {
            String name = first(other.set().keySet(), other.removed());
            throw new VariableRefused(name, "'" + name + "' cannot be " + (other.set().containsKey(name) ? "set"
                    : "removed") + " through " + other.door() + ": a record's variables are set only by "
                    + "completing its task with the task's form (or by its start form)" + ownedNote(name));
        }
    }

    private void start(UserCommand.Start start) {
        Optional<String> key = engine.processKey(start.definitionId(), start.definitionKey());
        if (key.isEmpty()) {
            return; // 404 from the engine
        }
        if (vn.motcua.procedure.SystemModels.isSystemKey(key.get())) {
            throw new VariableRefused("processDefinitionKey", "'processDefinitionKey' " + key.get() + " is one of the product's own "
                    + "processes (escalation notices, apologies): the product starts it, no user does");
        }
        if (start.businessKey() != null && !start.businessKey().isBlank()) {
            throw new VariableRefused("businessKey", "the business key of a record is its record code, which the "
                    + "product gives when the record starts: leave 'businessKey' out (was '" + start.businessKey() + "')");
        }
        Optional<ApplicationForm> form = engine.startForm(start.definitionId(), start.definitionKey());
        Map<String, Object> settable = new LinkedHashMap<>();
        for (String name : sorted(start.variables().keySet())) {
            Optional<ApplicationForm.Field> field = form.flatMap(f -> f.field(name));
            if (SystemVariables.isSystemOwned(name) && !SystemVariables.INTAKE.contains(name)) {
                throw new VariableRefused(name, "'" + name + "' is set by the system, not at the start" + ownedNote(name));
            }
            if (field.isEmpty() || field.get().readonly()) {
                throw new VariableRefused(name, "'" + name + "' is not a field of " + form.map(f -> "the start form "
                        + f.formId()).orElse("a start form (the procedure has none)") + ": a record starts with its "
                        + "start form's fields only");
            }
            settable.put(name, start.variables().get(name));
        }
        // the receiving unit is checked by the directory and the procedure's competence when the record starts
        settable.remove("unit");
        form.ifPresent(f -> typed(f, settable));
    }

    private void task(String taskId, Map<String, Object> set, Collection<String> removed, String doing) {
        if (set.isEmpty() && removed.isEmpty()) {
            return; // a completion without variables: nothing to own
        }
        Optional<TaskFacts> found = engine.task(taskId);
        if (found.isEmpty()) {
            return; // no such task: the engine answers for itself (404)
        }
        TaskFacts task = found.get();
        Map<String, Object> settable = new LinkedHashMap<>();
        for (String name : sorted(set.keySet())) {
            String why = whyNot(task, name);
            if (why == null) {
                settable.put(name, set.get(name));
            } else if (!same(set.get(name), task.current().apply(name))) {
                throw new VariableRefused(name, "'" + name + "' cannot be set " + doing + " the task '" + task.name()
                        + "': " + why);
            }
            // sent back unchanged (a read-only field Tasklist submits with the form): no change, no refusal
        }
        for (String name : sorted(removed)) {
            String why = whyNot(task, name);
            if (why != null) {
                throw new VariableRefused(name, "'" + name + "' cannot be removed from the task '" + task.name() + "': "
                        + why);
            }
        }
        task.form().ifPresent(form -> typed(form, settable));
    }

    /** Why the variable is not the user's to set on the task, or null. */
    private static String whyNot(TaskFacts task, String name) {
        if (SystemVariables.isSystemOwned(name) || task.modelOwned().contains(name)) {
            return "it is set by the system" + ownedNote(name);
        }
        if (task.form().isEmpty()) {
            return "the task has no form, so it takes no variables";
        }
        Optional<ApplicationForm.Field> field = task.form().get().field(name);
        if (field.isEmpty()) {
            return "it is not a field of the task's form " + task.form().get().formId()
                    + "; a task sets only its form's fields";
        }
        return field.get().readonly() ? "the form " + task.form().get().formId() + " only shows it (read-only)" : null;
    }

    /** The values against the form's types, options and formats (not whether required). */
    private void typed(ApplicationForm form, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        List<ApplicationForm.Problem> problems = form.check(values, form.fields().keySet(), engine::unitExists);
        if (!problems.isEmpty()) {
            ApplicationForm.Problem first = problems.get(0);
            throw new VariableRefused(first.key(), first.message());
        }
    }

    private static String ownedNote(String name) {
        return SystemVariables.isSystemOwned(name) ? " ('" + name + "' belongs to the system)" : "";
    }

    /** The same value, as a form sends it back: numbers by value, blank as absent. */
    static boolean same(Object sent, Object current) {
        if (blank(sent) && blank(current)) {
            return true;
        }
        if (sent instanceof Number a && current instanceof Number b) {
            try {
                return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
            } catch (NumberFormatException e) {
                return a.equals(b);
            }
        }
        return sent != null && sent.equals(current);
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static String first(Collection<String> set, Collection<String> removed) {
        return sorted(set).stream().findFirst().orElseGet(() -> sorted(removed).get(0));
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.toList());
    }
}
