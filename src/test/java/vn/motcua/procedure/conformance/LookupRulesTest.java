package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.procedure.conformance.Fixtures.PROCESS_ID;
import static vn.motcua.procedure.conformance.Fixtures.assertOnly;
import static vn.motcua.procedure.conformance.Fixtures.check;
import static vn.motcua.procedure.conformance.Fixtures.replaceOnce;
import static vn.motcua.procedure.conformance.Fixtures.validXml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry-lookup rules: configured lookups, one before appraisal, documents declared once. */
class LookupRulesTest {

    static final String LOOKUP = "Task_LookupPopulation";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name=\"lookup.registry\" value=\"population\"|name=\"lookup.registry\" value=\"tax\"|'lookup.registry' is 'tax'; use population, residence, enterprise or land",
            "name=\"lookup.key\" value=\"personalId=motherPersonalId\"|name=\"lookup.key\" value=\"personalId\"|'lookup.key' must be personalId=<variable>; was 'personalId'",
            "name=\"lookup.key\" value=\"personalId=motherPersonalId\"|name=\"lookup.key\" value=\"enterpriseCode=motherPersonalId\"|the population registry is looked up by personalId=<variable>, not by [enterpriseCode]",
            "name=\"lookup.prefix\" value=\"mother\"|name=\"lookup.prefix\" value=\"mother's\"|'lookup.prefix' must be a variable name prefix",
            "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${lookup}\"|camunda:delegateExpression=\"${lookup}\"|is not asynchronous before",
            "<camunda:failedJobRetryTimeCycle>${lookup.retryCycle(execution)}</camunda:failedJobRetryTimeCycle>||has no camunda:failedJobRetryTimeCycle",
            "errorRef=\"Error_RegistryNotFound\"|errorRef=\"Error_Other\"|has no error boundary event catching 'registry-not-found'"})
    void lookupMisconfigured(String from, String to, String message) {
        String xml = replaceOnce(validXml(), from, to == null ? "" : to);
        if (xml.contains("Error_Other")) {
            xml = replaceOnce(xml, "<bpmn:error id=\"Error_RegistryNotFound\"",
                    "<bpmn:error id=\"Error_Other\" name=\"other\" errorCode=\"other\" />\n  <bpmn:error id=\"Error_RegistryNotFound\"");
        }

        Violation violation = assertOnly(check(xml), Rule.LOOKUP, LOOKUP);

        assertThat(violation.message()).contains(message);
    }

    @Test
    void appraisalReachedWithoutALookup() {
        String xml = replaceOnce(validXml(), "sourceRef=\"Service_Receipt\" targetRef=\"Task_LookupPopulation\"",
                "sourceRef=\"Service_Receipt\" targetRef=\"Task_Consultation\"");

        Violation violation = assertOnly(check(xml), Rule.LOOKUP_BEFORE_APPRAISAL, "Task_Appraisal");

        assertThat(violation.message()).contains("can be reached from the start without a registry lookup");
    }

    @Test
    void documentSuppliedByALookupIsNotAlsoRequired() {
        String document = "Bản sao giấy khai sinh của mẹ / Copy of the mother's birth certificate";
        String xml = replaceOnce(validXml(), "<camunda:property name=\"lookup.prefix\" value=\"mother\" />",
                "<camunda:property name=\"lookup.prefix\" value=\"mother\" />\n          "
                        + "<camunda:property name=\"lookup.supplies\" value=\"" + document + "\" />");
        String required = replaceOnce(xml, "<camunda:property name=\"procedure.code\"",
                "<camunda:property name=\"procedure.document.9\" value=\"" + document + "\" />\n        "
                        + "<camunda:property name=\"procedure.code\"");

        Violation violation = assertOnly(check(required), Rule.DECLARED_ONCE, PROCESS_ID);
        assertThat(violation.message()).contains("procedure.document.9", "Task_LookupPopulation");

        // optional (only when the registry lacks it) is fine
        String optional = replaceOnce(xml, "<camunda:property name=\"procedure.code\"",
                "<camunda:property name=\"procedure.document.9\" value=\"" + document + "|optional\" />\n        "
                        + "<camunda:property name=\"procedure.code\"");
        assertThat(check(optional).violations()).isEmpty();
    }
}
