package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Modeler element templates of the product's drawn work ({@code modeler/element-templates/motcua-work.json}):
 * each sets the delegate of one of the record's service tasks ({@code ${receipt}}, {@code ${resultDraft}},
 * {@code ${seal}}, the seal asynchronous), and every shipped procedure places its three from them.
 */
class WorkTemplatesTest {

    static final Path TEMPLATES = Path.of("modeler/element-templates/motcua-work.json");

    @Test
    void eachTemplateSetsOneOfTheRecordsWorkDelegatesTheSealAsynchronous() throws IOException {
        Map<String, Map<String, String>> applied = new HashMap<>();
        for (JsonNode template : new ObjectMapper().readTree(TEMPLATES.toFile())) {
            Map<String, String> attributes = new HashMap<>();
            template.get("properties").forEach(property -> attributes.put(property.at("/binding/name").asText(),
                    property.get("value").asText()));
            assertThat(template.get("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
            applied.put(template.get("id").asText(), attributes);
        }
        assertThat(applied).containsOnlyKeys("vn.motcua.work.receipt", "vn.motcua.work.result-draft", "vn.motcua.work.seal",
                "vn.motcua.work.payment-request", "vn.motcua.work.payment-receipt", "vn.motcua.work.payment-expired");
        assertThat(applied.get("vn.motcua.work.payment-request"))
                .containsEntry("camunda:delegateExpression", "${paymentRequest}").containsEntry("camunda:asyncBefore", "true");
        assertThat(applied.get("vn.motcua.work.payment-receipt"))
                .containsEntry("camunda:delegateExpression", "${paymentReceipt}");
        assertThat(applied.get("vn.motcua.work.payment-expired"))
                .containsEntry("camunda:delegateExpression", "${paymentExpired}");
        assertThat(applied.get("vn.motcua.work.receipt")).containsEntry("camunda:delegateExpression", "${receipt}")
                .doesNotContainKey("camunda:asyncBefore");
        assertThat(applied.get("vn.motcua.work.result-draft")).containsEntry("camunda:delegateExpression", "${resultDraft}")
                .doesNotContainKey("camunda:asyncBefore");
        assertThat(applied.get("vn.motcua.work.seal")).containsEntry("camunda:delegateExpression", "${seal}")
                .containsEntry("camunda:asyncBefore", "true");
    }

    @Test
    void everyProcedurePlacesItsReceiptDraftAndSealFromTheTemplates() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
        }
        assertThat(models).isNotEmpty();
        for (Path file : models) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            Map<String, String> templateByDelegate = new HashMap<>();
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                String template = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "modelerTemplate");
                if (template != null && template.startsWith("vn.motcua.work.")) {
                    templateByDelegate.put(task.getCamundaDelegateExpression(), template);
                }
            }
            Map<String, String> expected = new HashMap<>(Map.of("${receipt}", "vn.motcua.work.receipt",
                    "${resultDraft}", "vn.motcua.work.result-draft", "${seal}", "vn.motcua.work.seal"));
            if (templateByDelegate.containsKey("${paymentRequest}")) { // a procedure with a fee: its payment step too
                expected.putAll(Map.of("${paymentRequest}", "vn.motcua.work.payment-request",
                        "${paymentReceipt}", "vn.motcua.work.payment-receipt",
                        "${paymentExpired}", "vn.motcua.work.payment-expired"));
            }
            assertThat(templateByDelegate).as("%s", file).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }
}
