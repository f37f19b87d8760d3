package vn.motcua.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.web.Problem;

/**
 * The working calendar for portals, public (GET only, listed in {@code SecurityConfig.PUBLIC_READ_API}):
 * a year's days off, and the due date a number of working days after an instant, so an applicant
 * sees the expected appointment date before submitting.
 */
@RestController
@RequestMapping("/api/calendar")
@Tag(name = "Calendar", description = "The working calendar (lịch làm việc): days off and due dates in working days; public, no login")
@SecurityRequirements // public: overrides the global basicAuth requirement
class CalendarController {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2199;
    static final double MAX_WORKING_DAYS = 3650;

    /** A year's days off. */
    record Holidays(int year, @JsonInclude(JsonInclude.Include.ALWAYS) String province, List<DayOff> daysOff) {
    }

    /** A due date: {@code from} plus {@code workingDays} working days. */
    record Due(String from, Number workingDays, @JsonInclude(JsonInclude.Include.ALWAYS) String province, String due,
            String dueLocal) {
    }

    static final String HOLIDAYS_EXAMPLE = """
            {
              "year": 2026,
              "province": null,
              "daysOff": [
                {"date": "2026-01-01", "name": "Tết Dương lịch", "nameEn": "New Year's Day", "kind": "holiday"},
                {"date": "2026-02-14", "name": "Nghỉ Tết Nguyên đán Bính Ngọ", "nameEn": "Lunar New Year (Tết) break", "kind": "official"},
                {"date": "2026-02-16", "name": "Tết Nguyên đán (29 tháng Chạp năm Ất Tỵ)", "nameEn": "Lunar New Year (Tết), last day of the lunar year", "kind": "holiday"},
                {"date": "2026-04-26", "name": "Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)", "nameEn": "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)", "kind": "holiday"},
                {"date": "2026-04-27", "name": "Nghỉ bù Giỗ Tổ Hùng Vương", "nameEn": "Day off in lieu of Hùng Kings' Commemoration Day", "kind": "compensation"}
              ]
            }""";

    static final String DUE_EXAMPLE = """
            {
              "from": "2026-02-13T03:00:00Z",
              "workingDays": 3,
              "province": null,
              "due": "2026-02-25T03:00:00Z",
              "dueLocal": "2026-02-25T10:00+07:00"
            }""";

    static final String PROBLEM_EXAMPLE = """
            {
              "type": "about:blank",
              "title": "Invalid 'workingDays'",
              "status": 400,
              "detail": "workingDays must be a number from 0 to 3650, was '-1'",
              "instance": "/api/calendar/due",
              "field": "workingDays"
            }""";

    private final WorkingCalendars calendars;

    CalendarController(WorkingCalendars calendars) {
        this.calendars = calendars;
    }

    @GetMapping("/holidays")
    @Operation(summary = "The days off of a year",
            description = "Public holidays (computed, lunar ones included), their compensation days, the year's official "
                    + "schedule and, with `province`, the province's own days off; in date order, one entry per date, "
                    + "also for days off that fall on a weekend.")
    @ApiResponse(responseCode = "200", description = "The days off",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Holidays.class),
                    examples = @ExampleObject(name = "2026 (abridged)", value = HOLIDAYS_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Missing or invalid year, or unknown province; `field` names the parameter",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    Holidays holidays(
            @Parameter(description = "The year, 1900 to 2199", example = "2026") @RequestParam(required = false) String year,
            @Parameter(description = "A province id with days off of its own (optional)") @RequestParam(required = false) String province) {
        int y = year(year);
        String key = province(province);
        return new Holidays(y, key, calendars.forProvince(key).daysOff(y));
    }

    @GetMapping("/due")
    @Operation(summary = "The due date after a number of working days",
            description = "`from` plus `workingDays` working days (decimals allowed) in office hours, skipping weekends and "
                    + "days off; from outside office hours the count starts at the next opening. A due date that uses up "
                    + "a working day exactly is its closing time (17:00).")
    @ApiResponse(responseCode = "200", description = "The due date",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Due.class),
                    examples = @ExampleObject(name = "3 working days across the 2026 Tết break", value = DUE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Missing or invalid from or workingDays, or unknown province; `field` names the parameter",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(name = "negative working days", value = PROBLEM_EXAMPLE)))
    Due due(
            @Parameter(description = "The start, an ISO-8601 instant (2026-02-13T03:00:00Z) or date-time with offset (2026-02-13T10:00+07:00)",
                    example = "2026-02-13T03:00:00Z") @RequestParam(required = false) String from,
            @Parameter(description = "Working days, 0 to 3650, decimals allowed", example = "3") @RequestParam(required = false) String workingDays,
            @Parameter(description = "A province id with days off of its own (optional)") @RequestParam(required = false) String province) {
        Instant start = instant(from);
        double days = workingDays(workingDays);
        String key = province(province);
        WorkingCalendar calendar = calendars.forProvince(key);
        Instant due = calendar.addWorkingDays(start, days);
        Number shown = days == Math.rint(days) ? (Number) (long) days : (Number) days;
        return new Due(start.toString(), shown, key, due.toString(), OffsetDateTime.ofInstant(due, calendar.zone()).toString());
    }

    private static int year(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.badRequest("year", "year is required: a year from " + MIN_YEAR + " to " + MAX_YEAR);
        }
        try {
            int year = Integer.parseInt(text.strip());
            if (year >= MIN_YEAR && year <= MAX_YEAR) {
                return year;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Problem.badRequest("year", "year must be a year from " + MIN_YEAR + " to " + MAX_YEAR + ", was '" + text + "'");
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.badRequest("from", "from is required: an ISO-8601 instant such as 2026-02-13T03:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeException e) {
            try {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeException e2) {
                throw Problem.badRequest("from", "from must be an ISO-8601 instant such as 2026-02-13T03:00:00Z or 2026-02-13T10:00+07:00,"
                        + " was '" + text + "'");
            }
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw Problem.badRequest("from", "from must lie in the years " + MIN_YEAR + " to " + MAX_YEAR + ", was '" + text + "'");
        }
        return instant;
    }

    private static double workingDays(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.badRequest("workingDays", "workingDays is required: a number of working days from 0 to 3650");
        }
        if (text.strip().matches("[0-9]{1,9}([.][0-9]{1,9})?")) {
            double days = Double.parseDouble(text.strip());
            if (days <= MAX_WORKING_DAYS) {
                return days;
            }
        }
        throw Problem.badRequest("workingDays", "workingDays must be a number from 0 to 3650, was '" + text + "'");
    }

    private String province(String text) {
        String key = CalendarProperties.provinceKey(text);
        if (key != null && !calendars.knowsProvince(key)) {
            throw Problem.badRequest("province", "province '" + text + "' is unknown to the working calendar");
        }
        return key;
    }

}
