package vn.motcua.applicant;

import java.time.Instant;
import java.util.Map;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.motcua.record.Caller;
import vn.motcua.record.RecordQueries;
import vn.motcua.web.Problem;

/** What the applicant wants to be sent about a record: for now, whether text messages (SMS) at all. */
@RestController
@Tag(name = "Records", description = "Hồ sơ: submit, track, supplement, withdraw, download the result, rate")
class NotificationController {

    private final RecordQueries records;
    private final SmsOutbox sms;

    NotificationController(RecordQueries records, SmsOutbox sms) {
        this.records = records;
        this.sms = sms;
    }

    @Operation(summary = "The applicant's choice of messages: {\"sms\": false} stops text messages about the record")
    @PutMapping("/api/records/{code}/notifications")
    Map<String, Object> choose(@PathVariable String code, @RequestBody(required = false) Map<String, Object> choice,
            @RequestHeader(name = "X-Tracking-Secret", required = false) String secret) {
        records.find(code, Caller.of(SecurityContextHolder.getContext().getAuthentication(), secret));
        Object wanted = choice == null ? null : choice.get("sms");
        if (!(wanted instanceof Boolean smsWanted)) {
            throw Problem.badRequest("sms", "give {\"sms\": true} or {\"sms\": false}");
        }
        sms.setOptOut(code, !smsWanted, Instant.now());
        return Map.of("record", code, "sms", smsWanted, "email", true);
    }
}
