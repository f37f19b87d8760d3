package vn.motcua.lookup;

import java.util.Map;

/**
 * The registry has no entry for the key, or the applicant declared no usable key: a business
 * outcome the model branches on (BPMN error {@value Lookup#NOT_FOUND}), not an incident. Carries
 * the variables to set all the same ({@code registrySources}, {@code registryMismatches}: every
 * lookup sets them, docs/lookups.md).
 */
public class RegistryNotFoundException extends RuntimeException {

    private final transient Map<String, Object> variables;

    public RegistryNotFoundException(String message) {
        this(message, Map.of());
    }

    public RegistryNotFoundException(String message, Map<String, Object> variables) {
        super(message);
        this.variables = Map.copyOf(variables);
    }

    /** The variables to set before the BPMN error is thrown. */
    public Map<String, Object> variables() {
        return variables;
    }
}
