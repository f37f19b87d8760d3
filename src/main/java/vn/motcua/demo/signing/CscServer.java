package vn.motcua.demo.signing;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.springframework.http.HttpStatus;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.ca.StoredCredential;
import vn.motcua.signature.config.SignatureSettings;

/**
 * The built-in soft tokens behind the Cloud Signature Consortium API v2 (the logic of
 * {@link CscServerController}). Who may use a credential: its owner for a personal one, the unit's
 * records clerks for a seal (callers logged in with HTTP Basic); or a trusted OAuth2 client acting
 * for the {@code userID} it names, who must be the credential's owner. Every signing needs the
 * owner's PIN at {@code credentials/authorize}, which answers a single-use, short-lived SAD bound
 * to the credential and the hashes.
 */
public class CscServer {

    /** Who calls: a logged-in user, or an OAuth2 client acting for {@code userID}. */
    public record Caller(String user, String client) {
        public static Caller user(String user) {
            return new Caller(user, null);
        }

        public static Caller client(String client) {
            return new Caller(null, client);
        }

        String name() {
            return user != null ? user : "client:" + client;
        }
    }

    private final CredentialStore credentials;
    private final SadStore sads;
    private final SignatureSettings settings;
    private final PinAttempts pinAttempts;
    /** (user, unit) → may that user apply the unit's seal. */
    private final BiPredicate<String, String> sealUser;

    public CscServer(CredentialStore credentials, SadStore sads, SignatureSettings settings,
            PinAttempts pinAttempts, BiPredicate<String, String> sealUser) {
        this.credentials = credentials;
        this.sads = sads;
        this.settings = settings;
        this.pinAttempts = pinAttempts;
        this.sealUser = sealUser;
    }

    public Map<String, Object> info(String baseUrl) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("specs", "2.0.0.2");
        info.put("name", "motcua soft-token signing service");
        info.put("logo", "");
        info.put("region", "VN");
        info.put("lang", "en-US");
        info.put("description", "Demo CA soft tokens of motcua behind the CSC API v2");
        info.put("authType", List.of("basic", "oauth2client"));
        info.put("oauth2", baseUrl);
        info.put("methods", List.of("oauth2/token", "credentials/list", "credentials/info", "credentials/authorize",
                "signatures/signHash"));
        return info;
    }

    public Map<String, Object> list(Caller caller, Map<String, Object> request) {
        String userId = text(request, "userID");
        List<StoredCredential> visible;
        if (caller.client() != null) {
            if (userId == null) {
                throw CscError.badRequest("missing userID: a client acting for a user names the user");
            }
            visible = credentials.ofOwner(userId);
        } else {
            if (userId != null && !userId.equals(caller.user())) {
                throw new CscError(HttpStatus.FORBIDDEN, "access_denied",
                        "a user may list only their own credentials");
            }
            visible = credentials.all().stream().filter(c -> mayUse(caller, c, null)).toList();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("credentialIDs", visible.stream().map(StoredCredential::credentialId).toList());
        if (bool(request, "credentialInfo")) {
            List<Map<String, Object>> infos = new ArrayList<>();
            for (StoredCredential credential : visible) {
                Map<String, Object> info = describe(credential, text(request, "certificates"));
                info.put("credentialID", credential.credentialId());
                infos.add(info);
            }
            answer.put("credentialInfos", infos);
        }
        return answer;
    }

    public Map<String, Object> credentialInfo(Caller caller, Map<String, Object> request) {
        StoredCredential credential = usable(caller, request);
        return describe(credential, text(request, "certificates"));
    }

    public Map<String, Object> authorize(Caller caller, Map<String, Object> request) {
        StoredCredential credential = usable(caller, request);
        List<String> hashes = strings(request, "hashes");
        int numSignatures = request.get("numSignatures") instanceof Number n ? n.intValue() : hashes.size();
        if (hashes.isEmpty()) {
            throw CscError.badRequest("missing hashes: this service authorises the signing of given hashes only");
        }
        if (numSignatures < 1 || numSignatures != hashes.size()) {
            throw CscError.badRequest("numSignatures must equal the number of hashes");
        }
        for (String hash : hashes) {
            decode(hash, "hashes");
        }
        String pin = pin(request);
        if (pin == null || pin.isEmpty()) {
            throw CscError.badRequest("missing PIN: give it in authData [{\"id\":\"PIN\",\"value\":…}]");
        }
        String actor = caller.client() == null ? caller.name() : caller.name() + " for " + text(request, "userID");
        PinAttempts.Attempt attempt;
        try {
            attempt = pinAttempts.begin(credential.credentialId(), actor);
        } catch (PinAttempts.Locked e) {
            throw CscError.locked(e.getMessage(), e.retryAfter());
        }
        try {
            CertificateAuthority.open(credential.pkcs12(), pin.toCharArray());
        } catch (CertificateAuthority.WrongPinException e) {
            int left;
            try {
                left = pinAttempts.failed(attempt);
            } catch (PinAttempts.Locked locked) {
                throw CscError.locked("invalid PIN; " + locked.getMessage(), locked.retryAfter());
            }
            throw CscError.badRequest("invalid PIN for credential " + credential.credentialId() + " (" + left
                    + (left == 1 ? " attempt" : " attempts") + " left before it locks)");
        }
        try {
            pinAttempts.succeeded(attempt);
        } catch (PinAttempts.Locked e) {
            throw CscError.locked(e.getMessage(), e.retryAfter());
        }
        sads.purgeExpired();
        String sad = sads.create(credential.credentialId(), hashes, numSignatures, pin.toCharArray(), caller.name(),
                settings.getCscServer().getSadLifetime());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("SAD", sad);
        answer.put("expiresIn", settings.getCscServer().getSadLifetime().toSeconds());
        return answer;
    }

    public Map<String, Object> signHash(Caller caller, Map<String, Object> request) {
        StoredCredential credential = usable(caller, request);
        List<String> hashes = strings(request, "hashes");
        String signAlgo = text(request, "signAlgo");
        if (signAlgo == null) {
            throw CscError.badRequest("missing signAlgo");
        }
        SignatureAlgorithm algorithm = algorithm(signAlgo, text(request, "hashAlgorithmOID"));
        SadStore.Grant grant = sads.consume(text(request, "SAD"), credential.credentialId(), hashes);
        KeyStore.PrivateKeyEntry key = CertificateAuthority.open(credential.pkcs12(), grant.pin());
        List<String> signatures = new ArrayList<>();
        for (String hash : hashes) {
            signatures.add(Base64.getEncoder().encodeToString(sign(key, algorithm, decode(hash, "hashes"))));
        }
        return Map.of("signatures", signatures);
    }

    /**
     * The algorithm from CSC's {@code signAlgo}: a signature algorithm OID (e.g. ecdsa-with-SHA256), or
     * a key algorithm OID (ecPublicKey, rsaEncryption) with {@code hashAlgorithmOID}.
     */
    private static SignatureAlgorithm algorithm(String signAlgo, String hashAlgorithmOid) {
        EncryptionAlgorithm encryption = switch (signAlgo) {
            case "1.2.840.10045.2.1" -> EncryptionAlgorithm.ECDSA;
            case "1.2.840.113549.1.1.1" -> EncryptionAlgorithm.RSA;
            default -> null;
        };
        try {
            if (encryption != null) {
                if (hashAlgorithmOid == null) {
                    throw CscError.badRequest("hashAlgorithmOID is required with signAlgo " + signAlgo);
                }
                return SignatureAlgorithm.getAlgorithm(encryption, DigestAlgorithm.forOID(hashAlgorithmOid));
            }
            SignatureAlgorithm algorithm = SignatureAlgorithm.forOID(signAlgo);
            if (algorithm.getEncryptionAlgorithm() != EncryptionAlgorithm.ECDSA
                    && algorithm.getEncryptionAlgorithm() != EncryptionAlgorithm.RSA
                    || algorithm.getDigestAlgorithm() == null) {
                throw CscError.badRequest("unsupported signAlgo " + signAlgo + ": ECDSA or RSA (PKCS#1 v1.5) only");
            }
            return algorithm;
        } catch (CscError e) {
            throw e;
        } catch (RuntimeException e) {
            throw CscError.badRequest("unsupported signAlgo " + signAlgo
                    + (hashAlgorithmOid == null ? "" : " / hashAlgorithmOID " + hashAlgorithmOid));
        }
    }

    private static byte[] sign(KeyStore.PrivateKeyEntry key, SignatureAlgorithm algorithm, byte[] hash) {
        if (hash.length * 8 != digestBits(algorithm.getDigestAlgorithm())) {
            throw CscError.badRequest("a hash has the wrong length for " + algorithm.getDigestAlgorithm().getName());
        }
        try {
            String keyAlgorithm = key.getPrivateKey().getAlgorithm();
            if (algorithm.getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA) {
                if (!keyAlgorithm.startsWith("EC")) {
                    throw CscError.badRequest("signAlgo does not fit the credential's " + keyAlgorithm + " key");
                }
                Signature signature = Signature.getInstance("NONEwithECDSA");
                signature.initSign(key.getPrivateKey());
                signature.update(hash);
                return signature.sign();
            }
            if (!"RSA".equals(keyAlgorithm)) {
                throw CscError.badRequest("signAlgo does not fit the credential's " + keyAlgorithm + " key");
            }
            Signature signature = Signature.getInstance("NONEwithRSA");
            signature.initSign(key.getPrivateKey());
            signature.update(new DigestInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(
                    algorithm.getDigestAlgorithm().getOid()), DERNull.INSTANCE), hash).getEncoded());
            return signature.sign();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CscError(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "signing failed");
        }
    }

    private static int digestBits(DigestAlgorithm algorithm) {
        try {
            return java.security.MessageDigest.getInstance(algorithm.getJavaName()).getDigestLength() * 8;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private StoredCredential usable(Caller caller, Map<String, Object> request) {
        String credentialId = text(request, "credentialID");
        if (credentialId == null) {
            throw CscError.badRequest("missing credentialID");
        }
        StoredCredential credential = credentials.find(credentialId).filter(c -> !"ca".equals(c.kind()))
                .orElseThrow(() -> CscError.badRequest("invalid credentialID: no such credential"));
        if (!mayUse(caller, credential, text(request, "userID"))) {
            // Same answer as for an unknown credential: do not tell who owns what.
            throw CscError.badRequest("invalid credentialID: no such credential");
        }
        return credential;
    }

    private boolean mayUse(Caller caller, StoredCredential credential, String userId) {
        if (caller.client() != null) {
            return userId != null && userId.equals(credential.owner());
        }
        if (SignatureKind.PERSONAL.id().equals(credential.kind())) {
            return credential.owner().equals(caller.user());
        }
        return SignatureKind.SEAL.id().equals(credential.kind()) && sealUser.test(caller.user(), credential.owner());
    }

    private Map<String, Object> describe(StoredCredential credential, String certificates) {
        X509Certificate certificate = credential.x509();
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("status", "enabled");
        boolean ec = certificate.getPublicKey().getAlgorithm().startsWith("EC");
        key.put("algo", ec ? List.of(SignatureAlgorithm.ECDSA_SHA256.getOid(), "1.2.840.10045.2.1")
                : List.of(SignatureAlgorithm.RSA_SHA256.getOid(), "1.2.840.113549.1.1.1"));
        key.put("len", certificate.getPublicKey() instanceof java.security.interfaces.RSAPublicKey rsa
                ? rsa.getModulus().bitLength()
                : certificate.getPublicKey() instanceof java.security.interfaces.ECPublicKey e
                        ? e.getParams().getOrder().bitLength() : 0);
        if (ec) {
            key.put("curve", "1.2.840.10045.3.1.7");
        }
        Map<String, Object> cert = new LinkedHashMap<>();
        cert.put("status", certificate.getNotAfter().toInstant().isBefore(java.time.Instant.now()) ? "expired" : "valid");
        List<String> chain = new ArrayList<>();
        if (!"none".equals(certificates)) {
            chain.add(b64(certificate));
            if (certificates == null || "chain".equals(certificates)) {
                // The chain is in the token: the signing certificate, then its issuers.
                chainOf(credential).stream().skip(1).forEach(issuer -> chain.add(b64(issuer)));
            }
        }
        cert.put("certificates", chain);
        cert.put("issuerDN", certificate.getIssuerX500Principal().getName());
        cert.put("serialNumber", certificate.getSerialNumber().toString(16));
        cert.put("subjectDN", certificate.getSubjectX500Principal().getName());
        cert.put("validFrom", GENERALIZED.format(certificate.getNotBefore().toInstant()));
        cert.put("validTo", GENERALIZED.format(certificate.getNotAfter().toInstant()));
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("mode", "explicit");
        auth.put("expression", "PIN");
        auth.put("objects", List.of(Map.of("type", "Password", "id", "PIN", "format", "N", "label", "PIN",
                "description", "The PIN of the signing key")));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", credential.kind() + " credential of " + credential.owner());
        info.put("signatureQualifier", SignatureKind.SEAL.id().equals(credential.kind()) ? "eu_eidas_aeseal"
                : "eu_eidas_aes");
        info.put("key", key);
        info.put("cert", cert);
        info.put("auth", auth);
        info.put("SCAL", "2");
        info.put("multisign", 1);
        info.put("lang", "en-US");
        return info;
    }

    private List<X509Certificate> chainOf(StoredCredential credential) {
        // The chain is readable without the PIN: PKCS#12 certificates are not key-protected here,
        // but Java requires the store password, so the chain is rebuilt from the stored CA instead.
        List<X509Certificate> chain = new ArrayList<>(List.of(credential.x509()));
        credentials.find(DemoCa.ROOT_ID).map(StoredCredential::x509)
                .filter(root -> root.getSubjectX500Principal().equals(credential.x509().getIssuerX500Principal()))
                .ifPresent(chain::add);
        return chain;
    }

    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static String b64(Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CscError.badRequest("invalid " + field + ": not base64");
        }
    }

    /** The PIN from CSC v2's {@code authData} (id PIN), or v1's {@code PIN} field. */
    private static String pin(Map<String, Object> request) {
        if (request.get("authData") instanceof List<?> authData) {
            for (Object item : authData) {
                if (item instanceof Map<?, ?> entry && "PIN".equalsIgnoreCase(String.valueOf(entry.get("id")))
                        && entry.get("value") != null) {
                    return String.valueOf(entry.get("value"));
                }
            }
        }
        return text(request, "PIN");
    }

    static String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static boolean bool(Map<String, Object> request, String field) {
        Object value = request.get(field);
        return value instanceof Boolean b ? b : "true".equals(String.valueOf(value));
    }

    private static List<String> strings(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value == null) {
            throw CscError.badRequest("missing " + field);
        }
        throw CscError.badRequest(field + " must be an array");
    }
}
