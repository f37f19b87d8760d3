package vn.motcua.demo.portal;

import java.io.UncheckedIOException;
import java.net.BindException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs the stand-in national portal inside the app when {@code motcua.portal-stand-in.enabled=true} (the
 * demo profile), on {@code motcua.portal-stand-in.port} (8092), with the credentials the relay uses
 * ({@code motcua.portal-sync.username}/{@code password}). A port already taken (another node on this machine
 * serves it) leaves the app running on, sending to whichever stand-in answers there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "motcua.portal-stand-in", name = "enabled", havingValue = "true")
class StandInPortalConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StandInPortalConfiguration.class);

    @Bean(destroyMethod = "stop")
    StandInPortal standInPortal(Environment environment) {
        int port = environment.getProperty("motcua.portal-stand-in.port", Integer.class, StandInPortal.DEFAULT_PORT);
        StandInPortal portal = new StandInPortal(port,
                environment.getProperty("motcua.portal-sync.username", StandInPortal.DEFAULT_USERNAME),
                environment.getProperty("motcua.portal-sync.password", StandInPortal.DEFAULT_PASSWORD));
        try {
            portal.start();
            log.info("Stand-in national portal at {} (docs/portal-sync.md)", portal.baseUrl());
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            log.warn("Stand-in national portal not started: port {} is already in use; the one answering there, "
                    + "if any, receives the updates", port);
        }
        return portal;
    }
}
