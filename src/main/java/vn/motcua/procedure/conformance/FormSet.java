package vn.motcua.procedure.conformance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The forms directory as the checker sees it.
 *
 * @param byId       the valid forms by form id (sorted, unmodifiable)
 * @param violations the {@code form-valid} violations of invalid form files (these files are not in {@code byId})
 */
public record FormSet(Map<String, FormFile> byId, List<Violation> violations) {

    private static final FormSet EMPTY = new FormSet(Map.of(), List.of());

    public FormSet {
        byId = byId == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byId));
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static FormSet empty() {
        return EMPTY;
    }

    public boolean contains(String formId) {
        return formId != null && byId.containsKey(formId);
    }

    /** The variables a valid form submits ({@link FormFile#fieldKeys()}); empty for an unknown form id. */
    public java.util.Set<String> fieldKeys(String formId) {
        FormFile form = formId == null ? null : byId.get(formId.strip());
        return form == null ? java.util.Set.of() : form.fieldKeys();
    }

    /** The form-valid violation naming this form id, if a form file with that id was refused. */
    Optional<Violation> invalidForm(String formId) {
        return violations.stream().filter(v -> formId.equals(v.elementId())).findFirst();
    }
}
