package vn.motcua.procedure.conformance;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A valid Camunda Form file.
 *
 * @param name    file name relative to the forms directory, e.g. {@code reception.form}
 * @param formId  the form's {@code id}, which models reference with {@code camunda:formRef}
 * @param content the raw JSON bytes (copied in and out)
 */
public record FormFile(String name, String formId, byte[] content) {

    public FormFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formId, "formId");
        content = content == null ? new byte[0] : content.clone();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Components that show something but submit no variable. */
    private static final Set<String> NOT_FIELDS = Set.of("text", "button", "image", "spacer", "separator", "html",
            "iframe", "table");

    /**
     * The variables the form submits: the {@code key} of every field, nested groups included (a
     * group's {@code path}, when set, is the variable holding the group's fields). Empty when the
     * content is not readable JSON (the form-valid rule reports that).
     */
    public Set<String> fieldKeys() {
        Set<String> keys = new LinkedHashSet<>();
        try {
            collect(JSON.readTree(content).path("components"), keys);
        } catch (IOException e) {
            return Set.of();
        }
        return keys;
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            if (component.path("key").isTextual() && !NOT_FIELDS.contains(type)) {
                keys.add(component.get("key").asText());
            }
            if (component.path("path").isTextual() && !component.get("path").asText().isBlank()) {
                keys.add(component.get("path").asText().split("\\.")[0]);
            } else {
                collect(component.path("components"), keys);
            }
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FormFile that && name.equals(that.name) && formId.equals(that.formId)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, formId, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "FormFile[" + name + ", id=" + formId + ", " + content.length + " bytes]";
    }
}
