package vn.motcua.applicant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Queues a text message in the caller's transaction; {@link SmsRelay} sends it once that has committed. */
@Component
class SmsOutbox {

    private final JdbcClient jdbc;

    SmsOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String recordCode, String recipient, String text, boolean redact, Instant now) {
        jdbc.sql("""
                insert into sms_outbox (id, record_code, recipient, body, redact, created_at, attempts, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(UUID.randomUUID().toString(), recordCode, recipient, text, redact, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /** Whether the applicant asked for no text messages about this record. */
    boolean optedOut(String recordCode) {
        return jdbc.sql("select sms_opt_out from applicant_preference where record_code = ?").param(recordCode)
                .query(Boolean.class).optional().orElse(false);
    }

    void setOptOut(String recordCode, boolean optOut, Instant now) {
        int updated = jdbc.sql("update applicant_preference set sms_opt_out = ?, changed_at = ? where record_code = ?")
                .params(optOut, Timestamp.from(now), recordCode).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into applicant_preference (record_code, sms_opt_out, changed_at) values (?, ?, ?)")
                        .params(recordCode, optOut, Timestamp.from(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException meanwhile) { // a second request just made it
                jdbc.sql("update applicant_preference set sms_opt_out = ?, changed_at = ? where record_code = ?")
                        .params(optOut, Timestamp.from(now), recordCode).update();
            }
        }
    }
}
