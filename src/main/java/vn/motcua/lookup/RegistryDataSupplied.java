package vn.motcua.lookup;

import java.util.List;

/**
 * Event: a registry supplied components of a record, which the applicant did not have to declare or
 * submit (the monitoring's reuse rate counts them). It carries what its listeners need, so that none reads
 * the record's values back (issue #17).
 *
 * @param processInstanceId   the record's process, where the lookup ran
 * @param processDefinitionId its definition
 * @param values            what this lookup supplied, with the declared values they replace
 * @param suppliedInAll     how many of the record's fields registries have supplied so far, this lookup's included
 */
public record RegistryDataSupplied(String recordCode, String processInstanceId, String processDefinitionId, String registry,
        List<SuppliedValue> values, int suppliedInAll) {

    public RegistryDataSupplied {
        values = List.copyOf(values);
    }

    /** How many fields this lookup supplied. */
    public int fields() {
        return values.size();
    }
}
