package vn.motcua.procedure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

import vn.motcua.lookup.LookupSpec;

/**
 * The process variables the system owns: the product sets them (the record's intake, the issuing
 * step's number, the lookups' values and their sources, Tasklist's colour, the steps' deadlines,
 * escalation notices), or its documents print them (the result's title, signer's title, number,
 * heading). No user sets them through the engine — not by starting, completing, submitting a form,
 * writing variables, a message, a signal or a modification; the one list here is what the
 * conformance rule {@code known-variables}, the engine's guard and the records API all use.
 *
 * <p>{@link #INTAKE} are system variables an applicant gives once, at the start (the receiving
 * unit, who they are): the product checks them and writes them again as the record's.
 */
public final class SystemVariables {

    /** The record's intake: given at the start only, through the records API or the start form. */
    public static final Set<String> INTAKE = Set.of("unit", "applicantPersonalId", "applicantName",
            "applicantPhone", "applicantEmail", "applicantAddress");

    /**
     * Every variable the system owns by name, whatever the procedure. {@code KnownVariablesTest}
     * checks it against the code that sets variables.
     */
    public static final Set<String> NAMES = Set.copyOf(union(INTAKE, Set.of(
            "recordCode", "channel", "applicantNameDeclared", // the record (RecordIntake, ApplicantFromRegistry)
            "documentNumber", "issuedBy", // issuing numbers the result; who issued it, for the seal's job
            "registrySources", "registryMismatches", // what the lookups found, and where
            "colour", // Tasklist's deadline colour
            "paymentReference", "paymentExpiresAt", // the fee's request and when it expires (payment feature)
            "overdueTaskId", "noticeLevel", // escalation notices
            // what the product's documents print from the system, never from a form: docs/templates.md
            "title", "signerTitle", "parentUnitName", "place", "verifyUrl")));

    /** Local variables of the steps' deadlines: {@code stepDue:<activity instance>} (deadline feature). */
    private static final String STEP_DUE_PREFIX = "stepDue";

    private SystemVariables() {
    }

    /** Whether the system owns the variable in every procedure. */
    public static boolean isSystemOwned(String name) {
        return name != null && (NAMES.contains(name) || name.startsWith(STEP_DUE_PREFIX));
    }

    /**
     * What a procedure's model adds: the values its lookups write ({@code <prefix><Field>}, and the
     * declared value kept beside it, {@code …Declared}) and the "not found" messages of its error
     * boundary events. The start form may still ask the applicant for such a value (a declaration,
     * which the lookup keeps as {@code …Declared}); no later step may change it.
     */
    public static Set<String> ofModel(BpmnModelInstance model) {
        Set<String> owned = new LinkedHashSet<>();
        if (model == null) {
            return owned;
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"${lookup}".equals(task.getCamundaDelegateExpression())) {
                continue;
            }
            try {
                LookupSpec spec = LookupSpec.of(task, task.getId());
                for (String field : spec.type().fieldNames()) {
                    owned.add(spec.variable(field));
                    owned.add(spec.variable(field) + "Declared");
                }
            } catch (IllegalStateException malformed) {
                // the conformance check refuses such a model; it looks nothing up
            }
        }
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            for (ErrorEventDefinition error : boundary.getChildElementsByType(ErrorEventDefinition.class)) {
                addIfPresent(owned, error.getCamundaErrorMessageVariable());
                addIfPresent(owned, error.getCamundaErrorCodeVariable());
            }
        }
        return owned;
    }

    private static void addIfPresent(Set<String> into, String name) {
        if (name != null && !name.isBlank()) {
            into.add(name.strip());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
