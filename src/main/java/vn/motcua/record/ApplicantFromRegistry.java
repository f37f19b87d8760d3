package vn.motcua.record;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.motcua.lookup.RegistryDataSupplied;
import vn.motcua.lookup.RegistryValues;
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
    private final RegistryValues registryValues;
    private final ProcedureIntake intakes;
    private final RuntimeService runtimeService;
    private final SystemAuthority system;

    ApplicantFromRegistry(RecordRepository records, RegistryValues registryValues, ProcedureIntake intakes,
            RuntimeService runtimeService, SystemAuthority system) {
        this.records = records;
        this.registryValues = registryValues;
        this.intakes = intakes;
        this.runtimeService = runtimeService;
        this.system = system;
    }

    @EventListener
    void registryDataSupplied(RegistryDataSupplied event) {
        RecordRow record = event.recordCode() == null ? null : records.find(event.recordCode()).orElse(null);
        if (record == null || record.processInstanceId() == null || !"population".equals(event.registry())) {
            return;
        }
        system.run(() -> {
            ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                    .processInstanceId(record.processInstanceId()).singleResult();
            if (instance == null) {
                return;
            }
            intakes.ofDefinition(instance.getProcessDefinitionId()).applicantNameLookedUp()
                    .flatMap(variable -> registryValues.of(record.code()).stream()
                            .filter(value -> value.field().equals(variable)).reduce((first, second) -> second))
                    .ifPresent(value -> apply(record, value));
        });
    }

    private void apply(RecordRow record, SuppliedValue name) {
        if (name.value() == null || name.value().isBlank() || name.value().equals(record.applicant().name())) {
            return;
        }
        records.setApplicantName(record.code(), name.value());
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicantName", name.value());
        String declared = record.applicant().name();
        if (declared != null && !declared.isBlank()) {
            variables.put(DECLARED, declared);
        }
        runtimeService.setVariables(record.processInstanceId(), variables);
    }
}
