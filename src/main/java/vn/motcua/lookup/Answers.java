package vn.motcua.lookup;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a registry's JSON answer strictly: a missing or mistyped field is a malformed answer. */
final class Answers {

    private Answers() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is missing or not a text");
        }
        return value.asText().strip();
    }

    static String date(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is not a date (YYYY-MM-DD): "
                    + text);
        }
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is missing or not true/false");
        }
        return value.asBoolean();
    }

    static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is missing or not a number");
        }
        return value.asDouble();
    }

    static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is missing or not a list");
        }
        return value;
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new RegistryUnavailableException("malformed answer: '" + field + "' is missing or not an object");
        }
        return value;
    }
}
