package vn.motcua.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Modeler element templates in {@code modeler/} make lookups the engine accepts. */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of("modeler/element-templates/motcua-lookups.json");

    @Test
    void everyTemplateAppliedWithItsDefaultsIsAValidLookup() throws IOException {
        JsonNode templates = new ObjectMapper().readTree(TEMPLATES.toFile());
        Set<LookupType> covered = new HashSet<>();
        for (JsonNode template : templates) {
            Map<String, String> properties = new HashMap<>();
            Map<String, String> attributes = new HashMap<>();
            for (JsonNode property : template.get("properties")) {
                JsonNode binding = property.get("binding");
                if (property.has("value")) {
                    (binding.get("type").asText().equals("property") ? attributes : properties)
                            .put(binding.get("name").asText(), property.get("value").asText());
                }
            }
            properties.putIfAbsent(LookupSpec.PURPOSE, "test");
            LookupSpec spec = LookupSpec.parse(properties, template.get("id").asText());
            covered.add(spec.type());
            assertThat(attributes).containsEntry("camunda:delegateExpression", "${lookup}")
                    .containsEntry("camunda:asyncBefore", "true");
            assertThat(template.get("id").asText()).startsWith("vn.motcua.lookup.");
        }
        assertThat(covered).containsExactlyInAnyOrder(LookupType.values());
    }

    /**
     * The descriptions name the lookup's real fields: the template's list ("A person by …: FullName,
     * DateOfBirth …") is exactly {@link LookupType#fieldNames()}, and the prefix's example
     * ("e.g. applicantFullName") is the default prefix plus one of them.
     */
    @Test
    void theDescriptionsNameTheLookupsRealFields() throws IOException {
        JsonNode templates = new ObjectMapper().readTree(TEMPLATES.toFile());
        Pattern example = Pattern.compile("e\\.g\\. (\\w+)");
        int examples = 0;
        for (JsonNode template : templates) {
            Map<String, String> properties = new HashMap<>();
            JsonNode prefixProperty = null;
            for (JsonNode property : template.get("properties")) {
                String name = property.get("binding").get("name").asText();
                if (property.has("value")) {
                    properties.put(name, property.get("value").asText());
                }
                if (name.equals(LookupSpec.PREFIX)) {
                    prefixProperty = property;
                }
            }
            properties.putIfAbsent(LookupSpec.PURPOSE, "test");
            LookupSpec spec = LookupSpec.parse(properties, template.get("id").asText());
            String id = template.get("id").asText();

            String description = template.get("description").asText();
            String list = description.substring(description.indexOf(": ") + 2, description.indexOf(". "))
                    .replaceAll("\\([^)]*\\)", "");
            assertThat(Stream.of(list.split(",")).map(String::strip).toList()).as("fields listed by %s", id)
                    .containsExactlyElementsOf(spec.type().fieldNames());

            assertThat(prefixProperty).as("%s has a prefix property", id).isNotNull();
            Matcher m = example.matcher(prefixProperty.get("description").asText());
            while (m.find()) {
                examples++;
                String variable = m.group(1);
                assertThat(variable).as("%s: example %s", id, variable).startsWith(spec.prefix());
                assertThat(spec.type().fieldNames()).as("%s: example %s", id, variable)
                        .contains(variable.substring(spec.prefix().length()));
            }
        }
        assertThat(examples).isEqualTo(templates.size());
    }

    @Test
    void theProceduresUseTheShippedTemplates() throws IOException {
        Set<String> ids = new HashSet<>();
        new ObjectMapper().readTree(TEMPLATES.toFile()).forEach(t -> ids.add(t.get("id").asText()));
        // the lookups' templates (the record's work has its own: WorkTemplatesTest)
        Pattern used = Pattern.compile("camunda:modelerTemplate=\"(vn\\.motcua\\.lookup\\.[^\"]+)\"");
        int count = 0;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher m = used.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(ids).as(file + " uses " + m.group(1)).contains(m.group(1));
                    count++;
                }
            }
        }
        assertThat(count).as("lookups placed from templates").isGreaterThanOrEqualTo(7);
    }
}
