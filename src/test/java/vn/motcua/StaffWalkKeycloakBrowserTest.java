package vn.motcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.motcua.support.Browser;
import vn.motcua.support.KeycloakServer;

/**
 * The staff's walk signed in through a real Keycloak (OpenID Connect, {@code keycloak/motcua-realm.json}):
 * the product takes the user, their name, e-mail and groups from the token. Signing out ends the
 * Keycloak session too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:walk-oidc;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class StaffWalkKeycloakBrowserTest extends StaffWalk {

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry properties) {
        KeycloakServer keycloak = KeycloakServer.start();
        properties.add("motcua.security.sign-in", () -> "oidc");
        properties.add("spring.security.oauth2.client.registration.motcua.client-id", keycloak::clientId);
        properties.add("spring.security.oauth2.client.registration.motcua.client-secret", keycloak::clientSecret);
        properties.add("spring.security.oauth2.client.registration.motcua.scope", () -> "openid,profile,email");
        properties.add("spring.security.oauth2.client.provider.motcua.issuer-uri", keycloak::issuerUri);
    }

    @Autowired
    IdentityService identityService;

    @Override
    void signIn(WebDriver browser, String user) {
        WebDriverWait wait = wait(browser);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login-oidc"))).click();
        // Keycloak's own page, unless its session still knows the browser
        wait.until(driver -> !driver.getCurrentUrl().contains("/login") || !driver.findElements(By.id("kc-login")).isEmpty());
        if (!browser.findElements(By.id("kc-login")).isEmpty()) {
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.id("kc-login")).click();
        }
        try {
            wait.until(driver -> driver.getCurrentUrl().startsWith(base()) && !driver.getCurrentUrl().contains("/login"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(user + " is not signed in; the browser shows " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    @Override
    void afterSignOut(WebDriver browser) {
        // Keycloak asks to confirm the logout (no ID token is handed over), then sends the browser back.
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> !driver.findElements(By.id("kc-logout"))
                    .isEmpty() || driver.getCurrentUrl().contains("/login?logout"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not signed out; the browser shows " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
        if (!browser.findElements(By.id("kc-logout")).isEmpty()) {
            browser.findElement(By.id("kc-logout")).click();
        }
    }

    @Override
    String walk() {
        return "walk-keycloak";
    }

    /** The person comes from the token: name and e-mail in the identity store, groups as the claim says. */
    @Test
    void theTokenMakesThePersonAndSigningOutEndsTheProvidersSessionToo() throws Exception {
        WebDriver browser = Browser.start();
        try {
            browser.get(base() + "/camunda/app/tasklist/default/");
            signIn(browser, "leader-a");
            wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                    "Chờ tôi ký / Waiting for my signature"));
            User leader = identityService.createUserQuery().userId("leader-a").singleResult();
            assertThat(leader.getFirstName() + " " + leader.getLastName()).isEqualTo("Lê Thị Thu Hà");
            assertThat(leader.getEmail()).isEqualTo("leader-a@demo.motcua.vn");
            assertThat(identityService.createGroupQuery().groupMember("leader-a").list())
                    .extracting(org.camunda.bpm.engine.identity.Group::getId).containsExactly("commune-a:leader");

            browser.get(base() + "/monitor");
            wait(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector("header form button"))).click();
            afterSignOut(browser);
            wait(browser).until(ExpectedConditions.urlContains("/login"));
            wait(browser).until(ExpectedConditions.elementToBeClickable(By.id("login-oidc"))).click();
            wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
            Browser.screenshot(browser, "walk-keycloak-signed-out");
        } finally {
            browser.quit();
        }
    }
}
