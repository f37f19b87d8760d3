package vn.motcua.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.signature.SignatureTestKit.pdf;
import static vn.motcua.signature.SignatureTestKit.signer;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sun.net.httpserver.HttpServer;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.SignatureTestKit.TestSigner;
import vn.motcua.signature.ca.CertificateAuthority;
import vn.motcua.signature.ca.CertificateAuthority.Issuer;
import vn.motcua.signature.ca.CertificateAuthority.Purpose;
import vn.motcua.signature.ca.CredentialStore;
import vn.motcua.signature.ca.StoredCredential;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.signature.dss.DssVerification;
import vn.motcua.signature.dss.PadesSigner;
import vn.motcua.signature.dss.TrustAnchors;
import vn.motcua.support.RequiredTool;

/**
 * PAdES signing and verification with DSS, without Spring: a test CA trusted through the database
 * (as the demo root is), keys that sign locally. The happy path (leader signs, unit seals over it)
 * and the attacks: a changed byte, another signer, expired and not-yet-valid certificates, an
 * untrusted CA, no signature, not a PDF.
 */
class PadesSignatureTest {

    static Issuer ca;
    static Issuer foreignCa;
    static TestSigner leaderA;
    static TestSigner leaderB;
    static TestSigner sealA;
    static SignatureSettings settings;
    static CredentialStore store;
    static SignatureVerifier verifier;
    static PadesSigner pades;

    @BeforeAll
    static void setUp() {
        ca = SignatureTestKit.root("Test Root CA");
        foreignCa = SignatureTestKit.root("Someone Else's CA");
        leaderA = signer(ca, "leader-a", "commune-a", Purpose.PERSONAL);
        leaderB = signer(ca, "leader-b", "commune-b", Purpose.PERSONAL);
        sealA = signer(ca, "commune-a", "commune-a", Purpose.SEAL);
        JdbcClient db = SignatureTestKit.database();
        store = new CredentialStore(db);
        // The test root is trusted the way the demo root is: a CA row in signature_credential.
        store.insertIfAbsent(new StoredCredential("test-root", "test", "ca", null, "CN=Test Root CA",
                CertificateAuthority.der(ca.certificate()), new byte[] {0}, Instant.now(), Instant.now(), Instant.now()));
        settings = new SignatureSettings();
        verifier = new SignatureVerifier(new DssVerification(new TrustAnchors(db, settings), settings), store,
                settings.getVerificationCacheTtl());
        pades = new PadesSigner(settings);
    }

    static byte[] sign(byte[] pdf, TestSigner signer, SignatureKind kind) {
        return pades.sign(pdf, signer.chain(), kind, signer.hashSigner());
    }

    /** As an attacker's tool would: signs with whatever certificate, however out of date. */
    static byte[] signAnyway(byte[] pdf, TestSigner signer) {
        PadesSigner lenient = new PadesSigner(settings) {
            @Override
            protected CertificateVerifier certificateVerifier() {
                CommonCertificateVerifier verifier = new CommonCertificateVerifier();
                verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
                verifier.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());
                return verifier;
            }
        };
        return lenient.sign(pdf, signer.chain(), SignatureKind.PERSONAL, signer.hashSigner());
    }

    @Test
    void leaderSignsThenTheUnitSealsOverItAndBothStayValid() {
        byte[] draft = pdf("Giay khai sinh / Birth certificate 0001");
        byte[] approved = sign(draft, leaderA, SignatureKind.PERSONAL);
        byte[] issued = sign(approved, sealA, SignatureKind.SEAL);

        // The seal is an incremental update: the signed revision is untouched.
        assertThat(issued.length).isGreaterThan(approved.length);
        assertThat(java.util.Arrays.equals(issued, 0, approved.length, approved, 0, approved.length)).isTrue();

        VerificationReport report = verifier.verify(issued);
        assertThat(report.signatures()).hasSize(2);
        assertThat(report.allValid()).as("%s", report.signatures()).isTrue();
        VerifiedSignature first = report.signatures().get(0);
        VerifiedSignature second = report.signatures().get(1);
        assertThat(first.signerName()).isEqualTo("leader-a");
        assertThat(first.kind()).isEqualTo(SignatureKind.PERSONAL);
        assertThat(first.organisationalUnit()).isEqualTo("commune-a");
        assertThat(second.signerName()).isEqualTo("commune-a");
        assertThat(second.kind()).isEqualTo(SignatureKind.SEAL);
        for (VerifiedSignature signature : report.signatures()) {
            assertThat(signature.intact()).isTrue();
            assertThat(signature.trusted()).isTrue();
            assertThat(signature.validAtSigningTime()).isTrue();
            assertThat(signature.indication()).isEqualTo("TOTAL_PASSED");
            assertThat(signature.subIndication()).isNull();
            assertThat(signature.timestamped()).isFalse();
            assertThat(signature.signingTime()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        }
        assertThat(report.simpleReportXml()).contains("SimpleReport", "TOTAL_PASSED");

        assertThat(verifier.expectSigner(report, "leader-a").signerName()).isEqualTo("leader-a");
        assertThat(verifier.expectSigner(report, "commune-a", SignatureKind.SEAL).kind()).isEqualTo(SignatureKind.SEAL);
    }

    @Test
    void aByteChangedAfterSigningIsRefused() {
        byte[] signed = sign(pdf("Quyet dinh so 12/QD-UBND"), leaderA, SignatureKind.PERSONAL);
        byte[] tampered = signed.clone();
        String text = new String(tampered, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/MediaBox");
        assertThat(at).isPositive();
        tampered[at + 1] = (byte) 'N';   // /MediaBox → /NediaBox, inside the signed byte range

        VerificationReport report = verifier.verify(tampered);
        VerifiedSignature signature = report.latest();
        assertThat(signature.intact()).isFalse();
        assertThat(signature.valid()).isFalse();
        assertThat(signature.indication()).isEqualTo("TOTAL_FAILED");
        assertThat(signature.subIndication()).isEqualTo("HASH_FAILURE");
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-a"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessageContaining("changed after signing");
    }

    @Test
    void aSignatureBySomeoneElseIsRefused() {
        byte[] signed = sign(pdf("Giay phep xay dung"), leaderB, SignatureKind.PERSONAL);
        VerificationReport report = verifier.verify(signed);
        assertThat(report.allValid()).isTrue();
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-a"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_SIGNER))
                .hasMessageContaining("by 'leader-b'").hasMessageContaining("not by the expected signer 'leader-a'");
        // A personal signature is no seal, even by the right name.
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-b", SignatureKind.SEAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_SIGNER))
                .hasMessageContaining("no organisation seal");
    }

    @Test
    void aRegisteredCertificateCountsAsItsOwnersWhateverItsName() {
        TestSigner token = signer(ca, "NGUYEN VAN A", null, Purpose.PERSONAL);
        byte[] signed = sign(pdf("Ky bang USB token"), token, SignatureKind.PERSONAL);
        VerificationReport before = verifier.verify(signed);
        assertThatThrownBy(() -> verifier.expectSigner(before, "leader-a")).isInstanceOf(SignatureException.class);
        store.register("leader-a", SignatureKind.PERSONAL, token.certificate(), "admin");
        assertThat(verifier.verify(signed)).as("the same bytes again: the cached report").isSameAs(before);
        verifier.forgetReports(); // as Signatures.registerCertificate does
        assertThat(verifier.expectSigner(verifier.verify(signed), "leader-a").signerName()).isEqualTo("NGUYEN VAN A");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestSigner expired = signer(ca, "leader-a", "commune-a", Purpose.PERSONAL,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        // The product itself does not sign with it …
        assertThatThrownBy(() -> sign(pdf("Het han"), expired, SignatureKind.PERSONAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIAL))
                .hasMessageContaining("signing certificate cannot be used").hasMessageContaining("expired");
        // … and a PDF signed with it elsewhere is refused.
        VerificationReport report = verifier.verify(signAnyway(pdf("Het han"), expired));
        VerifiedSignature signature = report.latest();
        assertThat(signature.intact()).isTrue();
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.validAtSigningTime()).isFalse();
        assertThat(signature.valid()).isFalse();
        assertThat(signature.indication()).isNotEqualTo("TOTAL_PASSED");
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-a"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessageContaining("not valid at the signing time");
    }

    @Test
    void aNotYetValidCertificateIsRefused() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestSigner early = signer(ca, "leader-a", "commune-a", Purpose.PERSONAL,
                now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400)));
        assertThatThrownBy(() -> sign(pdf("Chua hieu luc"), early, SignatureKind.PERSONAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIAL))
                .hasMessageContaining("not yet valid");
        VerificationReport report = verifier.verify(signAnyway(pdf("Chua hieu luc"), early));
        VerifiedSignature signature = report.latest();
        assertThat(signature.validAtSigningTime()).isFalse();
        assertThat(signature.valid()).isFalse();
        assertThat(signature.indication()).isNotEqualTo("TOTAL_PASSED");
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-a"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessageContaining("not valid at the signing time");
    }

    @Test
    void aCertificateOfAnUntrustedCaIsRefused() {
        TestSigner impostor = signer(foreignCa, "leader-a", "commune-a", Purpose.PERSONAL);
        VerificationReport report = verifier.verify(sign(pdf("Gia mao"), impostor, SignatureKind.PERSONAL));
        VerifiedSignature signature = report.latest();
        assertThat(signature.intact()).isTrue();
        assertThat(signature.trusted()).isFalse();
        assertThat(signature.valid()).isFalse();
        assertThat(signature.indication()).isEqualTo("INDETERMINATE");
        assertThat(signature.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThatThrownBy(() -> verifier.expectSigner(report, "leader-a"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessageContaining("not trusted");
    }

    @Test
    void aPdfWithoutSignatureIsRefused() {
        assertThatThrownBy(() -> verifier.verify(pdf("Chua ky")))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SIGNATURE))
                .hasMessage("the PDF carries no signature");
    }

    @Test
    void aFileThatIsNotAPdfIsRefused() {
        assertThatThrownBy(() -> verifier.verify("<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PDF))
                .hasMessageContaining("not a PDF");
        byte[] broken = "%PDF-1.7\n garbage without any structure\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> verifier.verify(broken))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isIn(Reason.NOT_A_PDF, Reason.NO_SIGNATURE));
        // a compression bomb is refused before DSS (and PDFBox) would expand it
        assertThatThrownBy(() -> verifier.verify(vn.motcua.support.HostileFiles.pdfBomb()))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PDF))
                .hasMessageContaining("compression bomb");
        assertThatThrownBy(() -> pades.sign("not a pdf".getBytes(StandardCharsets.UTF_8), leaderA.chain(),
                SignatureKind.PERSONAL, leaderA.hashSigner()))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PDF));
    }

    /** With a time-stamping authority configured, signatures are PAdES B-T: the signing time is proven. */
    @Test
    void withATimeStampingAuthoritySignaturesCarryAProvenSigningTime() throws Exception {
        TestSigner tsa = signer(ca, "motcua test TSA", null, Purpose.TIMESTAMPING);
        HttpServer server = LocalTsa.start(tsa);
        try {
            SignatureSettings withTsa = new SignatureSettings();
            withTsa.setTsaUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
            PadesSigner timestamping = new PadesSigner(withTsa);
            byte[] approved = timestamping.sign(pdf("Co dau thoi gian"), leaderA.chain(), SignatureKind.PERSONAL,
                    leaderA.hashSigner());
            byte[] issued = timestamping.sign(approved, sealA.chain(), SignatureKind.SEAL, sealA.hashSigner());

            VerificationReport report = verifier.verify(issued);
            assertThat(report.allValid()).as("%s", report.signatures()).isTrue();
            for (VerifiedSignature signature : report.signatures()) {
                assertThat(signature.timestamped()).isTrue();
                assertThat(signature.signingTime()).isBetween(Instant.now().minusSeconds(120), Instant.now());
            }
            assertThat(report.simpleReportXml()).contains("PAdES-BASELINE-T");
            assertThat(LocalTsa.served.get()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    /** A RFC 3161 time-stamping authority on the loopback interface (BouncyCastle's TSP generator). */
    static final class LocalTsa {
        static final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

        static HttpServer start(TestSigner tsa) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            served.set(0);
            server.createContext("/tsa", exchange -> {
                try {
                    TimeStampRequest request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                            new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", tsa.key(),
                                    tsa.certificate()),
                            new JcaDigestCalculatorProviderBuilder().build()
                                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                            new ASN1ObjectIdentifier("1.3.6.1.4.1.59999.1"));
                    tokens.addCertificates(new JcaCertStore(tsa.chain()));
                    byte[] answer = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                            .generate(request, BigInteger.valueOf(served.incrementAndGet()), new java.util.Date())
                            .getEncoded();
                    exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        }
    }

    /** An independent check with poppler's pdfsig: required on CI, skipped elsewhere without it. */
    @Test
    void popplerAgreesTheSignaturesAreIntact(@TempDir Path dir) throws IOException, InterruptedException {
        RequiredTool.requireCommand("pdfsig", "pdfsig (apt-get install poppler-utils)");
        byte[] issued = sign(sign(pdf("Kiem tra doc lap"), leaderA, SignatureKind.PERSONAL), sealA, SignatureKind.SEAL);
        Path file = dir.resolve("issued.pdf");
        Files.write(file, issued);
        Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Signature #1", "Signature #2");
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(3);
    }
}
