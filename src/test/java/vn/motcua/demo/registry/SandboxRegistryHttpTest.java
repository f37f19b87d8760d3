package vn.motcua.demo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.demo.registry.SandboxSamples.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HTTP contract, over real HTTP against a registry on a free port. */
class SandboxRegistryHttpTest {

    static final String AUTH = basic(SandboxRegistry.DEFAULT_USERNAME, SandboxRegistry.DEFAULT_PASSWORD);

    static SandboxRegistry registry;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        registry = new SandboxRegistry(0, SandboxRegistry.DEFAULT_USERNAME, SandboxRegistry.DEFAULT_PASSWORD);
        registry.start();
    }

    @AfterAll
    static void stop() {
        registry.stop();
    }

    record Answer(int status, JsonNode body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + path)).header("Authorization", AUTH).GET());
    }

    static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return new Answer(response.statusCode(), json.readTree(response.body()), response);
    }

    static void assertError(Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        assertThat(answer.body().path("error").asText()).isEqualTo(error);
        assertThat(answer.body().path("message").asText()).isNotBlank();
        assertThat(answer.body().path("requestId").asText()).isNotBlank();
    }

    // --- Health and the common rules

    @Test
    void healthNeedsNoLogin() throws Exception {
        Answer answer = send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void everythingElseNeedsTheCredentials() throws Exception {
        String citizen = registry.baseUrl() + "/population/v1/citizens/" + MOTHER_ID;
        Answer none = send(HttpRequest.newBuilder(URI.create(citizen)));
        assertError(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
        assertError(send(HttpRequest.newBuilder(URI.create(citizen)).header("Authorization", basic("motcua", "wrong"))),
                401, "unauthorized");
        assertError(send(HttpRequest.newBuilder(URI.create(citizen)).header("Authorization", basic("other", "sandbox"))),
                401, "unauthorized");
        assertError(send(HttpRequest.newBuilder(URI.create(citizen)).header("Authorization", "Basic %%%")),
                401, "unauthorized");
        // Unknown paths too: without credentials nothing about the registry is told.
        assertError(send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/nothing"))), 401, "unauthorized");
    }

    @Test
    void requestIdIsEchoedInHeaderAndBody() throws Exception {
        Answer ok = send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/population/v1/citizens/" + MOTHER_ID))
                .header("Authorization", AUTH).header("X-Request-Id", "lookup-42"));
        assertThat(ok.header("X-Request-Id")).isEqualTo("lookup-42");
        assertThat(ok.body().path("requestId").asText()).isEqualTo("lookup-42");

        Answer notFound = send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/population/v1/citizens/"
                + UNKNOWN_PERSONAL_ID)).header("Authorization", AUTH).header("X-Request-Id", "lookup-43"));
        assertThat(notFound.header("X-Request-Id")).isEqualTo("lookup-43");
        assertThat(notFound.body().path("requestId").asText()).isEqualTo("lookup-43");

        Answer unauthorized = send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/population/v1/citizens/"
                + MOTHER_ID)).header("X-Request-Id", "lookup-44"));
        assertThat(unauthorized.body().path("requestId").asText()).isEqualTo("lookup-44");

        // Without one the registry makes one up.
        Answer generated = get("/population/v1/citizens/" + MOTHER_ID);
        assertThat(generated.header("X-Request-Id")).startsWith("sandbox-")
                .isEqualTo(generated.body().path("requestId").asText());
    }

    @Test
    void anOverlongRequestIdIsABadRequest() throws Exception {
        assertError(send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health"))
                .header("X-Request-Id", "x".repeat(101))), 400, "bad-request");
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        assertError(get("/population/v2/citizens/" + MOTHER_ID), 404, "no-such-endpoint");
        assertError(get("/population/v1/citizens"), 404, "no-such-endpoint");
        assertError(get("/"), 404, "no-such-endpoint");
        Answer post = send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/population/v1/citizens/" + MOTHER_ID))
                .header("Authorization", AUTH).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertError(post, 405, "method-not-allowed");
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertError(send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health")).header("Authorization", AUTH)
                .DELETE()), 405, "method-not-allowed");
    }

    // --- Population

    @Test
    void citizen() throws Exception {
        Answer answer = get("/population/v1/citizens/" + MOTHER_ID);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("personalId").asText()).isEqualTo(MOTHER_ID);
        assertThat(body.path("fullName").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(body.path("dateOfBirth").asText()).isEqualTo("1990-03-15");
        assertThat(body.path("sex").asText()).isEqualTo("female");
        assertThat(body.path("permanentResidence").asText()).isEqualTo(FAMILY_ADDRESS);
        assertThat(body.path("ethnicity").asText()).isEqualTo("Kinh");
        assertThat(body.path("nationality").asText()).isEqualTo("Việt Nam");
        assertThat(body.path("deceased").isBoolean()).isTrue();
        assertThat(body.path("deceased").asBoolean()).isFalse();
        assertThat(body.has("dateOfDeath")).isTrue();
        assertThat(body.path("dateOfDeath").isNull()).isTrue();
        assertThat(get("/population/v1/citizens/" + FATHER_ID).body().path("sex").asText()).isEqualTo("male");
    }

    @Test
    void deceasedCitizen() throws Exception {
        JsonNode body = get("/population/v1/citizens/" + DECEASED_ID).body();
        assertThat(body.path("deceased").asBoolean()).isTrue();
        assertThat(body.path("dateOfDeath").asText()).isEqualTo(DECEASED_DEATH_DATE.toString());
    }

    @Test
    void unknownOrMalformedCitizen() throws Exception {
        assertError(get("/population/v1/citizens/" + UNKNOWN_PERSONAL_ID), 404, "not-found");
        for (String bad : new String[] {"12345", "00119001234X", "0011900123456"}) {
            Answer answer = get("/population/v1/citizens/" + bad);
            assertError(answer, 400, "bad-request");
            assertThat(answer.body().path("message").asText()).contains("personalId");
        }
    }

    // --- Residence

    @Test
    void household() throws Exception {
        JsonNode body = get("/residence/v1/households?personalId=" + MOTHER_ID).body();
        assertThat(body.path("householdId").asText()).isEqualTo(FAMILY_HOUSEHOLD_ID);
        assertThat(body.path("address").asText()).isEqualTo(FAMILY_ADDRESS);
        assertThat(body.path("headPersonalId").asText()).isEqualTo(FATHER_ID);
        JsonNode members = body.path("members");
        assertThat(members).hasSize(3);
        assertThat(members.get(0).path("personalId").asText()).isEqualTo(FATHER_ID);
        assertThat(members.get(0).path("fullName").asText()).isEqualTo("Trần Văn Minh");
        assertThat(members.get(0).path("relationship").asText()).isEqualTo("head");
        assertThat(members.get(0).path("dateOfBirth").asText()).isEqualTo("1989-07-02");
        assertThat(members.get(1).path("relationship").asText()).isEqualTo("spouse");
        assertThat(members.get(2).path("relationship").asText()).isEqualTo("child");
        assertThat(body.path("requestId").asText()).isNotBlank();
    }

    @Test
    void noHousehold() throws Exception {
        assertError(get("/residence/v1/households?personalId=" + NO_HOUSEHOLD_ID), 404, "not-found");
        assertError(get("/residence/v1/households?personalId=" + UNKNOWN_PERSONAL_ID), 404, "not-found");
        assertError(get("/residence/v1/households?personalId=" + DECEASED_ID), 404, "not-found");
        for (String query : new String[] {"", "?personalId=", "?personalId=abc", "?id=" + MOTHER_ID}) {
            Answer answer = get("/residence/v1/households" + query);
            assertError(answer, 400, "bad-request");
            assertThat(answer.body().path("message").asText()).contains("personalId");
        }
    }

    // --- Enterprise

    @Test
    void enterprise() throws Exception {
        JsonNode body = get("/enterprise/v1/enterprises/" + ACTIVE_ENTERPRISE_CODE).body();
        assertThat(body.path("enterpriseCode").asText()).isEqualTo(ACTIVE_ENTERPRISE_CODE);
        assertThat(body.path("name").asText()).isEqualTo(ACTIVE_ENTERPRISE_NAME);
        assertThat(body.path("status").asText()).isEqualTo("active");
        assertThat(body.path("legalRepresentative").path("personalId").asText()).isEqualTo(FATHER_ID);
        assertThat(body.path("legalRepresentative").path("fullName").asText()).isEqualTo(FATHER_NAME);
        assertThat(body.path("address").asText()).isNotBlank();
        assertThat(body.path("businessLines").get(0).path("code").asText()).isEqualTo("4632");
        assertThat(body.path("businessLines").get(0).path("name").asText()).isEqualTo("Bán buôn thực phẩm");
        assertThat(get("/enterprise/v1/enterprises/" + DISSOLVED_ENTERPRISE_CODE).body().path("status").asText())
                .isEqualTo("dissolved");
        assertThat(get("/enterprise/v1/enterprises/" + SUSPENDED_ENTERPRISE_CODE).body().path("status").asText())
                .isEqualTo("suspended");
    }

    @Test
    void unknownOrMalformedEnterprise() throws Exception {
        assertError(get("/enterprise/v1/enterprises/" + UNKNOWN_ENTERPRISE_CODE), 404, "not-found");
        Answer answer = get("/enterprise/v1/enterprises/01012345");
        assertError(answer, 400, "bad-request");
        assertThat(answer.body().path("message").asText()).contains("enterpriseCode");
    }

    @Test
    void nameSearchFindsTheClashIgnoringDiacriticsCaseAndSpaces() throws Exception {
        for (String name : new String[] {CLASHING_BUSINESS_NAME, "cua hang  TAP HOA minh anh"}) {
            JsonNode body = get("/enterprise/v1/enterprises?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).body();
            assertThat(body.path("matches")).hasSize(1);
            assertThat(body.path("matches").get(0).path("enterpriseCode").asText()).isEqualTo(CLASHING_ENTERPRISE_CODE);
            assertThat(body.path("matches").get(0).path("name").asText()).isEqualTo(CLASHING_BUSINESS_NAME);
            assertThat(body.path("matches").get(0).path("legalRepresentative").path("fullName").asText()).isNotBlank();
            assertThat(body.path("requestId").asText()).isNotBlank();
        }
        JsonNode free = get("/enterprise/v1/enterprises?name=" + URLEncoder.encode(FREE_BUSINESS_NAME, StandardCharsets.UTF_8)).body();
        assertThat(free.path("matches").isArray()).isTrue();
        assertThat(free.path("matches")).isEmpty();
        for (String query : new String[] {"", "?name=", "?name=%20%20"}) {
            Answer answer = get("/enterprise/v1/enterprises" + query);
            assertError(answer, 400, "bad-request");
            assertThat(answer.body().path("message").asText()).contains("name");
        }
    }

    // --- Land

    @Test
    void parcel() throws Exception {
        JsonNode body = get("/land/v1/parcels/" + OWNED_PARCEL_COMMUNE + "/" + OWNED_PARCEL_MAP_SHEET + "/"
                + OWNED_PARCEL_NUMBER).body();
        assertThat(body.path("communeCode").asText()).isEqualTo(OWNED_PARCEL_COMMUNE);
        assertThat(body.path("mapSheet").asText()).isEqualTo(OWNED_PARCEL_MAP_SHEET);
        assertThat(body.path("parcelNumber").asText()).isEqualTo(OWNED_PARCEL_NUMBER);
        assertThat(body.path("ownerPersonalId").asText()).isEqualTo(FATHER_ID);
        assertThat(body.path("ownerFullName").asText()).isEqualTo(FATHER_NAME);
        assertThat(body.path("area").isNumber()).isTrue();
        assertThat(body.path("area").decimalValue()).isEqualByComparingTo(OWNED_PARCEL_AREA);
        assertThat(body.path("landUse").asText()).isEqualTo("ONT");
        assertThat(body.path("certificateNumber").asText()).isEqualTo(OWNED_PARCEL_CERTIFICATE);
        assertThat(body.path("disputed").asBoolean()).isFalse();
        assertThat(get("/land/v1/parcels/90001/012/0345").body().path("mapSheet").asText()).isEqualTo("12");
        assertThat(get("/land/v1/parcels/" + DISPUTED_PARCEL_COMMUNE + "/" + DISPUTED_PARCEL_MAP_SHEET + "/"
                + DISPUTED_PARCEL_NUMBER).body().path("disputed").asBoolean()).isTrue();
    }

    @Test
    void unknownOrMalformedParcel() throws Exception {
        assertError(get("/land/v1/parcels/" + UNKNOWN_PARCEL_COMMUNE + "/" + UNKNOWN_PARCEL_MAP_SHEET + "/"
                + UNKNOWN_PARCEL_NUMBER), 404, "not-found");
        String[][] bad = {{"9000", "12", "345", "communeCode"}, {"90001", "1234", "345", "mapSheet"},
                {"90001", "0", "345", "mapSheet"}, {"90001", "12", "12345", "parcelNumber"},
                {"90001", "12", "x", "parcelNumber"}};
        for (String[] b : bad) {
            Answer answer = get("/land/v1/parcels/" + b[0] + "/" + b[1] + "/" + b[2]);
            assertError(answer, 400, "bad-request");
            assertThat(answer.body().path("message").asText()).startsWith(b[3]);
        }
    }
}
