package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class UnitRoleTest {

    @Test
    void readsUnitAndRoleFromAGroupId() {
        assertThat(UnitRole.parse("commune-a:clerk")).contains(new UnitRole("commune-a", Role.CLERK));
        assertThat(UnitRole.parse("province:records")).contains(new UnitRole("province", Role.RECORDS));
        assertThat(new UnitRole("commune-b", Role.LEADER).groupId()).isEqualTo("commune-b:leader");
    }

    @Test
    void refusesWhatIsNotAUnitRole() {
        assertThat(UnitRole.parse("commune-a")).isEmpty();
        assertThat(UnitRole.parse("commune-a:janitor")).isEmpty();
        assertThat(UnitRole.parse("Commune-A:clerk")).isEmpty();
        assertThat(UnitRole.parse(":clerk")).isEmpty();
        assertThat(UnitRole.parse("a:b:clerk")).isEmpty();
        assertThat(UnitRole.parse(null)).isEmpty();
    }

    @Test
    void groupsBecomeSpringAuthorities() {
        List<String> authorities = CamundaIdentityAuthenticationProvider
                .authorities(List.of("commune-a:clerk", "analysts", "camunda-admin", "portal-clients", "other"))
                .stream().map(GrantedAuthority::getAuthority).toList();
        assertThat(authorities).containsExactlyInAnyOrder(
                "GROUP_commune-a:clerk", "ROLE_CLERK",
                "GROUP_analysts", "ROLE_ANALYST",
                "GROUP_camunda-admin", "ROLE_ADMIN",
                "GROUP_portal-clients", "ROLE_PORTAL",
                "GROUP_other");
    }
}
