package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;
import vn.motcua.signature.SignatureException;
import vn.motcua.signature.Signatures;
import vn.motcua.signature.SigningRequest;

/**
 * The seal's job is retried, and every record of a unit has one: a PIN the signing service refused is not
 * sent again by this node (each try would count towards locking the unit's seal), until the configuration
 * gives another PIN (a restart with the corrected one).
 */
class ResultSealingTest {

    static final String CODE = "commune-a-20261207-00001";

    RecordRepository records = mock(RecordRepository.class);
    DocumentStore documents = mock(DocumentStore.class);
    Signatures signatures = mock(Signatures.class);

    @BeforeEach
    void aRecordWithItsSignedResult() throws IOException {
        Optional<RecordRow> row = Optional.of(new RecordRow(CODE, "1.001193", "Đăng ký khai sinh",
                "birth-registration", "pi-1", "commune-a", Channel.ONLINE,
                new Applicant("001190012345", "Nguyễn Thị Lan", null, null, null), RecordState.IN_PROCESSING,
                "issuing", "portal", Instant.now(), null, null, null, null, null, null, null, 0));
        when(records.find(CODE)).thenReturn(row);
        when(records.findForUpdate(CODE)).thenReturn(row);
        when(records.nextDocumentNumber(any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(1, 2, 3);
        when(documents.latest(CODE, DocumentKind.RESULT_SIGNED))
                .thenReturn(Optional.of(new DocumentStore.Latest("d1", aPdf(), Instant.now())));
        doThrow(new SignatureException(SignatureException.Reason.AUTHORISATION_REFUSED, "wrong PIN"))
                .when(signatures).sign(any(SigningRequest.class));
    }

    ResultSealing sealingWithPin(String pin) {
        return new ResultSealing(records, documents, mock(IssuedDocuments.class), signatures,
                new SealProperties(pin, Map.of()), mock(StaffDirectory.class), mock(UnitDirectory.class),
                mock(ResultSignatures.class));
    }

    @Test
    void aRefusedPinIsNotSentAgainUntilTheConfigurationGivesAnother() {
        ResultSealing sealing = sealingWithPin("000000");
        assertThatThrownBy(() -> sealing.sealAndNumber(CODE, "records-a")).hasMessageContaining("could not be applied")
                .hasMessageContaining("wrong PIN");
        assertThatThrownBy(() -> sealing.sealAndNumber(CODE, "records-a"))
                .hasMessageContaining("was refused with the configured PIN")
                .hasMessageContaining("motcua.records.seal.units.commune-a");
        verify(signatures, times(1)).sign(any(SigningRequest.class));

        // restarted with another PIN: tried again
        ResultSealing corrected = sealingWithPin("123456");
        assertThatThrownBy(() -> corrected.sealAndNumber(CODE, "records-a")).hasMessageContaining("could not be applied");
        verify(signatures, times(2)).sign(any(SigningRequest.class));
    }

    @Test
    void anOutageIsTriedAgainEveryTime() {
        doThrow(new SignatureException(SignatureException.Reason.PROVIDER_FAILED, "connection refused"))
                .when(signatures).sign(any(SigningRequest.class));
        ResultSealing sealing = sealingWithPin("123456");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sealing.sealAndNumber(CODE, "records-a")).hasMessageContaining("connection refused");
        }
        verify(signatures, times(3)).sign(any(SigningRequest.class));
    }

    @Test
    void theNumbersYearIsTheIssuingsNotTheJobsRun() throws IOException {
        // issued at 23:50 on 31 December 2026 in Vietnam; the seal's job runs (retried) in 2027
        when(records.issuedAt(CODE)).thenReturn(Optional.of(java.time.ZonedDateTime.of(2026, 12, 31, 23, 50, 0, 0,
                java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant()));
        org.mockito.Mockito.doReturn(aPdf()).when(signatures).sign(any(SigningRequest.class));

        String number = sealingWithPin("123456").sealAndNumber(CODE, "records-a");

        org.assertj.core.api.Assertions.assertThat(number).isEqualTo("1/2026/commune-a");
        verify(records).nextDocumentNumber("commune-a", 2026);
    }

    static byte[] aPdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
