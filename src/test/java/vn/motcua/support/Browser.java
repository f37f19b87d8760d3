package vn.motcua.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them). Without them a developer's run skips the
 * browser tests; on CI ({@code CI=true}) they fail ({@link RequiredTool}).
 */
public final class Browser {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    public static WebDriver start() {
        return start("--window-size=1400,1000");
    }

    /** A phone's browser: a narrow window, the size of a common phone (390 × 844 CSS pixels), touch-first pages. */
    public static WebDriver startPhone() {
        return start("--window-size=390,844");
    }

    private static WebDriver start(String windowSize) {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        RequiredTool.require(installed, "Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", windowSize, "--lang=en-US");
        // The network log, for tests that check what the page's own calls were answered (responses()).
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    /**
     * Signs in once as a demo user (password {@code demo}) on the staff's sign-in page and waits
     * until the browser left it; the session then serves every staff page and webapp.
     */
    public static void signIn(WebDriver driver, String baseUrl, String user) {
        driver.get(baseUrl + "/login");
        fillSignIn(driver, user);
    }

    /** Fills and sends the sign-in form the browser shows now (after a redirect to it, say). */
    public static void fillSignIn(WebDriver driver, String user) {
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("username"))).sendKeys(user);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys("demo");
        driver.findElement(org.openqa.selenium.By.id("login")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** One HTTP response the page received: status and URL. */
    public record Exchange(int status, String url) {
    }

    /** The HTTP responses the page received since the last call (Chromium's network log). */
    public static java.util.List<Exchange> responses(WebDriver driver) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<Exchange> exchanges = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs()
                .get(org.openqa.selenium.logging.LogType.PERFORMANCE)) {
            try {
                com.fasterxml.jackson.databind.JsonNode message = json.readTree(entry.getMessage()).get("message");
                if ("Network.responseReceived".equals(message.path("method").asText())) {
                    com.fasterxml.jackson.databind.JsonNode response = message.at("/params/response");
                    exchanges.add(new Exchange(response.path("status").asInt(), response.path("url").asText()));
                }
            } catch (IOException e) {
                // not a network event we read
            }
        }
        return exchanges;
    }

    /** Saves a PNG under {@code target/screenshots/} for people to look at. */
    public static Path screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
