package vn.motcua.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.motcua.security.UnitDirectory;
import vn.motcua.support.Organisations;
import vn.motcua.notice.NoticeProperties;

/** Who is notified at which level ({@link UnitHierarchy}): the organisation's parents, and their overrides. */
class EscalationHierarchyTest {

    static final UnitDirectory DEMO = Organisations.demo();

    @Test
    void inTheDemoOrganisationCommunesAndDepartmentsReportToTheProvinceAndTheProvinceToTheAdministrators() {
        UnitHierarchy units = new UnitHierarchy(DEMO, NoticeProperties.defaults());
        assertThat(units.notifiedGroup("commune-a", 1)).isEqualTo("commune-a:leader");
        assertThat(units.notifiedGroup("commune-a", 2)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("commune-a", 3)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("dept-industry-trade", 2)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("province", 1)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("province", 2)).isEqualTo("camunda-admin");
        assertThat(units.parent("commune-b")).contains("province");
        assertThat(units.parent("dept-construction")).contains("province");
        assertThat(units.parent("province")).isEmpty();
    }

    @Test
    void parentsComeFromTheOrganisation() {
        UnitDirectory organisation = Organisations.of("province:province", "district-9:department:province",
                "ward-1:ward:district-9", "agency-x:department");
        UnitHierarchy units = new UnitHierarchy(organisation, NoticeProperties.defaults());
        assertThat(units.notifiedGroup("ward-1", 2)).isEqualTo("district-9:leader");
        assertThat(units.notifiedGroup("ward-1", 3)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("ward-1", 4)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("agency-x", 2)).as("a top unit").isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("commune-z", 1)).isEqualTo("commune-z:leader");
        assertThat(units.notifiedGroup("commune-z", 2)).as("a unit the organisation lacks").isEqualTo("camunda-admin");
    }

    @Test
    void theDeprecatedNoticeParentsStillOverrideTheOrganisationsForEscalation() {
        UnitHierarchy units = new UnitHierarchy(DEMO, new NoticeProperties(null, null, null, null,
                Map.of("commune-b", "dept-construction", "dept-industry-trade", "admins")));
        assertThat(units.notifiedGroup("commune-b", 2)).isEqualTo("dept-construction:leader");
        assertThat(units.notifiedGroup("commune-b", 3)).isEqualTo("province:leader");
        assertThat(units.notifiedGroup("dept-industry-trade", 2)).isEqualTo("camunda-admin");
        assertThat(units.notifiedGroup("commune-a", 2)).as("not overridden").isEqualTo("province:leader");
    }

    @Test
    void levelsStartAtOne() {
        assertThatThrownBy(() -> new UnitHierarchy(DEMO, NoticeProperties.defaults()).notifiedGroup("commune-a", 0))
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
