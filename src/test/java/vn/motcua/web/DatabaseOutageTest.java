package vn.motcua.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Applications;

/**
 * PostgreSQL briefly unreachable (stopped, then started again on the same data): every door answers
 * 503 with {@code Retry-After} and a problem saying so — not 500 — nothing half-done is stored, and
 * the app serves again once the database is back, without a restart.
 */
class DatabaseOutageTest {

    @Test
    void whileTheDatabaseIsDownRequestsAre503WithRetryAfterAndAfterwardsAllIsServedAgain() throws Exception {
        Path data = Files.createTempDirectory("motcua-outage-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(data, port);
        try (AppInstance app = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"),
                "--spring.datasource.hikari.connection-timeout=2000", "--camunda.bpm.job-execution.enabled=false")) {
            Api api = app.api();
            Api.Response submitted = api.post("portal", "/api/records",
                    Applications.birthRegistration("commune-a", 2, "001190012345", "Trần Minh An"));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
            String code = submitted.json().at("/record/code").asText();

            postgres.close();
            try {
                for (Api.Response down : new Api.Response[] {
                        api.get("portal", "/api/records/" + code),
                        api.post("portal", "/api/records",
                                Applications.birthRegistration("commune-a", 2, "001190012345", "Lê Văn Bình")),
                        api.get("clerk-a", "/engine-rest/task?processInstanceBusinessKey=" + code),
                        api.get(null, "/api/procedures")}) {
                    if (down.status() == 200) {
                        continue; // the catalogue is served from memory: fine
                    }
                    assertThat(down.status()).as(down.body()).isEqualTo(503);
                    assertThat(down.header("Retry-After")).isNotNull();
                    assertThat(down.contentType()).startsWith("application/problem+json");
                    assertThat(down.json().get("detail").asText()).contains("database cannot be reached");
                    assertThat(down.body()).doesNotContain("Exception", "\tat ");
                }
            } finally {
                postgres = start(data, port);
            }

            Api.Response back = eventually200(api, "/api/records/" + code);
            assertThat(back.json().get("code").asText()).isEqualTo(code);
            assertThat(app.bean(JdbcClient.class).sql("select count(*) from record").query(Integer.class).single())
                    .as("the submission made during the outage stored nothing").isEqualTo(1);
            assertThat(eventually200(api, "/engine-rest/task?processInstanceBusinessKey=" + code).json()).hasSize(1);
        } finally {
            postgres.close();
        }
    }

    static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    static Api.Response eventually200(Api api, String path) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        Api.Response response = api.get("clerk-a", path);
        while (response.status() != 200 && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            response = api.get("clerk-a", path);
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }
}
