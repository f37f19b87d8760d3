package vn.motcua.procedure;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.web.Problem;

/** The public procedure catalogue: no login needed (listed in {@code SecurityConfig.PUBLIC_API}). */
@RestController
@RequestMapping("/api/procedures")
@Tag(name = "Procedures", description = "The catalogue of administrative procedures (thủ tục hành chính); public, no login")
@SecurityRequirements // public: overrides the global basicAuth requirement
class CatalogueController {

    static final String PROCEDURE_EXAMPLE = """
            {
              "code": "1.001193",
              "name": "Đăng ký khai sinh",
              "processKey": "birth-registration",
              "version": 1,
              "level": "commune",
              "processingDays": 1,
              "fee": 0,
              "fullyOnline": true,
              "documents": [
                {"name": "Tờ khai đăng ký khai sinh / Birth registration declaration", "required": true},
                {"name": "Giấy chứng sinh / Birth certificate from the hospital", "required": true},
                {"name": "Giấy chứng nhận kết hôn của cha mẹ / Parents' marriage certificate", "required": false}
              ],
              "description": "Birth registration (đăng ký khai sinh): a parent or relative registers a newborn child's birth at the commune-level People's Committee …"
            }""";

    static final String LIST_EXAMPLE = "[" + PROCEDURE_EXAMPLE + ",\n"
            + """
            {
              "code": "2.000575",
              "name": "Đăng ký thành lập hộ kinh doanh",
              "processKey": "household-business-registration",
              "version": 1,
              "level": "commune",
              "processingDays": 3,
              "fee": 100000,
              "fullyOnline": true,
              "documents": [
                {"name": "Giấy đề nghị đăng ký hộ kinh doanh / Household business registration request", "required": true}
              ],
              "description": "Household business registration (đăng ký thành lập hộ kinh doanh): …"
            }]""";

    static final String NOT_FOUND_EXAMPLE = """
            {
              "type": "about:blank",
              "title": "Procedure not found",
              "status": 404,
              "detail": "No procedure with catalogue code '9.999999'",
              "instance": "/api/procedures/9.999999"
            }""";

    private final ProcedureCatalogue catalogue;

    CatalogueController(ProcedureCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @Operation(summary = "List the procedures",
            description = "Every procedure deployed from the product's procedure models, latest version, ordered by catalogue code.")
    @ApiResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = ProcedureSummary.class)),
                    examples = @ExampleObject(name = "catalogue", value = LIST_EXAMPLE)))
    List<ProcedureSummary> list() {
        return catalogue.all();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One procedure by its catalogue code")
    @ApiResponse(responseCode = "200", description = "The procedure",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProcedureSummary.class),
                    examples = @ExampleObject(name = "birth registration", value = PROCEDURE_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No procedure has this catalogue code",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(name = "unknown code", value = NOT_FOUND_EXAMPLE)))
    ProcedureSummary get(
            @Parameter(description = "National catalogue code (procedure.code)", example = "\"1.001193\"") @PathVariable String code) {
        return catalogue.find(code).orElseThrow(() -> notFound(code));
    }

    private static Problem notFound(String code) {
        return Problem.notFound("No procedure with catalogue code '" + code + "'").titled("Procedure not found");
    }
}
