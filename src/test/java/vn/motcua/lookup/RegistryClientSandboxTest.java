package vn.motcua.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.demo.registry.SandboxRegistry;
import vn.motcua.demo.registry.SandboxSamples;

/** The connector against the sandbox registry over real HTTP: every lookup, its edge cases, bad credentials. */
class RegistryClientSandboxTest {

    final SandboxRegistry sandbox = LookupTestSupport.sandbox();
    final RegistryClient client = new RegistryClient(LookupTestSupport.sandboxRegistries(sandbox.baseUrl()),
            new ObjectMapper());

    RegistryAnswer fetch(LookupType type, Map<String, String> key) {
        return client.fetch(type, key, "test-request");
    }

    @Test
    void aPersonWithEveryField() {
        RegistryAnswer answer = fetch(LookupType.POPULATION, Map.of("personalId", SandboxSamples.FATHER_ID));

        assertThat(answer.found()).isTrue();
        assertThat(answer.fields()).containsEntry("FullName", SandboxSamples.FATHER_NAME)
                .containsEntry("DateOfBirth", "1989-07-02").containsEntry("Sex", "male")
                .containsEntry("Deceased", false).containsKeys("PermanentResidence", "Ethnicity", "Nationality");
        assertThat(fetch(LookupType.POPULATION, Map.of("personalId", SandboxSamples.DECEASED_ID)).fields())
                .containsEntry("Deceased", true);
    }

    @Test
    void aHouseholdWithItsMembers() {
        RegistryAnswer answer = fetch(LookupType.RESIDENCE, Map.of("personalId", SandboxSamples.MOTHER_ID));

        assertThat(answer.fields()).containsEntry("Id", SandboxSamples.FAMILY_HOUSEHOLD_ID)
                .containsEntry("Address", SandboxSamples.FAMILY_ADDRESS)
                .containsEntry("HeadPersonalId", SandboxSamples.FATHER_ID);
        assertThat((String) answer.fields().get("Members")).contains(SandboxSamples.CHILD_NAME + " ("
                + SandboxSamples.CHILD_ID);
        assertThat(fetch(LookupType.RESIDENCE, Map.of("personalId", SandboxSamples.NO_HOUSEHOLD_ID)).found()).isFalse();
    }

    @Test
    void enterprisesByCodeAndByName() {
        assertThat(fetch(LookupType.ENTERPRISE, Map.of("enterpriseCode", SandboxSamples.DISSOLVED_ENTERPRISE_CODE))
                .fields()).containsEntry("Name", SandboxSamples.DISSOLVED_ENTERPRISE_NAME)
                .containsEntry("Status", "dissolved").containsKeys("LegalRepresentative", "BusinessLines");
        assertThat(fetch(LookupType.ENTERPRISE, Map.of("enterpriseCode", SandboxSamples.UNKNOWN_ENTERPRISE_CODE))
                .found()).isFalse();

        RegistryAnswer clash = fetch(LookupType.ENTERPRISE_NAME, Map.of("name", "cửa hàng tạp hoá  MINH ANH"));
        assertThat(clash.fields()).containsEntry("Clash", true);
        assertThat((String) clash.fields().get("ClashingEnterprises")).contains(SandboxSamples.CLASHING_ENTERPRISE_CODE);
        assertThat(fetch(LookupType.ENTERPRISE_NAME, Map.of("name", SandboxSamples.FREE_BUSINESS_NAME)).fields())
                .containsEntry("Clash", false).containsEntry("ClashingEnterprises", "");
    }

    @Test
    void parcelsOwnedDisputedAndUnknown() {
        RegistryAnswer owned = fetch(LookupType.LAND, Map.of("communeCode", SandboxSamples.OWNED_PARCEL_COMMUNE,
                "mapSheet", SandboxSamples.OWNED_PARCEL_MAP_SHEET, "parcelNumber", SandboxSamples.OWNED_PARCEL_NUMBER));
        assertThat(owned.fields()).containsEntry("OwnerPersonalId", SandboxSamples.FATHER_ID)
                .containsEntry("Area", 152.4).containsEntry("CertificateNumber", SandboxSamples.OWNED_PARCEL_CERTIFICATE)
                .containsEntry("Disputed", false);
        assertThat(fetch(LookupType.LAND, Map.of("communeCode", SandboxSamples.DISPUTED_PARCEL_COMMUNE,
                "mapSheet", SandboxSamples.DISPUTED_PARCEL_MAP_SHEET, "parcelNumber",
                SandboxSamples.DISPUTED_PARCEL_NUMBER)).fields()).containsEntry("Disputed", true);
        assertThat(fetch(LookupType.LAND, Map.of("communeCode", SandboxSamples.UNKNOWN_PARCEL_COMMUNE,
                "mapSheet", SandboxSamples.UNKNOWN_PARCEL_MAP_SHEET, "parcelNumber",
                SandboxSamples.UNKNOWN_PARCEL_NUMBER)).found()).isFalse();
    }

    @Test
    void anUnknownPersonIsNotFoundAndWrongCredentialsAreAFailure() {
        RegistryAnswer unknown = fetch(LookupType.POPULATION, Map.of("personalId", SandboxSamples.UNKNOWN_PERSONAL_ID));
        assertThat(unknown.found()).isFalse();
        assertThat(unknown.message()).contains("population registry has no entry");

        RegistryProperties.Connection wrong = new RegistryProperties.Connection(sandbox.baseUrl() + "/population",
                "motcua", "not-the-password", null, null, null);
        RegistryClient refused = new RegistryClient(new RegistryProperties(wrong, wrong, wrong, wrong), new ObjectMapper());
        assertThatThrownBy(() -> refused.fetch(LookupType.POPULATION, Map.of("personalId", SandboxSamples.MOTHER_ID),
                "x")).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("HTTP 401");
    }
}
