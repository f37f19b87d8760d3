package vn.motcua.lookup;

/**
 * The registry could not answer usefully: unreachable, too slow, a server error or a malformed
 * answer. The lookup job fails and the engine retries it; after the last retry it is an incident.
 */
public class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
