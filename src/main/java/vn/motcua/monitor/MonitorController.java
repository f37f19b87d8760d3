package vn.motcua.monitor;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.deadline.Deadlines;

/**
 * The monitoring API for leaders (their unit and the units below it), analysts and administrators
 * (every unit). Periods: {@code period=day|month|quarter|year} holding {@code date} (YYYY-MM-DD,
 * default today); {@code unit} narrows to one unit the caller may see (403 otherwise);
 * {@code procedure} to one procedure code. Rates are fractions (0.8571), {@code null} when their
 * denominator is zero.
 */
@RestController
@RequestMapping("/api/monitor")
@Tag(name = "Monitoring", description = "KPIs per unit, procedure and period; red records; step dwell times; form 06; "
        + "reengineering cards")
class MonitorController {

    private final MonitorService monitor;
    private final ControlSheets sheets;
    private final Deadlines deadlines;
    private final ReengineeringCards cards;
    private final LatenessForecast forecast;
    private final MonitorProperties properties;

    MonitorController(MonitorService monitor, ControlSheets sheets, Deadlines deadlines, ReengineeringCards cards,
            LatenessForecast forecast, MonitorProperties properties) {
        this.forecast = forecast;
        this.properties = properties;
        this.monitor = monitor;
        this.sheets = sheets;
        this.deadlines = deadlines;
        this.cards = cards;
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Everything the dashboard shows: figures per unit (with colours and open records by colour), "
            + "total, per procedure, monthly trend, red records, step dwell times and the bottleneck step")
    Dashboard dashboard(Authentication user,
            @Parameter(description = "day, month, quarter or year") @RequestParam(required = false) String period,
            @Parameter(description = "a day in the period, YYYY-MM-DD; default today") @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit, @RequestParam(required = false) String procedure) {
        return monitor.dashboard(user, period, date, unit, procedure);
    }

    @GetMapping("/kpis")
    @Operation(summary = "KPIs per unit or per procedure (by=unit|procedure) and their total")
    KpiTable kpis(Authentication user, @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure, @RequestParam(required = false) String by) {
        return monitor.kpis(user, period, date, unit, procedure, by);
    }

    @GetMapping(path = "/kpis.csv", produces = "text/csv")
    @Operation(summary = "The same KPIs as CSV (UTF-8 with BOM; empty cell = no rate)")
    ResponseEntity<byte[]> kpisCsv(Authentication user, @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure, @RequestParam(required = false) String by) {
        return csv(monitor.kpis(user, period, date, unit, procedure, by));
    }

    @GetMapping("/red-records")
    @Operation(summary = "Open records past a step's deadline, most overdue first, with links to the task in Tasklist")
    List<Dashboard.RedRow> red(Authentication user, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure) {
        return monitor.dashboard(user, null, null, unit, procedure).red();
    }

    @GetMapping("/rescue-list")
    @Operation(summary = "Open records foreseen late (less working time left than their remaining steps usually take), "
            + "ranked by the points of Decision 766's progress group the unit loses if each goes late, with who holds "
            + "them, the time left and needed, the proposed new day, links to the task and the record")
    List<LatenessForecast.Row> rescueList(Authentication user, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure) {
        return forecast.rescueList(user, unit, procedure, properties.redListLimit());
    }

    @GetMapping("/steps")
    @Operation(summary = "Dwell time per step (median and 90th percentile, working hours) of steps completed in the period")
    Dashboard.StepsView steps(Authentication user, @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit) {
        Dashboard d = monitor.dashboard(user, period, date, unit, null);
        return new Dashboard.StepsView(d.period(), d.steps(), d.bottleneck());
    }

    @GetMapping("/records/{code}/control-sheet")
    @Operation(summary = "Form 06, the process-control sheet of a record: each hand-off, planned and actual, early/on time/late")
    ControlSheet controlSheet(Authentication user, @PathVariable String code) {
        return sheets.of(user, code);
    }

    @GetMapping(path = "/records/{code}/control-sheet.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Form 06 as PDF")
    ResponseEntity<byte[]> controlSheetPdf(Authentication user, @PathVariable String code) {
        return pdf(sheets.of(user, code), deadlines);
    }

    @GetMapping("/procedures/{code}")
    @Operation(summary = "A procedure's reengineering card: the law's documents against those the applicant still "
            + "supplies, steps and hand-offs against the five-step template, statutory against actual time, shares "
            + "online, paid online, reuse, satisfaction, the compliance cost before and after; per model version and "
            + "per unit (period: a year unless asked)")
    ReengineeringCard card(Authentication user, @PathVariable String code,
            @Parameter(description = "day, month, quarter or year (default year)") @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit) {
        return cards.card(user, code, period, date, unit);
    }

    @GetMapping(path = "/procedures/{code}/card.csv", produces = "text/csv")
    @Operation(summary = "The reengineering card as CSV, one figure a line (section,key,name,figure,value)")
    ResponseEntity<byte[]> cardCsv(Authentication user, @PathVariable String code,
            @RequestParam(required = false) String period, @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit) {
        return csv(cards.card(user, code, period, date, unit));
    }

    @GetMapping(path = "/procedures/{code}/card.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The reengineering card as PDF")
    ResponseEntity<byte[]> cardPdf(Authentication user, @PathVariable String code,
            @RequestParam(required = false) String period, @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit) {
        return pdf(cards.card(user, code, period, date, unit), deadlines);
    }

    static ResponseEntity<byte[]> csv(ReengineeringCard card) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("the-tai-cau-truc-" + card.code() + "-" + card.period().from() + ".csv").build().toString())
                .body(CardExports.csv(card));
    }

    static ResponseEntity<byte[]> pdf(ReengineeringCard card, Deadlines deadlines) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("the-tai-cau-truc-" + card.code() + ".pdf").build().toString())
                .body(CardExports.pdf(card, deadlines.calendar().zone(), deadlines.now()));
    }

    static ResponseEntity<byte[]> csv(KpiTable table) {
        String name = "kpis-" + table.by() + "-" + table.period().kind() + "-" + table.period().from() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(table.csv());
    }

    static ResponseEntity<byte[]> pdf(ControlSheet sheet, Deadlines deadlines) {
        byte[] pdf = new ControlSheetPdf(deadlines.calendar().zone()).render(sheet, deadlines.now());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("phieu-kiem-soat-" + sheet.recordCode() + ".pdf").build().toString())
                .body(pdf);
    }
}
