package vn.motcua.record;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.lookup.RegistryDataSupplied;
import vn.motcua.lookup.SuppliedValue;
import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.security.SystemAuthority;

/**
 * Declare once for the applicant: when the population registry has supplied the applicant's full
 * name (a lookup keyed on {@code applicantPersonalId}, see {@link ProcedureIntake}), that name is
 * the record's applicant name — in the record row, which every document issued afterwards prints,
 * and in the variable {@code applicantName}. What the applicant declared stays in
 * {@code applicantNameDeclared} (and in the registry data beside the registry's value); a
 * difference is listed in {@code registryMismatches} by the lookup itself. Runs in the lookup's
 * transaction, on the lookup feature's event.
 */
@Component
class ApplicantFromRegistry {

    static final String DECLARED = "applicantNameDeclared";

    private final RecordRepository records;
    private final ProcedureIntake intakes;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;

    ApplicantFromRegistry(RecordRepository records, ProcedureIntake intakes,
            RuntimeService runtimeService, SystemAuthority system) {
        this.records = records;
        this.intakes = intakes;
        this.runtimeService = runtimeService;
        this.system = system;
    }

    @EventListener
    void registryDataSupplied(RegistryDataSupplied event) {
        if (event.recordCode() == null || event.processInstanceId() == null || !"population".equals(event.registry())) {
            return;
        }
        // the event brings the values: neither the record nor its registry values are read back (issue #17)
        intakes.ofDefinition(event.processDefinitionId()).applicantNameLookedUp()
                .flatMap(variable -> event.values().stream().filter(value -> value.field().equals(variable))
                        .reduce((first, second) -> second))
                .ifPresent(value -> system.run(() -> apply(event, value)));
    }

    private void apply(RegistryDataSupplied event, SuppliedValue name) {
        // the lookup's own transaction: the process's variables are at hand in the engine's cache
        Object declared = runtimeService.getVariable(event.processInstanceId(), "applicantName");
        if (name.value() == null || name.value().isBlank() || name.value().equals(declared)) {
            return;
        }
        records.setApplicantName(event.recordCode(), name.value());
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicantName", name.value());
        if (declared instanceof String text && !text.isBlank()) {
            variables.put(DECLARED, text);
        }
        runtimeService.setVariables(event.processInstanceId(), variables);
    }
}
