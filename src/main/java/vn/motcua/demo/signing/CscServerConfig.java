package vn.motcua.demo.signing;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

import vn.motcua.security.Role;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;

/** The CSC v2 server stand-in, built only when {@code motcua.signature.csc-server.enabled} asks for it. */
@Configuration
@ConditionalOnProperty(name = "motcua.signature.csc-server.enabled", havingValue = "true")
class CscServerConfig {

    /** Wrong PINs lock a credential, counted in the database across nodes. */
    @Bean
    PinAttempts pinAttempts(JdbcClient jdbc, PlatformTransactionManager transactions, SignatureSettings settings) {
        return new PinAttempts(jdbc, transactions, settings.getPin(), Clock.systemUTC());
    }

    /** A unit's seal is applied by its records clerks (văn thư), at issuing. */
    @Bean
    CscServer cscServer(CredentialStore credentials, SadStore sads, SignatureSettings settings,
            PinAttempts pinAttempts, ObjectProvider<UnitDirectory> units) {
        return new CscServer(credentials, sads, settings, pinAttempts, (user, unit) -> {
            UnitDirectory directory = units.getIfAvailable();
            return directory != null && directory.isMember(user, unit, Role.RECORDS);
        });
    }
}
