package vn.motcua.procedure;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The Camunda extension properties of a model element — how analysts put the procedure's facts
 * on the process ({@code procedure.code} …), the step on a user task ({@code step}) and the
 * outcome on an end event ({@code outcome}). The first value wins when a name repeats.
 */
public final class ModelProperties {

    private ModelProperties() {
    }

    /**
     * The process an element belongs to, found by walking up the model. Never derive it from a
     * process-definition id's text: Camunda uses {@code key:version:uuid} only while that fits 64
     * characters and a bare UUID for longer keys.
     */
    public static Process processOf(ModelElementInstance element) {
        ModelElementInstance current = element;
        while (current != null && !(current instanceof Process)) {
            current = current.getParentElement();
        }
        return (Process) current;
    }

    /** The properties of the process the element belongs to (empty outside a process). */
    public static Map<String, String> ofProcess(ModelElementInstance element) {
        return of(processOf(element));
    }

    public static Map<String, String> of(ModelElementInstance element) {
        Map<String, String> properties = new HashMap<>();
        if (!(element instanceof BaseElement base)) {
            return properties;
        }
        ExtensionElements extensions = base.getExtensionElements();
        if (extensions == null) {
            return properties;
        }
        for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : group.getCamundaProperties()) {
                String name = property.getCamundaName();
                if (name != null && property.getCamundaValue() != null) {
                    properties.putIfAbsent(name.strip(), property.getCamundaValue());
                }
            }
        }
        return properties;
    }
}
