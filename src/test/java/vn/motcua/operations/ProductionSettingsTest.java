package vn.motcua.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import vn.motcua.MotcuaApplication;

/** The prod profile names every missing setting and refuses the demo's stand-ins (issue 18). */
class ProductionSettingsTest {

    @Test
    void aProductionStartWithoutItsSettingsIsRefusedNamingEachOne() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(MotcuaApplication.class).profiles("prod")
                .run("--server.port=0"))
                .hasMessageContaining("The prod profile cannot start")
                .hasMessageContaining("spring.datasource.url is missing")
                .hasMessageContaining("spring.mail.host is missing")
                .hasMessageContaining("motcua.registries.land.base-url is missing")
                .hasMessageContaining("motcua.signature.csc.base-url is missing");
    }

    @Test
    void aCompleteProductionSettingPassesAndStandInsNeedToBeAskedFor() {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/motcua",
                "spring.mail.host", "smtp.tinh.gov.vn",
                "motcua.notices.public-url", "https://motcua.tinh.gov.vn",
                "motcua.registries.population.base-url", "https://dancu.example/population",
                "motcua.registries.residence.base-url", "https://cutru.example/residence",
                "motcua.registries.enterprise.base-url", "https://dkkd.example/enterprise",
                "motcua.registries.land.base-url", "https://datdai.example/land",
                "motcua.signature.csc.base-url", "https://ky.example/csc/v2"));
        assertThat(ProductionSettings.problems(environment(settings))).isEmpty();

        settings.put("motcua.notices.public-url", "http://localhost:8080");
        settings.put("motcua.sandbox.enabled", "true");
        assertThat(ProductionSettings.problems(environment(settings))).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.notices.public-url is missing"))
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.sandbox.enabled is true"));

        settings.put("motcua.notices.public-url", "https://motcua.tinh.gov.vn");
        settings.remove("motcua.sandbox.enabled");
        StandardEnvironment withDemo = environment(settings);
        withDemo.setActiveProfiles("prod", "demo");
        assertThat(ProductionSettings.problems(withDemo)).singleElement().asString()
                .startsWith("the demo profile is active");

        settings.put("motcua.sandbox.enabled", "true");
        settings.put("motcua.stand-ins.enabled", "true"); // a rehearsal with stand-ins, asked for deliberately
        assertThat(ProductionSettings.problems(environment(settings))).isEmpty();

        // the national portal's sync: on, it needs the portal's address; its stand-in is a stand-in
        settings.remove("motcua.stand-ins.enabled");
        settings.remove("motcua.sandbox.enabled");
        settings.put("motcua.portal-sync.enabled", "true");
        settings.put("motcua.portal-sync.base-url", "");
        settings.put("motcua.portal-stand-in.enabled", "true");
        assertThat(ProductionSettings.problems(environment(settings))).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.portal-sync.base-url is missing"))
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.portal-stand-in.enabled is true"));
        settings.put("motcua.portal-sync.base-url", "https://dichvucong.example/status/v1");
        settings.remove("motcua.portal-stand-in.enabled");
        assertThat(ProductionSettings.problems(environment(settings))).isEmpty();

        // the payment platform: its address, merchant and secret together, never the demo's secret nor its stand-in
        settings.put("motcua.payment.platform-url", "thanhtoan.example");
        settings.put("motcua.payment.secret", "demo-payment-secret");
        settings.put("motcua.payment-stand-in.enabled", "true");
        assertThat(ProductionSettings.problems(environment(settings))).hasSize(4)
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.payment.merchant is missing"))
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.payment.platform-url is not an http(s)"))
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.payment.secret is the demo's"))
                .anySatisfy(problem -> assertThat(problem).startsWith("motcua.payment-stand-in.enabled is true"));
        settings.put("motcua.payment.platform-url", "https://thanhtoan.example");
        settings.put("motcua.payment.merchant", "tinh-a");
        settings.put("motcua.payment.secret", "agreed-with-the-platform");
        settings.remove("motcua.payment-stand-in.enabled");
        assertThat(ProductionSettings.problems(environment(settings))).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}
