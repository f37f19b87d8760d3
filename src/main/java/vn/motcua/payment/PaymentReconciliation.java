package vn.motcua.payment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.deadline.StatutoryClock;

/**
 * Đối soát: each morning yesterday's paid transactions on the platform's list are compared with the payments
 * the product recorded, and the differences are kept for the administrators (docs/payments.md) — a payment
 * the platform took that the product never confirmed (its callback lost, or refused as late), a payment the
 * product recorded that the platform does not list, or amounts that differ. One node does a day: the first to
 * insert the day's row; a day that failed (the platform down) is tried again at the next check.
 */
@Service
class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    /** One difference between the platform's list and ours. */
    record Difference(String kind, String reference, String transactionId, Long platformAmount, Long ourAmount,
            String ourStatus) {
    }

    /** A day's reconciliation as kept. */
    record Report(LocalDate day, String status, Instant startedAt, Instant finishedAt, String node,
            Integer platformCount, Integer ourCount, List<Difference> differences, String error) {
    }

    private final JdbcClient jdbc;
    private final PaymentProperties properties;
    private final StatutoryClock clock;
    private final ObjectMapper json;
    private final HttpClient http;

    PaymentReconciliation(JdbcClient jdbc, PaymentProperties properties, StatutoryClock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** Yesterday's reconciliation, once it is time and no node has done it (or it failed). */
    @Scheduled(fixedDelayString = "${motcua.payment.reconcile-check:PT10M}", initialDelayString = "PT1M")
    void reconcileWhenDue() {
        if (!properties.configured()) {
            return;
        }
        ZonedDateTime now = clock.now().atZone(VIETNAM);
        if (now.toLocalTime().isBefore(properties.reconcileAt())) {
            return;
        }
        try {
            reconcile(now.toLocalDate().minusDays(1), false);
        } catch (RuntimeException e) {
            log.warn("payment reconciliation could not run: {}", e.toString());
        }
    }

    /**
     * Reconciles {@code day}: claims it (or, with {@code again}, takes it back from a finished run), fetches the
     * platform's list, compares and keeps the report. Answers the report as kept (another node's, if it has it).
     */
    Report reconcile(LocalDate day, boolean again) {
        if (!claim(day, again)) {
            return report(day).orElseThrow();
        }
        try {
            List<JsonNode> theirs = platformList(day);
            List<PaymentRequest> ours = paidOn(day);
            List<Difference> differences = compare(theirs, ours);
            jdbc.sql("""
                    update payment_reconciliation set status = ?, finished_at = ?, platform_count = ?, our_count = ?,
                           differences = ?, error = null where for_day = ?""")
                    .params(differences.isEmpty() ? "matched" : "differences", Timestamp.from(clock.now()),
                            theirs.size(), ours.size(), json.writeValueAsString(differences), day).update();
            if (!differences.isEmpty()) {
                log.warn("payment reconciliation of {}: {} difference(s) with the platform's list", day, differences.size());
            }
        } catch (IOException | RuntimeException e) {
            jdbc.sql("update payment_reconciliation set status = 'failed', finished_at = ?, error = ? where for_day = ?")
                    .params(Timestamp.from(clock.now()), truncate(e.toString()), day).update();
            log.warn("payment reconciliation of {} failed: {}", day, e.toString());
        }
        return report(day).orElseThrow();
    }

    /** The day is ours to reconcile: a new row, or one that failed (or, asked again, any finished one). */
    private boolean claim(LocalDate day, boolean again) {
        Timestamp now = Timestamp.from(clock.now());
        try {
            jdbc.sql("insert into payment_reconciliation (for_day, status, started_at, node) values (?, 'running', ?, ?)")
                    .params(day, now, NODE).update();
            return true;
        } catch (DuplicateKeyException done) {
            // a run that has finished (failed; or any, when asked again) is taken back by one node only
            return jdbc.sql("""
                    update payment_reconciliation set status = 'running', started_at = ?, node = ?, finished_at = null
                     where for_day = ? and (status = 'failed' or (? and status <> 'running'))""")
                    .params(now, NODE, day, again).update() == 1;
        }
    }

    /** The platform's paid transactions of the day (signed request). */
    private List<JsonNode> platformList(LocalDate day) throws IOException {
        String date = day.toString();
        URI uri = URI.create(properties.platform() + "/transactions?merchant="
                + URLEncoder.encode(properties.merchant(), StandardCharsets.UTF_8) + "&date=" + date + "&signature="
                + PaymentSignatures.list(properties.secret(), properties.merchant(), date));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the platform's list", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the platform answered " + response.statusCode() + ": " + truncate(response.body()));
        }
        List<JsonNode> transactions = new ArrayList<>();
        json.readTree(response.body()).path("transactions").forEach(transactions::add);
        return transactions;
    }

    /** Our payments recorded as paid on the day (Vietnam time). */
    private List<PaymentRequest> paidOn(LocalDate day) {
        return jdbc.sql("select * from payment_request where paid_at >= ? and paid_at < ? order by paid_at")
                .params(Timestamp.from(day.atStartOfDay(VIETNAM).toInstant()),
                        Timestamp.from(day.plusDays(1).atStartOfDay(VIETNAM).toInstant()))
                .query(PaymentRequests::row).list();
    }

    private List<Difference> compare(List<JsonNode> theirs, List<PaymentRequest> ours) {
        Map<String, PaymentRequest> ourByTransaction = new HashMap<>();
        ours.forEach(request -> ourByTransaction.put(request.transactionId(), request));
        Set<String> listed = new HashSet<>();
        List<Difference> differences = new ArrayList<>();
        for (JsonNode transaction : theirs) {
            String id = transaction.path("transactionId").asText();
            String reference = transaction.path("reference").asText();
            long amount = transaction.path("amount").asLong();
            listed.add(id);
            PaymentRequest ourPayment = ourByTransaction.get(id);
            if (ourPayment == null) {
                // the request as we have it says why: still awaiting (callback lost), expired, paid by another …
                Optional<PaymentRequest> request = jdbc.sql("select * from payment_request where reference = ?")
                        .param(reference).query(PaymentRequests::row).optional();
                differences.add(new Difference("not-recorded-here", reference, id, amount,
                        request.map(PaymentRequest::amount).orElse(null),
                        request.map(PaymentRequest::status).orElse("unknown-reference")));
            } else if (ourPayment.amount() != amount) {
                differences.add(new Difference("amount-differs", reference, id, amount, ourPayment.amount(),
                        ourPayment.status()));
            }
        }
        for (PaymentRequest ourPayment : ours) {
            if (!listed.contains(ourPayment.transactionId())) {
                differences.add(new Difference("not-on-platform-list", ourPayment.reference(),
                        ourPayment.transactionId(), null, ourPayment.amount(), ourPayment.status()));
            }
        }
        return differences;
    }

    Optional<Report> report(LocalDate day) {
        return jdbc.sql("select * from payment_reconciliation where for_day = ?").param(day).query(this::toReport).optional();
    }

    List<Report> latest(int limit) {
        return jdbc.sql("select * from payment_reconciliation order by for_day desc fetch first :limit rows only")
                .param("limit", limit).query(this::toReport).list();
    }

    private Report toReport(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        String differences = rs.getString("differences");
        List<Difference> list;
        try {
            list = differences == null ? List.of()
                    : List.of(json.readValue(differences, Difference[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reconciliation differences of " + rs.getDate("for_day"), e);
        }
        return new Report(rs.getDate("for_day").toLocalDate(), rs.getString("status"),
                PaymentRequests.instant(rs.getTimestamp("started_at")), PaymentRequests.instant(rs.getTimestamp("finished_at")),
                rs.getString("node"), (Integer) rs.getObject("platform_count"), (Integer) rs.getObject("our_count"), list,
                rs.getString("error"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
