package vn.motcua.notice;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

/**
 * Relays the notice outbox to the mail server. Each pass, in a transaction of its own, locks up
 * to {@value #BATCH} unsent rows ({@code select … for update}), sends them and marks them sent.
 * On PostgreSQL a second node's pass waits for those row locks and then skips the rows the first
 * one sent, so each e-mail leaves once. A crash between sending and committing sends it again at
 * the next pass with the same {@code Message-ID} ({@code <outbox-id@motcua>}), which lets mail
 * systems and readers recognise the duplicate.
 *
 * <p>Without a mail server ({@code spring.mail.host} unset, the embedded default) the e-mail is
 * written to the log at INFO and counts as sent.
 */
@Component
public class NoticeMailer {

    static final int BATCH = 50;
    /** After this many failed attempts a row is left alone (its {@code last_error} says why). */
    public static final int MAX_ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(NoticeMailer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final NoticeProperties properties;

    public NoticeMailer(JdbcClient jdbc, PlatformTransactionManager transactions,
            ObjectProvider<JavaMailSender> mailSender, NoticeProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /** What a sent mail that carried a secret keeps of its body. */
    static final String REDACTED = "(đã gửi; nội dung không lưu / sent; the text is not kept)";

    private record Outgoing(String id, String recipient, String subject, String body, int attempts) {
    }

    /** One pass over the outbox; returns how many e-mails were sent (or logged). */
    @Scheduled(fixedDelayString = "${motcua.notices.mail-poll-interval:PT5S}")
    public int relay() {
        Integer sent = transaction.execute(status -> {
            List<Outgoing> batch = jdbc.sql("""
                    select id, recipient, subject, body, attempts from notice_outbox
                    where sent_at is null and attempts < ?
                    order by created_at, id
                    limit %d
                    for update""".formatted(BATCH))
                    .param(MAX_ATTEMPTS)
                    .query((rs, n) -> new Outgoing(rs.getString("id"), rs.getString("recipient"),
                            rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                    .list();
            int count = 0;
            JavaMailSender sender = mailSender.getIfAvailable();
            for (Outgoing mail : batch) {
                try {
                    send(sender, mail);
                    jdbc.sql("""
                            update notice_outbox set sent_at = ?, attempts = attempts + 1, last_error = null,
                                   body = case when redact then ? else body end
                             where id = ?""")
                            .params(now(), REDACTED, mail.id()).update();
                    count++;
                } catch (Exception e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    jdbc.sql("update notice_outbox set attempts = attempts + 1, last_error = ? where id = ?")
                            .params(error.length() > 2000 ? error.substring(0, 2000) : error, mail.id()).update();
                    if (mail.attempts() + 1 >= MAX_ATTEMPTS) {
                        log.error("Giving up the notice e-mail {} to {} after {} attempts: {}", mail.id(),
                                mail.recipient(), MAX_ATTEMPTS, error);
                    } else {
                        log.warn("Notice e-mail {} to {} failed (attempt {}), retried next pass: {}", mail.id(),
                                mail.recipient(), mail.attempts() + 1, error);
                    }
                }
            }
            return count;
        });
        return sent == null ? 0 : sent;
    }

    private void send(JavaMailSender sender, Outgoing mail) throws Exception {
        if (sender == null) {
            log.info("Notice e-mail (no mail server configured, spring.mail.host unset; logged instead)\n"
                    + "Message-ID: {}\nFrom: {}\nTo: {}\nSubject: {}\n\n{}", messageId(mail.id()), properties.from(),
                    mail.recipient(), mail.subject(), mail.body());
            return;
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        // JavaMailSenderImpl keeps an explicitly set Message-ID when it saves the message.
        message.setHeader("Message-ID", messageId(mail.id()));
        sender.send(message);
    }

    static String messageId(String outboxId) {
        return "<" + outboxId + "@motcua>";
    }

    private static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    }
}
