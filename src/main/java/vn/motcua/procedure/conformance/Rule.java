package vn.motcua.procedure.conformance;

import java.util.Arrays;
import java.util.Optional;

/** The conformance rules a procedure model and its forms must keep before deployment. */
public enum Rule {
    BPMN_PARSE("bpmn-parse", "the file is well-formed BPMN 2.0 XML that the Camunda model API reads"),
    EXECUTABLE_PROCESS("executable-process", "exactly one process has isExecutable=\"true\""),
    HISTORY_TTL("history-ttl", "the executable process sets camunda:historyTimeToLive (days or P<n>D)"),
    PROCEDURE_PROPERTIES("procedure-properties",
            "the process carries procedure.code, .name, .level, .processingDays and .fee as valid extension properties"),
    FIVE_STEPS("five-steps", "user tasks cover the five steps reception, appraisal, approval, issuing and result"),
    STEP_PROPERTY("step-property", "every user task has a 'step' extension property written [a-z][a-z0-9-]*"),
    STEP_ORDER("step-order",
            "every path from a start event to a success end passes reception, appraisal, approval, issuing, result in order"),
    END_OUTCOME("end-outcome",
            "every top-level end event has an 'outcome' property (success, refused, withdrawn, stopped, rejected); one is success"),
    WITHDRAWAL("withdrawal",
            "the process has an interrupting event subprocess started by the message RecordWithdrawn"),
    RECORD_MESSAGES("record-messages", "message events wait for the names the product correlates: RecordSupplemented "
            + "on the supplement path, RecordResumed on the stop path, RecordWithdrawn in the withdrawal only"),
    CANDIDATE_GROUPS("candidate-groups", "every user task has camunda:candidateGroups"),
    UNIT_ROLE("unit-role", "every candidate group is <unit>:<role> with role clerk, specialist, leader or records"),
    FORM_REF("form-ref", "every user task has camunda:formRef naming a valid form in forms/ (no camunda:formKey)"),
    FORM_VALID("form-valid", "every .form file is Camunda Form JSON with a unique string id, type 'default' and components"),
    DUE_DATE("due-date", "every user task has camunda:dueDate"),
    FOLLOW_UP_DATE("follow-up-date", "every user task has camunda:followUpDate"),
    STEP_BUDGET("step-budget", "every step.budgetDays is a number of working days greater than 0, written with a dot"),
    BUDGETS_FIT("budgets-fit", "the budgets of all steps together fit in procedure.processingDays"),
    ESCALATION("escalation",
            "every user task has a timeout listener ${escalation.level(1)} at its due date (and more levels if wanted)"),
    VISIBLE_WORK("visible-work", "the receipt, the result's draft and the seal are service tasks ${receipt}, ${resultDraft} "
            + "and ${seal} (asynchronous, with retries) on every path between their steps"),
    PAYMENT("payment", "a procedure with a fee collects it where procedure.paymentAt says (submission or result): a "
            + "service task ${paymentRequest}, then an event-based gateway waiting for RecordPaid (then ${paymentReceipt}) "
            + "and the request's expiry timer (then ${paymentExpired}); a free procedure has no payment step"),
    LOOKUP("lookup", "every ${lookup} service task names a registry, key variables and a prefix, is asynchronous, "
            + "has a retry time cycle and an error boundary event catching registry-not-found"),
    LOOKUP_BEFORE_APPRAISAL("lookup-before-appraisal",
            "every path from a start event to an appraisal task passes at least one registry lookup"),
    DECLARED_ONCE("declared-once",
            "no document a lookup supplies (lookup.supplies) is required from the applicant (procedure.document.N)"),
    KNOWN_VARIABLES("known-variables", "every variable an expression names is provided by a form field before it, "
            + "a lookup before it, the model or the product"),
    NO_PAPER_STEP("no-paper-step", "the model has no manual task (no paper steps)"),
    NO_SCRIPTS("no-scripts", "the model has no script task, script, scriptFormat, script condition or external script"),
    NO_JAVA_CLASSES("no-java-classes",
            "the model names no Java class (camunda:class, listener class, variableMappingClass, formHandlerClass)"),
    ALLOWED_EXPRESSIONS("allowed-expressions", "expressions read process variables and call only the product's beans "
            + "meant for models (deadlines, lookup, escalation) and the engine's read-only methods"),
    DEPLOYMENT_RESOURCES("deployment-resources",
            "a deployment holds only procedure models (.bpmn) and Camunda Forms (.form)"),
    RESERVED_KEY("reserved-key",
            "the process key does not begin with motcua-system- (the product's own processes; nobody else deploys them)"),
    DIAGRAM("diagram", "the BPMN diagram shows the process with a shape for every flow node and an edge for every sequence flow");

    private final String id;
    private final String summary;

    Rule(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The stable id used in messages, docs and tests, e.g. {@code step-order}. */
    public String id() {
        return id;
    }

    /** One line saying what the rule requires. */
    public String summary() {
        return summary;
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }
}
