package vn.motcua.procedure;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A procedure's application form (the Camunda Form of the process's start event, e.g.
 * {@code birth-registration-application}): the fields an applicant fills in, with the form's own
 * types and validation, so that a submission can be checked as Tasklist checks the same form.
 *
 * <p>What is checked, per field ({@link #check}):
 * <ul>
 * <li>{@code validate.required}: present and not blank — except for a field with a
 * {@code conditional} (it may be hidden, and a hidden field is not required);</li>
 * <li>{@code textfield}, {@code textarea}: text; {@code validate.minLength}, {@code maxLength},
 * {@code pattern} (found in the value, as the form's JavaScript does), {@code validationType}
 * {@code email} / {@code phone};</li>
 * <li>{@code number}: a number, within {@code validate.min} / {@code max};</li>
 * <li>{@code select}, {@code radio}: one of the static {@code values} (fields whose options come
 * from a variable, {@code valuesKey} / {@code valuesExpression}, take any text);</li>
 * <li>{@code checkbox}: true or false; {@code datetime}: an ISO date ({@code subtype date}),
 * time or date-time;</li>
 * <li>a <em>unit field</em> — a key ending in {@code Unit} (e.g. {@code shopUnit}), or a component
 * with the custom property {@code unit: "true"} — names an existing unit.</li>
 * </ul>
 */
public final class ApplicationForm {

    /** The suffix of a field key that holds a unit id (e.g. {@code shopUnit}, {@code consultedUnit}). */
    public static final String UNIT_FIELD_SUFFIX = "Unit";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{7,20}");

    /** One input of the form. */
    public record Field(String key, String type, String label, boolean required, boolean conditional,
            Integer minLength, Integer maxLength, String pattern, BigDecimal min, BigDecimal max,
            String validationType, String subtype, List<String> options, boolean unit, boolean readonly) {

        public Field {
            options = options == null ? null : List.copyOf(options);
        }
    }

    /** A value that the form refuses: the field's key and why. */
    public record Problem(String key, String message) {
    }

    private final String formId;
    private final Map<String, Field> fields;

    private ApplicationForm(String formId, Map<String, Field> fields) {
        this.formId = formId;
        this.fields = java.util.Collections.unmodifiableMap(fields);
    }

    /** Reads a Camunda Form (JSON); fields are the components with a {@code key}, also inside groups. */
    public static ApplicationForm parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Camunda Form: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a Camunda Form: no JSON object");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(root.path("components"), fields);
        return new ApplicationForm(root.path("id").asText(null), fields);
    }

    public String formId() {
        return formId;
    }

    /** The form's fields by key, in the form's order. */
    public Map<String, Field> fields() {
        return fields;
    }

    public Optional<Field> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * The problems of {@code values} against the form, in the form's order: fields the form does
     * not have, then each field's own rules. Values are what JSON gives: text, numbers, true/false.
     *
     * @param values      the variables to check (null values count as absent)
     * @param notRequired keys whose {@code required} is waived (e.g. a value a registry supplies)
     * @param unitExists  whether a unit id names an existing unit
     */
    public List<Problem> check(Map<String, ?> values, java.util.Set<String> notRequired, Predicate<String> unitExists) {
        List<Problem> problems = new ArrayList<>();
        values.keySet().stream().filter(key -> !fields.containsKey(key)).sorted()
                .forEach(key -> problems.add(new Problem(key, "the application form " + formId + " has no field '"
                        + key + "'")));
        for (Field field : fields.values()) {
            Object value = values.get(field.key());
            boolean blank = value == null || (value instanceof String text && text.isBlank());
            if (blank) {
                if (field.required() && !field.conditional() && !notRequired.contains(field.key())) {
                    problems.add(new Problem(field.key(), label(field) + " is required"));
                }
                continue;
            }
            String problem = problem(field, value, unitExists);
            if (problem != null) {
                problems.add(new Problem(field.key(), problem));
            }
        }
        return problems;
    }

    private static String problem(Field field, Object value, Predicate<String> unitExists) {
        String type = field.type() == null ? "" : field.type();
        switch (type) {
            case "number" -> {
                if (!(value instanceof Number number)) {
                    return label(field) + " must be a number, was '" + value + "'";
                }
                BigDecimal n = new BigDecimal(number.toString());
                if (field.min() != null && n.compareTo(field.min()) < 0) {
                    return label(field) + " must be at least " + field.min().toPlainString() + ", was " + value;
                }
                if (field.max() != null && n.compareTo(field.max()) > 0) {
                    return label(field) + " must be at most " + field.max().toPlainString() + ", was " + value;
                }
                return null;
            }
            case "checkbox" -> {
                return value instanceof Boolean ? null : label(field) + " must be true or false, was '" + value + "'";
            }
            case "datetime" -> {
                return value instanceof String text && dateTime(field.subtype(), text) ? null
                        : label(field) + " must be " + switch (field.subtype() == null ? "" : field.subtype()) {
                            case "date" -> "a date, e.g. 2026-11-20";
                            case "time" -> "a time, e.g. 08:30";
                            default -> "a date and time, e.g. 2026-11-20T08:30:00+07:00";
                        } + ", was '" + value + "'";
            }
            default -> {
                // text of some kind: textfield, textarea, select, radio, hidden, a custom component …
            }
        }
        if (!(value instanceof String text)) {
            return label(field) + " must be text, was " + value;
        }
        if (field.options() != null && !field.options().contains(text)) {
            return label(field) + " must be one of " + field.options() + ", was '" + text + "'";
        }
        if (field.minLength() != null && text.length() < field.minLength()) {
            return label(field) + " must have at least " + field.minLength() + " characters, was '" + text + "'";
        }
        if (field.maxLength() != null && text.length() > field.maxLength()) {
            return label(field) + " may have at most " + field.maxLength() + " characters";
        }
        if (field.pattern() != null) {
            try {
                if (!Pattern.compile(field.pattern()).matcher(text).find()) {
                    return label(field) + " does not have the form's format (" + field.pattern() + "), was '" + text
                            + "'";
                }
            } catch (PatternSyntaxException e) {
                // a pattern only JavaScript reads: the form itself still checks it in Tasklist
            }
        }
        if ("email".equals(field.validationType()) && !EMAIL.matcher(text).matches()) {
            return label(field) + " is not an e-mail address: '" + text + "'";
        }
        if ("phone".equals(field.validationType()) && !PHONE.matcher(text).matches()) {
            return label(field) + " is not a phone number: '" + text + "'";
        }
        if (field.unit() && !unitExists.test(text)) {
            return label(field) + " must name an existing unit, was '" + text + "'";
        }
        return null;
    }

    private static boolean dateTime(String subtype, String text) {
        try {
            switch (subtype == null ? "" : subtype) {
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                default -> {
                    try {
                        OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        LocalDateTime.parse(text);
                    }
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String label(Field field) {
        return "'" + field.key() + "'";
    }

    private static void collect(JsonNode components, Map<String, Field> into) {
        if (!components.isArray()) {
            return;
        }
        for (JsonNode component : components) {
            if (component.has("components")) {
                collect(component.path("components"), into); // group, dynamic list: their fields count
            }
            String key = component.path("key").asText("");
            if (key.isBlank() || component.path("type").asText("").equals("button")) {
                continue;
            }
            JsonNode validate = component.path("validate");
            List<String> options = null;
            if (component.path("values").isArray() && !component.has("valuesKey")
                    && !component.has("valuesExpression")) {
                options = new ArrayList<>();
                for (JsonNode option : component.path("values")) {
                    options.add(option.path("value").asText());
                }
            }
            boolean unit = key.endsWith(UNIT_FIELD_SUFFIX)
                    || "true".equalsIgnoreCase(component.path("properties").path("unit").asText(""));
            into.putIfAbsent(key, new Field(key, component.path("type").asText(""),
                    component.path("label").asText(component.path("dateLabel").asText(key)),
                    validate.path("required").asBoolean(false),
                    component.has("conditional") && !component.path("conditional").path("hide").asText("").isBlank(),
                    integer(validate.path("minLength")), integer(validate.path("maxLength")),
                    validate.path("pattern").isTextual() && !validate.path("pattern").asText().isEmpty()
                            ? validate.path("pattern").asText() : null,
                    decimal(validate.path("min")), decimal(validate.path("max")),
                    validate.path("validationType").asText(null), component.path("subtype").asText(null),
                    options, unit,
                    // shown, not asked: a read-only or disabled field gives the user nothing to set
                    component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)));
        }
    }

    private static Integer integer(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }
}
