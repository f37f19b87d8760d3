package vn.motcua.procedure;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Models are code: puts the {@link DeploymentGate} in front of the engine's deployers, and
 * restricts the beans expressions resolve to {@link ModelBeans}.
 *
 * <p>Camunda's Spring factory creates a {@link SpringExpressionManager} with the configuration's
 * bean map before plugins run, and with no map it resolves every bean of the context; so the map
 * is set and the manager made again with it here ({@code preInit}, before the engine adds its
 * functions {@code now()}, {@code currentUserGroups()} … to it).
 */
@Component
class ModelGatePlugin extends AbstractProcessEnginePlugin {

    private final ApplicationContext applicationContext;

    ModelGatePlugin(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = new ArrayList<>();
        preDeployers.add(new DeploymentGate(new ModelGate()));
        if (configuration.getCustomPreDeployers() != null) {
            preDeployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(preDeployers);

        ModelBeans beans = new ModelBeans(applicationContext);
        configuration.setBeans(beans);
        ExpressionManager current = configuration.getExpressionManager();
        if (current != null && current.getClass() != SpringExpressionManager.class) {
            throw new IllegalStateException("Another expression manager (" + current.getClass().getName()
                    + ") is configured; it must resolve only the beans meant for models");
        }
        configuration.setExpressionManager(new SpringExpressionManager(applicationContext, beans));
    }
}
