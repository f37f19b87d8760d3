package vn.motcua.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public procedure catalogue and the OpenAPI description over HTTP, without credentials, on
 * the app with the demo profile (Camunda authorizations on) and the procedures deployed from
 * {@code processes/} at start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:catalogue;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
})
@ActiveProfiles("demo")
class CatalogueApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    RepositoryService repositoryService;

    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    HttpResponse<String> get(String path, String basicAuth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (basicAuth != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Test
    void listsTheThreeProceduresWithoutLogin() {
        HttpResponse<String> response = get("/api/procedures");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode list = json(response);
        assertThat(texts(list, "code")).containsExactly("1.001193", "1.009994", "2.000575", "2.000633");
        assertThat(texts(list, "processKey")).containsExactly(
                "birth-registration", "construction-permit", "household-business-registration", "alcohol-wholesale-licence");

        JsonNode permit = list.get(1);
        assertThat(permit.path("name").asText()).isEqualTo("Cấp giấy phép xây dựng nhà ở riêng lẻ");
        assertThat(permit.path("version").asInt()).isEqualTo(1);
        assertThat(permit.path("level").asText()).isEqualTo("commune");
        assertThat(permit.path("processingDays").isNumber()).isTrue();
        assertThat(permit.path("processingDays").asInt()).isEqualTo(15);
        assertThat(permit.path("fee").isNumber()).isTrue();
        assertThat(permit.path("fee").asLong()).isEqualTo(75000);
        assertThat(permit.path("fullyOnline").isBoolean()).isTrue();
        assertThat(permit.path("fullyOnline").asBoolean()).isFalse();
        assertThat(permit.path("documents")).hasSize(4);
        assertThat(permit.path("documents").get(0).path("name").asText())
                .isEqualTo("Đơn đề nghị cấp giấy phép xây dựng / Application for a construction permit");
        assertThat(permit.path("documents").get(0).path("required").asBoolean()).isTrue();
        assertThat(permit.path("documents").get(3).path("required").asBoolean()).isFalse();
        assertThat(permit.path("documents").get(3).path("name").asText()).doesNotContain("|");

        JsonNode household = list.get(2);
        assertThat(household.path("fee").asLong()).isEqualTo(100000);
        assertThat(household.path("processingDays").asInt()).isEqualTo(3);
        assertThat(household.path("fullyOnline").asBoolean()).isTrue();
        assertThat(household.path("documents")).hasSize(4);
    }

    @Test
    void oneProcedureByCodeMatchesItsModel() {
        HttpResponse<String> response = get("/api/procedures/1.001193");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode birth = json(response);
        assertThat(birth.path("code").asText()).isEqualTo("1.001193");
        assertThat(birth.path("name").asText()).isEqualTo("Đăng ký khai sinh");
        assertThat(birth.path("processKey").asText()).isEqualTo("birth-registration");
        assertThat(birth.path("version").asInt()).isEqualTo(1);
        assertThat(birth.path("level").asText()).isEqualTo("commune");
        assertThat(birth.has("units")).as("names no unit of its own").isFalse();
        assertThat(birth.path("competentUnits")).extracting(unit -> unit.path("id").asText())
                .as("every commune of the demo organisation").containsExactly("commune-a", "commune-b");
        assertThat(birth.at("/competentUnits/0/name").asText()).isEqualTo("Ủy ban nhân dân xã A");
        assertThat(birth.path("processingDays").isNumber()).isTrue();
        assertThat(birth.path("processingDays").decimalValue()).isEqualByComparingTo("1");
        assertThat(birth.path("fee").isNumber()).isTrue();
        assertThat(birth.path("fee").asLong()).isZero();
        assertThat(birth.path("fullyOnline").asBoolean()).isTrue();
        assertThat(birth.path("description").asText())
                .startsWith("Birth registration (đăng ký khai sinh)")
                .contains("sample configuration");

        JsonNode documents = birth.path("documents");
        assertThat(texts(documents, "name")).containsExactly(
                "Tờ khai đăng ký khai sinh / Birth registration declaration",
                "Giấy chứng sinh / Birth certificate from the hospital",
                "Giấy chứng nhận kết hôn của cha mẹ / Parents' marriage certificate",
                "Văn bản ủy quyền (khi người khác đi đăng ký thay) / Authorisation, when someone else registers on the parents' behalf");
        List<Boolean> required = new ArrayList<>();
        documents.forEach(d -> required.add(d.path("required").asBoolean()));
        assertThat(required).containsExactly(true, true, false, false);

        // the same as the Java API other features use
        assertThat(get("/api/procedures").body()).contains("\"processKey\":\"birth-registration\"");
    }

    @Test
    void unknownCodeIsAProblem404NamingTheCode() {
        HttpResponse<String> response = get("/api/procedures/9.999999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).contains("9.999999");
        assertThat(response.body()).doesNotContain("Exception", "at vn.motcua");
    }

    @Test
    void theCatalogueIgnoresTheCallersCamundaAuthorizations() {
        // A valid user without any Camunda grant (no group, no authorization) sees the same catalogue.
        if (identityService.createUserQuery().userId("catalogue-nobody").count() == 0) {
            User user = identityService.newUser("catalogue-nobody");
            user.setPassword("nobody-secret");
            identityService.saveUser(user);
        }
        assertThat(repositoryService.createProcessDefinitionQuery().count()).isPositive();

        HttpResponse<String> response = get("/api/procedures", "catalogue-nobody:nobody-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(texts(json(response), "code")).containsExactly("1.001193", "1.009994", "2.000575", "2.000633");
        assertThat(get("/api/procedures/2.000575", "catalogue-nobody:nobody-secret").statusCode()).isEqualTo(200);
        // and the same user gets nothing from the engine's own API: a user in no role passes no row of
        // its door (README, Security), and behind it Camunda's authorizations would show nothing either
        HttpResponse<String> engine = get("/engine-rest/process-definition", "catalogue-nobody:nobody-secret");
        assertThat(engine.statusCode()).as(engine.body()).isEqualTo(403);
        assertThat(repositoryService.createProcessDefinitionQuery().count()).isPositive();
        identityService.setAuthentication("catalogue-nobody", java.util.List.of());
        try {
            assertThat(repositoryService.createProcessDefinitionQuery().count()).isZero();
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void aProcedureDeployedByHandIsNotInTheCatalogue() {
        String model = read("processes/birth-registration.bpmn")
                .replace("\"birth-registration\"", "\"hand-made\"")
                .replace("value=\"1.001193\"", "value=\"9.000001\"");
        repositoryService.createDeployment().name("hand-made").addString("hand-made.bpmn", model).deploy();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("hand-made").count()).isOne();

        assertThat(get("/api/procedures/9.000001").statusCode()).isEqualTo(404);
        assertThat(texts(json(get("/api/procedures")), "processKey")).doesNotContain("hand-made");
    }

    @Test
    void openApiDescriptionListsTheCatalogueAndIsPublic() {
        HttpResponse<String> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode api = json(response);
        assertThat(api.path("info").path("title").asText()).isEqualTo("motcua public-service API");
        assertThat(api.path("paths").has("/api/procedures")).isTrue();
        assertThat(api.path("paths").has("/api/procedures/{code}")).isTrue();
        api.path("paths").fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
        assertThat(api.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(api.path("security").toString()).contains("basicAuth");
        JsonNode list = api.path("paths").path("/api/procedures").path("get");
        assertThat(list.path("security").isArray()).as("catalogue needs no security").isTrue();
        assertThat(list.path("security")).isEmpty();
        assertThat(list.path("responses").path("200").toString()).contains("1.001193");
        assertThat(api.path("paths").path("/api/procedures/{code}").path("get").path("responses").has("404")).isTrue();
        JsonNode submit = api.path("paths").path("/api/records").path("post");
        assertThat(submit.path("requestBody").toString()).as("the records API has examples")
                .contains("application/json", "001190012345");
        assertThat(api.path("paths").has("/api/records/{code}/supplements")).isTrue();
    }

    @Test
    void swaggerUiIsReachableWithoutLogin() {
        HttpResponse<String> response = get("/swagger-ui.html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
