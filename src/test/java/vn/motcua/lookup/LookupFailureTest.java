package vn.motcua.lookup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A registry that fails, played by WireMock (a real local HTTP server): the lookup job fails
 * without writing anything, is retried on the registry's retry cycle, becomes an incident after
 * the last retry, and completes once the registry answers again. "Not found" is no failure.
 */
class LookupFailureTest {

    static final String CITIZEN = "/population/v1/citizens/001190012345";
    static final String GOOD_ANSWER = """
            {"personalId": "001190012345", "fullName": "Nguyễn Thị Lan", "dateOfBirth": "1990-03-15",
             "sex": "female", "permanentResidence": "Thôn 3, xã A", "ethnicity": "Kinh", "nationality": "Việt Nam",
             "deceased": false, "dateOfDeath": null}""";

    static WireMockServer registry;
    static ProcessEngine engine;
    static JdbcClient jdbc;
    static RegistryValues values;
    static LookupService service;

    @BeforeAll
    static void start() {
        registry = new WireMockServer(wireMockConfig().dynamicPort());
        registry.start();
        String name = "lookup-failure-" + UUID.randomUUID();
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        RegistryProperties.Connection connection = new RegistryProperties.Connection(registry.baseUrl() + "/population",
                "motcua", "sandbox", Duration.ofSeconds(2), Duration.ofMillis(1500), "PT10S,PT1M");
        RegistryProperties registries = new RegistryProperties(connection, connection, connection, connection);
        values = new RegistryValues(new org.springframework.jdbc.core.JdbcTemplate(dataSource));
        service = new LookupService(new RegistryClient(registries, new ObjectMapper()),
                values, new LookupLog(jdbc, new DataSourceTransactionManager(dataSource)),
                new LookupTestSupport.Events());

        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setBeans(Map.of("lookup", new Lookup(service, registries, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("lookup.bpmn", model()).deploy();
    }

    /** start → population lookup (async, retried) → Task_Next; "not found" → Task_NotFound. */
    static BpmnModelInstance model() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("lookup-test").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Lookup_Mother").camundaDelegateExpression("${lookup}").camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("${lookup.retryCycle(execution)}")
                .boundaryEvent("NotFound").errorEventDefinition().error(Lookup.NOT_FOUND)
                .errorMessageVariable("motherNotFound").errorEventDefinitionDone()
                .userTask("Task_NotFound").endEvent()
                .moveToActivity("Lookup_Mother").userTask("Task_Next").endEvent()
                .done();
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties properties =
                model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class);
        Map.of("lookup.registry", "population", "lookup.key", "personalId=motherPersonalId", "lookup.prefix", "mother")
                .forEach((name, value) -> {
                    var property = model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class);
                    property.setCamundaName(name);
                    property.setCamundaValue(value);
                    properties.getCamundaProperties().add(property);
                });
        ((org.camunda.bpm.model.bpmn.instance.ServiceTask) model.getModelElementById("Lookup_Mother")).builder()
                .addExtensionElement(properties);
        return model;
    }

    @BeforeEach
    void clock() {
        ClockUtil.setCurrentTime(new Date());
        registry.resetAll();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void stop() {
        engine.close();
        registry.stop();
    }

    ProcessInstance start(String code) {
        return engine.getRuntimeService().startProcessInstanceByKey("lookup-test", code,
                Map.of("motherPersonalId", "001190012345", "motherFullName", "Nguyễn Thị Lan"));
    }

    Job job(ProcessInstance record) {
        return engine.getManagementService().createJobQuery().processInstanceId(record.getId()).singleResult();
    }

    /** Runs the job as the executor would: a failure is recorded on the job, not thrown at us. */
    String runFailing(ProcessInstance record) {
        Job job = job(record);
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                .isInstanceOf(RegistryUnavailableException.class);
        return job(record).getExceptionMessage();
    }

    List<String> outcomes(String code) {
        return jdbc.sql("select outcome from registry_lookup_log where record_code = ? order by looked_up_at, id")
                .param(code).query(String.class).list();
    }

    @Test
    void aServerErrorIsRetriedOnTheRegistrysCycleThenBecomesAnIncidentAndCompletesWhenRetried() {
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(500).withBody("boom")));
        ProcessInstance record = start("commune-a-20261201-00001");
        assertThat(job(record).getRetries()).isEqualTo(3);

        Date before = ClockUtil.getCurrentTime();
        assertThat(runFailing(record)).contains("population registry answered HTTP 500");
        Job retried = job(record);
        assertThat(retried.getRetries()).as("first of the two configured retries").isEqualTo(2);
        assertThat(retried.getDuedate()).isCloseTo(new Date(before.getTime() + 10_000), 2_000);
        // nothing half-written: no variable, no provenance
        assertThat(engine.getRuntimeService().getVariables(record.getId())).doesNotContainKeys("motherDateOfBirth",
                "registrySources");
        assertThat(values.of("commune-a-20261201-00001")).isEmpty();

        runFailing(record);
        assertThat(job(record).getRetries()).isEqualTo(1);
        runFailing(record);
        assertThat(job(record).getRetries()).isZero();
        List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(record.getId()).list();
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.getActivityId()).isEqualTo("Lookup_Mother");
            assertThat(incident.getIncidentMessage()).contains("HTTP 500");
        });
        assertThat(outcomes("commune-a-20261201-00001")).containsExactly("failed", "failed", "failed");
        // every attempt carried the same request id: the registry can tell a retry from a new question
        assertThat(registry.findAll(getRequestedFor(urlPathEqualTo(CITIZEN))).stream()
                .map(r -> r.getHeader("X-Request-Id")).distinct()).hasSize(1);

        // the registry is back; the operator retries the incident (Cockpit: "Increment retries")
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(GOOD_ANSWER)));
        engine.getManagementService().setJobRetries(job(record).getId(), 1);
        engine.getManagementService().executeJob(job(record).getId());

        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(record.getId()).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_Next");
        assertThat(engine.getRuntimeService().getVariables(record.getId()))
                .containsEntry("motherDateOfBirth", "1990-03-15").containsEntry("motherFullName", "Nguyễn Thị Lan")
                .containsEntry("motherFullNameDeclared", "Nguyễn Thị Lan");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(record.getId()).count()).isZero();
        assertThat(outcomes("commune-a-20261201-00001")).containsExactly("failed", "failed", "failed", "found");
    }

    @Test
    void aRegistryTooSlowForItsTimeoutFailsTheJob() {
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)
                .withHeader("Content-Type", "application/json").withBody(GOOD_ANSWER)));
        ProcessInstance record = start("commune-a-20261201-00002");

        assertThat(runFailing(record)).contains("did not answer within its timeout");
        assertThat(engine.getRuntimeService().getVariables(record.getId())).doesNotContainKey("motherDateOfBirth");
    }

    @Test
    void malformedAnswersFailTheJobNamingWhatIsWrong() {
        ProcessInstance record = start("commune-a-20261201-00003");
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(200).withBody("<html>")));
        assertThat(runFailing(record)).contains("malformed answer: not JSON");

        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(200)
                .withBody(GOOD_ANSWER.replace("\"dateOfBirth\": \"1990-03-15\"", "\"dateOfBirth\": 1990"))));
        assertThat(runFailing(record)).contains("'dateOfBirth' is missing or not a text");

        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(404).withBody("Not Found")));
        assertThat(runFailing(record)).as("a 404 that is no registry answer (a wrong base URL)")
                .contains("answered HTTP 404");
        assertThat(engine.getRuntimeService().getVariables(record.getId())).doesNotContainKeys("motherDateOfBirth",
                "motherNotFound");
    }

    @Test
    void refusedCredentialsFailTheJobNamingTheSetting() {
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(401)));
        ProcessInstance record = start("commune-a-20261201-00004");

        assertThat(runFailing(record)).contains("refused our credentials (HTTP 401)", "motcua.registries.population");
    }

    @Test
    void notFoundIsABusinessOutcomeNotAnIncident() {
        registry.stubFor(get(urlPathEqualTo(CITIZEN)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"not-found\"}")));
        ProcessInstance record = start("commune-a-20261201-00005");

        engine.getManagementService().executeJob(job(record).getId());

        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(record.getId()).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_NotFound");
        assertThat((String) engine.getRuntimeService().getVariable(record.getId(), "motherNotFound"))
                .contains("population registry has no entry");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(record.getId()).count()).isZero();
        assertThat(outcomes("commune-a-20261201-00005")).containsExactly("not-found");
        // every lookup sets the two texts for the specialist's form, "not found" too
        assertThat(engine.getRuntimeService().getVariables(record.getId()))
                .containsEntry(LookupService.SOURCES, LookupService.NO_SOURCES)
                .containsEntry(LookupService.MISMATCHES, LookupService.NO_MISMATCH);
    }

    static final LookupSpec OPTIONAL_PARCEL = LookupSpec.parse(Map.of("lookup.registry", "land", "lookup.key",
            "communeCode=landCommuneCode,mapSheet=mapSheetNumber,parcelNumber=parcelNumber", "lookup.prefix", "parcel",
            "lookup.optional", "true"), "Lookup_Parcel");

    static LookupService.Context context(String code, Map<String, Object> variables) {
        return new LookupService.Context(code, "pi-" + code, "pd-" + code, "Lookup_Parcel", null, variables::get);
    }

    @Test
    void anOptionalLookupWithPartOfItsCompositeKeyIsNotFoundNotSkipped() {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("landCommuneCode", "00001");
        variables.put("parcelNumber", "12");

        assertThatThrownBy(() -> service.lookUp(OPTIONAL_PARCEL, context("commune-a-20261201-00006", variables)))
                .isInstanceOfSatisfying(RegistryNotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("only part of the key", "mapSheetNumber missing", "land registry");
                    assertThat(e.variables()).containsOnlyKeys(LookupService.SOURCES, LookupService.MISMATCHES);
                });
        registry.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Test
    void anOptionalLookupWithNoneOfItsKeyIsSkippedSettingOnlyTheTexts() {
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("mapSheetNumber", " ");

        assertThat(service.lookUp(OPTIONAL_PARCEL, context("commune-a-20261201-00007", none)))
                .containsOnlyKeys(LookupService.SOURCES, LookupService.MISMATCHES);
        registry.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));

        LookupSpec required = LookupSpec.parse(Map.of("lookup.registry", "land", "lookup.key",
                "communeCode=landCommuneCode,mapSheet=mapSheetNumber,parcelNumber=parcelNumber", "lookup.prefix", "parcel"),
                "Lookup_Parcel");
        assertThatThrownBy(() -> service.lookUp(required, context("commune-a-20261201-00007", none)))
                .isInstanceOf(RegistryNotFoundException.class)
                .hasMessageContaining("no landCommuneCode, mapSheetNumber, parcelNumber was declared");
    }
}
