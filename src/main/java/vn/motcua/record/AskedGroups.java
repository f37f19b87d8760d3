package vn.motcua.record;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

import vn.motcua.deadline.Deadlines;
import vn.motcua.security.UnitRole;

/**
 * Which other units a record's process asks (a step whose candidate group is another unit's, such as the
 * commune consulted on a licence): their staff may read the record for its whole retention
 * ({@link RecordAccess}), kept in {@code record_asked_group} rather than in the engine's identity link
 * history.
 */
@Component
class AskedGroups {

    private final RecordRepository records;
    private final Deadlines deadlines;

    AskedGroups(RecordRepository records, Deadlines deadlines) {
        this.records = records;
        this.deadlines = deadlines;
    }

    /** A step of the record starts with these candidates; {@code unit} is the record's own unit. */
    void note(String code, Object unit, Collection<IdentityLink> candidates) {
        List<String> others = others(unit == null ? null : unit.toString(), candidates.stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList());
        if (!others.isEmpty()) {
            records.addAskedGroups(code, others, deadlines.now());
        }
    }

    /** The groups of units other than the record's own. */
    static List<String> others(String unit, Collection<String> groups) {
        return groups.stream().filter(group -> UnitRole.parse(group).map(role -> !role.unit().equals(unit)).orElse(true))
                .distinct().toList();
    }
}
