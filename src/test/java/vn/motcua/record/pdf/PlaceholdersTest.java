package vn.motcua.record.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    static FormData data(ZonedDateTime issued, ZonedDateTime appointment) {
        return new FormData("UBND xã A", "CODE-1", "Đăng ký khai sinh", "Nguyễn Thị Lan", null, null, null,
                issued, appointment, null, null, "Trần Văn Đức", Map.of("k", "v"));
    }

    @Test
    void datesAreWrittenTheAdministrativeWay() {
        assertThat(Placeholders.date(ZonedDateTime.parse("2026-01-05T10:00:00+07:00"))).isEqualTo("ngày 05 tháng 01 năm 2026");
        assertThat(Placeholders.date(ZonedDateTime.parse("2026-02-28T10:00:00+07:00"))).isEqualTo("ngày 28 tháng 02 năm 2026");
        assertThat(Placeholders.date(ZonedDateTime.parse("2026-03-05T10:00:00+07:00"))).isEqualTo("ngày 05 tháng 3 năm 2026");
        assertThat(Placeholders.date(ZonedDateTime.parse("2026-11-23T10:00:00+07:00"))).isEqualTo("ngày 23 tháng 11 năm 2026");
        // 20:00 UTC on the 31st is already 1 January in Vietnam
        assertThat(Placeholders.date(ZonedDateTime.parse("2025-12-31T20:00:00Z"))).isEqualTo("ngày 01 tháng 01 năm 2026");
        assertThat(Placeholders.dateTime(ZonedDateTime.parse("2026-03-05T02:05:00Z")))
                .isEqualTo("09 giờ 05 phút, ngày 05 tháng 03 năm 2026");
    }

    @Test
    void fillsFieldsDefaultsAndExtras() {
        Placeholders placeholders = new Placeholders(LegalForm.APOLOGY,
                data(ZonedDateTime.parse("2026-11-23T08:15:00+07:00"), null), "t");

        assertThat(placeholders.expand("${applicantName} (${recordCode}) mẫu ${formNumber}, ${documentCount} giấy tờ"))
                .isEqualTo(new Placeholders.Expansion("Nguyễn Thị Lan (CODE-1) mẫu 04, 0 giấy tờ", false));
        assertThat(placeholders.expand("${issuedDate}; ${ extra.k }; ${appointmentAt|chưa hẹn}"))
                .isEqualTo(new Placeholders.Expansion("ngày 23 tháng 11 năm 2026; v; chưa hẹn", false));
        assertThat(placeholders.expand("[${appointmentAt}] [${nope}] [${extra.none}] $5 {x} ${"))
                .isEqualTo(new Placeholders.Expansion("[] [] [] $5 {x} ${", true));
        assertThat(placeholders.expand("${reasons}${applicantPhone|}").anyEmpty()).isTrue();
    }

    @Test
    void splitsSignatureColumnsOutsidePlaceholders() {
        assertThat(Placeholders.split("NGƯỜI NỘP | ${extra.t|CHỦ TỊCH} (Ký)", '|'))
                .isEqualTo(List.of("NGƯỜI NỘP", "${extra.t|CHỦ TỊCH} (Ký)"));
        assertThat(Placeholders.split("MỘT", '|')).isEqualTo(List.of("MỘT"));
    }
}
