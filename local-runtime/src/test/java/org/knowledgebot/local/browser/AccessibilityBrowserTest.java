package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowledgebot.local.LocalRuntime;
import org.knowledgebot.local.config.LocalSettings;
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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {
    private static final Path KNOWLEDGE = Path.of("..", "knowledge").toAbsolutePath().normalize();

    private LocalRuntime runtime;
    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void startRuntimeAndBrowser(@TempDir Path dataDir) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        assumeTrue(AxeCore.installed(), "needs axe-core: ./chatbot test installs it (npm ci in local-runtime/src/test/a11y)");
        runtime = LocalRuntime.start(LocalSettings.from(new String[] {"--host=127.0.0.1", "--port=0", "--data=" + dataDir,
                "--knowledge=" + KNOWLEDGE, "--pace-ms=0", "--auth=none", "--model=offline"}, Map.of()));
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    @AfterAll
    void stopBrowserAndRuntime() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"en, light", "en, dark", "es, light", "es, dark"})
    void theChatViewWithAnAnswerHasNoWcagViolation(String language, String scheme) {
        // given
        AxeCore.prefersDark(driver, scheme.equals("dark"));
        driver.get(runtime.baseUri() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        new Select(driver.findElement(By.id("language"))).selectByValue(language);
        wait.until(d -> language.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.findElement(By.id("message")).sendKeys("How much is a dog licence when the dog is spayed or neutered?", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .message.assistant .sources")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions li.session")));

        // when
        List<String> violations = AxeCore.violations(driver);

        // then
        assertThat(violations).isEmpty();
    }
}
