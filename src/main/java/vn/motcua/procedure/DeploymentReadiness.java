package vn.motcua.procedure;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code procedures}, part of readiness ({@code /actuator/health/readiness}): out of
 * service until this node has deployed the product's own processes and {@code processes/}, so a load
 * balancer sends it no work before its procedures are there; then up, with what was deployed and
 * what was refused (a refused file keeps its previous version running: the node still serves).
 */
@Component("procedures")
class DeploymentReadiness implements HealthIndicator {

    private volatile DeploymentReport report;

    void deployed(DeploymentReport report) {
        this.report = report;
    }

    @Override
    public Health health() {
        DeploymentReport done = report;
        if (done == null) {
            return Health.outOfService().withDetail("deployment", "not done yet").build();
        }
        return Health.up().withDetail("deployed", done.deployed().size()).withDetail("refused",
                done.refused().stream().map(DeploymentReport.RefusedFile::file).toList()).build();
    }
}
