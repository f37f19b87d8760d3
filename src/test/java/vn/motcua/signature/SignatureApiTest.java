package vn.motcua.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.signature.SignatureTestKit.pdf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.signature.SignatureException.Reason;
import vn.motcua.signature.config.SignatureSettings;
import vn.motcua.support.Api;
import vn.motcua.support.Api.Part;

/**
 * The feature in the running product (demo profile, H2): the demo CA's soft tokens reached through
 * the product's own CSC v2 server over HTTP, the public verification endpoint, the CSC endpoints'
 * authentication and single-use SADs, and uploads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:signature-api;DB_CLOSE_DELAY=-1",
})
@ActiveProfiles("demo")
class SignatureApiTest {

    static final String PIN = "123456";
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

    @LocalServerPort
    int port;

    @Autowired
    Signatures signatures;

    @Autowired
    SignatureVerifier verifier;

    @Autowired
    SignatureSettings settings;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** How many signings the operators' meter counted with these tags. */
    long signings(String kind, String outcome) {
        return meters.find("motcua.signatures").tags("kind", kind, "way", "remote", "outcome", outcome).timers()
                .stream().mapToLong(io.micrometer.core.instrument.Timer::count).sum();
    }

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    Api.Response verify(byte[] file, String name, String type) {
        return api.postMultipart(null, "/api/signatures/verify", List.of(Part.file("file", name, type, file)));
    }

    @Test
    void leaderSignsAndTheUnitSealsThroughTheBuiltInCscServerAndAnyoneCanVerify() {
        long personal = signings("personal", "signed");
        long seals = signings("seal", "signed");
        byte[] draft = pdf("Giay chung nhan dang ky ho kinh doanh 0001");
        byte[] approved = signatures.sign(draft, "leader-a", PIN);
        byte[] issued = signatures.seal(approved, "commune-a", PIN);
        assertThat(signings("personal", "signed")).isEqualTo(personal + 1);
        assertThat(signings("seal", "signed")).isEqualTo(seals + 1);

        Api.Response response = verify(issued, "issued.pdf", "application/pdf");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.path("valid").asBoolean()).as(response.body()).isTrue();
        assertThat(answer.path("signatureCount").asInt()).isEqualTo(2);
        JsonNode leader = answer.path("signatures").get(0);
        JsonNode seal = answer.path("signatures").get(1);
        assertThat(leader.path("signerName").asText()).isEqualTo("leader-a");
        assertThat(leader.path("kind").asText()).isEqualTo("personal");
        assertThat(leader.path("organisationalUnit").asText()).isEqualTo("commune-a");
        assertThat(seal.path("signerName").asText()).isEqualTo("commune-a");
        assertThat(seal.path("kind").asText()).isEqualTo("seal");
        for (JsonNode signature : answer.path("signatures")) {
            assertThat(signature.path("indication").asText()).isEqualTo("TOTAL_PASSED");
            assertThat(signature.path("intact").asBoolean()).isTrue();
            assertThat(signature.path("trusted").asBoolean()).isTrue();
            assertThat(signature.path("validAtSigningTime").asBoolean()).isTrue();
            assertThat(signature.path("signingTime").asText()).isNotBlank();
        }
        assertThat(answer.path("simpleReportXml").asText()).contains("SimpleReport", "TOTAL_PASSED");

        VerificationReport report = verifier.verify(issued);
        assertThat(verifier.expectSigner(report, "leader-a").kind()).isEqualTo(SignatureKind.PERSONAL);
        assertThat(verifier.expectSigner(report, "commune-a", SignatureKind.SEAL).kind()).isEqualTo(SignatureKind.SEAL);
    }

    @Test
    void aWrongPinIsRefusedAndSomeoneWithoutCredentialCannotSign() {
        long refused = signings("personal", "authorisation_refused");
        assertThatThrownBy(() -> signatures.sign(pdf("x"), "leader-a", "000000"))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AUTHORISATION_REFUSED))
                .hasMessageContaining("invalid PIN");
        assertThat(signings("personal", "authorisation_refused")).as("the refusal counted by its reason")
                .isEqualTo(refused + 1);
        assertThatThrownBy(() -> signatures.sign(pdf("x"), "clerk-a", PIN))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIAL))
                .hasMessageContaining("'clerk-a' has no personal signing credential");
        // A unit's seal is no personal signature of the unit's leader.
        assertThatThrownBy(() -> signatures.seal(pdf("x"), "leader-a", PIN))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_CREDENTIAL));
    }

    @Test
    void aSignerMayHaveTheirOwnCscServiceAndCredential() {
        SignatureSettings.CscService own = new SignatureSettings.CscService();
        own.setBaseUrl("http://localhost:" + port + "/api/csc/v2/");
        own.setClientId("motcua");
        own.setClientSecret("demo-csc-secret");
        own.setCredentialId("personal-leader-b");
        settings.getCsc().getUsers().put("leader-b", own);
        try {
            byte[] signed = signatures.sign(pdf("Ky qua dich vu rieng"), "leader-b", PIN);
            assertThat(verifier.expectSigner(verifier.verify(signed), "leader-b").valid()).isTrue();

            own.setBaseUrl("http://127.0.0.1:9/csc/v2");   // nothing listens there
            assertThatThrownBy(() -> signatures.sign(pdf("x"), "leader-b", PIN))
                    .isInstanceOfSatisfying(SignatureException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.PROVIDER_FAILED))
                    .hasMessageContaining("cannot be reached");
        } finally {
            settings.getCsc().getUsers().remove("leader-b");
        }
    }

    @Test
    void theVerificationEndpointRefusesWhatIsNotASignedPdf() {
        Api.Response notPdf = verify("just text".getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain");
        assertThat(notPdf.status()).isEqualTo(400);
        assertThat(notPdf.contentType()).startsWith("application/problem+json");
        assertThat(notPdf.json().path("field").asText()).isEqualTo("file");
        assertThat(notPdf.json().path("detail").asText()).contains("not a PDF");
        assertThat(notPdf.body()).doesNotContain("Exception", "at vn.motcua");

        Api.Response unsigned = verify(pdf("Chua ky"), "draft.pdf", "application/pdf");
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().path("detail").asText()).isEqualTo("the PDF carries no signature");
        assertThat(unsigned.json().path("reason").asText()).isEqualTo("NO_SIGNATURE");

        Api.Response missing = api.postMultipart(null, "/api/signatures/verify",
                List.of(Part.json("other", "{}")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("file");
    }

    @Test
    void theCscServerAuthenticatesItsCallersAndRefusesAReplayedSad() throws Exception {
        JsonNode list = api.post("leader-a", "/api/csc/v2/credentials/list", "{}").json();
        assertThat(list.path("credentialIDs").toString()).isEqualTo("[\"personal-leader-a\"]");
        assertThat(api.post("records-a", "/api/csc/v2/credentials/list", "{}").json().path("credentialIDs").toString())
                .isEqualTo("[\"seal-commune-a\"]");

        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("Quyet dinh 15/QD-UBND".getBytes(StandardCharsets.UTF_8)));
        String authorize = "{\"credentialID\":\"personal-leader-a\",\"numSignatures\":1,\"hashes\":[\"" + hash
                + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"authData\":[{\"id\":\"PIN\",\"value\":\"" + PIN + "\"}]}";
        Api.Response foreign = api.post("leader-b", "/api/csc/v2/credentials/authorize", authorize);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("error").asText()).isEqualTo("invalid_request");

        String sad = api.post("leader-a", "/api/csc/v2/credentials/authorize", authorize).json().path("SAD").asText();
        String signHash = "{\"credentialID\":\"personal-leader-a\",\"SAD\":\"" + sad + "\",\"hashes\":[\"" + hash
                + "\"],\"hashAlgorithmOID\":\"" + SHA256 + "\",\"signAlgo\":\"" + ECDSA_SHA256 + "\"}";
        Api.Response signed = api.post("leader-a", "/api/csc/v2/signatures/signHash", signHash);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().path("signatures").size()).isEqualTo(1);
        Api.Response replay = api.post("leader-a", "/api/csc/v2/signatures/signHash", signHash);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().path("error_description").asText()).contains("SAD already used", "replay refused");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/csc/v2/credentials/list"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("authentication required");
        HttpResponse<String> badToken = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/csc/v2/credentials/list"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer forged.token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userID\":\"leader-a\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badToken.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/csc/v2/credentials/list"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "leader-a:nope".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        HttpResponse<String> badClient = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/csc/v2/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=motcua&client_secret=guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(badClient.body()).contains("invalid_client");
    }

    @Test
    void anUploadIsAcceptedOnlyWhenSignedByTheExpectedSignerOverTheDraft() {
        byte[] draft = pdf("Giay phep xay dung so 7");
        byte[] byLeaderA = signatures.sign(draft, "leader-a", PIN);
        byte[] byLeaderB = signatures.sign(draft, "leader-b", PIN);

        assertThat(signatures.acceptUpload(draft, byLeaderA, "leader-a", SignatureKind.PERSONAL)).isEqualTo(byLeaderA);
        assertThatThrownBy(() -> signatures.acceptUpload(draft, byLeaderB, "leader-a", SignatureKind.PERSONAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_SIGNER))
                .hasMessageContaining("'leader-b'");
        assertThatThrownBy(() -> signatures.acceptUpload(pdf("Another draft"), byLeaderA, "leader-a",
                SignatureKind.PERSONAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE))
                .hasMessageContaining("not the draft signed");
        assertThatThrownBy(() -> signatures.acceptUpload(draft, draft, "leader-a", SignatureKind.PERSONAL))
                .isInstanceOfSatisfying(SignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SIGNATURE));
    }

    @Test
    void anAdministratorRegistersASignersOwnCertificate() throws Exception {
        var ca = SignatureTestKit.root("Test USB-token CA");
        var token = SignatureTestKit.signer(ca, "Nguyen Van Token", "commune-a",
                vn.motcua.signature.ca.CertificateAuthority.Purpose.PERSONAL);
        String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(token.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        String body = "{\"signer\": \"leader-a\", \"kind\": \"personal\", \"certificate\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(pem) + "}";

        assertThat(api.post("clerk-a", "/api/admin/signing-certificates", body).status()).as("admin only")
                .isEqualTo(403);
        Api.Response badKind = api.post("admin", "/api/admin/signing-certificates", body.replace("personal", "stamp"));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().get("field").asText()).isEqualTo("kind");
        Api.Response garbage = api.post("admin", "/api/admin/signing-certificates",
                "{\"signer\": \"leader-a\", \"kind\": \"personal\", \"certificate\": \"not a certificate\"}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("field").asText()).isEqualTo("certificate");

        Api.Response registered = api.post("admin", "/api/admin/signing-certificates", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("signer").asText()).isEqualTo("leader-a");
    }

}
