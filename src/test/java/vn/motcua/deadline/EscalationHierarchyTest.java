package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who is notified at which level ({@link UnitHierarchy}), by default and as configured. */
class EscalationHierarchyTest {

    @Test
    void byDefaultACommuneReportsToTheProvinceAndTheProvinceToTheAdministrators() {
        UnitHierarchy units = new UnitHierarchy(NoticeProperties.defaults());
        assertThat(units.notifiedGroup("commune-a", 1)).isEqualTo("commune-a:leader");
        assertThat(units.notifiedGroup("commune-a", 2)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("commune-a", 3)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("province", 1)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("province", 2)).isEqualTo("camunda-admin");
        assertThat(units.parent("commune-b")).contains("province");
        assertThat(units.parent("province")).isEmpty();
    }

    @Test
    void parentsAreConfigurable() {
        UnitHierarchy units = new UnitHierarchy(new NoticeProperties(null, null, null, null,
                Map.of("ward-1", "district-9", "district-9", "province", "agency-x", "admins")));
        assertThat(units.notifiedGroup("ward-1", 2)).isEqualTo("district-9:leader");
        assertThat(units.notifiedGroup("ward-1", 3)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("ward-1", 4)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("agency-x", 2)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("commune-a", 2)).isEqualTo("province:leader");
    }

    @Test
    void levelsStartAtOne() {
        assertThatThrownBy(() -> new UnitHierarchy(NoticeProperties.defaults()).notifiedGroup("commune-a", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsOfTheSettings() {
        NoticeProperties defaults = NoticeProperties.defaults();
        assertThat(defaults.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(defaults.from()).isEqualTo("motcua@localhost");
        assertThat(defaults.nextLevelAfterWorkingDays()).isEqualTo(1.0);
        assertThat(new NoticeProperties("https://motcua.example.vn/", null, null, null, null).publicUrl())
                .isEqualTo("https://motcua.example.vn");
    }
}
