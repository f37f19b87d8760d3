package vn.motcua.demo.sms;

import java.io.UncheckedIOException;
import java.net.BindException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs the stand-in SMS gateway inside the app when {@code motcua.sms-stand-in.enabled=true}, on
 * {@code motcua.sms-stand-in.port} (8094), with the API key the product sends its messages with
 * ({@code motcua.applicant-messages.sms.api-key}; blank: {@value StandInSmsGateway#DEFAULT_API_KEY}). A port
 * already taken (another node on this machine serves it) leaves the app running on, sending to whichever
 * stand-in answers there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "motcua.sms-stand-in", name = "enabled", havingValue = "true")
class StandInSmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StandInSmsConfiguration.class);

    @Bean(destroyMethod = "stop")
    StandInSmsGateway standInSmsGateway(Environment environment) {
        int port = environment.getProperty("motcua.sms-stand-in.port", Integer.class, StandInSmsGateway.DEFAULT_PORT);
        String apiKey = environment.getProperty("motcua.applicant-messages.sms.api-key");
        StandInSmsGateway gateway = new StandInSmsGateway(port,
                apiKey == null || apiKey.isBlank() ? StandInSmsGateway.DEFAULT_API_KEY : apiKey);
        try {
            gateway.start();
            log.info("Stand-in SMS gateway at {}", gateway.baseUrl());
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            log.warn("Stand-in SMS gateway not started: port {} is already in use; the one answering there, "
                    + "if any, receives the messages", port);
        }
        return gateway;
    }
}
