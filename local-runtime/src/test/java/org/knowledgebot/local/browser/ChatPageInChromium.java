package org.knowledgebot.local.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.knowledgebot.local.LocalRuntime;
import org.knowledgebot.local.TempFolders;
import org.knowledgebot.local.TestKnowledge;
import org.knowledgebot.local.config.LocalSettings;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in headless Chromium against the whole local runtime, started in-process on a free loopback port
 * with a fresh data folder before a class's first test and stopped after its last:
 * {@code @RegisterExtension static final ChatPageInChromium page = ChatPageInChromium.with("--auth=none");}.
 * Skips the class when Chromium is not installed. The helpers are what the browser tests do again and again:
 * open the page, ask a question and wait for its answer to end.
 */
final class ChatPageInChromium implements BeforeAllCallback, AfterAllCallback {
    /** The repository's sample knowledge base, what the page's screenshots and most answers are about. */
    static final Path KNOWLEDGE = Path.of("..", "knowledge").toAbsolutePath().normalize();
    /** Generous: the machine may be busy; explicit waits return as soon as the condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final By ASSISTANT_MESSAGES = By.cssSelector("#messages div.message.assistant");

    private final List<String> flags;
    private String languages = "en-US,en";
    private boolean copyTestKnowledge;
    private Path data;
    private Path knowledge = KNOWLEDGE;
    private LocalRuntime runtime;
    private HeadlessChromium chromium;
    private WebDriverWait wait;

    private ChatPageInChromium(List<String> flags) {
        this.flags = flags;
    }

    /** The runtime's flags beyond host, port, data, knowledge and {@code --pace-ms=0}, e.g. "--auth=none". */
    static ChatPageInChromium with(String... flags) {
        return new ChatPageInChromium(List.of(flags));
    }

    /** The browser's languages (navigator.languages, Accept-Language), e.g. "es-MX,es". */
    ChatPageInChromium languages(String browserLanguages) {
        this.languages = browserLanguages;
        return this;
    }

    /** Runs on a copy of the tests' small knowledge folder, which the tests may change, instead of the sample one. */
    ChatPageInChromium onACopyOfTheTestKnowledge() {
        this.copyTestKnowledge = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        data = Files.createTempDirectory("browser-test-data");
        if (copyTestKnowledge) {
            knowledge = TestKnowledge.copyTo(Files.createTempDirectory("browser-test-knowledge"));
        }
        runtime = startRuntime(data, Map.of(), flags.toArray(String[]::new));
        chromium = HeadlessChromium.start(languages);
        ChromeDriver driver = chromium.driver();
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.pollingEvery(Duration.ofMillis(100));
        wait.withMessage(() -> "the page's status line says '" + driver.findElement(By.id("status")).getText() + "'");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            TempFolders.deleteRecursively(data);
            // Only a copy this extension made: when beforeAll was skipped (no Chromium), knowledge is still the sample.
            if (copyTestKnowledge && !knowledge.equals(KNOWLEDGE)) {
                TempFolders.deleteRecursively(knowledge);
            }
        }
    }

    /**
     * Another runtime on the same knowledge, for a test that needs other settings; the caller closes it.
     * {@code moreFlags} come after host, port (0: a free one), data, knowledge and {@code --pace-ms=0}, and win over them.
     */
    LocalRuntime startRuntime(Path dataFolder, Map<String, String> variables, String... moreFlags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host=127.0.0.1", "--port=0", "--data=" + dataFolder,
                "--knowledge=" + knowledge, "--pace-ms=0"));
        all.addAll(List.of(moreFlags));
        return LocalRuntime.start(LocalSettings.from(all.toArray(String[]::new), variables));
    }

    LocalRuntime runtime() {
        return runtime;
    }

    ChromeDriver driver() {
        return chromium.driver();
    }

    /** Waits of up to 60 s that poll every 100 ms, ignore stale elements and quote the status line on timeout. */
    WebDriverWait waitFor() {
        return wait;
    }

    /** The knowledge folder the runtime reads. */
    Path knowledge() {
        return knowledge;
    }

    /** Opens the page of this class's runtime and waits until it can send. */
    void openPage() {
        openPage(runtime);
    }

    void openPage(LocalRuntime target) {
        driver().get(target.baseUri() + "/");
        waitUntilConnected();
    }

    /** Signs in on the local sign-in form (a runtime with {@code --auth=local}) and waits until the page can send. */
    void signIn(String username) {
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        box.clear();
        box.sendKeys(username, Keys.ENTER);
        waitUntilConnected();
    }

    void waitUntilConnected() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
    }

    List<WebElement> assistantMessages() {
        return driver().findElements(ASSISTANT_MESSAGES);
    }

    /** Types a question, presses Enter and waits until its answer has ended (the page clears aria-busy). */
    WebElement ask(String question) {
        waitUntilConnected();
        int before = assistantMessages().size();
        WebElement box = driver().findElement(By.id("message"));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
        return answerAt(before);
    }

    /** Waits until the page's first answer has ended, for a test that sent the question its own way. */
    WebElement firstAnswer() {
        return answerAt(0);
    }

    private WebElement answerAt(int index) {
        return wait.until(d -> {
            List<WebElement> answers = assistantMessages();
            return answers.size() > index && answers.get(index).getDomAttribute("aria-busy") == null ? answers.get(index) : null;
        });
    }
}
