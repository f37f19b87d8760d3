package vn.motcua.procedure.conformance;

import java.util.Objects;

/**
 * One broken rule: the file (model or form file), the element that breaks it (may be
 * {@code null} when the whole file is at fault), the {@link Rule#id() rule id} and a one-line
 * reason written for the process analyst.
 */
public record Violation(String file, String elementId, String ruleId, String message) {

    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        // One line per violation: lint output and deployment errors are read line by line.
        message = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static Violation of(String file, String elementId, Rule rule, String message) {
        return new Violation(file, elementId, rule.id(), message);
    }

    /** The same violation shown under another file name (e.g. the path the user typed). */
    public Violation withFile(String otherFile) {
        return new Violation(otherFile, elementId, ruleId, message);
    }

    /** {@code file: elementId [ruleId] message}; the element id is left out when unknown. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        line.append(file == null ? "?" : file).append(": ");
        if (elementId != null && !elementId.isBlank()) {
            line.append(elementId).append(' ');
        }
        return line.append('[').append(ruleId).append("] ").append(message).toString();
    }
}
