package vn.motcua.lookup;

/**
 * A registry served inside this application, which a base URL {@code sandbox:/<registry>} names:
 * in the demo, the sandbox registry ({@code motcua.sandbox.enabled}). The lookups only need to know
 * where it listens; what serves it is not theirs to know.
 */
public interface EmbeddedRegistry {

    /** Where it listens now, without a trailing slash, e.g. {@code http://localhost:8091}. */
    String baseUrl();
}
