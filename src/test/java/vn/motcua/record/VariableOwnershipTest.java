package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import vn.motcua.procedure.ApplicationForm;
import vn.motcua.procedure.SystemVariables;

/** The rules of who may change what, on a stand-in engine; and the commands as the rules read them. */
class VariableOwnershipTest {

    static final ApplicationForm RECEPTION = ApplicationForm.parse("""
            {"id": "reception", "components": [
              {"type": "textfield", "key": "childFullName", "readonly": true},
              {"type": "textfield", "key": "unit", "readonly": true},
              {"type": "checkbox", "key": "documentsDigitised"},
              {"type": "radio", "key": "receptionDecision", "validate": {"required": true},
               "values": [{"value": "accept"}, {"value": "refuse"}]},
              {"type": "textfield", "key": "motherFullName"},
              {"type": "textfield", "key": "title"}]}""".getBytes(StandardCharsets.UTF_8));
    static final ApplicationForm APPLICATION = ApplicationForm.parse("""
            {"id": "application", "components": [
              {"type": "select", "key": "unit", "values": [{"value": "commune-a"}]},
              {"type": "textfield", "key": "applicantName"},
              {"type": "datetime", "subtype": "date", "key": "childDateOfBirth"},
              {"type": "textfield", "key": "motherFullName"},
              {"type": "textfield", "key": "documentNumber"}]}""".getBytes(StandardCharsets.UTF_8));

    final Map<String, Object> current = new LinkedHashMap<>(Map.of("unit", "commune-a", "childFullName", "An"));
    final VariableOwnership rules = new VariableOwnership(new VariableOwnership.Engine() {
        @Override
        public Optional<VariableOwnership.TaskFacts> task(String taskId) {
            return switch (taskId) {
                case "reception" -> Optional.of(new VariableOwnership.TaskFacts("Reception", Optional.of(RECEPTION),
                        Set.of("motherFullName"), current::get));
                case "notice" -> Optional.of(new VariableOwnership.TaskFacts("Notice", Optional.empty(), Set.of(),
                        current::get));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<String> processKey(String definitionId, String definitionKey) {
            if ("birth".equals(definitionId) || "birth".equals(definitionKey)) {
                return Optional.of("birth");
            }
            return "motcua-system-overdue-notice".equals(definitionKey) ? Optional.of(definitionKey) : Optional.empty();
        }

        @Override
        public Optional<ApplicationForm> startForm(String definitionId, String definitionKey) {
            return Optional.of(APPLICATION);
        }

        @Override
        public boolean unitExists(String unit) {
            return unit.startsWith("commune-");
        }
    });

    @Test
    void aTaskIsCompletedWithItsFormsEditableFieldsOfTheirTypes() {
        assertAllowed(complete("reception", Map.of("receptionDecision", "accept", "documentsDigitised", true)));
        assertRefused(complete("reception", Map.of("receptionDecision", "maybe")), "receptionDecision");
        assertRefused(complete("reception", Map.of("receptionDecision", "accept", "documentsDigitised", "yes")),
                "documentsDigitised");
        assertRefused(complete("reception", Map.of("receptionDecision", "accept", "proposal", "approve")), "proposal");
        assertRefused(complete("notice", Map.of("anything", "x")), "anything");
        assertAllowed(complete("notice", Map.of()));
        assertAllowed(complete("no-such-task", Map.of("unit", "x"))); // the engine says 404
    }

    @Test
    void systemVariablesAndReadOnlyFieldsOnlyComeBackUnchanged() {
        assertRefused(complete("reception", Map.of("receptionDecision", "accept", "unit", "commune-b")), "unit");
        assertRefused(complete("reception", Map.of("childFullName", "Bình")), "childFullName");
        // a form field that is the system's nonetheless: the model's lookup value, the result's title
        assertRefused(complete("reception", Map.of("motherFullName", "Khác")), "motherFullName");
        assertRefused(complete("reception", Map.of("title", "GIẢ")), "title");
        Map<String, Object> asTasklistSends = new LinkedHashMap<>();
        asTasklistSends.put("receptionDecision", "accept");
        asTasklistSends.put("unit", "commune-a");
        asTasklistSends.put("childFullName", "An");
        asTasklistSends.put("motherFullName", null);
        assertAllowed(complete("reception", asTasklistSends));
        assertThat(VariableOwnership.same(3L, 3.0)).isTrue();
        assertThat(VariableOwnership.same("", null)).isTrue();
        assertThat(VariableOwnership.same("a", "b")).isFalse();
    }

    @Test
    void aTasksVariablesAreItsEditableFieldsAndNothingElseAnywhere() {
        assertAllowed(new UserCommand.TaskVariables("reception", Map.of("documentsDigitised", true), List.of()));
        assertRefused(new UserCommand.TaskVariables("reception", Map.of("unit", "commune-b"), List.of()), "unit");
        assertRefused(new UserCommand.TaskVariables("reception", Map.of(), List.of("unit")), "unit");
        assertRefused(new UserCommand.OtherVariables("a message", Map.of("appraisalNotes", "x"), List.of()),
                "appraisalNotes");
        assertRefused(new UserCommand.OtherVariables("execution 1", Map.of(), List.of("unit")), "unit");
        assertRefused(new UserCommand.Message("RecordWithdrawn", Map.of()), "messageName");
        assertRefused(new UserCommand.Message("Other", Map.of("unit", "commune-b")), "unit");
        assertAllowed(new UserCommand.Message("Other", Map.of()));
    }

    @Test
    void aRecordStartsWithItsStartFormsFieldsWithoutABusinessKey() {
        assertAllowed(start(null, Map.of("unit", "commune-z", "applicantName", "Lan", "motherFullName", "Hoa",
                "childDateOfBirth", "2026-11-20"))); // the unit: checked as the record starts
        assertRefused(start("commune-b-20261123-00001", Map.of("unit", "commune-a")), "businessKey");
        assertRefused(start(null, Map.of("unit", "commune-a", "recordCode", "x")), "recordCode");
        assertRefused(start(null, Map.of("documentNumber", "1/2026")), "documentNumber");
        assertRefused(start(null, Map.of("proposal", "approve")), "proposal");
        assertRefused(start(null, Map.of("childDateOfBirth", "hôm qua")), "childDateOfBirth");
        assertRefused(new UserCommand.StartAtActivities(), "startInstructions");
        assertAllowed(new UserCommand.Start(null, "unknown", "x", Map.of("y", 1))); // the engine says 404
        // the product's own processes are the product's to start, even without a variable
        assertRefused(new UserCommand.Start(null, "motcua-system-overdue-notice", null, Map.of()), "processDefinitionKey");
    }

    @Test
    void theEnginesCommandsAreReadAsTheRulesNeedThem() {
        assertThat(UserCommand.of(new CompleteTaskCmd("t", Map.of("a", "b"))))
                .isEqualTo(new UserCommand.CompleteTask("t", Map.of("a", "b")));
        assertThat(UserCommand.of(new SubmitTaskFormCmd("t", Variables.createVariables()
                .putValueTyped("a", Variables.stringValue("b")).putValueTyped("o", Variables
                        .serializedObjectValue("{}").serializationDataFormat("application/json").create()), false, false)))
                .isEqualTo(new UserCommand.CompleteTask("t", map("a", "b", "o", new UserCommand.Opaque("object"))));
        assertThat(UserCommand.of(new SetTaskVariablesCmd("t", Map.of("unit", "x"), true)))
                .isEqualTo(new UserCommand.TaskVariables("t", Map.of("unit", "x"), List.of()));
        assertThat(UserCommand.of(new RemoveTaskVariablesCmd("t", List.of("unit"), false)))
                .isEqualTo(new UserCommand.TaskVariables("t", Map.of(), List.of("unit")));
        assertThat(UserCommand.of(new SetExecutionVariablesCmd("e", Map.of("unit", "x"), false)))
                .isInstanceOf(UserCommand.OtherVariables.class);
        assertThat(UserCommand.of(new PatchExecutionVariablesCmd("e", Map.of(), List.of("unit"), false)))
                .isEqualTo(new UserCommand.OtherVariables("variables of execution e", Map.of(), List.of("unit")));
        assertThat(UserCommand.of(new SignalCmd("e", "s", null, Map.of("unit", "x"))))
                .isEqualTo(new UserCommand.OtherVariables("Signal", Map.of("unit", "x"), List.of()));
        ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) ProcessInstantiationBuilderImpl
                .createProcessInstanceByKey(null, "birth").businessKey("k").setVariable("unit", "commune-a");
        assertThat(UserCommand.of(new StartProcessInstanceCmd(start)))
                .isEqualTo(new UserCommand.Start(null, "birth", "k", Map.of("unit", "commune-a")));
        assertThat(UserCommand.of(new SubmitStartFormCmd("birth:1", null, Map.of("unit", "commune-a"))))
                .isEqualTo(new UserCommand.Start("birth:1", null, null, Map.of("unit", "commune-a")));
        assertThat(SystemVariables.isSystemOwned("stepDue:Task_Reception:1")).isTrue();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static UserCommand complete(String taskId, Map<String, Object> variables) {
        return new UserCommand.CompleteTask(taskId, variables);
    }

    private static UserCommand start(String businessKey, Map<String, Object> variables) {
        return new UserCommand.Start("birth", null, businessKey, variables);
    }

    private void assertAllowed(UserCommand command) {
        assertThatCode(() -> rules.check(command)).doesNotThrowAnyException();
    }

    private void assertRefused(UserCommand command, String field) {
        assertThatThrownBy(() -> rules.check(command)).isInstanceOf(VariableRefused.class)
                .hasMessageContaining("'" + field + "'")
                .satisfies(e -> assertThat(((VariableRefused) e).field()).isEqualTo(field));
    }
}
