package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import vn.motcua.support.Api;

/**
 * The embedded default with the demonstration clock (profile {@code fast-clock}, 24x7 calendar)
 * and the real job executor: a record's reception step overdue within seconds notifies the
 * leaders of commune A, and a working day later the province's. Here a working day lasts 10 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:fastclock;DB_CLOSE_DELAY=-1",
        "motcua.deadlines.time-scale=0.000115741" })
@ActiveProfiles({"demo", "fast-clock"})
class FastClockDemoTest {

    @LocalServerPort
    int port;

    @Test
    void leadersSeeTheNoticeSoonAfterTheDeadlineAndTheNextLevelAWorkingDayLater() throws Exception {
        Api api = new Api(port);
        Api.Response submitted = api.post("portal", "/api/records", """
                {"procedureCode": "1.001193", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012345", "name": "Nguyễn Thị Lan", "phone": "0912345678"},
                 "formData": {"childFullName": "Trần Minh An", "motherPersonalId": "001190012345",
                              "applicantRelationship": "mother", "childDateOfBirth": "2026-11-20",
                              "childSex": "male", "childPlaceOfBirth": "Trạm y tế xã A"}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String code = submitted.json().at("/record/code").asText();
        String notices = "/engine-rest/task?nameLike=" + java.net.URLEncoder.encode("%" + code + "%",
                java.nio.charset.StandardCharsets.UTF_8) + "&priority=80";

        Instant start = Instant.now();
        JsonNode level1 = Api.eventually(() -> api.get("leader-a", notices).json(), Duration.ofSeconds(40));
        assertThat(level1).as("leader-a is notified").hasSize(1);
        assertThat(level1.get(0).get("name").asText()).contains("Quá hạn");
        assertThat(api.get("leader-b", notices).json()).isEmpty();

        JsonNode level2 = Api.eventually(() -> api.get("leader-p", notices).json(), Duration.ofSeconds(60));
        assertThat(level2).as("the province's leader is notified next").hasSize(1);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(100));
    }
}
