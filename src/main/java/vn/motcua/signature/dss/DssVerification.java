package vn.motcua.signature.dss;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestMatcher;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;

/** Verifies a signed PDF with DSS against the current trust anchors. */
@Component
public class DssVerification {

    private final TrustAnchors trustAnchors;
    private final SignatureSettings settings;
    private final ValidationPolicy policy = DssSupport.policy();

    public DssVerification(TrustAnchors trustAnchors, SignatureSettings settings) {
        this.trustAnchors = trustAnchors;
        this.settings = settings;
    }

    /**
     * @param registeredKind the kind a certificate (SHA-256 hex) was registered with, for certificates
     *                       without a QC type
     */
    public VerificationReport verify(byte[] pdf, Function<String, Optional<SignatureKind>> registeredKind) {
        return verify(pdf, trustAnchors.current(), registeredKind);
    }

    /** Verification against the anchors given (tests use other CAs). */
    public VerificationReport verify(byte[] pdf, List<X509Certificate> anchors,
            Function<String, Optional<SignatureKind>> registeredKind) {
        if (!looksLikePdf(pdf)) {
            throw new SignatureException(SignatureException.Reason.NOT_A_PDF,
                    "the file is not a PDF (it does not start with %PDF-)");
        }
        DSSDocument document = new InMemoryDocument(pdf, "document.pdf", MimeTypeEnum.PDF);
        Reports reports;
        try {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(document);
            validator.setCertificateVerifier(DssSupport.certificateVerifier(anchors, settings.getOnlineTimeout()));
            validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
            validator.setLocale(Locale.ENGLISH);
            reports = validator.validateDocument(policy);
        } catch (RuntimeException e) {
            throw new SignatureException(SignatureException.Reason.NOT_A_PDF,
                    "the file cannot be read as a PDF: " + e.getMessage(), e);
        }
        SimpleReport simple = reports.getSimpleReport();
        if (simple.getSignatureIdList().isEmpty()) {
            throw new SignatureException(SignatureException.Reason.NO_SIGNATURE, "the PDF carries no signature");
        }
        DiagnosticData diagnostic = reports.getDiagnosticData();
        List<VerifiedSignature> signatures = new ArrayList<>();
        List<SignatureWrapper> wrappers = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            SignatureWrapper wrapper = diagnostic.getSignatureById(id);
            if (wrapper != null) {
                wrappers.add(wrapper);
            }
        }
        // Document order: a later signature covers more of the file.
        wrappers.sort(Comparator.comparing(DssVerification::coveredUpTo));
        for (SignatureWrapper wrapper : wrappers) {
            signatures.add(signature(wrapper, simple, registeredKind));
        }
        return new VerificationReport(Instant.now(), List.copyOf(signatures), reports.getXmlSimpleReport());
    }

    private static VerifiedSignature signature(SignatureWrapper wrapper, SimpleReport simple,
            Function<String, Optional<SignatureKind>> registeredKind) {
        String id = wrapper.getId();
        CertificateWrapper certificate = wrapper.getSigningCertificate();
        X509Certificate x509 = certificate == null || certificate.getBinaries() == null ? null
                : CertificateAuthority.certificate(certificate.getBinaries());
        String sha256 = x509 == null ? null : CredentialStore.sha256(CertificateAuthority.der(x509));

        Instant timestampTime = null;
        for (XmlTimestamp timestamp : simple.getSignatureTimestamps(id)) {
            if (timestamp.getIndication() == Indication.PASSED && timestamp.getProductionTime() != null) {
                Instant time = timestamp.getProductionTime().toInstant();
                timestampTime = timestampTime == null || time.isBefore(timestampTime) ? time : timestampTime;
            }
        }
        Date claimed = wrapper.getClaimedSigningTime();
        Instant signingTime = timestampTime != null ? timestampTime : claimed == null ? null : claimed.toInstant();

        boolean intact = wrapper.isSignatureIntact() && wrapper.isSignatureValid()
                && !wrapper.getDigestMatchers().isEmpty()
                && wrapper.getDigestMatchers().stream().allMatch(XmlDigestMatcher::isDataIntact);
        boolean validAtSigningTime = certificate != null && signingTime != null
                && !signingTime.isBefore(certificate.getNotBefore().toInstant())
                && !signingTime.isAfter(certificate.getNotAfter().toInstant());
        SignatureKind kind = x509 == null ? SignatureKind.PERSONAL
                : CertificateAuthority.qcKind(x509)
                        .or(() -> registeredKind.apply(sha256)).orElse(SignatureKind.PERSONAL);
        Indication indication = simple.getIndication(id);
        SubIndication subIndication = simple.getSubIndication(id);
        return new VerifiedSignature(id,
                certificate == null ? null : certificate.getCommonName(),
                certificate == null ? null : certificate.getCertificateDN(),
                certificate == null ? null : certificate.getOrganizationName(),
                certificate == null ? null : certificate.getOrganizationalUnit(),
                kind, signingTime, timestampTime != null, intact, wrapper.isTrustedChain(), validAtSigningTime,
                indication == null ? null : indication.name(), subIndication == null ? null : subIndication.name(),
                sha256, messages(simple.getAdESValidationErrors(id)), messages(simple.getAdESValidationWarnings(id)));
    }

    private static BigInteger coveredUpTo(SignatureWrapper wrapper) {
        if (wrapper.getPDFRevision() == null || wrapper.getPDFRevision().getSignatureByteRange().size() < 4) {
            return BigInteger.ZERO;
        }
        List<BigInteger> range = wrapper.getPDFRevision().getSignatureByteRange();
        return range.get(2).add(range.get(3));
    }

    private static List<String> messages(List<Message> messages) {
        return messages == null ? List.of() : messages.stream().map(Message::getValue).toList();
    }

    /** A PDF starts with {@code %PDF-} (within its first kilobyte, as readers allow). */
    public static boolean looksLikePdf(byte[] bytes) {
        if (bytes == null || bytes.length < 8) {
            return false;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }
}
