package vn.motcua.procedure.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A parsed model plus what every rule needs: the file name, the process the rules apply to
 * and the forms. Built once per check and only read by the rules.
 */
final class ModelContext {

    /** The five canonical steps, in the order every path to a success end must pass them. */
    static final List<String> CANONICAL_STEPS = List.of("reception", "appraisal", "approval", "issuing", "result");

    static final String STEP = "step";
    static final String OUTCOME = "outcome";

    private final String file;
    private final BpmnModelInstance model;
    private final List<Process> processes;
    private final Process process;
    private final FormSet forms;

    ModelContext(String file, BpmnModelInstance model, FormSet forms) {
        this.file = file;
        this.model = model;
        this.forms = forms;
        this.processes = List.copyOf(model.getModelElementsByType(Process.class));
        this.process = chooseProcess(processes);
    }

    /**
     * The process the rules apply to: the only executable one; or, when none is executable
     * but there is only one process, that one (so the analyst sees all problems at once).
     * {@code null} when it is ambiguous; the executable-process rule then says why.
     */
    private static Process chooseProcess(List<Process> processes) {
        List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
        if (executable.size() == 1) {
            return executable.get(0);
        }
        if (executable.isEmpty() && processes.size() == 1) {
            return processes.get(0);
        }
        return null;
    }

    String file() {
        return file;
    }

    BpmnModelInstance model() {
        return model;
    }

    List<Process> processes() {
        return processes;
    }

    /** The process the rules apply to, empty when there is none or it is ambiguous. */
    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    FormSet forms() {
        return forms;
    }

    Violation violation(String elementId, Rule rule, String message) {
        return Violation.of(file, elementId, rule, message);
    }

    /** All elements of a type anywhere inside the process (nested subprocesses included), in document order. */
    <T extends ModelElementInstance> List<T> inProcess(Class<T> type) {
        if (process == null) {
            return List.of();
        }
        List<T> found = new ArrayList<>();
        for (T element : model.getModelElementsByType(type)) {
            if (isInside(element, process)) {
                found.add(element);
            }
        }
        return found;
    }

    /** Elements of a type that are direct children of the process (not inside a subprocess). */
    <T extends ModelElementInstance> List<T> topLevel(Class<T> type) {
        return process == null ? List.of() : List.copyOf(process.getChildElementsByType(type));
    }

    List<UserTask> userTasks() {
        return inProcess(UserTask.class);
    }

    static boolean isInside(ModelElementInstance element, ModelElementInstance ancestor) {
        for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == ancestor || parent.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Camunda extension properties of an element (first value wins when a name repeats). */
    static Map<String, String> properties(BaseElement element) {
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return properties;
        }
        for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
            Collection<CamundaProperty> entries = group.getCamundaProperties();
            for (CamundaProperty property : entries) {
                String name = property.getCamundaName();
                if (name != null) {
                    properties.putIfAbsent(name.strip(), property.getCamundaValue());
                }
            }
        }
        return properties;
    }

    static Optional<String> property(BaseElement element, String name) {
        return Optional.ofNullable(properties(element).get(name));
    }

    /**
     * The id a QName reference points to ({@code bpmnElement}, {@code processRef},
     * {@code attachedToRef} are QNames; foreign tools may write {@code tns:Task_1}). XML ids
     * cannot contain ':', so the prefix is simply dropped.
     */
    static String localRef(String reference) {
        if (reference == null) {
            return null;
        }
        String trimmed = reference.strip();
        return trimmed.substring(trimmed.lastIndexOf(':') + 1);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** "user task 'Check application'" or just the kind when the element has no name. */
    static String describe(String kind, BaseElement element) {
        String name = element.getAttributeValue("name");
        return isBlank(name) ? kind : kind + " '" + name.strip() + "'";
    }
}
