package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @TempDir
    Path root;

    private Path processes;
    private Path forms;

    @BeforeEach
    void copyValidProcedure() throws IOException {
        processes = Files.createDirectories(root.resolve("processes"));
        forms = Files.createDirectories(root.resolve("forms"));
        Files.write(processes.resolve(Fixtures.VALID_MODEL), Fixtures.resource("valid/processes/" + Fixtures.VALID_MODEL));
        try (var files = Files.list(Fixtures.resourceDir("valid/forms"))) {
            for (Path form : files.toList()) {
                Files.copy(form, forms.resolve(form.getFileName()));
            }
        }
    }

    private record Result(int exitCode, List<String> lines) {
    }

    private static Result lint(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = LintCommand.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Result(code, buffer.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void conformingDirectoryExitsZero() {
        Result result = lint(processes.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactly("1 model checked, 0 refused, 0 violations");
    }

    @Test
    void modelWithoutApprovalIsRefusedWithFileAndRule() throws IOException {
        Files.writeString(processes.resolve("no-approval.bpmn"),
                Fixtures.validXml().replace("value=\"approval\"", "value=\"review\""));

        Result result = lint(processes.toString());

        String file = processes.resolve("no-approval.bpmn").toString();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).contains(file + ": birth-registration [five-steps] no user task has step 'approval'; "
                + "every procedure has reception, appraisal, approval, issuing, result");
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).startsWith(file + ": Task_Issuing [step-order]"));
        assertThat(result.lines()).noneSatisfy(line -> assertThat(line).contains(Fixtures.VALID_MODEL));
        assertThat(result.lines()).last().isEqualTo("2 models checked, 1 refused, 2 violations");
    }

    @Test
    void singleFileIsShownAsGivenAndFormsAreFoundNextToItsDirectory() throws IOException {
        Path model = processes.resolve("missing-form.bpmn");
        Files.writeString(model, Fixtures.validXml().replace("camunda:formRef=\"result\"", "camunda:formRef=\"result-v9\""));

        Result result = lint(model.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).containsExactly(
                model + ": Task_Result [form-ref] user task 'Return result' references form 'result-v9', which is not in forms/",
                "1 model checked, 1 refused, 1 violation");
    }

    @Test
    void invalidFormFilesArePrintedToo() throws IOException {
        Files.writeString(forms.resolve("broken.form"), "not json");

        Result result = lint(processes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(2);
        assertThat(result.lines().get(0)).startsWith(forms.resolve("broken.form") + ": [form-valid] form file is not JSON");
        assertThat(result.lines().get(1)).isEqualTo("1 model checked, 0 refused, 1 violation");
    }

    @Test
    void explicitFormsDirectory() throws IOException {
        Path other = Files.createDirectories(root.resolve("elsewhere"));

        Result result = lint("--forms", other.toString(), processes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).filteredOn(line -> line.contains("[form-ref]")).hasSize(7);
    }

    @Test
    void brokenModelIsAViolationNotACrash() throws IOException {
        Files.writeString(processes.resolve("broken.bpmn"), "<bpmn:definitions");

        Result result = lint(processes.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).anySatisfy(line ->
                assertThat(line).startsWith(processes.resolve("broken.bpmn") + ": [bpmn-parse] "));
        assertThat(result.lines()).last().isEqualTo("2 models checked, 1 refused, 1 violation");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(lint()).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.lines()).anySatisfy(line -> assertThat(line).startsWith("usage: "));
        });
        assertThat(lint(root.resolve("nowhere").toString()).exitCode()).isEqualTo(2);
        assertThat(lint("--forms").exitCode()).isEqualTo(2);
        assertThat(lint("--forms", root.resolve("nowhere").toString(), processes.toString()).exitCode()).isEqualTo(2);
        assertThat(lint("--frobnicate", processes.toString()).exitCode()).isEqualTo(2);
        assertThat(lint((String[]) null).exitCode()).isEqualTo(2);
        assertThat(lint("nowhere\0.bpmn").exitCode()).isEqualTo(2);
        assertThat(lint(root.resolve("nowhere").toString()).lines())
                .noneSatisfy(line -> assertThat(line).contains("Exception", "\tat "));
    }

    @Test
    void helpExitsZero() {
        Result result = lint("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactly(LintCommand.USAGE);
    }

    @Test
    void defaultFormsDirectoryIsNextToTheProcessesDirectory() {
        assertThat(LintCommand.defaultFormsDir(processes)).isEqualTo(forms);
        assertThat(LintCommand.defaultFormsDir(processes.resolve(Fixtures.VALID_MODEL))).isEqualTo(forms);
        assertThat(LintCommand.defaultFormsDir(root.resolve("elsewhere"))).isEqualTo(Path.of("forms"));
    }
}
