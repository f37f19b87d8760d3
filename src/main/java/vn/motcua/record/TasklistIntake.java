package vn.motcua.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.motcua.procedure.ProcedureIntake;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.security.Role;
import vn.motcua.security.UnitDirectory;
import vn.motcua.security.UnitRole;
import vn.motcua.web.Problem;

/**
 * Intake at the counter in Tasklist: a procedure's process started without the records API gets its
 * record, made from the start form's variables ({@link EngineDoor} hands the start over).
 */
@Component
class TasklistIntake {

    private static final Logger log = LoggerFactory.getLogger(TasklistIntake.class);

    private final RecordRepository records;
    private final RecordStates states;
    private final UnitDirectory units;
    private final ProcedureIntake intakes;
    private final org.springframework.context.ApplicationEventPublisher events;

    TasklistIntake(RecordRepository records, RecordStates states, UnitDirectory units, ProcedureIntake intakes,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.records = records;
        this.states = states;
        this.units = units;
        this.intakes = intakes;
    }

    /**
     * A process started without the API (a clerk in Tasklist): the record is made from the start
     * form's variables, channel 1 (in person), and becomes the business key. A user starts records
     * only at their own unit, as its clerk, or as the portal (any unit that receives the procedure);
     * the product's own start (the records API) brings its record, already checked.
     *
     * @param starter the user starting the process; null when the product starts it
     */
    void processStarted(DelegateExecution execution, String processKey, Map<String, String> procedure,
            org.camunda.bpm.engine.impl.identity.Authentication starter) {
        String actor = starter == null || starter.getUserId() == null ? "system" : starter.getUserId();
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey != null) {
            var existing = records.find(businessKey);
            if (existing.isPresent()) {
                String linked = existing.get().processInstanceId();
                if (execution.getProcessInstanceId().equals(linked)) {
                    return; // this process's record already (the start is announced more than once)
                }
                if (starter == null && linked == null) {
                    records.setProcessInstance(businessKey, execution.getProcessInstanceId()); // the records API's
                    return;
                }
                // one record, one process: never a second instance on a record's code
                throw new StartRefused("'businessKey': record " + businessKey + " exists; a record's code is given by "
                        + "the product when the record starts");
            }
        }
        Object unit = execution.getVariable("unit");
        if (procedure.get("procedure.code") == null) {
            log.warn("Process {} is no procedure (no procedure.code): not tracked as a record",
                    execution.getProcessInstanceId());
            return;
        }
        if (businessKey != null) {
            // the engine's guard refuses a user's business key; whatever else brings one gets the record code
            log.warn("Process {} of {} was started with the business key '{}'; the record code replaces it",
                    execution.getProcessInstanceId(), processKey, businessKey);
        }
        if (!(unit instanceof String unitId) || unitId.isBlank()) {
            throw new StartRefused("The variable 'unit' (the receiving unit, e.g. "
                    + "commune-a) is required to start a record of " + procedure.get("procedure.code"));
        }
        if (!units.exists(unitId)) {
            throw new StartRefused("The variable 'unit' names no unit: '" + unitId + "'");
        }
        try { // the started model's own competence, whichever version it is
            SubmissionRules.requireCompetent(ProcedureSummary.of(null, 0, null, null, procedure).withCompetentUnits(units), unitId);
        } catch (Problem notCompetent) { // refused: engine-rest and Tasklist say why (400)
            throw new StartRefused(notCompetent.getMessage());
        }
        if (starter != null && !mayStartAt(starter, unitId)) {
            throw StartRefused.forbidden("The variable 'unit' is '" + unitId + "': only a clerk of " + unitId
                    + " (group " + new UnitRole(unitId, Role.CLERK).groupId() + ") or the portal may start its records; "
                    + actor + " is neither");
        }
        Instant now = Instant.now();
        String code = RecordIntake.newCode(records, unitId, now);
        String declaredName = text(execution.getVariable("applicantName")).strip();
        Applicant applicant = new Applicant(text(execution.getVariable("applicantPersonalId")),
                declaredName.isEmpty() ? null : declaredName, text(execution.getVariable("applicantPhone")),
                text(execution.getVariable("applicantEmail")), text(execution.getVariable("applicantAddress")));
        RecordRow record = new RecordRow(code, procedure.get("procedure.code"),
                procedure.getOrDefault("procedure.name", procedure.get("procedure.code")),
                processKey, execution.getProcessInstanceId(), unitId,
                Channel.IN_PERSON, applicant, RecordState.NEW, null, actor, now, null, null, null, null, null, null, null, 0);
        String secret = RecordAccess.newSecret();
        records.insert(record, RecordAccess.hash(secret));
        states.started(record, actor, "opened at the counter in Tasklist");
        events.publishEvent(new RecordSubmitted(record, secret));
        execution.setProcessBusinessKey(code);
        if (applicant.name() == null && execution.hasVariable("applicantName")) {
            execution.removeVariable("applicantName"); // nothing declared: the name is not "" but unknown
        }
        Map<String, Object> variables = RecordIntake.processVariables(record);
        RecordIntake.declaredForRegistry(intakes.ofDefinition(execution.getProcessDefinitionId()), applicant.name(), variables);
        execution.setVariables(variables);
    }

    /** A clerk of the unit (by the groups the engine knows the user by), or the portal. */
    private static boolean mayStartAt(org.camunda.bpm.engine.impl.identity.Authentication starter, String unit) {
        List<String> groups = starter.getGroupIds() == null ? List.of() : starter.getGroupIds();
        return groups.contains(new UnitRole(unit, Role.CLERK).groupId())
                || groups.contains(vn.motcua.security.SystemGroups.PORTAL_CLIENTS);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
