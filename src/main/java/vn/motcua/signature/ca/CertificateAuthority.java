package vn.motcua.signature.ca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import vn.motcua.signature.SignatureKind;

/**
 * A small certification authority (BouncyCastle): EC P-256 keys, ECDSA with SHA-256, certificates
 * for personal signatures and organisation seals marked with their ETSI QC type, and PIN-protected
 * PKCS#12 soft tokens. Used by the demo CA and by tests (which also make expired, not-yet-valid and
 * untrusted certificates with it).
 */
public final class CertificateAuthority {

    /** ETSI EN 319 412-5 QcStatement "QcType" and its values. */
    static final ASN1ObjectIdentifier QC_TYPE = new ASN1ObjectIdentifier("0.4.0.1862.1.6");
    static final ASN1ObjectIdentifier QCT_ESIGN = new ASN1ObjectIdentifier("0.4.0.1862.1.6.1");
    static final ASN1ObjectIdentifier QCT_ESEAL = new ASN1ObjectIdentifier("0.4.0.1862.1.6.2");

    /** What a certificate is for. */
    public enum Purpose { PERSONAL, SEAL, TIMESTAMPING }

    /** A CA: its key and certificate. */
    public record Issuer(PrivateKey key, X509Certificate certificate) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateAuthority() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subject DN: CN, OU and O (any may be null), C=VN. */
    public static X500Name subject(String commonName, String unit, String organisation) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN");
        if (organisation != null) {
            name.addRDN(BCStyle.O, organisation);
        }
        if (unit != null) {
            name.addRDN(BCStyle.OU, unit);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed root CA. */
    public static Issuer createRoot(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Name name = subject(commonName, null, "motcua");
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issuer(keys.getPrivate(), sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the root CA", e);
        }
    }

    /** A certificate for {@code subjectKey}, issued by {@code issuer}, valid from–to as given. */
    public static X509Certificate issue(Issuer issuer, PublicKey subjectKey, X500Name subject, Purpose purpose,
            Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuer.certificate()));
            switch (purpose) {
                case PERSONAL, SEAL -> {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    ASN1ObjectIdentifier type = purpose == Purpose.SEAL ? QCT_ESEAL : QCT_ESIGN;
                    builder.addExtension(Extension.qCStatements, false,
                            new DERSequence(new QCStatement(QC_TYPE, new DERSequence(type))));
                }
                case TIMESTAMPING -> {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
            }
            return sign(builder, issuer.key());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /**
     * The kind a certificate was issued for, from its QC type: {@code eseal} → seal, {@code esign} →
     * personal; without a QC type, personal.
     */
    public static SignatureKind kindOf(X509Certificate certificate) {
        return qcKind(certificate).orElse(SignatureKind.PERSONAL);
    }

    /** The kind the certificate's QC type (ETSI EN 319 412-5) names, if it has one. */
    public static Optional<SignatureKind> qcKind(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.qCStatements.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            ASN1Sequence statements = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (ASN1Encodable element : statements) {
                QCStatement statement = QCStatement.getInstance(element);
                if (QC_TYPE.equals(statement.getStatementId()) && statement.getStatementInfo() != null) {
                    for (ASN1Encodable type : ASN1Sequence.getInstance(statement.getStatementInfo())) {
                        if (QCT_ESEAL.equals(type)) {
                            return Optional.of(SignatureKind.SEAL);
                        }
                        if (QCT_ESIGN.equals(type)) {
                            return Optional.of(SignatureKind.PERSONAL);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A PKCS#12 soft token holding the key and its chain, protected by the PIN. */
    public static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] pin) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, pin, chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, pin);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the PKCS#12 token", e);
        }
    }

    /**
     * Opens a PKCS#12 soft token with its PIN.
     *
     * @throws WrongPinException when the PIN does not open it
     */
    public static KeyStore.PrivateKeyEntry open(byte[] pkcs12, char[] pin) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), pin);
            return (KeyStore.PrivateKeyEntry) store.getEntry(ALIAS, new KeyStore.PasswordProtection(pin));
        } catch (IOException e) {
            // The JDK reports a wrong password as an IOException caused by an UnrecoverableKeyException.
            throw new WrongPinException();
        } catch (GeneralSecurityException e) {
            throw new WrongPinException();
        }
    }

    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PIN did not open the soft token. */
    public static final class WrongPinException extends RuntimeException {
        WrongPinException() {
            super("wrong PIN");
        }
    }

    static final String ALIAS = "signing";

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
