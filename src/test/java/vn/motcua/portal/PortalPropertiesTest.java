package vn.motcua.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.security.StaffDirectory;
import vn.motcua.security.UnitDirectory;

/** The waits between attempts, the state mapping and the update's format (docs/portal-sync.md). */
class PortalPropertiesTest {

    static PortalProperties properties(Map<Integer, String> states) {
        return new PortalProperties(true, "http://portal.example/v1/", "motcua", "secret", null, states,
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    @Test
    void theWaitDoublesFromTheFirstUpToTheLongest() {
        PortalProperties portal = properties(Map.of());
        assertThat(portal.retryAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(portal.retryAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(portal.retryAfter(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(portal.retryAfter(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(portal.retryAfter(100)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void statesGoAsTheirCodesUnlessTheMappingSaysOtherwise() {
        PortalProperties portal = properties(Map.of(6, "6A"));
        assertThat(portal.stateCode(6)).isEqualTo("6A");
        assertThat(portal.stateCode(10)).isEqualTo("10");
    }

    @Test
    void anUpdateCarriesTheRecordItsStateTheUnitTheOfficialAndTheAppointmentInVietnamsTime() throws Exception {
        UnitDirectory units = mock(UnitDirectory.class);
        when(units.name("commune-a")).thenReturn("Ủy ban nhân dân xã A");
        StaffDirectory staff = mock(StaffDirectory.class);
        when(staff.fullName("clerk-a")).thenReturn("Nguyễn Thị Hoa");
        PortalRelay relay = new PortalRelay(null, mock(org.springframework.transaction.PlatformTransactionManager.class),
                properties(Map.of(2, "TN")), units, staff);
        JsonNode body = new ObjectMapper().readTree(relay.body(new PortalRelay.Update(7, "e-1", "commune-a-20261207-00001",
                2, "1.001193", 2, Instant.parse("2026-12-07T02:30:00Z"), "commune-a", "clerk-a",
                Instant.parse("2026-12-08T09:00:00Z"), 0)));
        assertThat(body.get("eventId").asText()).isEqualTo("e-1");
        assertThat(body.get("sequence").asInt()).isEqualTo(2);
        assertThat(body.get("state").asText()).isEqualTo("TN");
        assertThat(body.get("changedAt").asText()).isEqualTo("2026-12-07T09:30+07:00");
        assertThat(body.get("appointmentAt").asText()).isEqualTo("2026-12-08T16:00+07:00");
        assertThat(body.at("/unit/name").asText()).isEqualTo("Ủy ban nhân dân xã A");
        assertThat(body.at("/official/name").asText()).isEqualTo("Nguyễn Thị Hoa");
        assertThat(body.get("procedureCode").asText()).isEqualTo("1.001193");
    }
}
