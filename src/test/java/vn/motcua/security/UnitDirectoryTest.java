package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.motcua.security.OrganisationProperties.KindSettings;
import vn.motcua.security.OrganisationProperties.UnitSettings;
import vn.motcua.support.Organisations;

/** The organisation as configured: the demo's, and what a bad configuration gets at start. */
class UnitDirectoryTest {

    static final UnitDirectory DEMO = Organisations.demo();

    @Test
    void theDemoOrganisationIsTheProvinceTwoDepartmentsAndTwoCommunesTopDown() {
        assertThat(DEMO.all()).extracting(Unit::id)
                .containsExactly("province", "dept-construction", "dept-industry-trade", "commune-a", "commune-b");
        Unit trade = DEMO.find("dept-industry-trade").orElseThrow();
        assertThat(trade.name()).isEqualTo("Sở Công Thương");
        assertThat(trade.nameEn()).isEqualTo("Department of Industry and Trade");
        assertThat(trade.kind()).isEqualTo("department");
        assertThat(trade.level()).as("a department works at the province's level").isEqualTo("province");
        assertThat(trade.parent()).isEqualTo("province");
        assertThat(DEMO.find("commune-a").orElseThrow().level()).isEqualTo("commune");
        assertThat(DEMO.name("province")).isEqualTo("Ủy ban nhân dân tỉnh Hưng Yên");
        assertThat(DEMO.label("commune-b")).isEqualTo("Ủy ban nhân dân xã B / People's Committee of Commune B");
        assertThat(DEMO.name("commune-z")).as("a unit the organisation lacks keeps its id").isEqualTo("commune-z");
        assertThat(DEMO.exists("commune-z")).isFalse();
        assertThat(DEMO.exists(null)).isFalse();
    }

    @Test
    void parentsChildrenAndSubtrees() {
        assertThat(DEMO.parent("commune-a")).contains("province");
        assertThat(DEMO.parent("province")).isEmpty();
        assertThat(DEMO.children("province")).extracting(Unit::id)
                .containsExactly("dept-construction", "dept-industry-trade", "commune-a", "commune-b");
        assertThat(DEMO.children("commune-a")).isEmpty();
        assertThat(DEMO.subtree("province")).hasSize(5);
        assertThat(DEMO.subtree("commune-b")).extracting(Unit::id).containsExactly("commune-b");
        assertThat(DEMO.subtree("commune-z")).isEmpty();

        UnitDirectory deep = Organisations.of("ward-1:ward:district-9", "province:province",
                "district-9:department:province");
        assertThat(deep.all()).extracting(Unit::id).as("each unit before the units below it, whatever the order listed")
                .containsExactly("province", "district-9", "ward-1");
        assertThat(deep.isAtOrBelow("ward-1", "province")).isTrue();
        assertThat(deep.isAtOrBelow("province", "ward-1")).isFalse();
        assertThat(deep.subtree("district-9")).extracting(Unit::id).containsExactly("district-9", "ward-1");
    }

    @Test
    void aDepartmentsDocumentsAreHeadedByItsGoverningBodyACommunesAreNot() {
        assertThat(DEMO.governingBodyName("dept-construction")).contains("Ủy ban nhân dân tỉnh Hưng Yên");
        assertThat(DEMO.governingBodyName("commune-a")).isEmpty();
        assertThat(DEMO.governingBodyName("province")).isEmpty();
        assertThat(DEMO.governingBodyName("commune-z")).isEmpty();
    }

    @Test
    void theCompetentUnitsFollowTheLevelTheUnitsAndTheKindsAProcedureNames() {
        assertThat(DEMO.competent("commune", List.of(), List.of())).extracting(Unit::id)
                .containsExactly("commune-a", "commune-b");
        assertThat(DEMO.competent("province", List.of(), List.of())).extracting(Unit::id)
                .containsExactly("province", "dept-construction", "dept-industry-trade");
        assertThat(DEMO.competent("province", List.of(), List.of("department"))).extracting(Unit::id)
                .containsExactly("dept-construction", "dept-industry-trade");
        assertThat(DEMO.competent("province", List.of("dept-industry-trade"), List.of())).extracting(Unit::id)
                .containsExactly("dept-industry-trade");
        assertThat(DEMO.competent("commune", List.of("dept-industry-trade"), List.of()))
                .as("a unit of another level is never competent").isEmpty();
        assertThat(DEMO.competent(null, null, null)).as("a model that names nothing").hasSize(5);
    }

    @Test
    void aBadConfigurationStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> Organisations.of("province:province", "commune-a:hamlet:province"))
                .hasMessageStartingWith("motcua.organisation.units.commune-a.kind: unknown kind 'hamlet'");
        assertThatThrownBy(() -> Organisations.of("commune-a:commune:provinse"))
                .hasMessageStartingWith("motcua.organisation.units.commune-a.parent: unknown parent unit 'provinse'");
        assertThatThrownBy(() -> Organisations.of("a:commune:b", "b:commune:c", "c:commune:a"))
                .hasMessageContaining(".parent: the parents make a loop: a → b → c → a");
        assertThatThrownBy(() -> Organisations.of("a:commune:a")).hasMessageContaining("loop");
        assertThatThrownBy(() -> Organisations.of("Commune_A:commune"))
                .hasMessageStartingWith("motcua.organisation.units.Commune_A: a unit id has");
        assertThatThrownBy(() -> Organisations.of("commune-a:"))
                .isInstanceOf(RuntimeException.class);
        Map<String, UnitSettings> nameless = new LinkedHashMap<>();
        nameless.put("commune-a", new UnitSettings(" ", null, "commune", null));
        assertThatThrownBy(() -> UnitDirectory.of(new OrganisationProperties(null, nameless)))
                .hasMessage("motcua.organisation.units.commune-a.name: the unit's Vietnamese name is required");
        Map<String, UnitSettings> kindless = Map.of("commune-a", new UnitSettings("Xã A", null, null, null));
        assertThatThrownBy(() -> UnitDirectory.of(new OrganisationProperties(null, kindless)))
                .hasMessageStartingWith("motcua.organisation.units.commune-a.kind: the unit's kind is required");
        Map<String, KindSettings> levelless = Map.of("commune", new KindSettings(null, null));
        Map<String, UnitSettings> commune = Map.of("commune-a", new UnitSettings("Xã A", null, "commune", null));
        assertThatThrownBy(() -> UnitDirectory.of(new OrganisationProperties(levelless, commune)))
                .hasMessage("motcua.organisation.kinds.commune.level: the kind's level is required");
    }

    @Test
    void configuredKindsReplaceTheDefaults() {
        Map<String, KindSettings> kinds = Map.of("special-zone", new KindSettings("commune", true));
        Map<String, UnitSettings> units = new LinkedHashMap<>();
        units.put("province", new UnitSettings("Tỉnh", null, "special-zone", null));
        units.put("zone-1", new UnitSettings("Đặc khu 1", null, "special-zone", "province"));
        UnitDirectory directory = UnitDirectory.of(new OrganisationProperties(kinds, units));
        assertThat(directory.find("zone-1").orElseThrow().level()).isEqualTo("commune");
        assertThat(directory.governingBodyName("zone-1")).contains("Tỉnh");
        assertThat(OrganisationProperties.DEFAULT_KINDS.keySet())
                .containsExactlyInAnyOrderElementsOf(Set.of("province", "department", "commune", "ward"));
    }

    @Test
    void withoutMembersTheDirectorySaysSoRatherThanAnsweringNo() {
        assertThatThrownBy(() -> DEMO.isMember("clerk-a", "commune-a", Role.CLERK))
                .isInstanceOf(IllegalStateException.class);
    }
}
