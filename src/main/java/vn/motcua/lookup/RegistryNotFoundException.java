package vn.motcua.lookup;

/**
 * The registry has no entry for the key, or the applicant declared no usable key: a business
 * outcome the model branches on (BPMN error {@value Lookup#NOT_FOUND}), not an incident.
 */
public class RegistryNotFoundException extends RuntimeException {

    public RegistryNotFoundException(String message) {
        super(message);
    }
}
