package vn.motcua.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading a lookup from the model's properties, and comparing a declaration with the registry's value. */
class LookupSpecTest {

    @Test
    void theKeysParametersPickTheLookup() {
        assertThat(LookupSpec.parse(Map.of("lookup.registry", "enterprise", "lookup.key", "name=businessName",
                "lookup.prefix", "businessName"), "t").type()).isEqualTo(LookupType.ENTERPRISE_NAME);
        LookupSpec land = LookupSpec.parse(Map.of("lookup.registry", "land", "lookup.key",
                "communeCode=c, mapSheet=m ,parcelNumber=p", "lookup.prefix", "parcel", "lookup.optional", "true"), "t");
        assertThat(land.type()).isEqualTo(LookupType.LAND);
        assertThat(land.keyVariables()).containsEntry("mapSheet", "m");
        assertThat(land.optional()).isTrue();
        assertThat(land.variable("Area")).isEqualTo("parcelArea");
    }

    @Test
    void theDeclaredFieldNamesAreTheFieldsAnAnswerGives() throws Exception {
        var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(LookupFailureTest.GOOD_ANSWER);

        assertThat(LookupType.POPULATION.fields(answer)).containsOnlyKeys(LookupType.POPULATION.fieldNames());
        assertThat(LookupType.LAND.fieldNames()).contains("OwnerFullName").doesNotContain("FullName");
        assertThat(LookupType.ENTERPRISE.fieldNames()).contains("Name").doesNotContain("FullName");
    }

    @Test
    void aBadModelIsNamedInTheError() {
        assertThatThrownBy(() -> LookupSpec.parse(Map.of("lookup.registry", "land", "lookup.key", "communeCode=c",
                "lookup.prefix", "p"), "Lookup task X"))
                .hasMessage("Lookup task X: the land registry is looked up by "
                        + "communeCode=<variable>,mapSheet=<variable>,parcelNumber=<variable>, not by [communeCode]");
        assertThatThrownBy(() -> LookupSpec.parse(Map.of("lookup.key", "personalId=a", "lookup.prefix", "p"), "T"))
                .hasMessageContaining("'lookup.registry' is ''");
    }

    @Test
    void aDeclarationMatchesUpToCaseSpacingCompositionAndNumberFormat() {
        assertThat(LookupService.same("  nguyễn  THỊ lan ", "Nguyễn Thị Lan")).isTrue();
        // "ễ" typed as e + combining marks matches the precomposed letter
        assertThat(LookupService.same("Nguye\u0302\u0303n Thi\u0323 Lan", "Nguyễn Thị Lan")).isTrue();
        assertThat(LookupService.same("Nguyễn Thị Lan Anh", "Nguyễn Thị Lan")).isFalse();
        assertThat(LookupService.same("152,4", 152.4)).isTrue();
        assertThat(LookupService.same("150", 152.4)).isFalse();
        assertThat(LookupService.same("true", true)).isTrue();
    }
}
