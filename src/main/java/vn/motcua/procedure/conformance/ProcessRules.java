package vn.motcua.procedure.conformance;

import static vn.motcua.procedure.conformance.ModelContext.isBlank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ManualTask;
import org.camunda.bpm.model.bpmn.instance.Process;

/** Rules about the process as a whole: executable, history TTL, procedure metadata, end outcomes, paper steps. */
final class ProcessRules {

    static final String CODE = "procedure.code";
    static final String NAME = "procedure.name";
    static final String LEVEL = "procedure.level";
    static final String PROCESSING_DAYS = "procedure.processingDays";
    static final String FEE = "procedure.fee";
    static final String FULLY_ONLINE = "procedure.fullyOnline";
    static final String DOCUMENT_PREFIX = "procedure.document";
    static final String OPTIONAL_SUFFIX = "|optional";

    static final Set<String> LEVELS = Set.of("province", "commune");
    static final List<String> OUTCOMES = List.of("success", "refused", "withdrawn", "stopped", "rejected");

    private static final Pattern CODE_PATTERN = Pattern.compile("\\d+\\.\\d{6}");
    private static final Pattern FEE_PATTERN = Pattern.compile("\\d+");
    private static final Pattern DOCUMENT_NAME_PATTERN = Pattern.compile("procedure\\.document\\.[1-9]\\d{0,8}");
    // What Camunda's engine accepts for historyTimeToLive: days as a number or an ISO "P<n>D".
    private static final Pattern TTL_PATTERN = Pattern.compile("\\d{1,9}|P\\d{1,9}D");

    private ProcessRules() {
    }

    static List<Violation> executableProcess(ModelContext ctx) {
        List<Process> processes = ctx.processes();
        if (processes.isEmpty()) {
            return List.of(ctx.violation(null, Rule.EXECUTABLE_PROCESS, "the file has no process"));
        }
        List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
        if (executable.size() == 1) {
            return List.of();
        }
        if (executable.isEmpty()) {
            String message = processes.size() == 1
                    ? "the process is not executable: set isExecutable=\"true\" (Modeler: tick 'Executable')"
                    : "none of the " + processes.size() + " processes (" + ids(processes)
                            + ") is executable; exactly one must be";
            return List.of(ctx.violation(processes.get(0).getId(), Rule.EXECUTABLE_PROCESS, message));
        }
        return List.of(ctx.violation(executable.get(1).getId(), Rule.EXECUTABLE_PROCESS,
                executable.size() + " processes are executable (" + ids(executable)
                        + "); exactly one may be, untick 'Executable' on the others"));
    }

    private static String ids(List<Process> processes) {
        return processes.stream().map(Process::getId).collect(Collectors.joining(", "));
    }

    static List<Violation> historyTtl(ModelContext ctx) {
        return ctx.process().map(process -> {
            String ttl = process.getCamundaHistoryTimeToLiveString();
            if (isBlank(ttl)) {
                return List.of(ctx.violation(process.getId(), Rule.HISTORY_TTL,
                        "camunda:historyTimeToLive is not set (Modeler: History cleanup > Time to live, in days)"));
            }
            if (!TTL_PATTERN.matcher(ttl.strip()).matches()) {
                return List.of(ctx.violation(process.getId(), Rule.HISTORY_TTL,
                        "camunda:historyTimeToLive '" + ttl + "' is not a number of days (e.g. 180 or P180D)"));
            }
            return List.<Violation>of();
        }).orElse(List.of());
    }

    static List<Violation> procedureProperties(ModelContext ctx) {
        return ctx.process().map(process -> {
            Map<String, String> properties = ModelContext.properties(process);
            List<Violation> found = new ArrayList<>();
            String id = process.getId();
            check(ctx, found, id, properties, CODE, "a catalogue code like 1.001193",
                    value -> CODE_PATTERN.matcher(value).matches());
            check(ctx, found, id, properties, NAME, "the procedure's name", value -> !value.isBlank());
            check(ctx, found, id, properties, LEVEL, "province or commune", LEVELS::contains);
            String days = properties.get(PROCESSING_DAYS);
            check(ctx, found, id, properties, PROCESSING_DAYS, days == null
                    ? "working days greater than 0, written with a dot, e.g. 15 or 0.5" : BudgetRules.daysHint(days),
                    ProcessRules::isPositiveDecimal);
            check(ctx, found, id, properties, FEE, "a whole number of VND, 0 or more, without separators",
                    value -> FEE_PATTERN.matcher(value).matches());
            // Optional ones, checked when present: the public catalogue reads them.
            if (properties.containsKey(FULLY_ONLINE)) {
                check(ctx, found, id, properties, FULLY_ONLINE, "true or false",
                        value -> value.equals("true") || value.equals("false"));
            }
            for (String name : properties.keySet()) {
                if (!name.startsWith(DOCUMENT_PREFIX)) {
                    continue;
                }
                if (!DOCUMENT_NAME_PATTERN.matcher(name).matches()) {
                    found.add(ctx.violation(id, Rule.PROCEDURE_PROPERTIES, "process property '" + name
                            + "' is not a document property; write procedure.document.1, procedure.document.2 …"));
                } else {
                    check(ctx, found, id, properties, name,
                            "the document's name, followed by |optional when it is not always needed",
                            ProcessRules::isDocument);
                }
            }
            return found;
        }).orElse(List.of());
    }

    private static void check(ModelContext ctx, List<Violation> found, String processId, Map<String, String> properties,
            String name, String expected, Predicate<String> valid) {
        String value = properties.get(name);
        if (value == null) {
            found.add(ctx.violation(processId, Rule.PROCEDURE_PROPERTIES,
                    "process property '" + name + "' is missing; expected " + expected));
        } else if (!valid.test(value)) {
            found.add(ctx.violation(processId, Rule.PROCEDURE_PROPERTIES,
                    "process property '" + name + "' has invalid value '" + value + "'; expected " + expected));
        }
    }

    /** {@code <name>} or {@code <name>|optional}, the name not blank. */
    private static boolean isDocument(String value) {
        String v = value.strip();
        String name = v.endsWith(OPTIONAL_SUFFIX) ? v.substring(0, v.length() - OPTIONAL_SUFFIX.length()) : v;
        return !name.isBlank();
    }

    private static boolean isPositiveDecimal(String value) {
        return BudgetRules.days(value) != null;
    }

    static List<Violation> endOutcome(ModelContext ctx) {
        return ctx.process().map(process -> {
            List<Violation> found = new ArrayList<>();
            boolean success = false;
            for (EndEvent end : ctx.topLevel(EndEvent.class)) {
                String outcome = ModelContext.property(end, ModelContext.OUTCOME).orElse(null);
                if (outcome == null) {
                    found.add(ctx.violation(end.getId(), Rule.END_OUTCOME, ModelContext.describe("end event", end)
                            + " has no 'outcome' property; add one of " + String.join(", ", OUTCOMES)));
                } else if (!OUTCOMES.contains(outcome)) {
                    found.add(ctx.violation(end.getId(), Rule.END_OUTCOME, ModelContext.describe("end event", end)
                            + " has outcome '" + outcome + "'; expected one of " + String.join(", ", OUTCOMES)));
                } else if (outcome.equals("success")) {
                    success = true;
                }
            }
            if (!success) {
                found.add(ctx.violation(process.getId(), Rule.END_OUTCOME,
                        "no top-level end event has outcome 'success'; the process can never deliver a result"));
            }
            return found;
        }).orElse(List.of());
    }

    /** Any manual task in the file, in any participant: the product has no paper steps. */
    static List<Violation> noPaperStep(ModelContext ctx) {
        return ctx.model().getModelElementsByType(ManualTask.class).stream()
                .map(task -> ctx.violation(task.getId(), Rule.NO_PAPER_STEP, ModelContext.describe("manual task", task)
                        + " is a paper step; make it a user task with a form or a service task"))
                .toList();
    }
}
