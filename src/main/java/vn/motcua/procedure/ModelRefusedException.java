package vn.motcua.procedure;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;

import vn.motcua.procedure.conformance.Violation;

/**
 * A deployment the model gate refused, with every violation. A {@link ParseException}, so the
 * engine's REST API answers 400 with the violations as the parse problems Camunda Modeler shows
 * (message, element id), and the whole deployment is rolled back.
 */
public class ModelRefusedException extends ParseException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    ModelRefusedException(List<Violation> violations) {
        super(message(violations), violations.get(0).file(),
                violations.stream().<Problem>map(ViolationProblem::new).toList(), List.of());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        return "The model was refused (" + violations.size() + (violations.size() == 1 ? " violation" : " violations")
                + "; see docs/conformance-rules.md):\n"
                + violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
    }

    /** One violation as a parse problem: the line names file, element and rule. */
    private record ViolationProblem(Violation violation) implements Problem {
        @Override
        public String getMessage() {
            return violation.toString();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return violation.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return violation.elementId() == null ? List.of() : List.of(violation.elementId());
        }
    }
}
