package vn.motcua;

import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import vn.motcua.support.Browser;

/** The staff's walk signed in on the product's own sign-in page (the embedded default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:walk;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class StaffWalkBrowserTest extends StaffWalk {

    @Override
    void signIn(WebDriver browser, String user) {
        Browser.fillSignIn(browser, user);
    }

    @Override
    String walk() {
        return "walk";
    }
}
