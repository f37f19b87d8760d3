package vn.motcua.procedure;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Re-reads {@code processes/} and {@code forms/} on request (analyst, admin). */
@RestController
@RequestMapping("/api/admin/deployments")
class DeploymentController {

    private final ProcedureDeployer deployer;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;

    DeploymentController(ProcedureDeployer deployer, RepositoryService repositoryService,
            ManagementService managementService) {
        this.deployer = deployer;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
    }

    /** 200 when every file deployed; 422 when some were refused (the others are deployed all the same). */
    @PostMapping("/reload")
    ResponseEntity<DeploymentReport> reload() {
        DeploymentReport report = deployer.deploy(repositoryService, managementService);
        return ResponseEntity.status(report.refused().isEmpty() ? 200 : 422).body(report);
    }
}
