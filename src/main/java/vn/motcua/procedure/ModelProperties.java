package vn.motcua.procedure;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
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
