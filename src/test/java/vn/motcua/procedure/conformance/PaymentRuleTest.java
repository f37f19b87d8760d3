package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Rule {@code payment} on the shipped procedures with a fee (household business registration collects it at
 * submission, the construction permit at the result) and on the mistakes an analyst makes with them.
 */
class PaymentRuleTest {

    private static final ConformanceChecker CHECKER = new ConformanceChecker();
    private static final String HOUSEHOLD = "household-business-registration.bpmn";

    static String shipped(String file) throws IOException {
        return Files.readString(Path.of("processes", file), StandardCharsets.UTF_8);
    }

    static ModelReport check(String file, String xml) throws IOException {
        return CHECKER.check(new ModelFile(file, xml.getBytes(StandardCharsets.UTF_8)),
                ProcedureFiles.readForms(Path.of("forms")));
    }

    @ParameterizedTest
    @ValueSource(strings = {HOUSEHOLD, "alcohol-wholesale-licence.bpmn", "construction-permit.bpmn"})
    void eachShippedProcedureWithAFeeCollectsItAsTheRuleSays(String file) throws IOException {
        ModelReport report = check(file, shipped(file));

        assertThat(report.violations()).isEmpty();
        assertThat(shipped(file)).contains("${paymentRequest}", "${paymentReceipt}", "${paymentExpired}");
    }

    @Test
    void aFeeWithoutAPaymentStepIsRefused() {
        String xml = replaceOnce(Fixtures.validXml(), "<camunda:property name=\"procedure.fee\" value=\"0\" />",
                "<camunda:property name=\"procedure.fee\" value=\"8000\" />"
                        + "<camunda:property name=\"procedure.paymentAt\" value=\"submission\" />");

        Violation violation = Fixtures.assertOnly(Fixtures.check(xml), Rule.PAYMENT, Fixtures.PROCESS_ID);

        assertThat(violation.message()).contains("8000 VND", "${paymentRequest}", "submission");
    }

    @Test
    void aFeeThatDoesNotSayWhereItIsCollectedIsRefused() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD), "<camunda:property name=\"procedure.paymentAt\" value=\"submission\" />", "");

        List<Violation> found = Fixtures.of(check(HOUSEHOLD, xml), Rule.PAYMENT);

        assertThat(found).singleElement().satisfies(v -> assertThat(v.message()).contains("procedure.paymentAt",
                "submission or result"));
    }

    @Test
    void aFreeProcedureAsksForNoFee() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD), "<camunda:property name=\"procedure.fee\" value=\"100000\" />",
                "<camunda:property name=\"procedure.fee\" value=\"0\" />");

        ModelReport report = check(HOUSEHOLD, xml);

        assertThat(Fixtures.of(report, Rule.PAYMENT)).extracting(Violation::elementId)
                .containsExactlyInAnyOrder("Service_PaymentRequest", "household-business-registration");
    }

    @Test
    void thePaymentStepElsewhereThanTheModelSaysIsRefused() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD), "<camunda:property name=\"procedure.paymentAt\" value=\"submission\" />",
                "<camunda:property name=\"procedure.paymentAt\" value=\"result\" />");

        Violation violation = Fixtures.assertHas(check(HOUSEHOLD, xml), Rule.PAYMENT, "Task_Result");

        assertThat(violation.message()).contains("Task_Issuing", "without the payment step", "result");
    }

    @Test
    void aPaymentThatSkipsTheReceiptIsRefused() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD),
                "<bpmn:sequenceFlow id=\"Flow_Paid_Receipt\" sourceRef=\"Event_Paid\" targetRef=\"Service_PaymentReceipt\" />",
                "<bpmn:sequenceFlow id=\"Flow_Paid_Receipt\" sourceRef=\"Event_Paid\" targetRef=\"Lookup_Owner\" />");

        Violation violation = Fixtures.assertHas(check(HOUSEHOLD, xml), Rule.PAYMENT, "Event_Paid");

        assertThat(violation.message()).contains("Task_Appraisal", "${paymentReceipt}");
    }

    @Test
    void aPaymentRequestThatDoesNotWaitForTheExpiryIsRefused() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD), "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${paymentExpiresAt}</bpmn:timeDate>",
                "");
        xml = replaceOnce(xml, "<bpmn:timerEventDefinition id=\"TimerEventDefinition_PaymentExpired\">\n        \n      </bpmn:timerEventDefinition>",
                "<bpmn:messageEventDefinition id=\"MessageEventDefinition_Again\" messageRef=\"Message_RecordPaid\" />");

        Violation violation = Fixtures.assertHas(check(HOUSEHOLD, xml), Rule.PAYMENT, "Gateway_Payment");

        assertThat(violation.message()).contains("a timer at ${paymentExpiresAt}");
    }

    @Test
    void aPaymentRequestInTheClicksTransactionIsRefused() throws IOException {
        String xml = replaceOnce(shipped(HOUSEHOLD), "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${paymentRequest}\"",
                "camunda:delegateExpression=\"${paymentRequest}\"");

        Violation violation = Fixtures.assertHas(check(HOUSEHOLD, xml), Rule.PAYMENT, "Service_PaymentRequest");

        assertThat(violation.message()).contains("asynchronous", "Retry time cycle", "incident");
    }
}
