package vn.motcua.monitor;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import vn.motcua.deadline.Deadlines;
import vn.motcua.lookup.LookupSpec;
import vn.motcua.lookup.Registry;
import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.ProcedureSummary;

/**
 * What one deployed version of a procedure's model says about reengineering, read from the model only:
 * the documents the law requires ({@code procedure.document.N}, plus those a lookup takes from a registry
 * and the analyst removed from that list), which of them a registry supplies ({@code lookup.supplies} of the
 * model's {@code ${lookup}} service tasks, matched by name as the conformance rules match them), the steps on
 * the main path (the user tasks with a {@code step} property reachable by sequence flows from the start, in
 * the order they are reached) and the hand-offs between them (each change of the step's candidate group).
 */
final class ModelFacts {

    /** The five-step template (tiếp nhận → thẩm định → phê duyệt → ban hành → trả kết quả): its steps and hand-offs. */
    static final int TEMPLATE_STEPS = MonitorService.FIVE_STEPS.size();
    static final int TEMPLATE_HAND_OFFS = TEMPLATE_STEPS - 1;

    private ModelFacts() {
    }

    static ReengineeringCard.ModelVersion of(BpmnModelInstance model, ProcedureSummary summary, Instant deployedAt) {
        Process process = model.getModelElementById(summary.processKey());
        Map<String, String[]> supplied = new LinkedHashMap<>(); // normalised name → {document as written, registry, lookup id}
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"${lookup}".equals(Objects.toString(task.getCamundaDelegateExpression(), "").replaceAll("\\s+", ""))) {
                continue;
            }
            Map<String, String> properties = LookupSpec.properties(task);
            String registry = properties.getOrDefault(LookupSpec.REGISTRY, "").strip();
            for (String document : properties.getOrDefault(LookupSpec.SUPPLIES, "").split(";")) {
                if (!document.isBlank()) {
                    supplied.putIfAbsent(normalise(document), new String[] {document.strip(), registry, task.getId()});
                }
            }
        }
        List<ReengineeringCard.DocumentLine> documents = new ArrayList<>();
        Map<String, String[]> unmatched = new LinkedHashMap<>(supplied);
        for (ProcedureSummary.RequiredDocument document : summary.documents()) {
            String[] lookup = unmatched.remove(normalise(document.name()));
            documents.add(line(document.name(), document.required(), lookup));
        }
        // supplied by a registry and no longer asked of the applicant at all: still a document the law requires
        unmatched.values().forEach(lookup -> documents.add(line(lookup[0], true, lookup)));
        int fromRegistries = (int) documents.stream().filter(d -> d.registry() != null).count();

        List<ReengineeringCard.StepLine> steps = process == null ? List.of() : mainPath(process);
        int handOffs = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (!Objects.equals(steps.get(i).role(), steps.get(i - 1).role())) {
                handOffs++;
            }
        }
        return new ReengineeringCard.ModelVersion(summary.version(), deployedAt, summary.processingDays(), summary.fee(),
                summary.fullyOnline(), documents, documents.size(), documents.size() - fromRegistries, fromRegistries,
                steps, steps.size(), handOffs, List.of());
    }

    private static ReengineeringCard.DocumentLine line(String name, boolean required, String[] lookup) {
        if (lookup == null) {
            return new ReengineeringCard.DocumentLine(name, required, null, null, null);
        }
        String label = null;
        for (Registry registry : Registry.values()) {
            if (registry.id().equals(lookup[1])) {
                label = registry.label();
            }
        }
        return new ReengineeringCard.DocumentLine(name, required, lookup[1], label != null ? label : lookup[1], lookup[2]);
    }

    /** The steps reached by sequence flows from the process's own start events, nearest first. */
    private static List<ReengineeringCard.StepLine> mainPath(Process process) {
        Map<FlowNode, Integer> distance = new HashMap<>();
        Deque<FlowNode> queue = new ArrayDeque<>();
        for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
            distance.put(start, 0);
            queue.add(start);
        }
        List<UserTask> reached = new ArrayList<>();
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            if (node instanceof UserTask task && ModelProperties.of(task).containsKey("step")) {
                reached.add(task);
            }
            for (SequenceFlow flow : node.getOutgoing()) {
                FlowNode next = flow.getTarget();
                if (next != null && !distance.containsKey(next)) {
                    distance.put(next, distance.get(node) + 1);
                    queue.add(next);
                }
            }
        }
        reached.sort(Comparator.comparingInt(distance::get));
        List<ReengineeringCard.StepLine> steps = new ArrayList<>();
        for (UserTask task : reached) {
            Map<String, String> properties = ModelProperties.of(task);
            String budget = properties.get(Deadlines.BUDGET);
            steps.add(new ReengineeringCard.StepLine(task.getId(), task.getName(), properties.get("step").strip(),
                    task.getCamundaCandidateGroups(), budget == null || budget.isBlank() ? null : decimal(budget)));
        }
        return steps;
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What changed from {@code before} to {@code after} (an analyst's new version), one line each in Vietnamese /
     * English: documents no longer asked of the applicant or newly asked, steps removed or added, the statutory
     * time and the fee.
     */
    static List<String> changes(ReengineeringCard.ModelVersion before, ReengineeringCard.ModelVersion after) {
        List<String> changes = new ArrayList<>();
        Map<String, ReengineeringCard.DocumentLine> was = byName(before.documents());
        Map<String, ReengineeringCard.DocumentLine> is = byName(after.documents());
        is.forEach((name, d) -> {
            ReengineeringCard.DocumentLine old = was.get(name);
            if (old == null) {
                changes.add("Thêm giấy tờ / Document added: " + d.name());
            } else if (old.registry() == null && d.registry() != null) {
                changes.add("Lấy từ " + d.registryName() + " thay vì người nộp / Now from the registry, not the applicant: "
                        + d.name());
            } else if (old.registry() != null && d.registry() == null) {
                changes.add("Người nộp lại phải nộp / The applicant supplies it again: " + d.name());
            }
        });
        was.forEach((name, d) -> {
            if (!is.containsKey(name)) {
                changes.add("Bỏ giấy tờ / Document removed: " + d.name());
            }
        });
        List<String> stepsBefore = before.steps().stream().map(ReengineeringCard.StepLine::step).toList();
        List<String> stepsAfter = after.steps().stream().map(ReengineeringCard.StepLine::step).toList();
        stepsBefore.stream().filter(s -> !stepsAfter.contains(s))
                .forEach(s -> changes.add("Bỏ bước / Step removed: " + s));
        stepsAfter.stream().filter(s -> !stepsBefore.contains(s))
                .forEach(s -> changes.add("Thêm bước / Step added: " + s));
        if (before.handOffs() != after.handOffs()) {
            changes.add("Số lần chuyển giao / Hand-offs: " + before.handOffs() + " → " + after.handOffs());
        }
        if (before.processingDays() != null && after.processingDays() != null
                && before.processingDays().compareTo(after.processingDays()) != 0) {
            changes.add("Thời hạn giải quyết / Statutory time: " + before.processingDays().stripTrailingZeros().toPlainString()
                    + " → " + after.processingDays().stripTrailingZeros().toPlainString() + " ngày làm việc / working days");
        }
        if (!Objects.equals(before.fee(), after.fee())) {
            changes.add("Phí, lệ phí / Fee: " + before.fee() + " → " + after.fee() + " VND");
        }
        return changes;
    }

    private static Map<String, ReengineeringCard.DocumentLine> byName(List<ReengineeringCard.DocumentLine> documents) {
        Map<String, ReengineeringCard.DocumentLine> byName = new LinkedHashMap<>();
        documents.forEach(d -> byName.putIfAbsent(normalise(d.name()), d));
        return byName;
    }

    /** As the conformance rules compare document names: NFC, spaces collapsed, lower case. */
    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
