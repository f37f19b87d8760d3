package vn.motcua.demo.payment;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs the stand-in national payment platform inside the app when {@code motcua.payment-stand-in.enabled=true},
 * on {@code motcua.payment-stand-in.port} (8093), with the merchant code and shared secret the product signs
 * with ({@code motcua.payment.merchant}/{@code secret}); {@code motcua.payment-stand-in.retry-wait} (1s) is the
 * wait before a failed callback's first retry. A port already taken (another node on this machine serves it)
 * leaves the app running on, its payment links opening whichever stand-in answers there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "motcua.payment-stand-in", name = "enabled", havingValue = "true")
class StandInPaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StandInPaymentConfiguration.class);

    @Bean(destroyMethod = "stop")
    StandInPaymentPlatform standInPaymentPlatform(Environment environment) {
        int port = environment.getProperty("motcua.payment-stand-in.port", Integer.class,
                StandInPaymentPlatform.DEFAULT_PORT);
        StandInPaymentPlatform platform = new StandInPaymentPlatform(port,
                orDefault(environment.getProperty("motcua.payment.merchant"), StandInPaymentPlatform.DEFAULT_MERCHANT),
                orDefault(environment.getProperty("motcua.payment.secret"), StandInPaymentPlatform.DEFAULT_SECRET));
        platform.retryBaseWait(environment.getProperty("motcua.payment-stand-in.retry-wait", Duration.class,
                Duration.ofSeconds(1)));
        try {
            platform.start();
            log.info("Stand-in national payment platform at {}", platform.baseUrl());
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            log.warn("Stand-in national payment platform not started: port {} is already in use; the one answering "
                    + "there, if any, serves the payment links", port);
        }
        return platform;
    }

    /** A blank setting counts as unset: the stand-in cannot sign with an empty secret. */
    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
