package vn.motcua.applicant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the queued text messages to the SMS gateway, on every node: the rows are locked while they are sent,
 * so two nodes never send the same one; the row's id is the gateway's idempotency key, so a message sent again
 * after a crash between the gateway's answer and the commit is still delivered once. A gateway outage (5xx,
 * 408, 429, no answer) only delays — the wait doubles, up to {@code max-retry-after}, and after
 * {@code max-attempts} the message is given up; a refusal (other 4xx: a number it does not serve) ends it; an
 * applicant who opted out meanwhile gets nothing. A message that carried the tracking secret keeps no text.
 */
@Component
class SmsRelay {

    private static final Logger log = LoggerFactory.getLogger(SmsRelay.class);
    private static final int BATCH = 20;
    static final String REDACTED = "(đã gửi; nội dung không lưu / sent; the text is not kept)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApplicantProperties.Sms properties;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final HttpClient http;

    SmsRelay(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicantProperties properties,
            ObjectMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties.sms();
        this.json = json;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(this.properties.timeout()).build();
        // every outcome's series exists from the start, at 0: an alert's rate() needs it before the first failure
        for (String outcome : List.of("sent", "retried", "refused", "given-up", "opted-out")) {
            count(outcome, 0);
        }
    }

    private record Outgoing(String id, String recordCode, String recipient, String body, boolean redact,
            int attempts, boolean optedOut) {
    }

    private enum Outcome { SENT, REFUSED, UNAVAILABLE }

    @Scheduled(fixedDelayString = "${motcua.applicant-messages.sms.poll-interval:PT5S}")
    void scheduled() {
        if (properties.enabled() && properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            relay();
        }
    }

    /** One pass over the waiting messages; returns how many the gateway took. */
    int relay() {
        Integer sent = tx.execute(status -> {
            List<Outgoing> batch = jdbc.sql("""
                    select s.id, s.record_code, s.recipient, s.body, s.redact, s.attempts,
                           coalesce((select p.sms_opt_out from applicant_preference p where p.record_code = s.record_code),
                                    false) as opted_out
                      from sms_outbox s
                     where s.sent_at is null and s.ended_at is null and s.next_attempt_at <= ?
                     order by s.created_at, s.id
                     limit %d
                     for update""".formatted(BATCH))
                    .param(Timestamp.from(Instant.now()))
                    .query((rs, n) -> new Outgoing(rs.getString("id"), rs.getString("record_code"),
                            rs.getString("recipient"), rs.getString("body"), rs.getBoolean("redact"),
                            rs.getInt("attempts"), rs.getBoolean("opted_out")))
                    .list();
            int count = 0;
            for (Outgoing message : batch) {
                if (message.optedOut()) {
                    end(message, "opted-out", null);
                    continue;
                }
                Sent result = send(message);
                switch (result.outcome()) {
                    case SENT -> {
                        jdbc.sql("""
                                update sms_outbox set sent_at = ?, outcome = 'sent', attempts = attempts + 1,
                                       last_error = null, body = case when redact then ? else body end
                                 where id = ?""")
                                .params(Timestamp.from(Instant.now()), REDACTED, message.id()).update();
                        count("sent");
                        count++;
                    }
                    case REFUSED -> {
                        log.warn("The SMS gateway refused the message {} of record {}: {}", message.id(),
                                message.recordCode(), result.detail());
                        end(message, "refused", result.detail());
                    }
                    case UNAVAILABLE -> {
                        if (message.attempts() + 1 >= properties.maxAttempts()) {
                            log.error("Giving up the SMS {} of record {} after {} attempts: {}", message.id(),
                                    message.recordCode(), message.attempts() + 1, result.detail());
                            end(message, "given-up", result.detail());
                            continue;
                        }
                        Instant next = Instant.now().plus(properties.retryAfter(message.attempts() + 1));
                        jdbc.sql("update sms_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")
                                .params(Timestamp.from(next), clip(result.detail()), message.id()).update();
                        count("retried");
                        return count; // the gateway is down: the others wait for the next pass
                    }
                }
            }
            return count;
        });
        return sent == null ? 0 : sent;
    }

    private void end(Outgoing message, String outcome, String detail) {
        jdbc.sql("""
                update sms_outbox set ended_at = ?, outcome = ?, attempts = attempts + 1, last_error = ?,
                       body = case when redact then ? else body end
                 where id = ?""")
                .params(Timestamp.from(Instant.now()), outcome, clip(detail), REDACTED, message.id()).update();
        count(outcome);
    }

    private record Sent(Outcome outcome, String detail) {
    }

    private Sent send(Outgoing message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.id());
        body.put("to", message.recipient());
        body.put("text", message.body());
        body.put("sender", properties.sender());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl().replaceAll("/+$", "") + "/sms"))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Authorization", "Bearer " + (properties.apiKey() == null ? "" : properties.apiKey()))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = "HTTP " + status + (response.body() == null || response.body().isBlank() ? ""
                    : ": " + response.body());
            if (status / 100 == 2) {
                return new Sent(Outcome.SENT, detail);
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                return new Sent(Outcome.REFUSED, detail);
            }
            return new Sent(Outcome.UNAVAILABLE, detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return new Sent(Outcome.UNAVAILABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(Outcome.UNAVAILABLE, "interrupted");
        }
    }

    private void count(String outcome) {
        count(outcome, 1);
    }

    private void count(String outcome, int by) {
        meters.counter("motcua.sms.messages", "outcome", outcome).increment(by);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
