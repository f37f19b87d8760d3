package vn.motcua.support;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A Camunda Form (form-js) in Tasklist as a person fills it: fields found by the words of their
 * label, as a clerk reads them, not by ids.
 */
public final class TasklistForm {

    private final WebDriver browser;
    private final WebDriverWait wait;

    public TasklistForm(WebDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    /** The form field whose label contains the words. */
    public WebElement field(String label) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-form-field')][.//label[contains(normalize-space(.), " + literal(label)
                        + ")]]")));
    }

    public TasklistForm type(String label, String text) {
        WebElement input = field(label).findElement(By.cssSelector("input, textarea"));
        click(input);
        input.clear();
        input.sendKeys(text, Keys.TAB);
        return this;
    }

    /** A select: opens its list and picks the option with these words. */
    public TasklistForm choose(String label, String option) {
        // form-js opens its list and picks an option on mouse-down: a real click, not a scripted one
        WebElement group = field(label).findElement(By.cssSelector(".fjs-input-group"));
        scrollTo(group);
        new org.openqa.selenium.interactions.Actions(browser).click(group).perform();
        WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-dropdownlist-item')][contains(normalize-space(.), " + literal(option) + ")]")));
        new org.openqa.selenium.interactions.Actions(browser).click(item).perform();
        return this;
    }

    /** A radio option or a checkbox, by the words of its own label. */
    public TasklistForm tick(String option) {
        click(wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-container')]//label[contains(normalize-space(.), " + literal(option) + ")]"))));
        return this;
    }

    /** A date field, typed in the format the field shows (its placeholder: dd/mm/yyyy, docs/webapps.md). */
    public TasklistForm date(String label, LocalDate date) {
        WebElement input = field(label).findElement(By.cssSelector("input"));
        String placeholder = String.valueOf(input.getDomAttribute("placeholder")).toLowerCase(java.util.Locale.ROOT);
        String pattern = placeholder.startsWith("dd") ? "dd/MM/yyyy" : "MM/dd/yyyy";
        click(input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), DateTimeFormatter.ofPattern(pattern).format(date), Keys.ENTER);
        return this;
    }

    /** Tasklist's buttons ("Nhận xử lý", "Hoàn thành", "Bắt đầu": Claim, Complete, Start), by their words. */
    public TasklistForm press(String button) {
        settle();
        By located = By.xpath("//button[normalize-space()=" + literal(button) + "]");
        click(wait.until(ExpectedConditions.elementToBeClickable(located)));
        if (button.equals("Nhận xử lý") || button.equals("Claim")) {
            // claiming re-renders the form (enabled now): fill it only after that, or the input is lost
            wait.until(ExpectedConditions.invisibilityOfElementLocated(located));
            settle();
        }
        return this;
    }

    /** form-js takes typed text into its state a moment later (debounced): let it, as a person's pause would. */
    private static void settle() {
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Clicks like a user who scrolled to the element first (Tasklist's footer may cover the form's end). */
    public void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
