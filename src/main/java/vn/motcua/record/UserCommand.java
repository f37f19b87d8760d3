package vn.motcua.record;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a command asks the engine to write, read off the command itself before it runs: the
 * engine's commands keep their input in fields without getters, so this is the one place that
 * knows Camunda's internals (checked by {@code UserCommandTest} against the engine's own API).
 * Values are plain: text, numbers, true/false, dates as given, or an {@link Opaque} for a
 * serialized object, JSON, XML, a file.
 */
sealed interface UserCommand {

    /** A process instance started with a business key and variables (engine-rest, Tasklist's start form). */
    record Start(String definitionId, String definitionKey, String businessKey, Map<String, Object> variables)
            implements UserCommand {
    }

    /** A start at chosen activities: past the start event, so past the record's intake. */
    record StartAtActivities() implements UserCommand {
    }

    /** A task completed with variables (complete, submit-form, resolve). */
    record CompleteTask(String taskId, Map<String, Object> variables) implements UserCommand {
    }

    /** Variables written on a task or removed from it. */
    record TaskVariables(String taskId, Map<String, Object> set, Collection<String> removed) implements UserCommand {
    }

    /** Variables carried by any other door: an execution's variables, a message, a signal, a modification … */
    record OtherVariables(String door, Map<String, Object> set, Collection<String> removed) implements UserCommand {
    }

    /** A message a user sends: its name and its payload. */
    record Message(String name, Map<String, Object> payload) implements UserCommand {
    }

    /** Writes no variable. */
    record Nothing() implements UserCommand {
    }

    /** A value that is not text, a number or true/false: its type's name. */
    record Opaque(String type) {
        @Override
        public String toString() {
            return "a value of type " + type;
        }
    }

    static UserCommand of(Command<?> command) {
        if (command instanceof CompleteTaskCmd) { // and ResolveTaskCmd
            return new CompleteTask(Reading.field(command, "taskId"), plain(Reading.field(command, "variables")));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return new CompleteTask(Reading.field(command, "taskId"), plain(Reading.field(command, "properties")));
        }
        if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl builder = Reading.field(command, "instantiationBuilder");
            return new Start(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                    builder.getBusinessKey(), plain(builder.getVariables()));
        }
        if (command instanceof SubmitStartFormCmd) {
            return new Start(Reading.field(command, "processDefinitionId"), null, Reading.field(command, "businessKey"),
                    plain(Reading.field(command, "variables")));
        }
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            return new StartAtActivities();
        }
        if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
                || command instanceof PatchTaskVariablesCmd) {
            return new TaskVariables(Reading.field(command, "entityId"), plain(Reading.optionalField(command, "variables")),
                    names(command));
        }
        if (command instanceof AbstractPatchVariablesCmd || command instanceof AbstractVariableCmd) {
            // an execution's (a process instance's) variables: set, patched, removed
            return others("variables of execution " + Reading.optionalField(command, "entityId"),
                    plain(Reading.optionalField(command, "variables")), names(command));
        }
        if (command instanceof AbstractCorrelateMessageCmd) {
            MessageCorrelationBuilderImpl builder = Reading.field(command, "builder");
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.putAll(plain(builder.getPayloadProcessInstanceVariables()));
            payload.putAll(plain(builder.getPayloadProcessInstanceVariablesLocal()));
            payload.putAll(plain(builder.getPayloadProcessInstanceVariablesToTriggeredScope()));
            return new Message(Reading.optionalField(command, "messageName"), payload);
        }
        if (command instanceof SignalEventReceivedCmd) {
            SignalEventReceivedBuilderImpl builder = Reading.field(command, "builder");
            return others("a signal", plain(builder.getVariables()), List.of());
        }
        if (command instanceof EvaluateStartConditionCmd) {
            ConditionEvaluationBuilderImpl builder = Reading.field(command, "builder");
            return others("a condition evaluation", plain(builder.getVariables()), List.of());
        }
        if (command instanceof ModifyProcessInstanceCmd) {
            ProcessInstanceModificationBuilderImpl builder = Reading.field(command, "builder");
            Map<String, Object> variables = new LinkedHashMap<>(plain(builder.getProcessVariables()));
            for (AbstractProcessInstanceModificationCommand operation : builder.getModificationOperations()) {
                if (operation instanceof AbstractInstantiationCmd instantiation) {
                    variables.putAll(plain(Reading.optionalField(instantiation, "variables")));
                    variables.putAll(plain(Reading.optionalField(instantiation, "variablesLocal")));
                }
            }
            return others("a process-instance modification", variables, List.of());
        }
        // every other engine command that carries variables (a signal to an execution, a task's BPMN error
        // or escalation, an external task, a batch setting variables …): found by its fields
        if (command.getClass().getName().startsWith("org.camunda.")) {
            Map<String, Object> carried = Reading.variablesCarried(command);
            if (!carried.isEmpty()) {
                return others(command.getClass().getSimpleName().replaceAll("Cmd$", ""), carried, List.of());
            }
        }
        return new Nothing();
    }

    private static UserCommand others(String door, Map<String, Object> set, Collection<String> removed) {
        return set.isEmpty() && removed.isEmpty() ? new Nothing() : new OtherVariables(door, set, removed);
    }

    /** The names a removal or a patch deletes. */
    private static Collection<String> names(Command<?> command) {
        Object names = Reading.optionalField(command, "variableNames");
        if (names == null) {
            names = Reading.optionalField(command, "deletions");
        }
        if (names instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The variables as plain values, in a stable order. */
    static Map<String, Object> plain(Object variables) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (variables instanceof org.camunda.bpm.engine.variable.VariableMap typed) {
            for (String name : typed.keySet()) {
                plain.put(name, plainValue(typed.getValueTyped(name)));
            }
        } else if (variables instanceof Map<?, ?> map) {
            map.forEach((name, value) -> plain.put(String.valueOf(name), plainValue(value)));
        }
        return plain;
    }

    private static Object plainValue(Object value) {
        if (value instanceof ObjectValue object) {
            return object.isDeserialized() ? object.getValue() : new Opaque(object.getType().getName());
        }
        if (value instanceof PrimitiveValue<?> primitive) {
            return primitive.getValue();
        }
        if (value instanceof TypedValue typed && typed.getType() == null) {
            return typed.getValue(); // untyped: engine-rest's {"value": …} without a type, typed by its Java value
        }
        if (value instanceof TypedValue typed) {
            String type = typed.getType() == null ? "unknown" : typed.getType().getName();
            try {
                return typed.getValue() == null ? null : new Opaque(type);
            } catch (RuntimeException unreadable) {
                return new Opaque(type);
            }
        }
        return value;
    }

    /** Reflection on the engine's commands; fields found once per class. */
    final class Reading {
        private static final Map<Class<?>, List<Field>> CARRIERS = new ConcurrentHashMap<>();

        private Reading() {
        }

        @SuppressWarnings("unchecked")
        static <T> T field(Object target, String name) {
            Field field = find(target.getClass(), name);
            if (field == null) {
                throw new IllegalStateException(target.getClass().getName() + " has no field " + name
                        + ": the engine changed, see UserCommand");
            }
            return (T) get(field, target);
        }

        @SuppressWarnings("unchecked")
        static <T> T optionalField(Object target, String name) {
            Field field = find(target.getClass(), name);
            return field == null ? null : (T) get(field, target);
        }

        /** Maps in fields named "…variable…" (not a message's correlation criteria), also in a builder field. */
        static Map<String, Object> variablesCarried(Object command) {
            Map<String, Object> carried = new LinkedHashMap<>();
            for (Field field : CARRIERS.computeIfAbsent(command.getClass(), Reading::carriers)) {
                Object value = get(field, command);
                if (value instanceof Map<?, ?>) {
                    carried.putAll(plain(value));
                } else if (value != null) {
                    for (Field inner : CARRIERS.computeIfAbsent(value.getClass(), Reading::carriers)) {
                        if (get(inner, value) instanceof Map<?, ?> map) {
                            carried.putAll(plain(map));
                        }
                    }
                }
            }
            return carried;
        }

        private static List<Field> carriers(Class<?> type) {
            List<Field> found = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    String name = field.getName().toLowerCase(java.util.Locale.ROOT);
                    boolean variables = Map.class.isAssignableFrom(field.getType()) && name.contains("variable")
                            && !name.startsWith("correlation");
                    boolean builder = field.getType().getName().startsWith("org.camunda.")
                            && field.getType().getSimpleName().endsWith("BuilderImpl");
                    if (variables || builder) {
                        field.setAccessible(true);
                        found.add(field);
                    }
                }
            }
            return found;
        }

        private static Field find(Class<?> type, String name) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(name);
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException e) {
                    // up the hierarchy
                }
            }
            return null;
        }

        private static Object get(Field field, Object target) {
            try {
                return field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
