package vn.motcua.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.deadline.Deadlines;
import vn.motcua.web.Problem;

/**
 * The monitoring centre's pages (Thymeleaf, server-rendered; charts drawn by ECharts from data
 * written into the page): the dashboard, a record's control sheet (form 06) and its PDF, the
 * figures as CSV. The staff session of the one sign-in ({@code SecurityConfig}), so a leader
 * uses them from a phone's browser like any site.
 */
@Controller
class MonitorPages {

    private final MonitorService monitor;
    private final ControlSheets sheets;
    private final MonitorScope scope;
    private final Deadlines deadlines;
    private final ObjectMapper json;
    private final KpiQueries queries;
    private final ReengineeringCards cards;
    private final LatenessForecast forecast;
    private final MonitorProperties properties;

    MonitorPages(MonitorService monitor, ControlSheets sheets, MonitorScope scope, Deadlines deadlines,
            ObjectMapper json, KpiQueries queries, ReengineeringCards cards, LatenessForecast forecast,
            MonitorProperties properties) {
        this.cards = cards;
        this.forecast = forecast;
        this.properties = properties;
        this.monitor = monitor;
        this.sheets = sheets;
        this.scope = scope;
        this.deadlines = deadlines;
        this.json = json;
        this.queries = queries;
    }

    /** The monitoring centre's old sign-in address: staff sign in once, at {@code /login}. */
    @GetMapping("/monitor/login")
    String login() {
        return "redirect:/login";
    }

    @GetMapping({"/monitor", "/monitor/"})
    String dashboard(Authentication user, Model model, @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure) throws JsonProcessingException {
        Dashboard dashboard = monitor.dashboard(user, period, date, unit, procedure);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("trend", dashboard.trend());
        chart.put("procedures", dashboard.procedures());
        chart.put("steps", dashboard.steps());
        chart.put("bottleneck", dashboard.bottleneck());
        model.addAttribute("d", dashboard);
        model.addAttribute("rescue", forecast.rescueList(user, unit, procedure, properties.redListLimit()));
        model.addAttribute("chartJson", json.writeValueAsString(chart));
        model.addAttribute("units", scope.visibleUnits(user));
        model.addAttribute("procedures", queries.procedureNames());
        model.addAttribute("unit", unit == null ? "" : unit);
        model.addAttribute("date", date == null ? "" : date);
        model.addAttribute("user", user.getName());
        model.addAttribute("fmt", format());
        model.addAttribute("query", query(period, date, unit, procedure));
        return "monitor/dashboard";
    }

    @GetMapping("/monitor/records/{code}")
    String sheet(Authentication user, @PathVariable String code, Model model) {
        model.addAttribute("s", sheets.of(user, code));
        model.addAttribute("user", user.getName());
        model.addAttribute("fmt", format());
        return "monitor/sheet";
    }

    @GetMapping("/monitor/records/{code}/control-sheet.pdf")
    ResponseEntity<byte[]> sheetPdf(Authentication user, @PathVariable String code) {
        return MonitorController.pdf(sheets.of(user, code), deadlines);
    }

    /** A procedure's reengineering card, with its plots (statutory against actual time per step, documents per version). */
    @GetMapping("/monitor/procedures/{code}")
    String card(Authentication user, @PathVariable String code, Model model,
            @RequestParam(required = false) String period, @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit) throws JsonProcessingException {
        ReengineeringCard card = cards.card(user, code, period, date, unit);
        model.addAttribute("c", card);
        model.addAttribute("chartJson", json.writeValueAsString(Map.of("steps", card.steps(), "versions",
                card.versions(), "cost", card.cost())));
        model.addAttribute("units", scope.visibleUnits(user));
        model.addAttribute("unit", unit == null ? "" : unit);
        model.addAttribute("date", date == null ? "" : date);
        model.addAttribute("user", user.getName());
        model.addAttribute("fmt", format());
        model.addAttribute("query", query(period, date, unit, null));
        return "monitor/procedure";
    }

    @GetMapping("/monitor/procedures/{code}/card.csv")
    ResponseEntity<byte[]> cardCsv(Authentication user, @PathVariable String code,
            @RequestParam(required = false) String period, @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit) {
        return MonitorController.csv(cards.card(user, code, period, date, unit));
    }

    @GetMapping("/monitor/procedures/{code}/card.pdf")
    ResponseEntity<byte[]> cardPdf(Authentication user, @PathVariable String code,
            @RequestParam(required = false) String period, @RequestParam(required = false) String date,
            @RequestParam(required = false) String unit) {
        return MonitorController.pdf(cards.card(user, code, period, date, unit), deadlines);
    }

    @GetMapping("/monitor/kpis.csv")
    ResponseEntity<byte[]> csv(Authentication user, @RequestParam(required = false) String period,
            @RequestParam(required = false) String date, @RequestParam(required = false) String unit,
            @RequestParam(required = false) String procedure, @RequestParam(required = false) String by) {
        return MonitorController.csv(monitor.kpis(user, period, date, unit, procedure, by));
    }

    private MonitorFormat format() {
        return new MonitorFormat(deadlines.calendar().zone());
    }

    /** The page's own query string, for the CSV links. */
    private static String query(String period, String date, String unit, String procedure) {
        StringBuilder q = new StringBuilder();
        append(q, "period", period);
        append(q, "date", date);
        append(q, "unit", unit);
        append(q, "procedure", procedure);
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.append('&').append(name).append('=')
                    .append(java.net.URLEncoder.encode(value.strip(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Refusals on the pages: a small page saying why, with the status (400, 403, 404), not the API's problem. */
    @ExceptionHandler(Problem.class)
    ModelAndView refused(Problem e) {
        ModelAndView page = new ModelAndView("monitor/refused");
        page.addObject("status", e.status().value());
        page.addObject("message", e.getMessage());
        page.setStatus(e.status());
        return page;
    }
}
