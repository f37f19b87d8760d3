package vn.motcua.procedure.conformance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.xml.sax.SAXParseException;

/**
 * Checks one procedure model against the five-step paper-free rules (see
 * {@code docs/conformance-rules.md}). Stateless and thread-safe.
 *
 * <p>Never throws on bad input: an unreadable file is a {@code bpmn-parse} violation, and a rule
 * that fails on a model it did not expect reports "could not be checked" under its own id.
 */
public final class ConformanceChecker {

    /** One rule's check; package-private so tests can plug in a rule that fails. */
    record ModelRule(Rule rule, Function<ModelContext, List<Violation>> check) {
    }

    // Order of the report: the process first, then tasks, paths, forms and the diagram.
    private static final List<ModelRule> RULES = List.of(
            new ModelRule(Rule.EXECUTABLE_PROCESS, ProcessRules::executableProcess),
            new ModelRule(Rule.HISTORY_TTL, ProcessRules::historyTtl),
            new ModelRule(Rule.PROCEDURE_PROPERTIES, ProcessRules::procedureProperties),
            new ModelRule(Rule.FIVE_STEPS, UserTaskRules::fiveSteps),
            new ModelRule(Rule.STEP_PROPERTY, UserTaskRules::stepProperty),
            new ModelRule(Rule.STEP_ORDER, StepOrder::check),
            new ModelRule(Rule.END_OUTCOME, ProcessRules::endOutcome),
            new ModelRule(Rule.WITHDRAWAL, MessageRules::withdrawal),
            new ModelRule(Rule.RECORD_MESSAGES, MessageRules::recordMessages),
            new ModelRule(Rule.CANDIDATE_GROUPS, UserTaskRules::candidateGroups),
            new ModelRule(Rule.UNIT_ROLE, UserTaskRules::unitRole),
            new ModelRule(Rule.FORM_REF, UserTaskRules::formRef),
            new ModelRule(Rule.DUE_DATE, UserTaskRules::dueDate),
            new ModelRule(Rule.FOLLOW_UP_DATE, UserTaskRules::followUpDate),
            new ModelRule(Rule.STEP_BUDGET, BudgetRules::stepBudget),
            new ModelRule(Rule.BUDGETS_FIT, BudgetRules::budgetsFit),
            new ModelRule(Rule.ESCALATION, EscalationRule::check),
            new ModelRule(Rule.VISIBLE_WORK, VisibleWorkRule::check),
            new ModelRule(Rule.PAYMENT, PaymentRule::check),
            new ModelRule(Rule.LOOKUP, LookupRules::configuration),
            new ModelRule(Rule.LOOKUP_BEFORE_APPRAISAL, LookupRules::beforeAppraisal),
            new ModelRule(Rule.DECLARED_ONCE, LookupRules::declaredOnce),
            new ModelRule(Rule.KNOWN_VARIABLES, KnownVariables::check),
            new ModelRule(Rule.NO_PAPER_STEP, ProcessRules::noPaperStep),
            new ModelRule(Rule.NO_SCRIPTS, CodeRules::noScripts),
            new ModelRule(Rule.NO_JAVA_CLASSES, CodeRules::noJavaClasses),
            new ModelRule(Rule.ALLOWED_EXPRESSIONS, ExpressionAllowList::check),
            new ModelRule(Rule.DIAGRAM, DiagramRule::check));

    /** The rules that keep code out of a model; they hold for every deployment, the product's own included. */
    private static final List<ModelRule> CODE_RULES = RULES.stream()
            .filter(rule -> Set.of(Rule.NO_SCRIPTS, Rule.NO_JAVA_CLASSES, Rule.ALLOWED_EXPRESSIONS).contains(rule.rule()))
            .toList();

    private final List<ModelRule> rules;

    public ConformanceChecker() {
        this(RULES);
    }

    /**
     * A checker of the code rules only ({@code no-scripts}, {@code no-java-classes},
     * {@code allowed-expressions}, and {@code bpmn-parse}): for models the product's own code
     * deploys without the five-step contract (test models).
     */
    public static ConformanceChecker codeRulesOnly() {
        return new ConformanceChecker(CODE_RULES);
    }

    ConformanceChecker(List<ModelRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public ModelReport check(ModelFile model, FormSet forms) {
        Objects.requireNonNull(model, "model");
        FormSet formSet = forms == null ? FormSet.empty() : forms;
        String file = model.name();

        BpmnModelInstance instance;
        ModelContext ctx;
        try {
            instance = parse(model.content());
            ctx = new ModelContext(file, instance, formSet);
        } catch (RuntimeException | StackOverflowError e) {
            return new ModelReport(model, null, Set.of(),
                    List.of(Violation.of(file, null, Rule.BPMN_PARSE, parseProblem(e))));
        }

        List<Violation> violations = new ArrayList<>();
        for (ModelRule rule : rules) {
            try {
                violations.addAll(rule.check().apply(ctx));
            } catch (RuntimeException | StackOverflowError e) {
                // A surprise in one rule must not hide the others, nor reach the user as a stack trace.
                violations.add(Violation.of(file, null, rule.rule(), "could not be checked: " + describe(e)));
            }
        }
        Set<String> formIds;
        try {
            formIds = UserTaskRules.formIds(ctx);
        } catch (RuntimeException e) {
            formIds = Set.of(); // already reported by form-ref
        }
        return new ModelReport(model, ctx.process().map(Process::getId).orElse(null), formIds, violations);
    }

    private static BpmnModelInstance parse(byte[] content) {
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            throw new EmptyFile();
        }
        // Throws ModelParseException / ModelValidationException (schema) for files it cannot read.
        return Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    }

    private static final class EmptyFile extends RuntimeException {
        EmptyFile() {
            super("the file is empty", null, false, false);
        }
    }

    private static String parseProblem(Throwable e) {
        if (e instanceof EmptyFile) {
            return "the file is empty";
        }
        // The model API's DOM error handler writes "Fatal Error: URI=null Line=12: <reason>".
        String reason = describe(e).replaceFirst("^(?:Fatal Error|Error|Warning): URI=\\S* Line=(\\d+): ", "line $1: ");
        return "not a BPMN 2.0 file the Camunda model API can read: " + reason;
    }

    /** The most specific message in the cause chain, with the position for XML errors. */
    static String describe(Throwable e) {
        Throwable deepest = e;
        String message = null;
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) { // bounded: cause chains may cycle
            deepest = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t instanceof SAXParseException sax) {
                return "line " + sax.getLineNumber() + ", column " + sax.getColumnNumber() + ": " + sax.getMessage();
            }
        }
        return message != null ? message : deepest.getClass().getSimpleName();
    }
}
