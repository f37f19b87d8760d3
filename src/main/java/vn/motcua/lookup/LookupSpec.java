package vn.motcua.lookup;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A lookup as the analyst models it on a service task ({@code camunda:delegateExpression="${lookup}"}),
 * in extension properties:
 * <ul>
 * <li>{@value #REGISTRY}: {@code population}, {@code residence}, {@code enterprise} or {@code land};</li>
 * <li>{@value #KEY}: which variables hold the key, {@code param=variable} separated by commas, e.g.
 * {@code personalId=fatherPersonalId}; the parameters pick the query (an enterprise by
 * {@code enterpriseCode} or by {@code name});</li>
 * <li>{@value #PREFIX}: the variables written are {@code <prefix><Field>}, e.g. {@code fatherFullName};</li>
 * <li>{@value #PURPOSE} (optional): why, for the lookup log; {@value #OPTIONAL} (optional, {@code true}):
 * an undeclared key skips the lookup instead of counting as "not found";
 * {@value #SUPPLIES} (optional): the documents it spares the applicant, separated by {@code ;}.</li>
 * </ul>
 */
public record LookupSpec(LookupType type, Map<String, String> keyVariables, String prefix, String purpose,
        boolean optional) {

    public static final String REGISTRY = "lookup.registry";
    public static final String KEY = "lookup.key";
    public static final String PREFIX = "lookup.prefix";
    public static final String PURPOSE = "lookup.purpose";
    public static final String OPTIONAL = "lookup.optional";
    public static final String SUPPLIES = "lookup.supplies";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");

    /** Reads the service task's extension properties; {@code where} names the element in the error. */
    public static LookupSpec of(ModelElementInstance serviceTask, String where) {
        return parse(properties(serviceTask), where);
    }

    /** The task's Camunda extension properties, the first value winning when a name repeats. */
    public static Map<String, String> properties(ModelElementInstance element) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (element instanceof BaseElement base && base.getExtensionElements() != null) {
            for (CamundaProperties group : base.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty property : group.getCamundaProperties()) {
                    if (property.getCamundaName() != null && property.getCamundaValue() != null) {
                        properties.putIfAbsent(property.getCamundaName().strip(), property.getCamundaValue());
                    }
                }
            }
        }
        return properties;
    }

    /** Reads the properties; {@code where} names the element in the error. */
    public static LookupSpec parse(Map<String, String> properties, String where) {
        String registryId = properties.getOrDefault(REGISTRY, "").strip();
        Registry registry;
        try {
            registry = Registry.valueOf(registryId.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": extension property '" + REGISTRY + "' is '" + registryId
                    + "'; use population, residence, enterprise or land");
        }
        Map<String, String> keyVariables = new LinkedHashMap<>();
        for (String pair : properties.getOrDefault(KEY, "").split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || !NAME.matcher(parts[0].strip()).matches()
                    || !NAME.matcher(parts[1].strip()).matches()) {
                throw new IllegalStateException(where + ": extension property '" + KEY + "' must be "
                        + LookupType.keysOf(registry) + "; was '" + properties.getOrDefault(KEY, "") + "'");
            }
            keyVariables.put(parts[0].strip(), parts[1].strip());
        }
        LookupType type = LookupType.of(registry, keyVariables.keySet()).orElseThrow(() -> new IllegalStateException(
                where + ": the " + registry.id() + " registry is looked up by " + LookupType.keysOf(registry)
                        + ", not by " + keyVariables.keySet()));
        String prefix = properties.getOrDefault(PREFIX, "").strip();
        if (!NAME.matcher(prefix).matches()) {
            throw new IllegalStateException(where + ": extension property '" + PREFIX
                    + "' must be a variable name prefix such as 'father'; was '" + prefix + "'");
        }
        String purpose = properties.getOrDefault(PURPOSE, "").strip();
        return new LookupSpec(type, keyVariables, prefix, purpose.isEmpty() ? null : purpose,
                "true".equalsIgnoreCase(properties.getOrDefault(OPTIONAL, "").strip()));
    }

    /** {@code fatherFullName} for the field {@code FullName}. */
    public String variable(String field) {
        return prefix + field;
    }
}
