package vn.motcua.monitor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import vn.motcua.deadline.Deadlines;
import vn.motcua.procedure.ModelProperties;
import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.procedure.ProcedureSummary;
import vn.motcua.security.SystemAuthority;
import vn.motcua.web.Problem;

/**
 * Puts a procedure's reengineering card together for a user: every deployed version of its model
 * ({@link ModelFacts}, kept per version: a deployed model never changes), the records of the period in the
 * user's units ({@link CardQueries}, {@link CardFigures}), per unit, and the compliance cost ({@link ComplianceCost}).
 * The period is a year unless asked otherwise.
 */
@Service
class ReengineeringCards {

    private final ProcedureCatalogue catalogue;
    private final RepositoryService repository;
    private final SystemAuthority system;
    private final CardQueries queries;
    private final MonitorScope scope;
    private final Deadlines deadlines;
    private final ComplianceCostProperties cost;
    private final Map<String, ReengineeringCard.ModelVersion> versions = new ConcurrentHashMap<>();

    ReengineeringCards(ProcedureCatalogue catalogue, RepositoryService repository, SystemAuthority system,
            CardQueries queries, MonitorScope scope, Deadlines deadlines, ComplianceCostProperties cost) {
        this.catalogue = catalogue;
        this.repository = repository;
        this.system = system;
        this.queries = queries;
        this.scope = scope;
        this.deadlines = deadlines;
        this.cost = cost;
    }

    ReengineeringCard card(Authentication user, String code, String periodKind, String date, String unit) {
        String wanted = MonitorService.procedure(code);
        if (wanted == null) {
            throw Problem.badRequest("code", "a procedure code is required");
        }
        ProcedureSummary latest = catalogue.find(wanted).orElseThrow(() -> Problem.notFound(
                "No procedure with code '" + wanted + "' is deployed; the catalogue lists the deployed ones"));
        Period period = Period.parse(periodKind == null || periodKind.isBlank() ? "year" : periodKind, date, today());
        Map<String, String> units = scope.select(user, unit);

        List<ReengineeringCard.ModelVersion> history = history(latest);
        ReengineeringCard.ModelVersion model = history.get(history.size() - 1);
        var calendar = deadlines.calendar();
        List<CardQueries.RecordLine> lines = queries.records(wanted, units.keySet(), period);
        List<CardQueries.PauseLine> pauses = queries.pauses(wanted, units.keySet(), period);
        List<CardQueries.StepDone> steps = queries.steps(wanted, units.keySet(), period);
        ReengineeringCard.Records records = CardFigures.records(lines, pauses, steps, period, model.processingDays(),
                calendar);
        Map<String, List<CardQueries.RecordLine>> byUnit = lines.stream()
                .collect(java.util.stream.Collectors.groupingBy(CardQueries.RecordLine::unit));
        List<ReengineeringCard.UnitLine> perUnit = new ArrayList<>();
        units.forEach((id, name) -> perUnit.add(new ReengineeringCard.UnitLine(id, name, CardFigures.records(
                byUnit.getOrDefault(id, List.of()), pauses, steps, period, model.processingDays(), calendar))));
        return new ReengineeringCard(latest.code(), latest.name(), latest.level(), Dashboard.PeriodView.of(period),
                deadlines.now(), ModelFacts.TEMPLATE_STEPS, ModelFacts.TEMPLATE_HAND_OFFS, model, history, records,
                perUnit, CardFigures.stepTimes(steps, model.steps(), calendar.workingDayLength()),
                ComplianceCost.of(cost, model, records));
    }

    /** The latest version of the procedure's model (new records start on it), if the procedure is deployed. */
    java.util.Optional<ReengineeringCard.ModelVersion> latestModel(String code) {
        return catalogue.find(code).map(latest -> {
            List<ReengineeringCard.ModelVersion> history = history(latest);
            return history.get(history.size() - 1);
        });
    }

    /** Every version of the procedure's model, oldest first, each with what changed from the one before. */
    private List<ReengineeringCard.ModelVersion> history(ProcedureSummary latest) {
        List<ProcessDefinition> definitions = system.call(() -> repository.createProcessDefinitionQuery()
                .processDefinitionKey(latest.processKey()).orderByProcessDefinitionVersion().asc().list());
        List<ReengineeringCard.ModelVersion> history = new ArrayList<>();
        for (ProcessDefinition definition : definitions) {
            ReengineeringCard.ModelVersion version = versions.computeIfAbsent(definition.getId(),
                    id -> system.call(() -> facts(definition)));
            history.add(history.isEmpty() ? version
                    : version.withChanges(ModelFacts.changes(history.get(history.size() - 1), version)));
        }
        return history;
    }

    private ReengineeringCard.ModelVersion facts(ProcessDefinition definition) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        Process process = model.getModelElementById(definition.getKey());
        ProcedureSummary summary = ProcedureSummary.of(definition.getKey(), definition.getVersion(),
                process == null ? definition.getName() : process.getName(), null,
                process == null ? Map.of() : ModelProperties.of(process));
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                .singleResult();
        Instant deployedAt = deployment == null || deployment.getDeploymentTime() == null ? null
                : deployment.getDeploymentTime().toInstant();
        return ModelFacts.of(model, summary, deployedAt);
    }

    private LocalDate today() {
        return deadlines.now().atZone(deadlines.calendar().zone()).toLocalDate();
    }
}
