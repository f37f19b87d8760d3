package vn.motcua;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of our own API ({@code /api/**}), served by springdoc at
 * {@code /v3/api-docs} with Swagger UI at {@code /swagger-ui.html} (both public). Every operation
 * needs HTTP Basic ({@code basicAuth}) unless it says otherwise (the procedure catalogue does).
 * The engine's REST API ({@code /engine-rest}) is Camunda's own and documented by Camunda.
 */
@Configuration
public class OpenApiConfig {

    static final String BASIC_AUTH = "basicAuth";

    @Bean
    OpenAPI motcuaOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("motcua public-service API")
                        .version("v1")
                        .description("""
                                One-stop administrative procedures (thủ tục hành chính một cửa) on Camunda 7: \
                                the procedure catalogue, records and their documents. Log in with HTTP Basic \
                                (the Camunda users); the catalogue is public. Errors are RFC 9457 problem \
                                details (application/problem+json)."""))
                .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A Camunda user of motcua, e.g. portal (the public-service portal's client)")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }

    /** Only our own API is documented: not the redirect from {@code /}, not the webapps or actuator. */
    @Bean
    GroupedOpenApi motcuaApi() {
        return GroupedOpenApi.builder()
                .group("motcua")
                .displayName("motcua API")
                .pathsToMatch("/api/**")
                .build();
    }
}
