package vn.motcua.notice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues an e-mail in the outbox, in the caller's transaction: it is sent by {@link NoticeMailer}
 * once that transaction commits, and never if it rolls back.
 */
@Component
public class NoticeOutbox {

    private final JdbcClient jdbc;

    public NoticeOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code noticeId} names what the mail is about: an escalation notice, a record code … */
    public void enqueue(String noticeId, String recipient, String subject, String body, Instant now) {
        enqueue(noticeId, recipient, subject, body, now, false);
    }

    /**
     * With {@code redact}, the body is not kept once the mail server has taken it (it carries a secret, such as
     * a record's tracking secret, that is otherwise kept only as a hash).
     */
    public void enqueue(String noticeId, String recipient, String subject, String body, Instant now, boolean redact) {
        jdbc.sql("""
                insert into notice_outbox (id, notice_id, recipient, subject, body, created_at, attempts, redact)
                values (?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(UUID.randomUUID().toString(), noticeId, recipient, subject, body,
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC), redact)
                .update();
    }
}
