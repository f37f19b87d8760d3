package vn.motcua.demo.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.demo.sms.StandInSmsGateway.DEFAULT_API_KEY;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The stand-in SMS gateway over real HTTP, as the product's SMS sender meets it. */
class StandInSmsGatewayTest {

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper json = new ObjectMapper();

    /** 80 characters, with Vietnamese letters outside the GSM alphabet: UCS-2. */
    static final String VIETNAMESE = "Hồ sơ HS-2024-000123 của ông/bà đã được tiếp nhận. Hẹn trả kết quả ngày 15/7/24.";

    StandInSmsGateway gateway;

    @BeforeEach
    void start() {
        gateway = new StandInSmsGateway(0, DEFAULT_API_KEY);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    @Test
    void aMessageIsKeptWithItsNumberNormalisedAndItsPartsCounted() throws Exception {
        String ascii = "A".repeat(170);
        HttpResponse<String> sent = send(Map.of("id", "m-1", "to", "0912 345 678", "text", ascii, "sender", "MOTCUA"));
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(sent.body());
        assertThat(answer.path("id").asText()).isEqualTo("m-1");
        assertThat(answer.path("accepted").asBoolean()).isTrue();
        assertThat(answer.path("parts").asInt()).isEqualTo(2);

        assertThat(VIETNAMESE).hasSize(80);
        JsonNode second = json.readTree(send(Map.of("id", "m-2", "to", "+84 987 654 321", "text", VIETNAMESE)).body());
        assertThat(second.path("parts").asInt()).isEqualTo(2);

        assertThat(gateway.messages()).hasSize(2);
        Map<String, Object> first = gateway.messages().get(0);
        assertThat(first).containsEntry("id", "m-1").containsEntry("to", "84912345678").containsEntry("text", ascii)
                .containsEntry("sender", "MOTCUA").containsEntry("parts", 2);
        assertThat(Instant.parse((String) first.get("receivedAt"))).isNotNull();
        assertThat(gateway.messages().get(1)).containsEntry("to", "84987654321").containsEntry("text", VIETNAMESE)
                .containsEntry("sender", null).containsEntry("parts", 2);

        // Any spelling of the number finds its messages, here and over HTTP.
        assertThat(gateway.messages("0987654321")).extracting(m -> m.get("id")).containsExactly("m-2");
        JsonNode listed = get("/stand-in/messages?to=%2B84912345678");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asText()).isEqualTo("m-1");
        assertThat(listed.get(0).path("to").asText()).isEqualTo("84912345678");
        assertThat(get("/stand-in/messages?to=0912+345+678")).hasSize(1);
        assertThat(get("/stand-in/messages")).hasSize(2);
        assertThat(get("/stand-in/messages?to=0900000000")).isEmpty();
    }

    @Test
    void partsFollowTheGsmAndUcs2Limits() {
        assertThat(StandInSmsGateway.parts("a".repeat(160))).isEqualTo(1);
        assertThat(StandInSmsGateway.parts("a".repeat(161))).isEqualTo(2);
        assertThat(StandInSmsGateway.parts("a".repeat(306))).isEqualTo(2);
        assertThat(StandInSmsGateway.parts("a".repeat(307))).isEqualTo(3);
        assertThat(StandInSmsGateway.parts("a".repeat(612))).isEqualTo(4);
        assertThat(StandInSmsGateway.parts("€".repeat(80))).isEqualTo(1); // two septets each
        assertThat(StandInSmsGateway.parts("€".repeat(81))).isEqualTo(2);
        assertThat(StandInSmsGateway.parts("Héllo, Ça va? Ñ@£$ à")).isEqualTo(1); // all in the GSM alphabet
        assertThat(StandInSmsGateway.parts("ơ".repeat(70))).isEqualTo(1);
        assertThat(StandInSmsGateway.parts("ơ".repeat(71))).isEqualTo(2);
        assertThat(StandInSmsGateway.parts("a".repeat(150) + "ơ")).isEqualTo(3); // one letter makes it all UCS-2
    }

    @Test
    void aRepeatedIdIsAnsweredButKeptOnce() throws Exception {
        Map<String, Object> message = Map.of("id", "m-dup", "to", "0912345678", "text", "Xin chao");
        HttpResponse<String> first = send(message);
        HttpResponse<String> again = send(message);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode duplicate = json.readTree(again.body());
        assertThat(duplicate.path("id").asText()).isEqualTo("m-dup");
        assertThat(duplicate.path("duplicate").asBoolean()).isTrue();
        assertThat(gateway.messages()).hasSize(1);
        assertThat(gateway.duplicates()).isEqualTo(1);
    }

    @Test
    void withoutTheRightKeyNothingIsTaken() throws Exception {
        String body = json.writeValueAsString(Map.of("id", "m-3", "to", "0912345678", "text", "x"));
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri("/sms"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = send("wrong-key", body);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).path("error").asText()).isNotBlank();
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(gateway.messages()).isEmpty();
    }

    @Test
    void aBadMessageIsRefusedNamingWhatIsWrong() throws Exception {
        HttpResponse<String> missing = send(Map.of("id", "m-4", "text", "x"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).path("error").asText()).contains("to");

        HttpResponse<String> notJson = send(DEFAULT_API_KEY, "not json");
        assertThat(notJson.statusCode()).isEqualTo(400);

        HttpResponse<String> shortNumber = send(Map.of("id", "m-5", "to", "12345", "text", "x"));
        assertThat(shortNumber.statusCode()).isEqualTo(422);
        assertThat(json.readTree(shortNumber.body()).path("error").asText()).contains("12345");
        assertThat(send(Map.of("id", "m-6", "to", "091234567", "text", "x")).statusCode()).isEqualTo(422);
        assertThat(send(Map.of("id", "m-7", "to", "0912-345-678", "text", "x")).statusCode()).isEqualTo(422);

        HttpResponse<String> tooLong = send(Map.of("id", "m-8", "to", "0912345678", "text", "a".repeat(613)));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(json.readTree(tooLong.body()).path("error").asText()).contains("612");
        assertThat(gateway.messages()).isEmpty();

        HttpResponse<String> longest = send(Map.of("id", "m-9", "to", "84912345678", "text", "a".repeat(612)));
        assertThat(longest.statusCode()).isEqualTo(200);
        assertThat(json.readTree(longest.body()).path("parts").asInt()).isEqualTo(4);
    }

    @Test
    void anArmedFailureAnswersThatStatusThenRecovers() throws Exception {
        HttpResponse<String> armed = http.send(HttpRequest.newBuilder(uri("/stand-in/failures?status=503&times=2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(armed.statusCode()).isEqualTo(200);
        Map<String, Object> message = Map.of("id", "m-10", "to", "0912345678", "text", "Ket qua da co");

        HttpResponse<String> first = send(message);
        HttpResponse<String> second = send(message);
        HttpResponse<String> third = send(message);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json.readTree(first.body()).path("error").asText()).isEqualTo("stand-in failure");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(json.readTree(third.body()).path("accepted").asBoolean()).isTrue();
        assertThat(gateway.messages()).hasSize(1);
        assertThat(gateway.duplicates()).isZero();
    }

    @Test
    void statusZeroClosesTheConnectionWithoutAnAnswer() throws Exception {
        gateway.failNext(0, 1);
        Map<String, Object> message = Map.of("id", "m-11", "to", "0912345678", "text", "x");

        assertThatThrownBy(() -> send(message)).isInstanceOf(IOException.class);
        assertThat(gateway.messages()).isEmpty();
        assertThat(send(message).statusCode()).isEqualTo(200);
        assertThat(gateway.messages()).hasSize(1);
    }

    @Test
    void resetForgetsEverything() throws Exception {
        send(Map.of("id", "m-12", "to", "0912345678", "text", "x"));
        send(Map.of("id", "m-12", "to", "0912345678", "text", "x"));
        gateway.failNext(503, 5);
        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(uri("/stand-in/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(gateway.messages()).isEmpty();
        assertThat(get("/stand-in/messages")).isEmpty();
        assertThat(gateway.duplicates()).isZero();
        // the failure is disarmed, and the id may be used again
        assertThat(json.readTree(send(Map.of("id", "m-12", "to", "0912345678", "text", "x")).body())
                .path("accepted").asBoolean()).isTrue();

        gateway.reset();
        assertThat(gateway.messages()).isEmpty();
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri("/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error").asText()).isNotBlank();
        HttpResponse<String> getSms = http.send(HttpRequest.newBuilder(uri("/sms")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(getSms.statusCode()).isEqualTo(405);
        assertThat(getSms.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> badFailure = http.send(HttpRequest.newBuilder(uri("/stand-in/failures?status=abc"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badFailure.statusCode()).isEqualTo(400);
    }

    // --- Helpers

    URI uri(String path) {
        return URI.create(gateway.baseUrl() + path);
    }

    HttpResponse<String> send(Map<String, Object> message) throws IOException, InterruptedException {
        return send(DEFAULT_API_KEY, json.writeValueAsString(new LinkedHashMap<>(message)));
    }

    HttpResponse<String> send(String apiKey, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/sms")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
