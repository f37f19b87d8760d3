package vn.motcua.procedure;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the procedures come from: {@code motcua.processes-dir} (BPMN) and {@code motcua.forms-dir}
 * (Camunda Forms), relative to the working directory unless absolute.
 */
@ConfigurationProperties(prefix = "motcua")
public record ProcedureProperties(Path processesDir, Path formsDir) {

    public ProcedureProperties {
        processesDir = processesDir != null ? processesDir : Path.of("processes");
        formsDir = formsDir != null ? formsDir : Path.of("forms");
    }
}
