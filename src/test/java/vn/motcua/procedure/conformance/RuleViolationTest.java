package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.PROCESS_ID;
import static vn.motcua.procedure.conformance.Fixtures.assertHas;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.check;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;
import static vn.motcua.procedure.conformance.Fixtures.ruleIds;
import static vn.motcua.procedure.conformance.Fixtures.validXml;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One mutation of the valid model per rule: the rule fires on the right element, no other rule misfires. */
class RuleViolationTest {

    private static final String TTL = " camunda:historyTimeToLive=\"P3650D\"";

    @Test
    void bpmnParse_brokenXml() {
        String broken = validXml().substring(0, validXml().indexOf("<bpmn:userTask id=\"Task_Approval\""));

        ModelReport report = check("truncated.bpmn", broken);

        Violation violation = assertOnly(report, Rule.BPMN_PARSE, null);
        assertThat(violation.file()).isEqualTo("truncated.bpmn");
        assertThat(violation.message()).containsPattern("line \\d+: ").doesNotContain("URI=");
        assertThat(report.processKey()).isNull();
    }

    @Test
    void bpmnParse_schemaInvalidBpmn() {
        ModelReport report = check(replaceOnce(validXml(), "<bpmn:userTask id=\"Task_Issuing\"", "<bpmn:userTask"));

        assertOnly(report, Rule.BPMN_PARSE, null);
    }

    @Test
    void executableProcess_notExecutable() {
        ModelReport report = check(replaceOnce(validXml(), "isExecutable=\"true\"", "isExecutable=\"false\""));

        Violation violation = assertOnly(report, Rule.EXECUTABLE_PROCESS, PROCESS_ID);
        assertThat(violation.message()).contains("isExecutable");
    }

    @Test
    void executableProcess_twoExecutableProcesses() {
        String xml = replaceOnce(validXml(), "  <bpmn:message id=\"Message_Supplemented\"",
                "  <bpmn:process id=\"second\" isExecutable=\"true\" />\n  <bpmn:message id=\"Message_Supplemented\"");

        ModelReport report = check(xml);

        Violation violation = assertOnly(report, Rule.EXECUTABLE_PROCESS, "second");
        assertThat(violation.message()).contains("birth-registration", "second");
        assertThat(report.processKey()).isNull();
    }

    @Test
    void historyTtl_missing() {
        Violation violation = assertOnly(check(replaceOnce(validXml(), TTL, "")), Rule.HISTORY_TTL, PROCESS_ID);

        assertThat(violation.message()).contains("historyTimeToLive");
    }

    @Test
    void historyTtl_notANumberOfDays() {
        String xml = replaceOnce(validXml(), TTL, " camunda:historyTimeToLive=\"ten years\"");

        assertThat(assertOnly(check(xml), Rule.HISTORY_TTL, PROCESS_ID).message()).contains("ten years");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "procedure.level          | commune  | district",
        "procedure.level          | commune  | Province",
        "procedure.processingDays | 1        | 0",
        "procedure.processingDays | 1        | -1",
        "procedure.processingDays | 1        | 1,5",
        "procedure.processingDays | 1        | three",
        "procedure.code           | 1.001193 | 1.1193",
        "procedure.code           | 1.001193 | TTHC-001193",
        "procedure.fee            | 0        | 50.000",
        "procedure.fee            | 0        | -5",
        "procedure.name           | Đăng ký khai sinh | ' '",
    })
    void procedureProperties_invalidValue(String name, String valid, String invalid) {
        String xml = replaceOnce(validXml(), "name=\"" + name + "\" value=\"" + valid + "\"",
                "name=\"" + name + "\" value=\"" + invalid + "\"");

        Violation violation = assertOnly(check(xml), Rule.PROCEDURE_PROPERTIES, PROCESS_ID);

        assertThat(violation.message()).contains(name, "'" + invalid + "'");
    }

    @Test
    void procedureProperties_validVariants() {
        String xml = replaceOnce(validXml(), "value=\"commune\"", "value=\"province\"");
        xml = replaceOnce(xml, "name=\"procedure.processingDays\" value=\"1\"", "name=\"procedure.processingDays\" value=\"1.5\"");
        xml = replaceOnce(xml, "name=\"procedure.fee\" value=\"0\"", "name=\"procedure.fee\" value=\"50000\"");

        // the properties are valid; a fee above 0 then needs the step that collects it (PaymentRuleTest)
        assertThat(check(xml).violations()).extracting(Violation::ruleId).containsExactly(Rule.PAYMENT.id());
    }

    @Test
    void procedureProperties_documentsAndFullyOnlineAreOptionalAndCheckedWhenPresent() {
        String fee = "        <camunda:property name=\"procedure.fee\" value=\"0\" />\n";
        String valid = replaceOnce(validXml(), fee, fee
                + "        <camunda:property name=\"procedure.fullyOnline\" value=\"false\" />\n"
                + "        <camunda:property name=\"procedure.document.1\" value=\"Tờ khai / Declaration\" />\n"
                + "        <camunda:property name=\"procedure.document.2\" value=\"Giấy ủy quyền / Authorisation|optional\" />\n");
        assertThat(check(valid).violations()).isEmpty();

        String xml = replaceOnce(validXml(), fee, fee
                + "        <camunda:property name=\"procedure.fullyOnline\" value=\"yes\" />\n"
                + "        <camunda:property name=\"procedure.document.1\" value=\"|optional\" />\n"
                + "        <camunda:property name=\"procedure.document.0\" value=\"Zero\" />\n"
                + "        <camunda:property name=\"procedure.document.x\" value=\"Typo\" />\n");

        ModelReport report = check(xml);

        assertOnly(report, Rule.PROCEDURE_PROPERTIES, PROCESS_ID);
        assertThat(report.violations()).extracting(Violation::message).hasSize(4)
                .anySatisfy(m -> assertThat(m).contains("procedure.fullyOnline", "'yes'", "true or false"))
                .anySatisfy(m -> assertThat(m).contains("procedure.document.1", "'|optional'"))
                .anySatisfy(m -> assertThat(m).contains("procedure.document.0", "not a document property"))
                .anySatisfy(m -> assertThat(m).contains("procedure.document.x", "not a document property"));
    }

    @Test
    void procedureProperties_oneViolationPerMissingProperty() {
        String xml = replaceOnce(validXml(), "        <camunda:property name=\"procedure.fee\" value=\"0\" />\n", "");
        xml = replaceOnce(xml, "        <camunda:property name=\"procedure.level\" value=\"commune\" />\n", "");

        ModelReport report = check(xml);

        assertOnly(report, Rule.PROCEDURE_PROPERTIES, PROCESS_ID);
        assertThat(report.violations()).extracting(Violation::message).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("procedure.fee", "missing"))
                .anySatisfy(m -> assertThat(m).contains("procedure.level", "missing"));
    }

    @Test
    void fiveSteps_modelWithoutApprovalStep() {
        // The leader's task is relabelled: the model has no approval step any more.
        String xml = replaceOnce(validXml(), "value=\"approval\"", "value=\"review\"");

        ModelReport report = check(xml);

        Violation violation = assertHas(report, Rule.FIVE_STEPS, PROCESS_ID);
        assertThat(violation.message()).contains("'approval'");
        assertThat(Fixtures.of(report, Rule.FIVE_STEPS)).hasSize(1);
        // Without approval, issuing now comes too early: that is step-order's finding, nothing else fires.
        assertHas(report, Rule.STEP_ORDER, "Task_Issuing");
        assertThat(Fixtures.ruleIds(report)).containsExactly("five-steps", "step-order");
    }

    @Test
    void stepProperty_missing() {
        String xml = replaceOnce(validXml(), "          <camunda:property name=\"step\" value=\"consultation\" />\n", "");

        Violation violation = assertOnly(check(xml), Rule.STEP_PROPERTY, "Task_Consultation");
        assertThat(violation.message()).contains("'Consult the residence office'", "no 'step'");
    }

    @Test
    void stepProperty_badlyWritten() {
        String xml = replaceOnce(validXml(), "value=\"consultation\"", "value=\"Inter agency\"");

        assertThat(assertOnly(check(xml), Rule.STEP_PROPERTY, "Task_Consultation").message()).contains("Inter agency");
    }

    @Test
    void endOutcome_missing() {
        String xml = replaceOnce(validXml(), "          <camunda:property name=\"outcome\" value=\"refused\" />\n", "");

        assertThat(assertOnly(check(xml), Rule.END_OUTCOME, "End_Refused").message()).contains("no 'outcome'");
    }

    @Test
    void endOutcome_unknownValueAndNoSuccessEnd() {
        String xml = replaceOnce(validXml(), "value=\"success\"", "value=\"done\"");

        ModelReport report = check(xml);

        assertOnly(report, Rule.END_OUTCOME, "End_Success");
        assertHas(report, Rule.END_OUTCOME, PROCESS_ID);
        assertThat(report.violations()).hasSize(2);
    }

    @Test
    void endOutcome_notifiedEndedAnEscalationPathOfOlderModelsAndIsNoOutcomeNow() {
        String xml = replaceOnce(validXml(), "value=\"success\"", "value=\"notified\"");

        ModelReport report = check(xml);

        assertThat(assertOnly(report, Rule.END_OUTCOME, PROCESS_ID).message())
                .contains("no top-level end event has outcome 'success'");
        assertThat(assertHas(report, Rule.END_OUTCOME, "End_Success").message())
                .contains("has outcome 'notified'; expected one of success, refused, withdrawn, stopped, rejected");
        assertThat(report.violations()).hasSize(2);
    }

    @Test
    void candidateGroups_missing() {
        String xml = replaceOnce(validXml(), " camunda:candidateGroups=\"${unit}:records\"", "");

        assertOnly(check(xml), Rule.CANDIDATE_GROUPS, "Task_Issuing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${unit}:janitor", "commune-a", "${unit}:clerk,", "Commune-A:clerk", "${department}:clerk",
        "${unit}:clerk:extra", "${unit}: clerk"})
    void unitRole_wrongGroup(String groups) {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"${unit}:leader\"",
                "camunda:candidateGroups=\"" + groups + "\"");

        Violation violation = assertOnly(check(xml), Rule.UNIT_ROLE, "Task_Approval");

        assertThat(violation.message()).contains("Approve and sign");
        if (groups.equals("${unit}:janitor")) {
            assertThat(violation.message()).contains("'janitor'", "clerk, specialist, leader, records");
        }
    }

    @Test
    void unitRole_listsAreTrimmed() {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"${unit}:leader\"",
                "camunda:candidateGroups=\" ${unit}:leader ,province:leader,commune-12:specialist \"");

        assertThat(check(xml).violations()).isEmpty();
    }

    @Test
    void formRef_missingForm() {
        String xml = replaceOnce(validXml(), "camunda:formRef=\"approval\"", "camunda:formRef=\"approval-v2\"");

        ModelReport report = check(xml);

        assertThat(assertOnly(report, Rule.FORM_REF, "Task_Approval").message()).contains("'approval-v2'");
        assertThat(report.formIds()).contains("approval-v2").doesNotContain("approval");
    }

    @Test
    void formRef_noFormRef() {
        String xml = replaceOnce(validXml(), " camunda:formRef=\"issuing\" camunda:formRefBinding=\"deployment\"", "");

        assertThat(assertOnly(check(xml), Rule.FORM_REF, "Task_Issuing").message()).contains("no camunda:formRef");
    }

    @Test
    void formRef_formKeyIsNotAccepted() {
        String xml = replaceOnce(validXml(), "camunda:formRef=\"issuing\" camunda:formRefBinding=\"deployment\"",
                "camunda:formKey=\"embedded:app:forms/issuing.html\"");

        assertThat(assertOnly(check(xml), Rule.FORM_REF, "Task_Issuing").message()).contains("camunda:formKey");
    }

    @Test
    void formRef_bindingIsRequiredByTheEngine() {
        String xml = replaceOnce(validXml(), "camunda:formRef=\"issuing\" camunda:formRefBinding=\"deployment\"",
                "camunda:formRef=\"issuing\"");

        assertThat(assertOnly(check(xml), Rule.FORM_REF, "Task_Issuing").message()).contains("camunda:formRefBinding");
    }

    @Test
    void formRef_versionBindingNeedsAVersion() {
        String xml = replaceOnce(validXml(), "camunda:formRef=\"issuing\" camunda:formRefBinding=\"deployment\"",
                "camunda:formRef=\"issuing\" camunda:formRefBinding=\"version\"");

        assertThat(assertOnly(check(xml), Rule.FORM_REF, "Task_Issuing").message()).contains("camunda:formRefVersion");
        String fixed = xml.replace("camunda:formRefBinding=\"version\"",
                "camunda:formRefBinding=\"version\" camunda:formRefVersion=\"2\"");
        assertThat(check(fixed).violations()).isEmpty();
    }

    @Test
    void formRef_startEventFormMustExist() {
        String xml = replaceOnce(validXml(), "camunda:formRef=\"application\"", "camunda:formRef=\"apply\"");

        assertThat(assertOnly(check(xml), Rule.FORM_REF, "StartEvent_Submitted").message()).contains("'apply'");
    }

    @Test
    void formRef_invalidFormFileIsNamed() {
        FormSet forms = Fixtures.validForms();
        // approval.form turned out invalid: it is not among the valid forms, and its violation names its id.
        java.util.Map<String, FormFile> byId = new java.util.HashMap<>(forms.byId());
        byId.remove("approval");
        FormSet broken = new FormSet(byId, List.of(new Violation("approval.form", "approval", "form-valid", "no components")));

        ModelReport report = new ConformanceChecker().check(
                new ModelFile("m.bpmn", validXml().getBytes(StandardCharsets.UTF_8)), broken);

        Violation violation = assertOnly(report, Rule.FORM_REF, "Task_Approval");
        assertThat(violation.message()).contains("'approval'", "invalid", "approval.form");
    }

    @Test
    void dueDate_missing() {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"${unit}:leader\" camunda:dueDate=\"${deadlines.due(execution)}\"",
                "camunda:candidateGroups=\"${unit}:leader\"");

        assertThat(assertOnly(check(xml), Rule.DUE_DATE, "Task_Approval").message())
                .contains("camunda:dueDate", "${deadlines.due(execution)}");
    }

    @Test
    void followUpDate_missing() {
        String xml = replaceOnce(validXml(), "camunda:candidateGroups=\"${unit}:leader\" camunda:dueDate=\"${deadlines.due(execution)}\" "
                + "camunda:followUpDate=\"${deadlines.followUp(execution)}\"",
                "camunda:candidateGroups=\"${unit}:leader\" camunda:dueDate=\"${deadlines.due(execution)}\"");

        assertThat(assertOnly(check(xml), Rule.FOLLOW_UP_DATE, "Task_Approval").message())
                .contains("camunda:followUpDate", "${deadlines.followUp(execution)}");
    }

    @Test
    void escalation_missingOnOneTask() {
        ModelReport report = check(Fixtures.withoutEscalation(validXml(), "Issuing"));

        Violation violation = assertOnly(report, Rule.ESCALATION, "Task_Issuing");
        assertThat(report.violations()).hasSize(1);
        assertThat(violation.message()).contains("'Number and seal'", "no timeout listener ${escalation.level(1)}",
                "Event type 'timeout'", "docs/escalation.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "complete"})
    void escalation_listenerOnAnotherEventThanTimeout(String event) {
        String xml = replaceOnce(validXml(), "event=\"timeout\" id=\"Escalate_Issuing_Leaders\"",
                "event=\"" + event + "\" id=\"Escalate_Issuing_Leaders\"");

        Violation violation = assertOnly(check(xml), Rule.ESCALATION, "Task_Issuing");
        assertThat(violation.message()).contains("on the event '" + event + "'", "'timeout' listener",
                "would notify at once");
    }

    @Test
    void escalation_levelOneMustComeAtTheTasksDueDate() {
        String xml = replaceOnce(validXml(), "<bpmn:timerEventDefinition id=\"TimerEventDefinition_Issuing_Overdue\">\n"
                + "            <bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${deadlines.due(execution)}",
                "<bpmn:timerEventDefinition id=\"TimerEventDefinition_Issuing_Overdue\">\n"
                + "            <bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${escalation.nextLevelAfter(deadlines.due(execution))}");

        Violation violation = assertOnly(check(xml), Rule.ESCALATION, "Task_Issuing");
        assertThat(violation.message()).contains("notifies its leaders at '${escalation.nextLevelAfter(deadlines.due(execution))}'",
                "not at its due date '${deadlines.due(execution)}'");
    }

    @Test
    void escalation_listenerWithoutATimer() {
        String xml = java.util.regex.Pattern.compile("(?s)(id=\"Escalate_Result_Leaders\">)\\s*<bpmn:timerEventDefinition .*?</bpmn:timerEventDefinition>")
                .matcher(validXml()).replaceFirst("$1");

        Violation violation = assertOnly(check(xml), Rule.ESCALATION, "Task_Result");
        assertThat(violation.message()).contains("${escalation.level(1)} without a timer 'Date'");
    }

    @Test
    void escalation_levelsAreNumbersFromOneAndEachComesOnce() {
        String xml = replaceOnce(validXml(), "delegateExpression=\"${escalation.level(1)}\" event=\"timeout\" id=\"Escalate_Result_Leaders\"",
                "delegateExpression=\"${escalation.level(0)}\" event=\"timeout\" id=\"Escalate_Result_Leaders\"");
        xml = replaceOnce(xml, "delegateExpression=\"${escalation.level(2)}\" event=\"timeout\" id=\"Escalate_Approval_NextLevel\"",
                "delegateExpression=\"${escalation.level(1)}\" event=\"timeout\" id=\"Escalate_Approval_NextLevel\"");
        xml = replaceOnce(xml, "delegateExpression=\"${escalation.level(2)}\" event=\"timeout\" id=\"Escalate_Issuing_NextLevel\"",
                "delegateExpression=\"${escalation}\" event=\"timeout\" id=\"Escalate_Issuing_NextLevel\"");

        assertThat(Fixtures.of(check(xml), Rule.ESCALATION)).extracting(Violation::elementId, Violation::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Task_Result", "user task 'Return result' has "
                                + "the escalation listener ${escalation.level(0)}; levels start at 1 (the unit's leaders)"),
                        org.assertj.core.groups.Tuple.tuple("Task_Approval", "user task 'Approve and sign' has two "
                                + "escalation listeners for level 1; keep one"),
                        org.assertj.core.groups.Tuple.tuple("Task_Issuing", "user task 'Number and seal' has a task listener "
                                + "'${escalation}'; write ${escalation.level(1)}, ${escalation.level(2)} … (the level it notifies)"
                                + " (docs/escalation.md: Modeler → the user task → Task listeners → +, Event type 'timeout', "
                                + "Listener type 'Delegate expression' ${escalation.level(1)}, Timer 'Date' = the task's due "
                                + "date ${deadlines.due(execution)})"));
    }

    @Test
    void escalation_thePathOfModelsFromBeforeTheListenersIsRefused() {
        String older;
        try (java.io.InputStream in = getClass().getResourceAsStream("/escalation/overdue-step-v1.bpmn")) {
            older = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(Fixtures.of(check(older), Rule.ESCALATION)).extracting(Violation::elementId)
                .containsExactlyInAnyOrder("Task_Appraisal", "Escalation_Appraisal_1", "Escalation_Appraisal_2");
        assertThat(Fixtures.of(check(older), Rule.ESCALATION)).filteredOn(v -> v.elementId().startsWith("Escalation_"))
                .allSatisfy(v -> assertThat(v.message()).contains("the pattern before timeout listeners",
                        "${escalation.level(1)} and ${escalation.level(2)}"));
    }

    @Test
    void visibleWork_aStepReachedWithoutItsReceiptDraftOrSeal() {
        // the receipt task turned into a second draft; the seal into a receipt
        String xml = replaceOnce(validXml(), "camunda:delegateExpression=\"${receipt}\"", "camunda:delegateExpression=\"${resultDraft}\"");
        xml = replaceOnce(xml, "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${seal}\"",
                "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${receipt}\"");

        ModelReport report = check(xml);

        assertThat(Fixtures.ruleIds(report)).containsExactly(Rule.VISIBLE_WORK.id());
        assertThat(Fixtures.of(report, Rule.VISIBLE_WORK)).extracting(Violation::elementId, Violation::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Task_Appraisal", "user task 'Appraise record' (step appraisal) is "
                                + "reached from Task_Reception (step reception) without passing a service task ${receipt}, "
                                + "which issues the receipt (form 01) after acceptance; put one on that path "
                                + "(Implementation: Delegate expression ${receipt})"),
                        org.assertj.core.groups.Tuple.tuple("Task_Result", "user task 'Return result' (step result) is "
                                + "reached from Task_Issuing (step issuing) without passing a service task ${seal}, which "
                                + "numbers the result and applies the unit's seal; put one on that path (Implementation: "
                                + "Delegate expression ${seal})"),
                        // and the receipt's task, now drafting, drafts before the consultation
                        org.assertj.core.groups.Tuple.tuple("Service_Receipt", "service task 'Cấp giấy tiếp nhận / Issue "
                                + "the receipt' drafts the result before user task 'Consult the residence office', whose "
                                + "outcome would be missing from it; put it right before approval, after any consultation"));
    }

    @Test
    void visibleWork_theSealIsAsynchronousWithRetries() {
        String xml = replaceOnce(validXml(), "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${seal}\"",
                "camunda:delegateExpression=\"${seal}\"");

        Violation violation = assertOnly(check(xml), Rule.VISIBLE_WORK, "Service_Seal");
        assertThat(violation.message()).contains("Asynchronous continuations → Before", "Retry time cycle");
    }

    @Test
    void visibleWork_approvalReachedWithoutADraft() {
        // the draft's service task calls another bean: approval is reached with nothing for the leader to sign
        String xml = replaceOnce(validXml(), "camunda:delegateExpression=\"${resultDraft}\"", "camunda:delegateExpression=\"${lookup}\"");

        Violation violation = Fixtures.assertHas(check(xml), Rule.VISIBLE_WORK, "Task_Approval");
        assertThat(violation.message()).contains("without passing a service task ${resultDraft}");
    }

    @Test
    void visibleWork_theDraftComesAfterAnyOtherStepRightBeforeApproval() {
        // a path from the draft into the consultation: the consultation's outcome would not be on the draft
        String xml = Fixtures.addFlow(validXml(), "Flow_Draft_Consultation", "Service_DraftResult", "Task_Consultation");

        Violation violation = Fixtures.assertHas(check(xml), Rule.VISIBLE_WORK, "Service_DraftResult");
        assertThat(violation.message()).contains("drafts the result before user task 'Consult the residence office'",
                "right before approval");
    }

    @Test
    void visibleWork_aResultIsSealedOnce() {
        String second = "    <bpmn:serviceTask id=\"Service_SealAgain\" camunda:asyncBefore=\"true\" "
                + "camunda:delegateExpression=\"${seal}\">\n      <bpmn:extensionElements>\n"
                + "        <camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>\n"
                + "      </bpmn:extensionElements>\n    </bpmn:serviceTask>\n";
        String xml = replaceOnce(validXml(), "  </bpmn:process>", second + "  </bpmn:process>");
        xml = replaceOnce(xml, "    </bpmndi:BPMNPlane>", "      <bpmndi:BPMNShape id=\"Service_SealAgain_di\" "
                + "bpmnElement=\"Service_SealAgain\"><dc:Bounds x=\"0\" y=\"0\" width=\"100\" height=\"80\" />"
                + "</bpmndi:BPMNShape>\n    </bpmndi:BPMNPlane>");
        xml = replaceOnce(xml, "sourceRef=\"Service_Seal\" targetRef=\"Task_Result\"",
                "sourceRef=\"Service_Seal\" targetRef=\"Service_SealAgain\"");
        xml = Fixtures.addFlow(xml, "Flow_SealAgain_Result", "Service_SealAgain", "Task_Result");

        Violation violation = assertOnly(check(xml), Rule.VISIBLE_WORK, "Service_Seal");
        assertThat(violation.message()).contains("followed by another ${seal} before the result");
    }

    @Test
    void visibleWork_theWorksBeansAreNoListeners() {
        String xml = replaceOnce(validXml(), "<camunda:taskListener delegateExpression=\"${escalation.level(1)}\" "
                + "event=\"timeout\" id=\"Escalate_Result_Leaders\">",
                "<camunda:executionListener event=\"end\" delegateExpression=\"${seal}\" />\n        "
                + "<camunda:taskListener delegateExpression=\"${escalation.level(1)}\" event=\"timeout\" "
                + "id=\"Escalate_Result_Leaders\">");

        Violation violation = assertOnly(check(xml), Rule.VISIBLE_WORK, "Task_Result");
        assertThat(violation.message()).contains("the executionListener calls ${seal}",
                "belongs only to a service task");
    }

    @Test
    void noPaperStep_manualTask() {
        String xml = replaceOnce(validXml(),
                "<bpmn:serviceTask id=\"Task_LookupPopulation\" name=\"Look up population registry\" "
                        + "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${lookup}\">",
                "<bpmn:manualTask id=\"Task_LookupPopulation\" name=\"Check the paper birth certificate\">");
        xml = replaceOnce(xml, "      <bpmn:outgoing>Flow_Lookup_Consultation</bpmn:outgoing>\n    </bpmn:serviceTask>",
                "      <bpmn:outgoing>Flow_Lookup_Consultation</bpmn:outgoing>\n    </bpmn:manualTask>");

        ModelReport report = check(xml);
        Violation violation = assertHas(report, Rule.NO_PAPER_STEP, "Task_LookupPopulation");
        assertThat(violation.message()).contains("paper");
        // the paper check replaced the registry lookup, which the model now lacks before appraisal
        assertThat(ruleIds(report)).containsExactlyInAnyOrder("no-paper-step", "lookup-before-appraisal");
    }

    @Test
    void diagram_missingShape() {
        String xml = replaceOnce(validXml(), """
                      <bpmndi:BPMNShape id="Task_Approval_di" bpmnElement="Task_Approval">
                        <dc:Bounds x="1240" y="160" width="100" height="80" />
                      </bpmndi:BPMNShape>
                """, "");

        assertThat(assertOnly(check(xml), Rule.DIAGRAM, "Task_Approval").message()).contains("BPMNShape");
    }

    @Test
    void diagram_missingEdge() {
        String xml = replaceOnce(validXml(), "<bpmndi:BPMNEdge id=\"Flow_SentBack_di\" bpmnElement=\"Flow_SentBack\">",
                "<bpmndi:BPMNEdge id=\"Flow_SentBack_di\" bpmnElement=\"Flow_Other\">");

        assertThat(assertOnly(check(xml), Rule.DIAGRAM, "Flow_SentBack").message()).contains("BPMNEdge");
    }

    @Test
    void diagram_noDiagramAtAll() {
        String xml = validXml();
        xml = xml.substring(0, xml.indexOf("  <bpmndi:BPMNDiagram")) + "</bpmn:definitions>\n";

        ModelReport report = check(xml);

        assertThat(assertOnly(report, Rule.DIAGRAM, PROCESS_ID).message()).contains("no diagram");
        assertThat(report.violations()).hasSize(1);
    }

    @Test
    void diagram_planeShowsSomethingElse() {
        String xml = replaceOnce(validXml(), "bpmnElement=\"birth-registration\"", "bpmnElement=\"Collaboration_Gone\"");

        assertThat(assertOnly(check(xml), Rule.DIAGRAM, PROCESS_ID).message()).contains("plane");
    }

    @Test
    void aRuleThatFailsBecomesAViolationOfThatRule() {
        ConformanceChecker checker = new ConformanceChecker(List.of(
                new ConformanceChecker.ModelRule(Rule.DUE_DATE, ctx -> {
                    throw new IllegalStateException("surprise");
                }),
                new ConformanceChecker.ModelRule(Rule.DIAGRAM, DiagramRule::check)));

        ModelReport report = checker.check(new ModelFile("m.bpmn", validXml().getBytes(StandardCharsets.UTF_8)),
                Fixtures.validForms());

        assertThat(report.violations()).singleElement().hasToString("m.bpmn: [due-date] could not be checked: surprise");
    }
}
