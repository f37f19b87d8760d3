package vn.motcua.procedure;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Deploys the product's own processes ({@link SystemModels}), then {@code processes/} and
 * {@code forms/}, as soon as the engine is built, before the web server takes requests. Several
 * nodes starting at once are safe: Camunda serialises deployments with its deployment lock and
 * duplicate filtering makes the later ones no-ops.
 */
@Component
class ProcedureDeploymentPlugin extends AbstractProcessEnginePlugin {

    private final ProcedureDeployer deployer;
    private final SystemModels systemModels;
    private final DeploymentReadiness readiness;

    ProcedureDeploymentPlugin(ProcedureDeployer deployer, SystemModels systemModels, DeploymentReadiness readiness) {
        this.deployer = deployer;
        this.systemModels = systemModels;
        this.readiness = readiness;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        systemModels.deploy(processEngine.getRepositoryService());
        readiness.deployed(deployer.deploy(processEngine.getRepositoryService(), processEngine.getManagementService()));
    }
}
