package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.TaskColours;
import vn.motcua.lookup.LookupService;

/**
 * What {@code known-variables} takes for granted matches the product: the variables the record,
 * deadline, lookup and signature features set, and the beans models call.
 */
class KnownVariablesTest {

    /** {@code variables.put("x", …)}, {@code setVariable("x", …)}, {@code setVariableLocal(id, "x", …)}. */
    static final Pattern SETS = Pattern.compile(
            "variables\\.put\\(\"(\\w+)\"|setVariable(?:Local)?\\((?:[\\w.()]+,\\s*)?\"(\\w+)\"");

    @Test
    void everyVariableTheProductSetsByNameIsASystemVariable() throws IOException {
        Set<String> set = new TreeSet<>();
        for (String feature : new String[] {"record", "deadline", "lookup", "signature"}) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/vn/motcua", feature))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = SETS.matcher(Files.readString(file));
                    while (m.find()) {
                        set.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        assertThat(set).as("variables set by name in the code").contains("unit", "recordCode", "documentNumber");
        assertThat(KnownVariables.SYSTEM_VARIABLES).containsAll(set)
                .contains(LookupService.SOURCES, LookupService.MISMATCHES, TaskColours.VARIABLE);
    }

    @Test
    void theBeansModelsCallAreBeansOfThoseNames() {
        for (Class<?> bean : new Class<?>[] {vn.motcua.deadline.Deadlines.class, vn.motcua.deadline.Escalation.class,
            vn.motcua.lookup.Lookup.class}) {
            String name = bean.getAnnotation(Component.class).value();
            assertThat(KnownVariables.NOT_VARIABLES).as(bean.getName()).contains(name);
        }
    }

    @Test
    void identifiersAndGetVariableArgumentsAreTheVariablesNotPropertiesOrMethods() {
        Set<String> names = new TreeSet<>();
        KnownVariables.variables(new org.camunda.bpm.impl.juel.Builder(
                org.camunda.bpm.impl.juel.Builder.Feature.METHOD_INVOCATIONS).build(
                "${deadlines.due(execution)}:x ${a.b['c'] ? execution.getVariable('d') : e.f(g)} ${now()}").getRoot(), names);

        assertThat(names).containsExactly("a", "d", "deadlines", "e", "execution", "g");
    }
}
