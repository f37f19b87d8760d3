package vn.motcua.signature.dss;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.policy.jaxb.BasicSignatureConstraints;
import eu.europa.esig.dss.policy.jaxb.CertificateConstraints;
import eu.europa.esig.dss.policy.jaxb.ConstraintsParameters;
import eu.europa.esig.dss.enumerations.Level;
import eu.europa.esig.dss.policy.jaxb.LevelConstraint;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;

/** The DSS pieces: the validation policy and a certificate verifier over given trust anchors. */
final class DssSupport {

    private DssSupport() {
    }

    /**
     * DSS's default (ETSI EN 319 102-1) policy, with one change: missing revocation data is a warning,
     * not a failure. Revocation is still checked, and a revoked certificate still fails, whenever the
     * certificate names a CRL or OCSP responder that answers; certificates of a CA without revocation
     * services (the demo CA, many internal CAs) can then be valid.
     */
    static ValidationPolicy policy() {
        try (InputStream in = ValidationPolicyFacade.class.getResourceAsStream("/policy/constraint.xml")) {
            if (in == null) {
                throw new IllegalStateException("DSS's default validation policy is not on the classpath");
            }
            ConstraintsParameters constraints = ValidationPolicyFacade.newFacade().unmarshall(in);
            relax(constraints.getSignatureConstraints() == null ? null
                    : constraints.getSignatureConstraints().getBasicSignatureConstraints());
            relax(constraints.getCounterSignatureConstraints() == null ? null
                    : constraints.getCounterSignatureConstraints().getBasicSignatureConstraints());
            relax(constraints.getTimestamp() == null ? null : constraints.getTimestamp().getBasicSignatureConstraints());
            relax(constraints.getRevocation() == null ? null
                    : constraints.getRevocation().getBasicSignatureConstraints());
            return ValidationPolicyLoader.fromValidationPolicy(new EtsiValidationPolicy(constraints))
                    .withDefaultCryptographicSuite().create();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the validation policy", e);
        }
    }

    private static void relax(BasicSignatureConstraints constraints) {
        if (constraints == null) {
            return;
        }
        relax(constraints.getSigningCertificate());
        relax(constraints.getCACertificate());
    }

    private static void relax(CertificateConstraints certificate) {
        if (certificate == null) {
            return;
        }
        warnOnly(certificate.getRevocationDataAvailable());
        warnOnly(certificate.getAcceptableRevocationDataFound());
    }

    private static void warnOnly(LevelConstraint constraint) {
        if (constraint != null && constraint.getLevel() == Level.FAIL) {
            constraint.setLevel(Level.WARN);
        }
    }

    /** A verifier trusting exactly the anchors given, fetching CRL, OCSP and AIA online with the timeout. */
    static CommonCertificateVerifier certificateVerifier(List<X509Certificate> anchors, Duration timeout) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        anchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        verifier.setTrustedCertSources(trusted);
        CommonsDataLoader loader = timed(new CommonsDataLoader(), timeout);
        verifier.setCrlSource(new OnlineCRLSource(loader));
        verifier.setOcspSource(new OnlineOCSPSource(timed(new OCSPDataLoader(), timeout)));
        verifier.setAIASource(new DefaultAIASource(loader));
        return verifier;
    }

    static <T extends CommonsDataLoader> T timed(T loader, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        loader.setTimeoutConnection(millis);
        loader.setTimeoutConnectionRequest(millis);
        loader.setTimeoutResponse(millis);
        loader.setTimeoutSocket(millis);
        return loader;
    }
}
