package vn.motcua.demo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.demo.registry.SandboxSamples.*;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.motcua.demo.registry.SandboxData.Citizen;
import vn.motcua.demo.registry.SandboxData.EnterpriseStatus;
import vn.motcua.demo.registry.SandboxData.Household;
import vn.motcua.demo.registry.SandboxData.Member;
import vn.motcua.demo.registry.SandboxData.Relationship;
import vn.motcua.demo.registry.SandboxData.Sex;

class SandboxDataTest {

    private final SandboxData data = new SandboxData();

    @Test
    void twoInstancesHoldTheSameData() {
        SandboxData other = new SandboxData();
        assertThat(other.citizens()).isEqualTo(data.citizens());
        assertThat(other.households()).isEqualTo(data.households());
        assertThat(other.enterprises()).isEqualTo(data.enterprises());
        assertThat(other.parcels()).isEqualTo(data.parcels());
    }

    /** Pins the generator: if this changes, every generated id in docs/sandbox-registry.md changes too. */
    @Test
    void generatedDataIsPinnedBySeed() {
        assertThat(data.citizens().get(5).personalId()).isEqualTo("082086997666");
        assertThat(data.citizens().get(5).fullName()).isEqualTo("Đặng Hữu Sơn");
    }

    @Test
    void anotherSeedKeepsTheFixedSamplesOnly() {
        SandboxData other = new SandboxData(42);
        assertThat(other.citizens()).isNotEqualTo(data.citizens());
        assertThat(other.citizen(MOTHER_ID)).isEqualTo(data.citizen(MOTHER_ID));
        assertThat(other.parcel(OWNED_PARCEL_COMMUNE, OWNED_PARCEL_MAP_SHEET, OWNED_PARCEL_NUMBER))
                .isEqualTo(data.parcel(OWNED_PARCEL_COMMUNE, OWNED_PARCEL_MAP_SHEET, OWNED_PARCEL_NUMBER));
    }

    @Test
    void sizes() {
        assertThat(data.citizens()).hasSize(SandboxData.PEOPLE);
        assertThat(data.households()).hasSize(SandboxData.HOUSEHOLDS);
        assertThat(data.enterprises()).hasSize(SandboxData.ENTERPRISES);
        assertThat(data.parcels()).hasSize(SandboxData.PARCELS);
        // Most people live in a household, a few in none.
        int inHouseholds = data.households().stream().mapToInt(h -> h.members().size()).sum();
        assertThat(inHouseholds).isBetween(400, SandboxData.PEOPLE - 5);
    }

    @Test
    void everyPersonalIdIsWellFormedAndMatchesSexAndBirthYear() {
        Set<String> ids = new HashSet<>();
        for (Citizen c : data.citizens()) {
            assertThat(ids.add(c.personalId())).as("unique %s", c.personalId()).isTrue();
            assertThat(c.personalId()).matches("\\d{12}");
            int centuryAndSex = c.personalId().charAt(3) - '0';
            int year = c.dateOfBirth().getYear();
            assertThat(centuryAndSex).as(c.personalId())
                    .isEqualTo((year / 100 - 19) * 2 + (c.sex() == Sex.FEMALE ? 1 : 0));
            assertThat(c.personalId().substring(4, 6)).isEqualTo(String.format("%02d", year % 100));
            assertThat(c.familyName()).isNotBlank();
            assertThat(c.givenName()).isNotBlank();
            assertThat(c.fullName()).doesNotContain("  ");
            assertThat(c.permanentResidence()).endsWith("tỉnh Demo");
            assertThat(c.nationality()).isEqualTo("Việt Nam");
        }
        // Vietnamese names with their diacritics.
        assertThat(data.citizens()).anyMatch(c -> c.fullName().matches(".*[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ].*"));
    }

    @Test
    void theBirthRegistrationFamily() {
        Citizen mother = data.citizen(MOTHER_ID).orElseThrow();
        assertThat(mother.fullName()).isEqualTo(MOTHER_NAME).isEqualTo("Nguyễn Thị Lan");
        assertThat(mother.sex()).isEqualTo(Sex.FEMALE);
        assertThat(mother.dateOfBirth()).isEqualTo(LocalDate.of(1990, 3, 15));
        Citizen father = data.citizen(FATHER_ID).orElseThrow();
        assertThat(father.fullName()).isEqualTo("Trần Văn Minh");
        assertThat(father.sex()).isEqualTo(Sex.MALE);
        assertThat(father.dateOfBirth()).isEqualTo(LocalDate.of(1989, 7, 2));
        assertThat(mother.permanentResidence()).isEqualTo(FAMILY_ADDRESS).contains("xã A");

        Household household = data.householdOf(MOTHER_ID).orElseThrow();
        assertThat(data.householdOf(FATHER_ID)).contains(household);
        assertThat(household.householdId()).isEqualTo(FAMILY_HOUSEHOLD_ID);
        assertThat(household.headPersonalId()).isEqualTo(FATHER_ID);
        assertThat(household.members()).containsExactly(new Member(FATHER_ID, Relationship.HEAD),
                new Member(MOTHER_ID, Relationship.SPOUSE), new Member(CHILD_ID, Relationship.CHILD));
    }

    @Test
    void applicantsOfOtherTestsArePeopleInHouseholds() {
        for (long id = Long.parseLong(FIRST_APPLICANT_ID); id <= Long.parseLong(LAST_APPLICANT_ID); id++) {
            String personalId = String.format("%012d", id);
            Citizen applicant = data.citizen(personalId).orElseThrow(() -> new AssertionError(personalId));
            assertThat(applicant.sex()).isEqualTo(Sex.FEMALE);
            assertThat(applicant.dateOfBirth().getYear()).isEqualTo(1990);
            assertThat(applicant.deceased()).isFalse();
            assertThat(data.householdOf(personalId)).isPresent();
        }
    }

    @Test
    void populationEdgeCases() {
        Citizen deceased = data.citizen(DECEASED_ID).orElseThrow();
        assertThat(deceased.deceased()).isTrue();
        assertThat(deceased.dateOfDeath()).isEqualTo(DECEASED_DEATH_DATE);
        assertThat(deceased.fullName()).isEqualTo(DECEASED_NAME);
        assertThat(data.householdOf(DECEASED_ID)).isEmpty();

        assertThat(data.citizen(NO_HOUSEHOLD_ID).orElseThrow().fullName()).isEqualTo(NO_HOUSEHOLD_NAME);
        assertThat(data.householdOf(NO_HOUSEHOLD_ID)).isEmpty();

        assertThat(UNKNOWN_PERSONAL_ID).matches("\\d{12}");
        assertThat(data.citizen(UNKNOWN_PERSONAL_ID)).isEmpty();
        assertThat(data.householdOf(UNKNOWN_PERSONAL_ID)).isEmpty();
    }

    @Test
    void householdsAreConsistent() {
        Set<String> ids = new HashSet<>();
        for (Household h : data.households()) {
            assertThat(ids.add(h.householdId())).isTrue();
            assertThat(h.members()).isNotEmpty();
            assertThat(h.members().get(0)).isEqualTo(new Member(h.headPersonalId(), Relationship.HEAD));
            assertThat(h.members()).filteredOn(m -> m.relationship() == Relationship.HEAD).hasSize(1);
            for (Member m : h.members()) {
                Citizen member = data.citizen(m.personalId()).orElseThrow();
                assertThat(member.deceased()).isFalse();
                assertThat(member.permanentResidence()).isEqualTo(h.address());
                assertThat(data.householdOf(m.personalId())).contains(h); // one household per person
            }
        }
    }

    @Test
    void enterprises() {
        assertThat(data.enterprise(ACTIVE_ENTERPRISE_CODE).orElseThrow().status()).isEqualTo(EnterpriseStatus.ACTIVE);
        assertThat(data.enterprise(DISSOLVED_ENTERPRISE_CODE).orElseThrow().status()).isEqualTo(EnterpriseStatus.DISSOLVED);
        assertThat(data.enterprise(SUSPENDED_ENTERPRISE_CODE).orElseThrow().status()).isEqualTo(EnterpriseStatus.SUSPENDED);
        assertThat(data.enterprise(CLASHING_ENTERPRISE_CODE).orElseThrow().name()).isEqualTo(CLASHING_BUSINESS_NAME);
        assertThat(data.enterprise(UNKNOWN_ENTERPRISE_CODE)).isEmpty();
        Set<String> codes = new HashSet<>();
        data.enterprises().forEach(e -> {
            assertThat(codes.add(e.enterpriseCode())).isTrue();
            assertThat(e.enterpriseCode()).matches("\\d{10}");
            assertThat(data.citizen(e.legalRepresentativeId())).isPresent();
            assertThat(e.businessLines()).isNotEmpty().allMatch(line -> line.code().matches("\\d{4}"));
        });
        assertThat(data.enterprises()).extracting(e -> e.status()).contains(EnterpriseStatus.values());
    }

    @Test
    void nameClashIgnoresCaseDiacriticsAndRepeatedSpaces() {
        for (String query : List.of(CLASHING_BUSINESS_NAME, "cửa hàng tạp hóa minh anh", "CUA HANG TAP HOA MINH ANH",
                "  Cua   hang\ttap hoa  Minh Anh ", "Cửa hàng Tạp hoá Minh Anh" /* the other tone placement */)) {
            assertThat(data.enterprisesNamed(query)).as(query)
                    .extracting(e -> e.enterpriseCode()).containsExactly(CLASHING_ENTERPRISE_CODE);
        }
        assertThat(data.enterprisesNamed(FREE_BUSINESS_NAME)).isEmpty();
        assertThat(data.enterprisesNamed("Cửa hàng Tạp hóa Minh")).isEmpty(); // equal names only, not prefixes
        assertThat(SandboxData.normaliseName("Đặng  ĐỨC\u00a0đạt")).isEqualTo("dang duc dat");
        // Decomposed input (combining marks) is the same name as composed input.
        assertThat(SandboxData.normaliseName("Nguye\u0302\u0303n")).isEqualTo("nguyen");
    }

    @Test
    void parcels() {
        var owned = data.parcel(OWNED_PARCEL_COMMUNE, OWNED_PARCEL_MAP_SHEET, OWNED_PARCEL_NUMBER).orElseThrow();
        assertThat(owned.ownerPersonalId()).isEqualTo(FATHER_ID);
        assertThat(owned.disputed()).isFalse();
        assertThat(owned.area()).isEqualByComparingTo(OWNED_PARCEL_AREA);
        assertThat(data.parcel(DISPUTED_PARCEL_COMMUNE, DISPUTED_PARCEL_MAP_SHEET, DISPUTED_PARCEL_NUMBER)
                .orElseThrow().disputed()).isTrue();
        assertThat(data.parcel(UNKNOWN_PARCEL_COMMUNE, UNKNOWN_PARCEL_MAP_SHEET, UNKNOWN_PARCEL_NUMBER)).isEmpty();
        // Leading zeros name the same parcel.
        assertThat(data.parcel(OWNED_PARCEL_COMMUNE, "012", "0345")).contains(owned);
        Set<String> keys = new HashSet<>();
        data.parcels().forEach(p -> {
            assertThat(keys.add(p.key())).isTrue();
            assertThat(p.communeCode()).matches("\\d{5}");
            assertThat(p.mapSheet()).matches("[1-9]\\d{0,2}");
            assertThat(p.parcelNumber()).matches("[1-9]\\d{0,3}");
            assertThat(p.area().signum()).isPositive();
            assertThat(data.citizen(p.ownerPersonalId()).orElseThrow().deceased()).isFalse();
        });
    }
}
