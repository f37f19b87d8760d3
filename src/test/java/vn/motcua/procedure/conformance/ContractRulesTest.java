package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.PROCESS_ID;
import static vn.motcua.procedure.conformance.Fixtures.assertHas;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.check;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;
import static vn.motcua.procedure.conformance.Fixtures.ruleIds;
import static vn.motcua.procedure.conformance.Fixtures.validXml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules that keep a model to what the product relies on (issue #12): withdrawal, the messages
 * it correlates, step budgets, variables named in expressions, a candidate unit from the
 * application form, and document names in {@code lookup.supplies}.
 */
class ContractRulesTest {

    private static final String APPRAISAL_BUDGET = "<camunda:property name=\"step.budgetDays\" value=\"0.125\" />\n"
            + "        </camunda:properties>\n        <camunda:taskListener delegateExpression=\"${escalation.level(1)}\" "
            + "event=\"timeout\" id=\"Escalate_Appraisal_Leaders\">";

    // --- withdrawal -------------------------------------------------------------------------

    static String withoutWithdrawal(String xml) {
        String result = xml.replaceFirst("(?s)\\n\\s*<bpmn:subProcess id=\"SubProcess_Withdrawal\".*?</bpmn:subProcess>", "");
        for (String id : new String[] {"SubProcess_Withdrawal", "StartEvent_Withdrawn", "End_Withdrawn"}) {
            result = result.replaceFirst("(?s)\\n\\s*<bpmndi:BPMNShape id=\"" + id + "_di\".*?</bpmndi:BPMNShape>", "");
        }
        result = result.replaceFirst("(?s)\\n\\s*<bpmndi:BPMNEdge id=\"Flow_Withdrawn_di\".*?</bpmndi:BPMNEdge>", "");
        assertThat(result).doesNotContain("SubProcess_Withdrawal", "StartEvent_Withdrawn");
        return result;
    }

    @Test
    void withdrawal_missing() {
        Violation violation = assertOnly(check(withoutWithdrawal(validXml())), Rule.WITHDRAWAL, PROCESS_ID);

        assertThat(violation.message()).contains("event subprocess", "'RecordWithdrawn'", "outcome=withdrawn");
    }

    @Test
    void withdrawal_nonInterrupting() {
        String xml = replaceOnce(validXml(), "name=\"Applicant withdraws\" isInterrupting=\"true\"",
                "name=\"Applicant withdraws\" isInterrupting=\"false\"");

        assertOnly(check(xml), Rule.WITHDRAWAL, PROCESS_ID);
    }

    // --- record-messages ----------------------------------------------------------------------

    @Test
    void recordMessages_renamedSupplement() {
        String xml = replaceOnce(validXml(), "name=\"RecordSupplemented\"", "name=\"RecordSupplement\"");

        Violation violation = assertOnly(check(xml), Rule.RECORD_MESSAGES, "Event_Supplemented");

        assertThat(violation.message()).contains("'RecordSupplement'", "expected 'RecordSupplemented'");
    }

    @Test
    void recordMessages_renamedWithdrawal() {
        String xml = replaceOnce(validXml(), "name=\"RecordWithdrawn\"", "name=\"RecordWithdraw\"");

        ModelReport report = check(xml);

        assertThat(ruleIds(report)).containsExactly("record-messages", "withdrawal");
        assertThat(assertHas(report, Rule.RECORD_MESSAGES, "StartEvent_Withdrawn").message())
                .contains("'RecordWithdraw'", "expected 'RecordWithdrawn'");
    }

    @Test
    void recordMessages_renamedResumption() throws IOException {
        // The fixture has no stop path; the shipped birth registration has one.
        String xml = Files.readString(Path.of("processes/birth-registration.bpmn"));
        String renamed = replaceOnce(xml, "name=\"RecordResumed\"", "name=\"RecordResume\"");

        ModelReport report = shipped("birth-registration.bpmn", renamed);

        Violation violation = assertOnly(report, Rule.RECORD_MESSAGES, "Event_ProcessingResumed");
        assertThat(violation.message()).contains("'RecordResume'", "expected 'RecordResumed'");
    }

    @Test
    void recordMessages_supplementPathThatDoesNotWait() {
        String xml = replaceOnce(validXml(), "sourceRef=\"Gateway_Reception\" targetRef=\"Event_Supplemented\"",
                "sourceRef=\"Gateway_Reception\" targetRef=\"Task_Reception\"");

        Violation violation = assertOnly(check(xml), Rule.RECORD_MESSAGES, "Flow_Supplement");

        assertThat(violation.message()).contains("supplement path", "Task_Reception", "'RecordSupplemented'");
    }

    @Test
    void recordMessages_withdrawnCaughtOutsideTheWithdrawal() {
        // Off the supplement path (another decision), the catch event waits for RecordWithdrawn:
        // two subscriptions would make the withdrawal's correlation ambiguous.
        String xml = replaceOnce(validXml(), "${receptionDecision == 'supplement'}", "${receptionDecision == 'later'}");
        xml = replaceOnce(xml, "id=\"MessageEventDefinition_Supplemented\" messageRef=\"Message_Supplemented\"",
                "id=\"MessageEventDefinition_Supplemented\" messageRef=\"Message_Withdrawn\"");

        Violation violation = assertOnly(check(xml), Rule.RECORD_MESSAGES, "Event_Supplemented");

        assertThat(violation.message()).contains("only the start event of the withdrawal event subprocess");
    }

    @Test
    void recordMessages_unknownNameOffThePaths() {
        String xml = replaceOnce(validXml(), "${receptionDecision == 'supplement'}", "${receptionDecision == 'later'}");
        xml = replaceOnce(xml, "name=\"RecordSupplemented\"", "name=\"PaymentReceived\"");

        Violation violation = assertOnly(check(xml), Rule.RECORD_MESSAGES, "Event_Supplemented");

        assertThat(violation.message()).contains("'PaymentReceived'", "never sends",
                "RecordSupplemented, RecordResumed, RecordWithdrawn");
    }

    // --- step-budget, budgets-fit, processing days ---------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0,25 | with a dot, e.g. 0.25",
        "-1   | not negative",
        "zero | written with a dot",
        "0    | greater than 0"})
    void stepBudget_notANumberWithADot(String budget, String expected) {
        String xml = replaceOnce(validXml(), APPRAISAL_BUDGET, APPRAISAL_BUDGET.replace("0.125", budget));

        Violation violation = assertOnly(check(xml), Rule.STEP_BUDGET, "Task_Appraisal");

        assertThat(violation.message()).contains("step.budgetDays '" + budget + "'", expected);
    }

    @Test
    void procedureProperties_processingDaysWithADecimalCommaSaysToUseADot() {
        String xml = replaceOnce(validXml(), "name=\"procedure.processingDays\" value=\"1\"",
                "name=\"procedure.processingDays\" value=\"1,5\"");

        Violation violation = assertOnly(check(xml), Rule.PROCEDURE_PROPERTIES, PROCESS_ID);

        assertThat(violation.message()).contains("'1,5'", "with a dot, e.g. 1.5");
    }

    @Test
    void budgetsFit_budgetsAddingUpToMoreThanTheProcessingTime() {
        // 0.25 + 0.125 (consultation, an extra step) + 0.5 + 0.25 + 0.125 + 0.125 = 1.375 > 1
        String xml = replaceOnce(validXml(), APPRAISAL_BUDGET, APPRAISAL_BUDGET.replace("0.125", "0.5"));

        Violation violation = assertOnly(check(xml), Rule.BUDGETS_FIT, PROCESS_ID);

        assertThat(violation.message()).contains("add up to 1.375", "Task_Consultation 0.125", "procedure.processingDays is 1");
    }

    @Test
    void budgetsFit_nothingLeftForAStepWithoutABudget() {
        String xml = replaceOnce(validXml(), APPRAISAL_BUDGET, APPRAISAL_BUDGET.replace("0.125", "0.25"));
        String withoutResultBudget = xml.replaceFirst(
                "(?s)(<bpmn:userTask id=\"Task_Result\".*?)<camunda:property name=\"step.budgetDays\" value=\"0.125\" />", "$1");
        assertThat(withoutResultBudget).isNotEqualTo(xml);

        Violation violation = assertOnly(check(withoutResultBudget), Rule.BUDGETS_FIT, PROCESS_ID);

        assertThat(violation.message()).contains("leaves nothing for Task_Result");
        // with room left, the step without a budget shares it: fine
        String withRoom = validXml().replaceFirst(
                "(?s)(<bpmn:userTask id=\"Task_Result\".*?)<camunda:property name=\"step.budgetDays\" value=\"0.125\" />", "$1");
        assertThat(check(withRoom).violations()).isEmpty();
    }

    // --- known-variables ------------------------------------------------------------------------

    @Test
    void knownVariables_misspeltFormField() {
        String xml = replaceOnce(validXml(), "${receptionDecision == 'accept'}", "${receptionDecison == 'accept'}");

        Violation violation = assertOnly(check(xml), Rule.KNOWN_VARIABLES, "Flow_Accepted");

        assertThat(violation.message()).contains("'receptionDecison'", "${receptionDecison == 'accept'}");
    }

    @Test
    void knownVariables_aLaterTasksFieldIsNotKnownYet() {
        // 'approved' is the approval form's: reception's decision comes before it on every path.
        String xml = replaceOnce(validXml(), "${receptionDecision == 'accept'}", "${receptionDecision == 'accept' and approved}");

        Violation violation = assertOnly(check(xml), Rule.KNOWN_VARIABLES, "Flow_Accepted");
        assertThat(violation.message()).contains("'approved'");
    }

    @Test
    void knownVariables_aTasksOwnFormIsNotKnownWhenItStarts() {
        String xml = replaceOnce(validXml(),
                "camunda:candidateGroups=\"${unit}:clerk, province:clerk\" camunda:dueDate=\"${deadlines.due(execution)}\"",
                "camunda:candidateGroups=\"${unit}:clerk, province:clerk\" camunda:dueDate=\"${delivered ? "
                        + "deadlines.due(execution) : deadlines.followUp(execution)}\"");

        // (the escalation rule also says the leaders' notice no longer comes at this due date)
        ModelReport report = check(xml);
        assertThat(Fixtures.ruleIds(report)).containsExactly(Rule.ESCALATION.id(), Rule.KNOWN_VARIABLES.id());
        Violation violation = Fixtures.assertHas(report, Rule.KNOWN_VARIABLES, "Task_Result");
        assertThat(violation.message()).contains("'delivered'", "dueDate");
    }

    @Test
    void knownVariables_getVariableNamesAVariableToo() {
        String xml = replaceOnce(validXml(), "${approved}", "${approved and execution.getVariable('approvalNote') != null}");

        Violation violation = assertOnly(check(xml), Rule.KNOWN_VARIABLES, "Flow_Approved");
        assertThat(violation.message()).contains("'approvalNote'");
    }

    @Test
    void knownVariables_lookupFieldsErrorVariablesSystemVariablesAndBeansAreKnown() {
        String xml = replaceOnce(validXml(), "${approved}", "${approved and motherFullName != null and motherFullNameDeclared "
                + "!= null and motherNotFound == null and registrySources != null and recordCode != null "
                + "and execution.getVariable('applicantName') != null and empty lookup.retryCycle(execution)}");

        assertThat(check(xml).violations()).isEmpty();
    }

    @Test
    void knownVariables_aLookupFieldThatDoesNotExist() {
        String xml = replaceOnce(validXml(), "${approved}", "${approved and motherName != null}");

        Violation violation = assertOnly(check(xml), Rule.KNOWN_VARIABLES, "Flow_Approved");
        assertThat(violation.message()).contains("'motherName'");
    }

    @Test
    void knownVariables_inputAndOutputMappings() {
        String mappings = "<camunda:inputOutput><camunda:inputParameter name=\"days\">${unit}</camunda:inputParameter>"
                + "<camunda:outputParameter name=\"resultNote\">${delivered ? days : 'no'}</camunda:outputParameter>"
                + "</camunda:inputOutput>";
        String anchor = "<camunda:property name=\"step\" value=\"result\" />\n"
                + "          <camunda:property name=\"step.budgetDays\" value=\"0.125\" />\n        </camunda:properties>";
        String xml = replaceOnce(validXml(), anchor, anchor + "\n        " + mappings);
        // the output mapping runs when the task completes: its own form's 'delivered' and its input 'days' are known
        assertThat(check(xml).violations()).isEmpty();

        String wrong = replaceOnce(xml, "${delivered ? days : 'no'}", "${delivered ? weeks : 'no'}");
        assertThat(assertOnly(check(wrong), Rule.KNOWN_VARIABLES, "Task_Result").message()).contains("'weeks'");
    }

    // --- unit-role: a unit chosen on the application form --------------------------------------

    static FormSet formsWithApplicationField(String key) {
        FormSet valid = Fixtures.validForms();
        Map<String, FormFile> byId = new HashMap<>(valid.byId());
        String json = "{\"id\": \"application\", \"type\": \"default\", \"components\": ["
                + "{\"type\": \"textfield\", \"key\": \"applicantName\"},"
                + "{\"type\": \"group\", \"components\": [{\"type\": \"select\", \"key\": \"" + key + "\"}]}]}";
        byId.put("application", new FormFile("application.form", "application", json.getBytes(StandardCharsets.UTF_8)));
        return new FormSet(byId, valid.violations());
    }

    static ModelReport checkWith(String xml, FormSet forms) {
        return new ConformanceChecker().check(new ModelFile(Fixtures.VALID_MODEL, xml.getBytes(StandardCharsets.UTF_8)), forms);
    }

    @Test
    void unitRole_candidateUnitFromAnApplicationFormField() {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"province:specialist\"",
                "camunda:candidateGroups=\"${shopUnit}:specialist\"");

        assertThat(checkWith(xml, formsWithApplicationField("shopUnit")).violations()).isEmpty();

        Violation violation = assertOnly(check(xml), Rule.UNIT_ROLE, "Task_Consultation");
        assertThat(violation.message()).contains("'shopUnit'", "not a field of the application form");
    }

    @Test
    void unitRole_aFieldOfAnotherFormIsNoCandidateUnit() {
        // receptionDecision is set before the task, but by the reception form, not the application
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"province:specialist\"",
                "camunda:candidateGroups=\"${receptionDecision}:specialist\"");

        assertOnly(check(xml), Rule.UNIT_ROLE, "Task_Consultation");
    }

    @Test
    void unitRole_otherShapesStillRefused() {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"province:specialist\"",
                "camunda:candidateGroups=\"${shopUnit.id}:specialist\"");

        Violation violation = assertOnly(checkWith(xml, formsWithApplicationField("shopUnit")), Rule.UNIT_ROLE,
                "Task_Consultation");
        assertThat(violation.message()).contains("is not written <unit>:<role>");
    }

    // --- declared-once: flags inside lookup.supplies --------------------------------------------

    @Test
    void declaredOnce_flagInsideLookupSuppliesIsRefusedAndDoesNotHideARequiredDocument() {
        String document = "Bản sao giấy khai sinh của mẹ / Copy of the mother's birth certificate";
        String xml = replaceOnce(validXml(), "<camunda:property name=\"lookup.prefix\" value=\"mother\" />",
                "<camunda:property name=\"lookup.prefix\" value=\"mother\" />\n          "
                        + "<camunda:property name=\"lookup.supplies\" value=\"" + document + "|optional\" />");
        xml = replaceOnce(xml, "<camunda:property name=\"procedure.code\"",
                "<camunda:property name=\"procedure.document.9\" value=\"" + document + "\" />\n        "
                        + "<camunda:property name=\"procedure.code\"");

        ModelReport report = check(xml);

        assertThat(ruleIds(report)).containsExactly("declared-once");
        assertThat(assertHas(report, Rule.DECLARED_ONCE, "Task_LookupPopulation").message())
                .contains("lookup.supplies", "without '|optional'");
        assertThat(assertHas(report, Rule.DECLARED_ONCE, PROCESS_ID).message()).contains("procedure.document.9");
    }

    // --- the shipped procedures -----------------------------------------------------------------

    static ModelReport shipped(String name, String xml) throws IOException {
        return new ConformanceChecker().check(new ModelFile(name, xml.getBytes(StandardCharsets.UTF_8)),
                ProcedureFiles.readForms(Path.of("forms")));
    }

    @Test
    void theShippedProceduresKeepTheContract() throws IOException {
        FormSet forms = ProcedureFiles.readForms(Path.of("forms"));
        var models = ProcedureFiles.readModels(Path.of("processes"));

        assertThat(models).hasSizeGreaterThanOrEqualTo(3);
        for (ModelFile model : models) {
            assertThat(new ConformanceChecker().check(model, forms).violations()).as(model.name()).isEmpty();
        }
        assertThat(Files.readString(Path.of("processes/construction-permit.bpmn")))
                .doesNotContainPattern("name=\"lookup.supplies\" value=\"[^\"]*\\|");
    }
}
