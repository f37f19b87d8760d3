package vn.motcua.portal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;

/**
 * Sends the portal outbox ({@link PortalOutbox}) to the national portal's status API, in order per record
 * and once each as the portal sees it. Each pass, in a transaction of its own, locks the first unsent update
 * of up to {@value #BATCH} records — never one whose earlier update is still unsent or parked — and posts
 * them with their event id as {@code Idempotency-Key}:
 * <ul>
 * <li>2xx, or 409 (the portal has that event already): delivered;</li>
 * <li>another 4xx but 408 and 429: refused — parked with the portal's answer, the record's later updates
 * wait behind it until an administrator resends it (after a fix of the data or the state mapping);</li>
 * <li>5xx, 408, 429, a timeout or no connection: the portal is unavailable — tried again after a wait that
 * doubles each time, and the pass ends there (the others wait for the next pass).</li>
 * </ul>
 * On PostgreSQL a second node's pass waits for the first one's row locks and then skips what it sent; a crash
 * between the portal's answer and the commit sends the update again with the same event id.
 */
@Component
class PortalRelay {

    static final int BATCH = 20;
    /** Passes in a row while each delivers something (a record's backlog goes out one update per pass). */
    static final int MAX_PASSES = 50;

    private static final Logger log = LoggerFactory.getLogger(PortalRelay.class);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final PortalProperties properties;
    private final UnitDirectory units;
    private final StaffDirectory staff;
    private final HttpClient http;

    PortalRelay(JdbcClient jdbc, PlatformTransactionManager transactions, PortalProperties properties,
            UnitDirectory units, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.units = units;
        this.staff = staff;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    /** An update as the outbox keeps it. */
    record Update(long id, String eventId, String recordCode, int sequence, String procedureCode, int state,
            Instant changedAt, String unit, String official, Instant appointmentAt, int attempts) {
    }

    private enum Outcome { DELIVERED, REFUSED, UNAVAILABLE }

    @Scheduled(fixedDelayString = "${motcua.portal-sync.poll-interval:PT5S}")
    void scheduled() {
        if (properties.enabled() && properties.baseUrl() != null && !properties.baseUrl().isBlank()) {
            relayAll();
        }
    }

    /** Passes until one delivers nothing; returns how many updates were delivered. */
    int relayAll() {
        int delivered = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int now = relay();
            delivered += now;
            if (now == 0) {
                break;
            }
        }
        return delivered;
    }

    /** One pass: the first waiting update of each record, as far as the portal takes them. */
    int relay() {
        Integer delivered = transaction.execute(status -> {
            List<Update> heads = jdbc.sql("""
                    select * from portal_outbox o
                     where o.sent_at is null and o.parked_at is null and o.next_attempt_at <= ?
                       and not exists (select 1 from portal_outbox p
                                        where p.record_code = o.record_code and p.sent_at is null and p.id < o.id)
                     order by o.id
                     limit %d
                     for update""".formatted(BATCH))
                    .param(PortalOutbox.utc(now()))
                    .query((rs, n) -> new Update(rs.getLong("id"), rs.getString("event_id"),
                            rs.getString("record_code"), rs.getInt("sequence"), rs.getString("procedure_code"),
                            rs.getInt("state"), instant(rs.getObject("changed_at", OffsetDateTime.class)),
                            rs.getString("unit"), rs.getString("official"),
                            instant(rs.getObject("appointment_at", OffsetDateTime.class)), rs.getInt("attempts")))
                    .list();
            int count = 0;
            for (Update update : heads) {
                Sent sent = send(update);
                switch (sent.outcome()) {
                    case DELIVERED -> {
                        jdbc.sql("update portal_outbox set sent_at = ?, attempts = attempts + 1, last_error = null where id = ?")
                                .params(PortalOutbox.utc(now()), update.id()).update();
                        count++;
                    }
                    case REFUSED -> {
                        log.error("The national portal refused update {} of record {} (state {}): {}; parked until an "
                                + "administrator resends it", update.sequence(), update.recordCode(), update.state(),
                                sent.detail());
                        jdbc.sql("update portal_outbox set parked_at = ?, attempts = attempts + 1, last_error = ? where id = ?")
                                .params(PortalOutbox.utc(now()), clip(sent.detail()), update.id()).update();
                    }
                    case UNAVAILABLE -> {
                        Instant next = now().plus(properties.retryAfter(update.attempts() + 1));
                        log.warn("The national portal is unavailable ({}); update {} of record {} tried again at {}",
                                sent.detail(), update.sequence(), update.recordCode(), next);
                        jdbc.sql("""
                                update portal_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                                 where id = ?""")
                                .params(PortalOutbox.utc(next), clip(sent.detail()), update.id()).update();
                        return count; // the others wait for the next pass
                    }
                }
            }
            return count;
        });
        return delivered == null ? 0 : delivered;
    }

    private record Sent(Outcome outcome, String detail) {
    }

    private Sent send(Update update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.baseUrl().replaceAll("/+$", "")
                        + "/records/status"))
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", update.eventId())
                .POST(HttpRequest.BodyPublishers.ofString(body(update), StandardCharsets.UTF_8));
        if (properties.token() != null && !properties.token().isBlank()) {
            request.header("Authorization", "Bearer " + properties.token());
        } else if (properties.username() != null && !properties.username().isBlank()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (properties.username() + ":" + (properties.password() == null ? "" : properties.password()))
                            .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = "HTTP " + status + (response.body() == null || response.body().isBlank() ? ""
                    : ": " + response.body());
            if (status / 100 == 2 || status == 409) {
                return new Sent(Outcome.DELIVERED, detail);
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                return new Sent(Outcome.REFUSED, detail);
            }
            return new Sent(Outcome.UNAVAILABLE, detail);
        } catch (IOException e) {
            return new Sent(Outcome.UNAVAILABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(Outcome.UNAVAILABLE, "interrupted");
        }
    }

    /** The update as the portal receives it (docs/portal-sync.md). */
    String body(Update update) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", update.eventId());
        body.put("recordCode", update.recordCode());
        body.put("sequence", update.sequence());
        body.put("procedureCode", update.procedureCode());
        body.put("state", properties.stateCode(update.state()));
        body.put("changedAt", update.changedAt().atZone(VIETNAM).toOffsetDateTime().toString());
        body.put("unit", Map.of("code", update.unit(), "name", units.name(update.unit())));
        body.put("official", Map.of("id", update.official(), "name", staff.fullName(update.official())));
        body.put("appointmentAt", update.appointmentAt() == null ? null
                : update.appointmentAt().atZone(VIETNAM).toOffsetDateTime().toString());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
