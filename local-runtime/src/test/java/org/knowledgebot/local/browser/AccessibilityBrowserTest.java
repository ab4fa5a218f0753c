package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * axe-core finds no WCAG 2.2 A/AA violation on the chat view (an answer with its sources on screen) in each
 * language and colour scheme. Another view is checked the same way: open it and assert on AxeCore.violations.
 */
@Tag("browser")
class AccessibilityBrowserTest {
    @RegisterExtension
    static final ChatPageInChromium page = ChatPageInChromium.with("--auth=none", "--model=offline");

    @BeforeAll
    static void needsAxeCore() {
        assumeTrue(AxeCore.installed(), "needs axe-core: ./chatbot test installs it (npm ci in local-runtime/src/test/a11y)");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"en, light", "en, dark", "es, light", "es, dark"})
    void theChatViewWithAnAnswerAndItsRatingFormHasNoWcagViolation(String language, String scheme) {
        // given
        ChromeDriver driver = page.driver();
        WebDriverWait wait = page.waitFor();
        AxeCore.prefersDark(driver, scheme.equals("dark"));
        page.openPage();
        new Select(driver.findElement(By.id("language"))).selectByValue(language);
        wait.until(d -> language.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.findElement(By.id("message")).sendKeys("How much is a dog licence when the dog is spayed or neutered?", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .message.assistant .sources")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions li.session")));
        // the rating controls with the 👎 form open (category and comment) are checked too
        wait.until(d -> d.findElements(By.cssSelector("#messages .message.assistant .feedback .feedback-button")).size() == 2);
        driver.findElements(By.cssSelector("#messages .message.assistant .feedback .feedback-button")).get(1).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .feedback-form")));

        // when
        List<String> violations = AxeCore.violations(driver);

        // then
        assertThat(violations).isEmpty();
    }
}
