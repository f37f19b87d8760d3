package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.deadline.EscalationTestModel.MONDAY_MORNING;
import static vn.motcua.deadline.EscalationTestModel.fireTimerAndEscalate;
import static vn.motcua.deadline.EscalationTestModel.notices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import vn.motcua.notice.NoticeMailer;

/**
 * Notice e-mails over SMTP (GreenMail): the outbox relay sends each notice's e-mail once, with
 * the record, the step and the Tasklist link, and keeps failed ones for the next pass.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notices;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "motcua.notices.mail-poll-interval=PT1H",
        "motcua.notices.public-url=https://motcua.example.vn",
        "motcua.notices.from=motcua@example.vn",
})
@ActiveProfiles("demo")
class NoticeMailerSmtpTest {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    NoticeMailer mailer;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void deployAndEmptyTheOutbox() throws Exception {
        EscalationTestModel.deploy(repositoryService);
        mailer.relay();
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theLeaderGetsExactlyOneEmailNamingTheRecordTheStepAndTheLink() throws Exception {
        String code = "commune-a-20300304-00011";
        String pid = EscalationTestModel.start(runtimeService, code, "commune-a", MONDAY_MORNING,
                MONDAY_MORNING.plus(Duration.ofHours(2)));
        fireTimerAndEscalate(managementService, pid);

        assertThat(mailer.relay()).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("leader-a@demo.motcua.vn");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("motcua@example.vn");
        assertThat(mail.getSubject()).contains(code, "Thẩm định / Appraisal", "Quá hạn", "Overdue");
        String body = GreenMailUtil.getBody(mail);
        String text = mail.getContent().toString();
        assertThat(text).contains(code, "Thủ tục thử / Test procedure", "Thẩm định / Appraisal", "chưa giao",
                "unassigned", "https://motcua.example.vn/records/" + code, "Lãnh đạo Ủy ban nhân dân xã A");
        assertThat(text.indexOf("Kính gửi")).isLessThan(text.indexOf("Dear"));
        assertThat(body).isNotBlank();
        String outboxId = jdbc.sql("select o.id from notice_outbox o join escalation_notice n on n.id = o.notice_id"
                + " where n.process_instance_id = ?").param(pid).query(String.class).single();
        assertThat(mail.getMessageID()).isEqualTo("<" + outboxId + "@motcua>");

        // the next passes find nothing to send
        assertThat(mailer.relay()).isZero();
        assertThat(mailer.relay()).isZero();
        Thread.sleep(300);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(notices(jdbc, pid)).hasSize(1);
    }

    @Test
    void aFailedSendIsKeptAndRetriedAtTheNextPass() throws Exception {
        String pid = EscalationTestModel.start(runtimeService, "commune-b-20300304-00012", "commune-b",
                MONDAY_MORNING, MONDAY_MORNING.plus(Duration.ofHours(2)));
        fireTimerAndEscalate(managementService, pid);

        greenMail.stop();
        try {
            assertThat(mailer.relay()).isZero();
        } finally {
            greenMail.start();
        }
        Outbox failed = outbox(pid);
        assertThat(failed.sent()).isFalse();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isNotBlank();

        assertThat(mailer.relay()).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString)
                .containsExactly("leader-b@demo.motcua.vn");
        Outbox sent = outbox(pid);
        assertThat(sent.sent()).isTrue();
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
    }

    @Test
    void afterTenFailedAttemptsAnEmailIsLeftAlone() throws Exception {
        String pid = EscalationTestModel.start(runtimeService, "province-20300304-00013", "province",
                MONDAY_MORNING, MONDAY_MORNING.plus(Duration.ofHours(2)));
        fireTimerAndEscalate(managementService, pid);
        jdbc.sql("update notice_outbox set attempts = ? where notice_id in"
                + " (select id from escalation_notice where process_instance_id = ?)")
                .params(NoticeMailer.MAX_ATTEMPTS, pid).update();

        assertThat(mailer.relay()).isZero();
        Thread.sleep(300);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(outbox(pid).sent()).isFalse();
    }

    record Outbox(boolean sent, int attempts, String lastError) {
    }

    Outbox outbox(String pid) {
        return jdbc.sql("select o.sent_at, o.attempts, o.last_error from notice_outbox o"
                + " join escalation_notice n on n.id = o.notice_id where n.process_instance_id = ?")
                .param(pid)
                .query((rs, n) -> new Outbox(rs.getTimestamp(1) != null, rs.getInt(2), rs.getString(3)))
                .single();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
