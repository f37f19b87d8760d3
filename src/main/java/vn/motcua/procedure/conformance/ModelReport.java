package vn.motcua.procedure.conformance;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of checking one model.
 *
 * @param model      the checked file
 * @param processKey id of the executable process, {@code null} if the file could not be read or has none
 * @param formIds    form ids the model references (user tasks and start events), in document order
 * @param violations every broken rule; empty when the model conforms
 */
public record ModelReport(ModelFile model, String processKey, Set<String> formIds, List<Violation> violations) {

    public ModelReport {
        Objects.requireNonNull(model, "model");
        formIds = formIds == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(formIds));
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public boolean conforms() {
        return violations.isEmpty();
    }
}
