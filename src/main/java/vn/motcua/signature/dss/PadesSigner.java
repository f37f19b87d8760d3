package vn.motcua.signature.dss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import vn.motcua.signature.SignatureAppearance;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.config.SignatureSettings;

/**
 * PAdES signing with DSS's external-signing flow: the data to be signed is computed here, only its
 * digest goes to the signer's key (a CSC {@code signHash}), and the signature value comes back into
 * the document. PAdES baseline B-B, or B-T when {@code motcua.signature.tsa-url} names a time-stamping
 * authority. An already signed PDF gets the new signature as an incremental update, so earlier
 * signatures stay valid.
 */
@Component
public class PadesSigner {

    /** The signing key, reached however: signs a digest with the algorithm given. */
    @FunctionalInterface
    public interface HashSigner {
        /**
         * @param digest    the digest of the data to be signed
         * @param algorithm the signature algorithm (its digest algorithm produced {@code digest})
         * @return the signature value (for ECDSA, DER-encoded)
         */
        byte[] signHash(byte[] digest, SignatureAlgorithm algorithm);
    }

    public static final DigestAlgorithm DIGEST = DigestAlgorithm.SHA256;

    private final SignatureSettings settings;

    public PadesSigner(SignatureSettings settings) {
        this.settings = settings;
    }

    /** The signature algorithm for the certificate's key with SHA-256. */
    public static SignatureAlgorithm algorithmFor(X509Certificate certificate) {
        String keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        EncryptionAlgorithm encryption = switch (keyAlgorithm) {
            case "EC", "ECDSA" -> EncryptionAlgorithm.ECDSA;
            case "RSA" -> EncryptionAlgorithm.RSA;
            default -> throw new SignatureException(SignatureException.Reason.PROVIDER_FAILED,
                    "unsupported key algorithm " + keyAlgorithm + " in the signing certificate");
        };
        return SignatureAlgorithm.getAlgorithm(encryption, DIGEST);
    }

    /**
     * Signs {@code pdf} with the key behind {@code signer}, whose certificate chain (signing
     * certificate first) is {@code chain}.
     */
    public byte[] sign(byte[] pdf, List<X509Certificate> chain, SignatureKind kind, HashSigner signer) {
        return sign(pdf, chain, kind, null, signer);
    }

    /**
     * Signs {@code pdf} visibly into the field {@code appearance} names (its appearance: who signed and when,
     * or the unit's seal), or invisibly when {@code appearance} is null.
     */
    public byte[] sign(byte[] pdf, List<X509Certificate> chain, SignatureKind kind, SignatureAppearance appearance,
            HashSigner signer) {
        DSSDocument document = new InMemoryDocument(pdf, "document.pdf", MimeTypeEnum.PDF);
        X509Certificate signingCertificate = chain.get(0);
        SignatureAlgorithm algorithm = algorithmFor(signingCertificate);

        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        boolean timestamped = !settings.getTsaUrl().isBlank();
        parameters.setSignatureLevel(timestamped ? SignatureLevel.PAdES_BASELINE_T : SignatureLevel.PAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DIGEST);
        parameters.setSigningCertificate(new CertificateToken(signingCertificate));
        parameters.setCertificateChain(chain.stream().map(CertificateToken::new).toList());
        // One signing date for getDataToSign and signDocument: both must build the same revision.
        Date signingDate = new Date();
        parameters.bLevel().setSigningDate(signingDate);
        if (appearance != null) {
            parameters.setImageParameters(Appearances.of(appearance, kind, signingDate));
        }
        parameters.setReason(kind == SignatureKind.SEAL
                ? "Đóng dấu cơ quan / Seal of the issuing unit"
                : "Ký duyệt / Approved and signed");
        parameters.setAppName("motcua");

        PAdESService service = new PAdESService(certificateVerifier());
        if (timestamped) {
            service.setTspSource(new OnlineTSPSource(settings.getTsaUrl(),
                    DssSupport.timed(new TimestampDataLoader(), settings.getOnlineTimeout())));
        }
        if (!DssVerification.looksLikePdf(pdf)) {
            throw new SignatureException(SignatureException.Reason.NOT_A_PDF,
                    "the document cannot be signed: it is not a PDF");
        }
        ToBeSigned toBeSigned;
        try {
            toBeSigned = service.getDataToSign(document, parameters);
        } catch (AlertException e) {
            // DSS refuses to sign with an expired or not yet valid certificate.
            throw new SignatureException(SignatureException.Reason.NO_CREDENTIAL,
                    "the signing certificate cannot be used: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SignatureException(SignatureException.Reason.NOT_A_PDF,
                    "the document cannot be signed: it is not a PDF this service can read (" + e.getMessage() + ")", e);
        }
        byte[] digest = DSSUtils.digest(DIGEST, toBeSigned.getBytes());
        byte[] value = signer.signHash(digest, algorithm);
        DSSDocument signed;
        try {
            signed = service.signDocument(document, parameters, new SignatureValue(algorithm, value));
        } catch (RuntimeException e) {
            throw new SignatureException(SignatureException.Reason.PROVIDER_FAILED,
                    "the signature value from the signing service does not fit the document or the certificate: "
                            + e.getMessage(), e);
        }
        return bytes(signed);
    }

    /** DSS's checks while signing; by default it refuses certificates out of their validity. */
    protected CertificateVerifier certificateVerifier() {
        return new CommonCertificateVerifier();
    }

    static byte[] bytes(DSSDocument document) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
