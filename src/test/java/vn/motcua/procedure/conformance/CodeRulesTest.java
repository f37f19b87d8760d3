package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.check;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;
import static vn.motcua.procedure.conformance.Fixtures.validXml;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep code out of models ({@code no-scripts}, {@code no-java-classes},
 * {@code allowed-expressions}): one mutation of the valid model per attack, refused on the right
 * element under the right rule, and what the shipped models use still passes.
 */
class CodeRulesTest {

    private static final String ACCEPT = "${receptionDecision == 'accept'}";
    private static final String RUNTIME_EXEC =
            "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/x') != null}";

    @Test
    void allowedExpressions_runtimeExecInACondition() {
        Violation violation = assertOnly(check(replaceOnce(validXml(), ACCEPT, RUNTIME_EXEC)),
                Rule.ALLOWED_EXPRESSIONS, "Flow_Accepted");

        assertThat(violation.message()).contains("'getClass'", "java.lang.Runtime", "deadlines, escalation, lookup");
    }

    @Test
    void allowedExpressions_aSpringBeanThatIsNotMeantForModels() {
        String xml = replaceOnce(validXml(), "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${approved}",
                "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
                        + "${identityService.createUserQuery().count() > 0}");

        ModelReport report = check(xml);

        assertThat(Fixtures.ruleIds(report)).contains(Rule.ALLOWED_EXPRESSIONS.id());
        Violation violation = report.violations().stream()
                .filter(v -> v.ruleId().equals(Rule.ALLOWED_EXPRESSIONS.id())).findFirst().orElseThrow();
        assertThat(violation.elementId()).isEqualTo("Flow_Approved");
        assertThat(violation.message()).contains("calls 'createUserQuery' on 'identityService', which is not a bean");
    }

    @Test
    void allowedExpressions_theRecordsWorkIsAServiceTasksDelegateNotACall() {
        String xml = replaceOnce(validXml(), ACCEPT, "${seal.execute(execution) == null and receipt.class != null}");

        Violation violation = assertOnly(check(xml), Rule.ALLOWED_EXPRESSIONS, "Flow_Accepted");

        assertThat(violation.message()).contains("calls 'execute' on 'seal', which is only a service task's delegate "
                + "(${seal}, rule visible-work)");
    }

    @Test
    void allowedExpressions_theEngineServicesBehindExecution() {
        String xml = replaceOnce(validXml(), "<camunda:failedJobRetryTimeCycle>${lookup.retryCycle(execution)}",
                "<camunda:failedJobRetryTimeCycle>${execution.getProcessEngineServices().getIdentityService()"
                        + ".createUserQuery().count()}");

        Violation violation = assertOnly(check(xml), Rule.ALLOWED_EXPRESSIONS, "Task_LookupPopulation");

        assertThat(violation.message()).contains("'getProcessEngineServices' on 'execution'");
    }

    @Test
    void allowedExpressions_writingAVariableFromAListener() {
        String xml = replaceOnce(validXml(), "<camunda:property name=\"step\" value=\"reception\" />",
                "<camunda:property name=\"step\" value=\"reception\" />\n        </camunda:properties>\n"
                        + "        <camunda:taskListener event=\"create\" expression=\"${execution.setVariable('unit', 'commune-b')}\" />\n"
                        + "        <camunda:properties>");

        Violation violation = assertOnly(check(xml), Rule.ALLOWED_EXPRESSIONS, "Task_Reception");

        assertThat(violation.message()).contains("'setVariable' on 'execution'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "${''.getClass()}", "${x.class.classLoader}", "${applicantName.toUpperCase() == 'A'}", "${x[y]}",
        "${execution.processEngineServices}", "${execution.getProcessInstance().getProcessEngineServices()}",
        "${deadlines.due(execution).getClass()}", "${fn:exec('x')}", "#{''.getClass()}",
        "${task.execution.processEngineServices.identityService}"})
    void allowedExpressions_refuses(String expression) {
        assertThat(ExpressionAllowList.problems(expression)).as(expression).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "${deadlines.due(execution)}", "${deadlines.followUp(execution)}", "${escalation}", "${lookup}",
        "${escalation.level(1)}", "${escalation.nextLevelAfter(deadlines.due(execution))}", "${lookup.retryCycle(execution)}", "${unit}", "${receptionDecision == 'accept'}",
        "${execution.getVariable('needsConsultation') == true}", "${now()}", "${execution.businessKey}",
        "${shopUnit.id}", "${a ? b : (c)}", "${task.getVariable('x')}", "${x['key']}"})
    void allowedExpressions_allows(String expression) {
        assertThat(ExpressionAllowList.problems(expression)).as(expression).isEmpty();
    }

    @Test
    void noScripts_aJuelScriptTask() {
        String xml = replaceOnce(validXml(), "<bpmn:serviceTask id=\"Task_LookupPopulation\"",
                "<bpmn:scriptTask id=\"Script_Exec\" scriptFormat=\"juel\"><bpmn:script>${''.getClass()}</bpmn:script>"
                        + "</bpmn:scriptTask>\n    <bpmn:serviceTask id=\"Task_LookupPopulation\"");

        ModelReport report = check(xml);

        Violation violation = report.violations().stream()
                .filter(v -> v.ruleId().equals(Rule.NO_SCRIPTS.id())).findFirst().orElseThrow();
        assertThat(violation.elementId()).isEqualTo("Script_Exec");
        assertThat(violation.message()).contains("script task ('juel')");
    }

    @Test
    void noScripts_aScriptListenerAndAScriptCondition() {
        String xml = replaceOnce(validXml(), "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${approved}",
                "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">approved");
        xml = replaceOnce(xml, "<camunda:failedJobRetryTimeCycle>${lookup",
                "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\" "
                        + "resource=\"deployment://evil.js\" /></camunda:executionListener>\n"
                        + "        <camunda:failedJobRetryTimeCycle>${lookup");

        ModelReport report = check(xml);

        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals(Rule.NO_SCRIPTS.id()))
                .extracting(Violation::elementId, v -> v.message().substring(0, 20))
                .contains(org.assertj.core.groups.Tuple.tuple("Flow_Approved", "a condition written "),
                        org.assertj.core.groups.Tuple.tuple("Task_LookupPopulation", "a script ('javascrip"),
                        org.assertj.core.groups.Tuple.tuple("Task_LookupPopulation", "an external script ("));
    }

    @Test
    void noJavaClasses_aServiceTaskClassAndAListenerClass() {
        String xml = replaceOnce(validXml(), "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${lookup}\">",
                "camunda:asyncBefore=\"true\" camunda:class=\"com.example.Exec\">");
        xml = replaceOnce(xml, "<camunda:failedJobRetryTimeCycle>${lookup",
                "<camunda:executionListener event=\"start\" class=\"com.example.Listener\" />\n"
                        + "        <camunda:failedJobRetryTimeCycle>${lookup");

        ModelReport report = check(xml);

        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals(Rule.NO_JAVA_CLASSES.id()))
                .extracting(Violation::elementId, Violation::message)
                .anySatisfy(t -> assertThat(t.toList()).containsExactly("Task_LookupPopulation",
                        "class=\"com.example.Exec\" names a Java class; models reach code only through the product's "
                                + "beans: use delegateExpression=\"${lookup}\" / \"${seal}\" … or an expression "
                                + "(deadlines, escalation, lookup, paymentExpired, paymentReceipt, paymentRequest, receipt, resultDraft, seal)"))
                .anySatisfy(t -> assertThat((String) t.toList().get(1)).startsWith("executionListener class="));
    }

    @Test
    void noJavaClasses_theLegacyActivitiNamespaceToo() {
        String xml = replaceOnce(validXml(), "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${lookup}\">",
                "camunda:asyncBefore=\"true\" xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\"com.example.Exec\">");

        assertThat(check(xml).violations()).filteredOn(v -> v.ruleId().equals(Rule.NO_JAVA_CLASSES.id()))
                .extracting(Violation::elementId).containsExactly("Task_LookupPopulation");
    }

    @Test
    void theShippedProceduresKeepTheCodeRules() throws IOException {
        FormSet forms = ProcedureFiles.readForms(Path.of("forms"));
        for (ModelFile model : ProcedureFiles.readModels(Path.of("processes"))) {
            assertThat(new ConformanceChecker().check(model, forms).violations()).as(model.name()).isEmpty();
        }
    }
}
