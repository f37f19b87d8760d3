package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The public calendar endpoints over HTTP, without credentials, on the app as configured (plus one province). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:calendar;DB_CLOSE_DELAY=-1",
        "motcua.calendar.provinces.some-province.days-off[0].from=2026-08-19",
        "motcua.calendar.provinces.some-province.days-off[0].name=Ngày của tỉnh",
})
@ActiveProfiles("demo")
class CalendarApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WorkingCalendars calendars;

    HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 400 problem naming the parameter. */
    void assertBadParameter(String path, String parameter) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("field").asText()).as(path).isEqualTo(parameter);
        assertThat(problem.path("detail").asText()).as(path).contains(parameter);
        assertThat(response.body()).doesNotContain("Exception", "at vn.motcua");
    }

    @Test
    void holidaysOfAYearWithoutLogin() {
        HttpResponse<String> response = get("/api/calendar/holidays?year=2026");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("year").asInt()).isEqualTo(2026);
        assertThat(body.has("province")).isTrue();
        assertThat(body.path("province").isNull()).isTrue();
        JsonNode first = body.path("daysOff").get(0);
        assertThat(first.toString()).isEqualTo(
                "{\"date\":\"2026-01-01\",\"name\":\"Tết Dương lịch\",\"nameEn\":\"New Year's Day\",\"kind\":\"holiday\"}");
        assertThat(body.path("daysOff").toString())
                .contains("{\"date\":\"2026-02-14\",\"name\":\"Nghỉ Tết Nguyên đán Bính Ngọ\"")
                .contains("\"date\":\"2026-04-27\",\"name\":\"Nghỉ bù Giỗ Tổ Hùng Vương\"")
                .doesNotContain("2026-08-19");
        assertThat(body.path("daysOff")).hasSize(calendars.standard().daysOff(2026).size());
    }

    @Test
    void holidaysOfAProvince() {
        JsonNode body = json(get("/api/calendar/holidays?year=2026&province=some-province"));

        assertThat(body.path("province").asText()).isEqualTo("some-province");
        assertThat(body.path("daysOff").toString())
                .contains("{\"date\":\"2026-08-19\",\"name\":\"Ngày của tỉnh\",\"nameEn\":\"Provincial day off\",\"kind\":\"province\"}");
    }

    @Test
    void dueDateAcrossTheTetBreak() {
        HttpResponse<String> response = get("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("from").asText()).isEqualTo("2026-02-13T03:00:00Z");
        assertThat(body.path("workingDays").isIntegralNumber()).isTrue();
        assertThat(body.path("workingDays").asInt()).isEqualTo(3);
        assertThat(body.path("due").asText()).isEqualTo("2026-02-25T03:00:00Z");
        assertThat(body.path("dueLocal").asText()).isEqualTo("2026-02-25T10:00+07:00");

        // the same with a local time and offset, and half a day
        JsonNode half = json(get("/api/calendar/due?from=2026-02-13T10:00%2B07:00&workingDays=0.5"));
        assertThat(half.path("from").asText()).isEqualTo("2026-02-13T03:00:00Z");
        assertThat(half.path("workingDays").asDouble()).isEqualTo(0.5);
        assertThat(half.path("dueLocal").asText()).isEqualTo("2026-02-13T15:30+07:00");
    }

    @Test
    void dueDateInAProvince() {
        // Tuesday 18 August 2026 10:00 + 1 day: Wednesday 19 is the province's day off
        JsonNode body = json(get("/api/calendar/due?from=2026-08-18T03:00:00Z&workingDays=1&province=some-province"));
        assertThat(body.path("province").asText()).isEqualTo("some-province");
        assertThat(body.path("dueLocal").asText()).isEqualTo("2026-08-20T10:00+07:00");
        JsonNode national = json(get("/api/calendar/due?from=2026-08-18T03:00:00Z&workingDays=1"));
        assertThat(national.path("dueLocal").asText()).isEqualTo("2026-08-19T10:00+07:00");
    }

    @Test
    void badInputIsAProblemNamingTheParameter() {
        assertBadParameter("/api/calendar/holidays", "year");
        assertBadParameter("/api/calendar/holidays?year=", "year");
        assertBadParameter("/api/calendar/holidays?year=twenty", "year");
        assertBadParameter("/api/calendar/holidays?year=1899", "year");
        assertBadParameter("/api/calendar/holidays?year=2200", "year");
        assertBadParameter("/api/calendar/holidays?year=2026.5", "year");
        assertBadParameter("/api/calendar/holidays?year=2026&province=nowhere", "province");

        assertBadParameter("/api/calendar/due?workingDays=3", "from");
        assertBadParameter("/api/calendar/due?from=yesterday&workingDays=3", "from");
        assertBadParameter("/api/calendar/due?from=2026-02-13&workingDays=3", "from");
        assertBadParameter("/api/calendar/due?from=2300-01-01T00:00:00Z&workingDays=3", "from");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z", "workingDays");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=-1", "workingDays");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=3651", "workingDays");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=three", "workingDays");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=NaN", "workingDays");
        assertBadParameter("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=3&province=nowhere", "province");

        assertThat(get("/api/calendar/due?from=2026-02-13T03:00:00Z&workingDays=3650").statusCode()).isEqualTo(200);
        assertThat(get("/api/calendar/holidays?year=1900").statusCode()).isEqualTo(200);
        assertThat(get("/api/calendar/holidays?year=2199").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyReadingIsPublic() {
        assertThat(send("POST", "/api/calendar/holidays?year=2026").statusCode()).isEqualTo(401);
    }

    @Test
    void theEndpointsAreInTheOpenApiDescriptionAsPublic() {
        JsonNode api = json(get("/v3/api-docs"));
        JsonNode holidays = api.path("paths").path("/api/calendar/holidays").path("get");
        assertThat(holidays.path("security").isArray()).isTrue();
        assertThat(holidays.path("security")).isEmpty();
        assertThat(api.path("paths").path("/api/calendar/due").path("get").path("responses").has("400")).isTrue();
    }
}
