package vn.motcua.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.motcua.payment.PaymentRequest;
import vn.motcua.record.Applicant;
import vn.motcua.record.Channel;
import vn.motcua.record.RecordRow;
import vn.motcua.record.RecordState;
import vn.motcua.record.RecordStateChanged;

/** What each change tells the applicant, and what it does not. */
class ApplicantTextsTest {

    static final Instant APPOINTMENT = Instant.parse("2026-12-17T02:00:00Z"); // 09:00 in Vietnam
    final ApplicantTexts texts = new ApplicantTexts("https://dvc.tinh.example/tra-cuu");

    static RecordRow record(RecordState state) {
        return new RecordRow("commune-a-20261207-00001", "2.000575", "Đăng ký thành lập hộ kinh doanh",
                "household-business-registration", "pi-1", "commune-a", Channel.ONLINE,
                new Applicant("001190012346", "Lê Văn Hùng", "0912345678", "hung@example.vn", "Thôn 2"), state,
                null, "portal", Instant.parse("2026-12-14T02:00:00Z"), null, APPOINTMENT, null, null, null, null, null, 0);
    }

    static RecordStateChanged change(RecordState from, RecordState to, String note) {
        RecordRow row = record(to);
        return new RecordStateChanged(row.code(), row.procedureCode(), row.unit(), from, to, "reception", "clerk-a",
                Instant.now(), row.channel(), row, note);
    }

    @Test
    void theSubmissionCarriesTheCodeTheSecretAndTheLinkAndIsNotKept() {
        ApplicantMessage message = texts.submitted(record(RecordState.NEW), "Ủy ban nhân dân xã A", "s3cr3t");

        assertThat(message.secret()).isTrue();
        assertThat(message.subject()).isEqualTo("Hồ sơ commune-a-20261207-00001: đã nộp / submitted");
        assertThat(message.email()).startsWith("Kính gửi Lê Văn Hùng,").contains("Ủy ban nhân dân xã A đã nhận hồ sơ",
                "Mã tra cứu (giữ bí mật): s3cr3t", "https://dvc.tinh.example/tra-cuu?ma=commune-a-20261207-00001",
                "tracking secret s3cr3t");
        assertThat(message.sms()).isEqualTo("Ho so commune-a-20261207-00001 da nop. Ma tra cuu: s3cr3t. "
                + "Theo doi: https://dvc.tinh.example/tra-cuu?ma=commune-a-20261207-00001");
    }

    @Test
    void acceptanceTellsTheAppointmentAsDdMmYyyyInVietnam() {
        ApplicantMessage message = texts.stateChanged(change(RecordState.NEW, RecordState.ACCEPTED, null),
                Optional.empty(), false).orElseThrow();

        assertThat(message.email()).contains("Ngày hẹn trả kết quả: 17/12/2026 09:00");
        assertThat(message.sms()).contains("da tiep nhan, hen tra ket qua 17/12/2026 09:00");
    }

    @Test
    void aSupplementARefusalAndAStopSayWhy() {
        assertThat(texts.stateChanged(change(RecordState.NEW, RecordState.SUPPLEMENT_REQUESTED, "Thiếu biên bản họp"),
                Optional.empty(), false).orElseThrow().sms()).contains("can bo sung: Thieu bien ban hop");
        assertThat(texts.stateChanged(change(RecordState.NEW, RecordState.NOT_ACCEPTED, "Không thuộc thẩm quyền"),
                Optional.empty(), false).orElseThrow().email()).contains("Lý do: Không thuộc thẩm quyền");
        assertThat(texts.stateChanged(change(RecordState.IN_PROCESSING, RecordState.PROCESSING_STOPPED, "Chờ thuế"),
                Optional.empty(), false).orElseThrow().subject()).endsWith("tạm dừng xử lý / processing stopped");
    }

    @Test
    void theFeeTellsAmountReferenceAndUntilWhen() {
        PaymentRequest fee = new PaymentRequest("P7K2M9Q4X1B3", "commune-a-20261207-00001", "pi-1", 1_200_000,
                "submission", "requested", 2, Instant.now(), Instant.parse("2026-12-20T10:00:00Z"), null, null, null);

        ApplicantMessage message = texts.stateChanged(change(RecordState.ACCEPTED,
                RecordState.FINANCIAL_OBLIGATION_REQUESTED, null), Optional.of(fee), false).orElseThrow();

        assertThat(message.email()).contains("1.200.000 đồng", "P7K2M9Q4X1B3", "20/12/2026 17:00");
        assertThat(message.sms()).contains("nop le phi 1.200.000 dong, ma P7K2M9Q4X1B3, han 20/12/2026 17:00");
    }

    @Test
    void whatTheApplicantNeedNotKnowIsNotSent() {
        assertThat(texts.stateChanged(change(RecordState.ACCEPTED, RecordState.IN_PROCESSING, null), Optional.empty(),
                false)).as("appraisal starts").isEmpty();
        assertThat(texts.stateChanged(change(RecordState.FINANCIAL_OBLIGATION_REQUESTED, RecordState.ACCEPTED, null),
                Optional.empty(), false)).as("back from a fee paid").isEmpty();
        assertThat(texts.stateChanged(change(RecordState.IN_PROCESSING, RecordState.COMPLETED, null), Optional.empty(),
                true)).as("the result waits for a fee collected at the result").isEmpty();
        assertThat(texts.stateChanged(change(RecordState.FINANCIAL_OBLIGATION_REQUESTED, RecordState.COMPLETED, null),
                Optional.empty(), false)).as("the fee paid: now the result is told").isPresent();
    }

    @Test
    void smsTextsAreVietnameseWithoutDiacritics() {
        assertThat(ApplicantTexts.unaccented("Hồ sơ đã được tiếp nhận, Đăng ký")).isEqualTo("Ho so da duoc tiep nhan, Dang ky");
    }
}
