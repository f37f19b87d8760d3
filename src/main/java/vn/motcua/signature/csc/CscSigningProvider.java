package vn.motcua.signature.csc;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import vn.motcua.signature.SignatureException;
import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.SignatureKind;
import vn.motcua.signature.SignatureVerifier;
import vn.motcua.signature.SigningProvider;
import vn.motcua.signature.SigningRequest;
import vn.motcua.signature.VerificationReport;
import vn.motcua.signature.VerifiedSignature;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.signature.config.SignatureSettings.CscService;
import vn.motcua.signature.dss.PadesSigner;

/**
 * Remote signing through a CSC v2 service — a remote signing provider configured for the signer,
 * or by default the product's own server in front of the demo CA's soft tokens: the credential's
 * certificate chain from {@code credentials/info}, DSS computes the data to be signed, its digest
 * is authorised with the PIN ({@code credentials/authorize} → SAD) and signed
 * ({@code signatures/signHash}), and the signed PDF is verified before it is returned.
 */
@Component
public class CscSigningProvider implements SigningProvider {

    private final CscClient client;
    private final PadesSigner pades;
    private final SignatureVerifier verifier;
    private final SignatureSettings settings;

    public CscSigningProvider(CscClient client, PadesSigner pades, SignatureVerifier verifier,
            SignatureSettings settings) {
        this.client = client;
        this.pades = pades;
        this.verifier = verifier;
        this.settings = settings;
    }

    @Override
    public boolean handles(SigningRequest request) {
        return !request.isUpload();
    }

    @Override
    public byte[] sign(SigningRequest request) {
        String signer = request.signer();
        CscService service = settings.getCsc().forSigner(signer);
        CscClient.Connection connection = client.connect(service);
        CscClient.CredentialInfo credential = credential(connection, service, signer, request.kind());
        X509Certificate certificate = credential.chain().get(0);
        Optional<SignatureKind> certificateKind = CertificateAuthority.qcKind(certificate);
        if (certificateKind.isPresent() && certificateKind.get() != request.kind()) {
            throw new SignatureException(Reason.NO_CREDENTIAL, "credential " + credential.credentialId() + " of '"
                    + signer + "' is for a " + certificateKind.get().id() + " signature, not a " + request.kind().id());
        }
        String hashOid = PadesSigner.DIGEST.getOid();
        byte[] signed = pades.sign(request.pdf(), credential.chain(), request.kind(), request.appearance(), (digest, algorithm) -> {
            List<String> hashes = List.of(Base64.getEncoder().encodeToString(digest));
            String sad = client.authorize(connection, credential.credentialId(), signer, hashes, hashOid,
                    request.authorisation());
            return client.signHash(connection, credential.credentialId(), signer, sad, hashes, hashOid,
                    algorithm.getOid()).get(0);
        });
        VerificationReport report = verifier.verify(signed);
        VerifiedSignature latest = report.latest();
        if (!latest.valid()) {
            throw new SignatureException(Reason.INVALID_SIGNATURE, "the new " + latest.problem());
        }
        if (!CredentialStore.sha256(CertificateAuthority.der(certificate)).equals(latest.certificateSha256())) {
            throw new SignatureException(Reason.INVALID_SIGNATURE,
                    "the new signature is not made with the signer's certificate");
        }
        return signed;
    }

    private CscClient.CredentialInfo credential(CscClient.Connection connection, CscService service, String signer,
            SignatureKind kind) {
        if (!service.getCredentialId().isBlank()) {
            return client.info(connection, service.getCredentialId(), signer);
        }
        List<String> ids = client.listCredentials(connection, signer);
        CscClient.CredentialInfo fallback = null;
        for (String id : ids) {
            CscClient.CredentialInfo info = client.info(connection, id, signer);
            Optional<SignatureKind> certificateKind = CertificateAuthority.qcKind(info.chain().get(0));
            if (certificateKind.isPresent() && certificateKind.get() == kind) {
                return info;
            }
            if (certificateKind.isEmpty() && fallback == null) {
                fallback = info;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new SignatureException(Reason.NO_CREDENTIAL, "'" + signer + "' has no " + kind.id()
                + " signing credential at the signing service" + (ids.isEmpty() ? "" : " (credentials: " + ids + ")"));
    }
}
