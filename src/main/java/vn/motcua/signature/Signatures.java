package vn.motcua.signature;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.stereotype.Service;

import vn.motcua.signature.ca.CredentialStore;

/**
 * Digital signatures of issued documents (chữ ký số): the public API of the signature feature.
 *
 * <pre>{@code
 * byte[] approved = signatures.sign(draftPdf, "leader-a", pin);          // approval: the leader's signature
 * byte[] issued   = signatures.seal(approved, "commune-a", sealPin);     // issuing: the unit's seal over it
 * byte[] uploaded = signatures.acceptUpload(draftPdf, signedPdf, "leader-a", SignatureKind.PERSONAL);
 * VerificationReport report = verifier.verify(issued);                   // see SignatureVerifier
 * }</pre>
 *
 * <ul>
 * <li>{@link #sign(byte[], String, String, SignatureKind)} signs through the signer's CSC v2 service
 * ({@code motcua.signature.csc.users.<signer>}, else the default one, which without a base URL is the
 * product's own CSC server over the demo CA's soft tokens). PAdES baseline B-B, or B-T with
 * {@code motcua.signature.tsa-url}. A PDF that is already signed keeps its signatures valid (the new
 * one is an incremental update). The result has been verified.</li>
 * <li>{@link #acceptUpload} takes a PDF signed with the signer's own tools and accepts it only if it
 * verifies, is signed by the signer, and extends the draft.</li>
 * <li>Refusals are {@link SignatureException}s with a {@link SignatureException.Reason} and a clear
 * message: a wrong PIN, a replayed authorisation, no credential, an invalid or foreign signature.</li>
 * </ul>
 * Who may sign or seal is the caller's business (the task's candidate group): this API only
 * checks the PIN, which the signing service checks against the signer's key.
 */
@Service
public class Signatures {

    /** The ways of getting a PDF signed: the remote CSC service, the signer's own upload. */
    private final List<SigningProvider> providers;
    private final CredentialStore credentials;
    private final SignatureVerifier verifier;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    Signatures(List<SigningProvider> providers, CredentialStore credentials, SignatureVerifier verifier,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.providers = List.copyOf(providers);
        this.credentials = credentials;
        this.verifier = verifier;
        this.meters = meters;
        // the series exist from the start (at zero), so a dashboard and an alert see "none yet", not "no data"
        for (SignatureKind kind : SignatureKind.values()) {
            for (String way : List.of("remote", "upload")) {
                timer(kind, way, "signed");
            }
        }
    }

    private io.micrometer.core.instrument.Timer timer(SignatureKind kind, String way, String outcome) {
        return io.micrometer.core.instrument.Timer.builder("motcua.signatures")
                .description("Signing an issued document (a leader's signature or a unit's seal)")
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .tag("way", way)
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The leader's (any user's) personal signature. */
    public byte[] sign(byte[] pdf, String userId, String pin) {
        return sign(pdf, userId, pin, SignatureKind.PERSONAL);
    }

    /** The unit's organisation seal (con dấu số), with the seal's PIN. */
    public byte[] seal(byte[] pdf, String unit, String pin) {
        return sign(pdf, unit, pin, SignatureKind.SEAL);
    }

    /**
     * Signs the PDF as {@code signer} (a user id, or a unit id for a seal), authorised by the PIN.
     *
     * @return the signed PDF, verified
     */
    public byte[] sign(byte[] pdf, String signer, String pin, SignatureKind kind) {
        return sign(SigningRequest.remote(pdf, signer, kind, pin));
    }

    /**
     * Accepts a PDF the signer signed elsewhere over {@code draft} (null: no draft to compare with).
     *
     * @return the signed PDF, as uploaded
     */
    public byte[] acceptUpload(byte[] draft, byte[] signedPdf, String signer, SignatureKind kind) {
        return sign(SigningRequest.upload(draft, signer, kind, signedPdf));
    }

    /** Either way, by the request. */
    public byte[] sign(SigningRequest request) {
        if (request.signer() == null || request.signer().isBlank()) {
            throw new IllegalArgumentException("signer is required");
        }
        if (request.kind() == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (!request.isUpload() && request.pdf() == null) {
            throw new IllegalArgumentException("pdf is required");
        }
        // latency and outcome for operators (docs/operations.md): a slow or failing signing service shows here
        long start = System.nanoTime();
        String outcome = "error";
        try {
            SigningProvider provider = providers.stream().filter(way -> way.handles(request)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no way of signing " + (request.isUpload()
                            ? "an upload" : "remotely") + " is configured"));
            byte[] signed = provider.sign(request);
            outcome = "signed";
            return signed;
        } catch (SignatureException refused) {
            outcome = refused.reason().name().toLowerCase(java.util.Locale.ROOT);
            throw refused;
        } finally {
            timer(request.kind(), request.isUpload() ? "upload" : "remote", outcome)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Registers a certificate (DER or PEM) as the signer's, e.g. a leader's USB token: signatures
     * made with it count as theirs whatever its subject says.
     */
    public void registerCertificate(String signer, SignatureKind kind, byte[] certificate, String registeredBy) {
        X509Certificate x509;
        try {
            x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an X.509 certificate (DER or PEM)", e);
        }
        credentials.register(signer, kind, x509, registeredBy);
        verifier.forgetReports(); // a signature by this certificate now counts as the signer's
    }
}
