package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.LocalRuntime;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in headless Chromium against the whole local runtime (real handlers, Lucene over the sample
 * knowledge base, the offline answer model, SQLite sessions), started in-process on a free port.
 */
@Tag("browser")
class ChatPageBrowserTest {
    /** Where the README's screenshot is written; copied to docs/screenshot.png when the page changes. */
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "chat-page.png");

    /** Runs before the page's scripts: whatever config.js sets, the page gives up on an answer after 1 s of silence. */
    private static final String ANSWER_TIMEOUT_OF_ONE_SECOND = """
            Object.defineProperty(window, "CHATBOT_CONFIG", {
              configurable: true,
              get() { return this.chatbotConfigUnderTest; },
              set(value) { this.chatbotConfigUnderTest = Object.assign({}, value, {answerTimeoutSeconds: 1}); }
            });
            """;

    @RegisterExtension
    static final ChatPageInChromium page = ChatPageInChromium.with(runtimeFlags(0));

    private final LocalRuntime runtime = page.runtime();
    private final ChromeDriver driver = page.driver();
    private final WebDriverWait wait = page.waitFor();

    @BeforeEach
    void openPage() {
        page.openPage();
    }

    @Test
    void streamsAnAnswerWithSourcesKeepsTheFollowUpInTheSameConversationAndListsItAfterAReload() throws IOException {
        // given
        String question = "When is the first half of the property tax due?";

        // when
        WebElement answer = ask(question);

        // then
        assertThat(answer.getText()).contains("February 15");
        List<WebElement> links = answer.findElements(By.cssSelector(".sources a"));
        assertThat(links).extracting(link -> link.getDomProperty("href"))
                .contains(runtime.baseUri() + "/knowledge/property-tax.md");
        assertThat(answer.findElements(By.cssSelector(".sources .source-title"))).extracting(WebElement::getText)
                .contains("Property Tax Due Dates and Payment Plans");
        saveScreenshot();
        String sessionId = activeSessionId();

        // when
        WebElement followUp = ask("And when is the second half due?");

        // then
        assertThat(followUp.getText()).contains("August 15");
        assertThat(activeSessionId()).isEqualTo(sessionId);

        // when
        driver.navigate().refresh();
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem(sessionId)));
        listed.findElement(By.cssSelector(".session-open")).click();

        // then
        wait.until(d -> assistantMessages().size() == 2);
        assertThat(driver.findElements(By.cssSelector("#messages div.message.user .message-body"))).extracting(WebElement::getText)
                .containsExactly(question, "And when is the second half due?");
        WebElement reloaded = assistantMessages().get(0);
        assertThat(reloaded.getText()).contains("February 15");
        assertThat(reloaded.findElements(By.cssSelector(".sources a"))).extracting(link -> link.getDomProperty("href"))
                .contains(runtime.baseUri() + "/knowledge/property-tax.md");
        assertThat(assistantMessages().get(1).getText()).contains("August 15");
    }

    @Test
    void showsADocumentTitleThatLooksLikeHtmlAsPlainText() {
        // given
        String question = "How does the city make its website accessible to screen reader users?";

        // when
        WebElement answer = ask(question);

        // then
        assertThat(answer.findElements(By.cssSelector(".sources .source-title"))).extracting(WebElement::getText)
                .contains("<img src=x onerror=alert(1)> Unsafe title test");
        assertThat(driver.findElements(By.cssSelector(".sources img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#messages img, #sessions img"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void deletesAConversationFromTheList() {
        // given
        ask("Which day is garbage collected in the North Zone?");
        String sessionId = activeSessionId();

        // when
        driver.findElement(sessionItem(sessionId)).findElement(By.cssSelector(".delete")).click();

        // then
        wait.until(ExpectedConditions.numberOfElementsToBe(sessionItem(sessionId), 0));
        assertThat(assistantMessages()).isEmpty();
        driver.navigate().refresh();
        waitUntilConnected();
        assertThat(driver.findElements(sessionItem(sessionId))).isEmpty();
    }

    @Test
    void aNewChatStartsAnotherConversation() {
        // given
        ask("How much is a dog licence when the dog is spayed or neutered?");
        String first = activeSessionId();

        // when
        driver.findElement(By.id("new-chat")).click();
        WebElement answer = ask("What are the quiet hours on Friday and Saturday nights?");

        // then
        assertThat(answer.getText()).contains("11:00 p.m.");
        assertThat(assistantMessages()).hasSize(1);
        String second = activeSessionId();
        assertThat(second).isNotEqualTo(first);
        assertThat(driver.findElements(sessionItem(first))).hasSize(1);
    }

    @Test
    void shiftEnterAddsALineInsteadOfSending() {
        // given
        WebElement box = driver.findElement(By.id("message"));

        // when
        box.sendKeys("first line");
        box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        box.sendKeys("second line");

        // then
        assertThat(box.getDomProperty("value")).isEqualTo("first line\nsecond line");
        assertThat(driver.findElements(By.cssSelector("#messages div.message"))).isEmpty();
    }

    @Test
    void stopEndsTheAnswerAndTheConversationCarriesOn(@TempDir Path slowDataDir) throws Exception {
        // given: a runtime whose offline model pauses between deltas, so there is time to press Stop
        try (LocalRuntime slow = page.startRuntime(slowDataDir, Map.of(), runtimeFlags(100))) {
            page.openPage(slow);
            WebElement box = driver.findElement(By.id("message"));
            box.sendKeys("How do I apply for a leak adjustment on my water bill?");
            box.sendKeys(Keys.ENTER);
            wait.until(d -> !assistantMessages().isEmpty()
                    && !assistantMessages().get(0).findElements(By.cssSelector(".message-body p, .message-body ul")).isEmpty());

            // when
            driver.findElement(By.id("stop")).click();

            // then
            WebElement stopped = assistantMessages().get(0);
            wait.until(d -> stopped.getDomAttribute("aria-busy") == null);
            assertThat(stopped.getText()).contains("Stopped.");
            assertThat(stopped.findElements(By.cssSelector(".sources"))).isEmpty();
            waitUntilConnected();
            WebElement next = ask("Where is Riverton Animal Services?");
            assertThat(next.getText()).contains("85 Kennel Road");

            // when: the conversation is opened again from the list
            String sessionId = activeSessionId();
            driver.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem(sessionId)))
                    .findElement(By.cssSelector(".session-open")).click();

            // then: the stopped answer was kept, marked as stopped, and the conversation went on after it
            wait.until(d -> assistantMessages().size() == 2);
            assertThat(assistantMessages().get(0).findElement(By.cssSelector(".message-note")).getText())
                    .isEqualTo("This answer was stopped before it was complete.");
            assertThat(assistantMessages().get(1).getText()).contains("85 Kennel Road");
        }
    }

    @Test
    void anAnswerThatFallsSilentEndsWithAnErrorAndTheChatCarriesOn(@TempDir Path silentDataDir) throws Exception {
        // given: a model that pauses 5 s between deltas, and a page configured to give up after 1 s of silence
        Map<String, Object> injected = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", ANSWER_TIMEOUT_OF_ONE_SECOND));
        try (LocalRuntime silent = page.startRuntime(silentDataDir, Map.of(), runtimeFlags(5_000))) {
            page.openPage(silent);
            WebElement box = driver.findElement(By.id("message"));

            // when
            box.sendKeys("How do I report a pothole?", Keys.ENTER);

            // then
            WebElement failed = page.firstAnswer();
            assertThat(failed.findElement(By.cssSelector(".message-error")).getText())
                    .isEqualTo("The server stopped answering. You can ask again.");
            waitUntilConnected();
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", injected.get("identifier")));
        }
    }

    @Test
    void aQuestionOverTheLengthLimitShowsTheErrorAndGivesTheQuestionBack(@TempDir Path strictDataDir) throws Exception {
        // given: a runtime that accepts questions of at most 40 characters
        try (LocalRuntime strict = page.startRuntime(strictDataDir, Map.of("MAX_USER_MESSAGE_CHARS", "40"), runtimeFlags(0))) {
            page.openPage(strict);
            String question = "Which documents do I need to buy a residential parking permit in zone A?";
            WebElement box = driver.findElement(By.id("message"));

            // when
            box.sendKeys(question);
            box.sendKeys(Keys.ENTER);

            // then
            WebElement failed = page.firstAnswer();
            assertThat(failed.findElement(By.cssSelector(".message-error")).getText()).isNotBlank()
                    .doesNotContain("Exception");
            assertThat(box.getDomProperty("value")).isEqualTo(question);
            assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
        }
    }

    @Test
    void reconnectsByItselfWhenTheServerDropsTheConnection() {
        // given
        Set<String> dropped = runtime.connections().openIds();
        assertThat(dropped).isNotEmpty();

        // when: the server side closes the page's connection, as API Gateway does after 10 idle minutes
        dropped.forEach(runtime.connections()::disconnect);

        // then
        wait.until(d -> runtime.connections().openIds().stream().anyMatch(id -> !dropped.contains(id)));
        WebElement answer = ask("How many items can I put out for one bulky item pickup?");
        assertThat(answer.getText()).contains("four items");
    }

    @Test
    void withLocalSignInEachUserSeesOnlyTheirOwnConversations(@TempDir Path authDataDir) throws Exception {
        // given: a runtime with locally signed tokens
        try (LocalRuntime withAuth = page.startRuntime(authDataDir, Map.of(), "--auth=local")) {
            driver.get(withAuth.baseUri() + "/");
            page.signIn("alice");
            ask("What is the fee for a home-based business licence?");
            String alicesSession = activeSessionId();

            // when
            driver.findElement(By.id("sign-out")).click();
            page.signIn("bob");

            // then
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions-empty")));
            assertThat(driver.findElements(By.cssSelector("#sessions li.session"))).isEmpty();
            assertThat(driver.findElement(By.id("account-name")).getText()).contains("bob");

            // when
            driver.findElement(By.id("sign-out")).click();
            page.signIn("alice");

            // then
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem(alicesSession)))).isNotNull();
        }
    }

    @Test
    void copiesTheAnswerWithItsSourcesAsANumberedList() {
        // given: the page's clipboard writes are recorded (what the page copies is the behaviour under test)
        WebElement answer = ask("When is the first half of the property tax due?");
        driver.executeScript("window.copied = [];"
                + "Object.defineProperty(navigator.clipboard, 'writeText', {value: text => { window.copied.push(text); return Promise.resolve(); }});");

        // when
        answer.findElement(By.cssSelector("button.copy")).click();

        // then
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Answer copied."));
        @SuppressWarnings("unchecked")
        List<String> copied = (List<String>) driver.executeScript("return window.copied");
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0)).startsWith("Offline answer model — excerpts from your documents:\n\n- ")
                .contains("February 15")
                .contains("\n\nSources:\n1. Property Tax Due Dates and Payment Plans — " + runtime.baseUri() + "/knowledge/property-tax.md");
    }

    @Test
    void renamesAConversationAndTheNewTitleIsKept() {
        // given
        ask("How do I get a library card?");
        String sessionId = activeSessionId();

        // when
        driver.findElement(sessionItem(sessionId)).findElement(By.cssSelector(".rename")).click();
        WebElement title = driver.findElement(sessionItem(sessionId)).findElement(By.cssSelector("input.rename-title"));
        title.clear();
        title.sendKeys("My library card", Keys.ENTER);

        // then
        wait.until(d -> "My library card".equals(d.findElement(sessionItem(sessionId)).findElement(By.cssSelector(".session-title")).getText()));
        driver.navigate().refresh();
        waitUntilConnected();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem(sessionId)))
                .findElement(By.cssSelector(".session-title")).getText()).isEqualTo("My library card");
    }

    @Test
    void searchFindsAConversationByTitleAmongAllNotOnlyTheNewestFifteen() {
        // given: one old conversation, then sixteen newer ones, so the old one is not in the recent list
        driver.executeAsyncScript("""
                const done = arguments[0];
                const add = (id, title) => fetch('/user-session', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({operation: 'add_session', session_id: id, title: title})});
                (async () => {
                  await add('search-old', 'Trámite de licencia para perros');
                  for (let i = 0; i < 16; i++) { await add('search-new-' + i, 'Newer conversation ' + i); }
                  done();
                })();
                """);
        driver.navigate().refresh();
        waitUntilConnected();
        wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem("search-new-15")));
        assertThat(driver.findElements(sessionItem("search-old"))).isEmpty();

        // when: typed without the accent and in another case
        driver.findElement(By.id("session-search")).sendKeys("TRAMITE");

        // then
        wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem("search-old")));
        assertThat(driver.findElements(By.cssSelector("#sessions li.session"))).hasSize(1);
        assertThat(driver.findElement(By.id("sessions-heading")).getDomProperty("textContent")).isEqualTo("Search results");
        assertThat(driver.findElement(By.id("status")).getText())
                .isEqualTo("Conversations whose title contains “TRAMITE”: 1.");

        // when: the search is cleared
        driver.findElement(By.id("session-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);

        // then
        wait.until(ExpectedConditions.presenceOfElementLocated(sessionItem("search-new-15")));
        assertThat(driver.findElement(By.id("sessions-heading")).getDomProperty("textContent")).isEqualTo("Recent conversations");
        driver.executeAsyncScript("""
                const done = arguments[0];
                const ids = ['search-old'].concat(Array.from({length: 16}, (_, i) => 'search-new-' + i));
                Promise.all(ids.map(id => fetch('/user-session', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({operation: 'delete_session', session_id: id})}))).then(() => done());
                """);
    }

    @Test
    void aRefusedTokenBringsBackSignInAndTheQuestionTypedMeanwhileIsSentAfterSigningInAgain(@TempDir Path authData)
            throws Exception {
        // given: signed in on a runtime with local sign-in
        int port = freePort();
        LocalRuntime first = startWithLocalSignIn(authData, port);
        driver.get(first.baseUri() + "/");
        page.signIn("alice");

        // when: the runtime restarts (a new signing key, so the page's token is refused at the handshake) and a
        // question is typed while the page is disconnected
        first.close();
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-kind", "warn"));
        String question = "Where is Riverton Animal Services?";
        driver.findElement(By.id("message")).sendKeys(question, Keys.ENTER);
        try (LocalRuntime restarted = startWithLocalSignIn(authData, port)) {

            // then: sign-in is shown, the refused token is gone and the question is kept
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertThat(driver.findElement(By.id("sign-in-error")).getText())
                    .isEqualTo("The server no longer accepts your sign-in; please sign in again. Your question is kept.");
            assertThat((Object) driver.executeScript("return sessionStorage.getItem('knowledgebot.idToken')")).isNull();
            assertThat(driver.findElement(By.id("message")).getDomProperty("value")).isEqualTo(question);

            // when
            WebElement username = driver.findElement(By.id("username"));
            username.clear();
            username.sendKeys("alice", Keys.ENTER);

            // then: the kept question is sent once connected, and answered
            WebElement answer = page.firstAnswer();
            assertThat(answer.getText()).contains("85 Kennel Road");
            assertThat(driver.findElements(By.cssSelector("#messages div.message.user .message-body")))
                    .extracting(WebElement::getText).containsExactly(question);
            assertThat(driver.findElement(By.id("message")).getDomProperty("value")).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static LocalRuntime startWithLocalSignIn(Path data, int port) throws Exception {
        return page.startRuntime(data, Map.of(), "--port=" + port, "--auth=local");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The class's runtime: auth off, the offline model, Lucene, SQLite, with the given pause between deltas. */
    private static String[] runtimeFlags(int paceMillis) {
        return new String[] {"--pace-ms=" + paceMillis, "--auth=none", "--model=offline", "--retriever=lucene", "--sessions=sqlite"};
    }

    private void waitUntilConnected() {
        page.waitUntilConnected();
    }

    /** Asks as {@link ChatPageInChromium#ask} does, and fails when the page shows an error instead of an answer. */
    private WebElement ask(String question) {
        WebElement answer = page.ask(question);
        assertThat(answer.findElements(By.cssSelector(".message-error"))).as("error shown for: " + question).isEmpty();
        return answer;
    }

    private List<WebElement> assistantMessages() {
        return page.assistantMessages();
    }

    /** The conversation the page is in, as marked in the list once the list has been refreshed. */
    private String activeSessionId() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions li.session.active")))
                .getDomAttribute("data-session-id");
    }

    private static By sessionItem(String sessionId) {
        return By.cssSelector("#sessions li.session[data-session-id='" + sessionId + "']");
    }

    private void saveScreenshot() throws IOException {
        Files.createDirectories(SCREENSHOT.getParent());
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }
}
