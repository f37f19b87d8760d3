package vn.motcua.signature.csc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.motcua.security.Role;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;

@Configuration
class CscServerConfig {

    /** A unit's seal is applied by its records clerks (văn thư), at issuing. */
    @Bean
    CscServer cscServer(CredentialStore credentials, SadStore sads, SignatureSettings settings,
            ObjectProvider<UnitDirectory> units) {
        return new CscServer(credentials, sads, settings, (user, unit) -> {
            UnitDirectory directory = units.getIfAvailable();
            return directory != null && directory.isMember(user, unit, Role.RECORDS);
        });
    }
}
