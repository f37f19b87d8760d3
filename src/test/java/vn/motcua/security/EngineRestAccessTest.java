package vn.motcua.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The engine REST table's matching, without a server: paths written in other ways meet the same row. */
class EngineRestAccessTest {

    static final List<String> CLERK = List.of("CLERK");
    static final List<String> ANALYST = List.of("ANALYST");

    @Test
    void theNamedEngineFormATrailingSlashAndEncodingMeetTheSameRow() {
        for (String path : List.of("/task/1/complete", "/task/1/complete/", "/engine/default/task/1/complete",
                "/engine/default/task/1/complete/", "/t%61sk/1/complete")) {
            assertThat(EngineRestAccess.allows(CLERK, "POST", path)).as(path).isTrue();
        }
        for (String path : List.of("/message", "/message/", "/engine/default/message", "/engine/other/message",
                "/m%65ssage", "/task/1/variables/unit")) {
            assertThat(EngineRestAccess.allows(CLERK, "POST", path)).as(path).isFalse();
        }
    }

    @Test
    void headIsARead() {
        assertThat(EngineRestAccess.allows(CLERK, "HEAD", "/task/1")).isTrue();
        assertThat(EngineRestAccess.allows(CLERK, "HEAD", "/job")).isFalse();
    }

    @Test
    void aLiteralPathBelongsToItsOwnRowNotToAVariableThatMatchesIt() {
        assertThat(EngineRestAccess.allows(CLERK, "GET", "/process-definition/some-id")).isTrue();
        assertThat(EngineRestAccess.allows(CLERK, "GET", "/process-definition/statistics")).isFalse();
        assertThat(EngineRestAccess.allows(ANALYST, "GET", "/process-definition/statistics")).isTrue();
    }

    @Test
    void adminsPassEverythingAndNobodyElseWhatNoRowNames() {
        assertThat(EngineRestAccess.allows(List.of("ADMIN"), "POST", "/migration/execute")).isTrue();
        assertThat(EngineRestAccess.allows(List.of("PORTAL"), "GET", "/task")).isFalse();
        assertThat(EngineRestAccess.allows(List.of(), "GET", "/version")).isFalse();
    }

    @Test
    void theWebappsEngineListAndPluginsFollowTheSameRoles() {
        assertThat(EngineRestAccess.webappAllows(CLERK, "GET", "/engine/engine/")).isTrue();
        assertThat(EngineRestAccess.webappAllows(CLERK, "GET", "/cockpit/plugin/base/default/incident")).isFalse();
        assertThat(EngineRestAccess.webappAllows(ANALYST, "GET", "/cockpit/plugin/base/default/incident")).isTrue();
        assertThat(EngineRestAccess.webappAllows(CLERK, "GET", "/cockpit/plugin/base/static/app/plugin.js")).isTrue();
        assertThat(EngineRestAccess.webappAllows(ANALYST, "GET", "/admin/plugin/adminPlugins/default/metrics"))
                .isFalse();
        assertThat(EngineRestAccess.webappAllows(CLERK, "POST", "/admin/auth/user/default/login/tasklist")).isTrue();
    }
}
