package vn.motcua.procedure.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;

/** The reference model the rules accept is also one the Camunda engine deploys as it is. */
class EngineAcceptsValidModelTest {

    @Test
    void validModelAndFormsDeploy() {
        ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:conformance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setJobExecutorActivate(false)
                .setProcessEngineName("conformance-" + UUID.randomUUID())
                .buildProcessEngine();
        try {
            var deployment = engine.getRepositoryService().createDeployment().name("conformance");
            deployment.addInputStream(Fixtures.VALID_MODEL,
                    new ByteArrayInputStream(Fixtures.resource("valid/processes/" + Fixtures.VALID_MODEL)));
            Fixtures.validForms().byId().values().forEach(form ->
                    deployment.addInputStream(form.name(), new ByteArrayInputStream(form.content())));
            deployment.deploy();

            ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(Fixtures.PROCESS_ID).singleResult();
            assertThat(definition).isNotNull();
            assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
        } finally {
            engine.close();
        }
    }
}
