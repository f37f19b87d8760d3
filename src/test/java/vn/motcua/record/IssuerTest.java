package vn.motcua.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.motcua.procedure.ProcedureCatalogue;
import vn.motcua.record.pdf.LegalForm;
import vn.motcua.security.StaffDirectory;
import vn.motcua.support.Organisations;

/** Who issues a document, as Decree 30/2020/NĐ-CP heads and closes it: the place and the signer's title. */
class IssuerTest {

    static IssuedDocuments issued(IssuerProperties issuers) {
        return new IssuedDocuments(new RecordProperties(null, null, null, Path.of("templates"), null, null),
                mock(DocumentStore.class), Organisations.demo(), mock(StaffDirectory.class),
                mock(ProcedureCatalogue.class), issuers, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                mock(TrackingTokens.class), mock(vn.motcua.notice.NoticeProperties.class));
    }

    @Test
    void thePlaceComesFromTheCommitteesNameAndADepartmentTakesItsProvinces() {
        IssuedDocuments issued = issued(new IssuerProperties(Map.of()));
        assertThat(issued.place("commune-a")).isEqualTo("Xã A");
        assertThat(issued.place("province")).isEqualTo("Hưng Yên");
        assertThat(issued.place("dept-industry-trade")).as("a department: its parent's place").isEqualTo("Hưng Yên");
        assertThat(issued.place("no-such-unit")).isNull();
    }

    @Test
    void theSignersTitleFollowsTheUnitsKindAndTheForm() {
        IssuedDocuments issued = issued(new IssuerProperties(Map.of()));
        assertThat(issued.signerTitle(LegalForm.RESULT, "commune-a")).isEqualTo("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");
        assertThat(issued.signerTitle(LegalForm.RESULT, "dept-construction")).isEqualTo("GIÁM ĐỐC");
        assertThat(issued.signerTitle(LegalForm.RECEIPT, "commune-a")).isEqualTo("NGƯỜI TIẾP NHẬN HỒ SƠ");
        assertThat(issued.signerTitle(LegalForm.SUPPLEMENT_REQUEST, "commune-a")).isEqualTo("NGƯỜI HƯỚNG DẪN");
    }

    @Test
    void aUnitsOwnSettingsWinAndAnUnreadableSealImageIsNoSealImage() {
        IssuedDocuments issued = issued(new IssuerProperties(Map.of("commune-a", new IssuerProperties.Issuer(
                "Thị trấn A", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", Path.of("/no/such/seal.png")))));
        assertThat(issued.place("commune-a")).isEqualTo("Thị trấn A");
        assertThat(issued.headTitle("commune-a")).isEqualTo("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
        assertThat(issued.sealImage("commune-a")).isEmpty();
        assertThat(issued.sealImage("commune-b")).isEmpty();
    }
}
