package vn.motcua.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import vn.motcua.demo.sms.StandInSmsGateway;
import vn.motcua.support.Api;
import vn.motcua.support.AppInstance;
import vn.motcua.support.Payments;

/**
 * The applicant kept informed, on PostgreSQL, by e-mail through a real SMTP server (GreenMail) and by SMS
 * through the stand-in gateway over HTTP: at submission (the code and the tracking secret, of which no copy is
 * kept once sent), at acceptance (the appointment), at the fee's request, at a supplement's request and a
 * refusal (what is missing, why); each message once, an outage of the gateway only delays, and an applicant who
 * opted out of SMS gets e-mails only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicantMessagesPostgresTest {

    EmbeddedPostgres postgres;
    GreenMail smtp;
    StandInSmsGateway gateway;
    AppInstance node;
    Api api;
    JdbcClient jdbc;
    int applicant;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        gateway = new StandInSmsGateway(0, "a-key-for-tests");
        gateway.start();
        node = AppInstance.start(postgres, Path.of("processes"), Path.of("forms"),
                "--spring.mail.host=localhost", "--spring.mail.port=" + port,
                "--motcua.notices.mail-poll-interval=PT0.3S", "--motcua.notices.public-url=https://motcua.tinh.example",
                "--motcua.applicant-messages.sms.base-url=" + gateway.baseUrl(),
                "--motcua.applicant-messages.sms.api-key=a-key-for-tests",
                "--motcua.applicant-messages.sms.poll-interval=PT0.3S",
                "--motcua.applicant-messages.sms.first-retry-after=PT0.3S",
                "--motcua.sms-stand-in.enabled=false", "--motcua.portal-sync.enabled=false");
        api = node.api();
        jdbc = node.bean(JdbcClient.class);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {node, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        gateway.stop();
        smtp.stop();
    }

    @Test
    void theApplicantIsToldTheCodeAndSecretThenTheAppointmentAndTheFeeEachOnceByMailAndSms() throws Exception {
        String email = "hung" + (++applicant) + "@example.vn";
        JsonNode submitted = submit(email, "0912345678");
        String code = submitted.at("/record/code").asText();
        String secret = submitted.get("trackingSecret").asText();

        MimeMessage first = mail(email, code + ": đã nộp");
        assertThat(text(first)).contains(code, secret, "https://motcua.tinh.example/tra-cuu?ma=" + code);
        Map<String, Object> sms = eventually(() -> gateway.messages("0912345678").stream()
                .filter(m -> m.get("text").toString().contains(secret)).findFirst().orElse(null));
        assertThat(sms.get("text").toString()).startsWith("Ho so " + code + " da nop. Ma tra cuu: " + secret);
        // the secret lives on only as its hash: the outboxes keep no copy once sent
        eventually(() -> jdbc.sql("select count(*) from sms_outbox where record_code = ? and sent_at is not null")
                .param(code).query(Integer.class).single() == 1 ? true : null);
        assertThat(jdbc.sql("select body from sms_outbox where record_code = ?").param(code).query(String.class).list())
                .noneMatch(body -> body.contains(secret));
        assertThat(jdbc.sql("select body from notice_outbox where notice_id = ?").param(code).query(String.class).list())
                .noneMatch(body -> body.contains(secret));
        eventually(() -> jdbc.sql("select count(*) from notice_outbox where notice_id = ? and sent_at is not null")
                .param(code).query(Integer.class).single() == 1 ? true : null);
        assertThat(jdbc.sql("select body from notice_outbox where notice_id = ?").param(code).query(String.class).list())
                .as("no text kept once sent").containsOnly("(đã gửi; nội dung không lưu / sent; the text is not kept)");

        // the gateway is down for two attempts: the fee's message is delayed, not lost, and sent once
        gateway.failNext(503, 2);
        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"accept\"}}");
        api.recordInState(code, 6);
        String appointment = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                .withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(Instant.parse(api.record(code).get("appointmentAt").asText()));
        assertThat(text(mail(email, code + ": đã tiếp nhận"))).contains("Ngày hẹn trả kết quả: " + appointment);
        String reference = api.get("portal", "/api/records/" + code + "/payment").json().get("reference").asText();
        assertThat(text(mail(email, code + ": nộp phí"))).contains("100.000 đồng", reference);
        eventually(() -> gateway.messages("0912345678").size() == 3 ? true : null);
        assertThat(gateway.messages("0912345678")).extracting(m -> m.get("text").toString())
                .anySatisfy(text -> assertThat(text).contains("da tiep nhan, hen tra ket qua " + appointment))
                .anySatisfy(text -> assertThat(text).contains("nop le phi 100.000 dong, ma " + reference));
        assertThat(gateway.duplicates()).isZero();

        // paid: the applicant is not told again of the return to state 2, nor of appraisal starting
        Payments.pay(api, code);
        api.recordInState(code, 4);
        Thread.sleep(1_500);
        assertThat(mails(email)).extracting(MimeMessage::getSubject).containsExactly("Hồ sơ " + code + ": đã nộp / submitted",
                "Hồ sơ " + code + ": đã tiếp nhận / accepted", "Hồ sơ " + code + ": nộp phí, lệ phí / fee to pay");
        assertThat(gateway.messages("0912345678")).hasSize(3);
    }

    @Test
    void anApplicantWhoOptsOutOfSmsIsToldWhatIsMissingAndWhyARecordIsRefusedByMailOnly() throws Exception {
        String email = "lan" + (++applicant) + "@example.vn";
        JsonNode submitted = submit(email, "0987654321");
        String code = submitted.at("/record/code").asText();
        eventually(() -> gateway.messages("0987654321").size() == 1 ? true : null);

        Api.Response refused = api.request(null, "PUT", "/api/records/" + code + "/notifications", "{\"sms\": false}");
        assertThat(refused.status()).as("nobody without the secret").isEqualTo(401);
        Api.Response bad = api.request("portal", "PUT", "/api/records/" + code + "/notifications", "{\"sms\": \"no\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("sms");
        Api.Response optOut = api.request(null, "PUT", "/api/records/" + code + "/notifications", "{\"sms\": false}",
                "X-Tracking-Secret", submitted.get("trackingSecret").asText());
        assertThat(optOut.status()).as(optOut.body()).isEqualTo(200);

        api.work("clerk-a", code, "Task_Reception", "{\"receptionDecision\": {\"value\": \"supplement\"}, "
                + "\"missingDocuments\": {\"value\": \"Biên bản họp thành viên hộ gia đình\"}}");
        api.recordInState(code, 5);
        assertThat(text(mail(email, code + ": cần bổ sung"))).contains("Biên bản họp thành viên hộ gia đình");
        Thread.sleep(1_500);
        assertThat(gateway.messages("0987654321")).as("opted out: no more SMS").hasSize(1);

        // the gateway refuses the next message (a number it does not serve): the operators' health says so
        gateway.failNext(400, 1);
        String other = submit("minh" + (++applicant) + "@example.vn", "0977000111").at("/record/code").asText();
        eventually(() -> "DEGRADED".equals(api.get("admin", "/actuator/health").json()
                .at("/components/applicantSms/status").asText()) ? true : null);
        assertThat(api.get("admin", "/actuator/health").json().at("/components/applicantSms/details/refusedOrGivenUpToday")
                .asInt()).isEqualTo(1);
        api.work("clerk-a", other, "Task_Reception", "{\"receptionDecision\": {\"value\": \"refuse\"}, "
                + "\"refusalReasons\": {\"value\": \"Không thuộc thẩm quyền của xã\"}}");
        assertThat(text(mail("minh" + applicant + "@example.vn", other + ": không được tiếp nhận")))
                .contains("Lý do: Không thuộc thẩm quyền của xã");
    }

    JsonNode submit(String email, String phone) {
        String submission = """
                {"procedureCode": "2.000575", "unit": "commune-a", "channel": 2,
                 "applicant": {"personalId": "001190012346", "name": "Lê Văn Hùng", %s
                               "email": "%s", "address": "Thôn 2, xã A"},
                 "formData": {"ownerPersonalId": "001190012346", "ownerFullName": "Lê Văn Hùng",
                              "businessName": "Tạp hóa Hùng Lan %d", "businessAddress": "Thôn 2, xã A",
                              "businessLines": "Bán lẻ tạp hóa / Grocery retail", "capital": 50000000}}"""
                .formatted(phone == null ? "" : "\"phone\": \"" + phone + "\",", email, applicant);
        Api.Response response = api.post("portal", "/api/records", submission);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** The one mail to {@code to} whose subject contains {@code subject}, once it has arrived. */
    MimeMessage mail(String to, String subject) throws Exception {
        MimeMessage found = eventually(() -> mails(to).stream().filter(m -> subjectOf(m).contains(subject))
                .findFirst().orElse(null));
        assertThat(mails(to)).filteredOn(m -> subjectOf(m).contains(subject)).as("sent once").hasSize(1);
        return found;
    }

    List<MimeMessage> mails(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(to));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The mail's text as the applicant reads it (decoded from quoted-printable). */
    static String text(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }

    static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    static <T> T eventually(Supplier<T> query) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        T found = query.get();
        while (found == null && Instant.now().isBefore(until)) {
            Thread.sleep(200);
            found = query.get();
        }
        assertThat(found).as("within 30 s").isNotNull();
        return found;
    }
}
