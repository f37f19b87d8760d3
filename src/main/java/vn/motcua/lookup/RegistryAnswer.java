package vn.motcua.lookup;

import java.util.Map;

/** A registry's answer: the fields found, or that the key is unknown there. */
public record RegistryAnswer(boolean found, Map<String, Object> fields, String requestId, String message) {

    static RegistryAnswer found(Map<String, Object> fields, String requestId) {
        return new RegistryAnswer(true, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)),
                requestId, null);
    }

    static RegistryAnswer notFound(String requestId, String message) {
        return new RegistryAnswer(false, Map.of(), requestId, message);
    }
}
