package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.Rating;
import org.knowledgebot.core.observability.UserHash;
import org.knowledgebot.local.LocalRuntime;
import org.knowledgebot.local.http.LocalUser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' console in headless Chromium against the whole local runtime (auth off: the local user is an
 * operator): feedback in the list and the CSV, a Markdown upload that becomes searchable and cited, its delete,
 * a question counted in the usage panel.
 * A signed-in user outside the admins group sees no console and gets 403.
 */
@Tag("browser")
class AdminConsoleBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String COMPOST = "# Composting Workshops\n\nRiverton composting workshops are held at 14 Willow Lane"
            + " every Thursday evening; bring a bucket of kitchen scraps.\n";

    @RegisterExtension
    static final ChatPageInChromium page = ChatPageInChromium.with("--auth=none").onACopyOfTheTestKnowledge();

    private final LocalRuntime runtime = page.runtime();
    private final ChromeDriver driver = page.driver();
    private final WebDriverWait wait = page.waitFor();
    private final Path knowledge = page.knowledge();

    @Test
    void aDownRatingWithACommentGivenByKeyboardShowsInTheListAndTheCsvAndHistoryOffersTheButtonsAgain() throws Exception {
        // given an answer on the page
        page.openPage();
        WebElement answer = page.ask("How much is a dog licence when the dog is spayed or neutered?");
        WebElement rating = wait.until(d -> answer.findElement(By.cssSelector(".feedback")));
        assertThat(rating.getText()).contains("even if you delete the chat");

        // when the user rates it 👎 with the keyboard only: Enter on 👎, an arrow key to the next category,
        // Tab to the comment, Enter on Send
        rating.findElement(By.cssSelector("button[aria-label='Not helpful']")).sendKeys(Keys.ENTER);
        wait.until(d -> rating.findElement(By.cssSelector(".feedback-form")).isDisplayed());
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        driver.switchTo().activeElement().sendKeys(Keys.TAB, "The fee went up in 2026.");
        screenshot(answer, "answer-rating.png");
        driver.switchTo().activeElement().sendKeys(Keys.TAB, Keys.ENTER);
        wait.until(d -> rating.findElement(By.cssSelector(".feedback-status")).getText().contains("saved"));

        // then the operator sees it in the list and the CSV, with the question
        assertThat(rating.findElement(By.cssSelector("button[aria-label='Not helpful']")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        openConsole();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#admin-feedback-rows tr.feedback-row")));
        String csv = (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('/admin/feedback.csv').then(r => r.text()).then(done);");
        assertThat(row.getText()).contains("Not helpful", "incomplete", "The fee went up in 2026.",
                "How much is a dog licence when the dog is spayed or neutered?");
        assertThat(csv).contains("\"down\",\"incomplete\",\"The fee went up in 2026.\","
                + "\"How much is a dog licence when the dog is spayed or neutered?\"");
        screenshot(driver.findElement(By.cssSelector("#admin .admin-panel:nth-of-type(1)")), "admin-feedback.png");

        // and the answer opened again from the history can be rated too
        page.openPage();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions li.session .session-open"))).click();
        wait.until(d -> !page.assistantMessages().isEmpty()
                && !page.assistantMessages().get(0).findElements(By.cssSelector(".feedback button")).isEmpty());
    }

    @Test
    void theConsoleWithFeedbackAndDocumentsHasNoWcagViolation() throws Exception {
        assumeTrue(AxeCore.installed(), "needs axe-core: ./chatbot test installs it (npm ci in local-runtime/src/test/a11y)");
        runtime.component().feedbackStore().save(new Feedback("local-user", "s2", "m2", Rating.DOWN,
                Optional.of(FeedbackCategory.WRONG), "Wrong office hours.", "When is city hall open?",
                "Monday to Friday.", List.of("City Hall Contacts"), Instant.now()));
        openConsole();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#admin-feedback-rows tr.feedback-row")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#admin-document-rows tr.document-row")));
        WebElement gap = wait.until(d -> d.findElements(By.cssSelector("#admin-gap-rows tr.gap-row")).stream()
                .filter(row -> row.getText().contains("When is city hall open?")).findFirst().orElse(null));

        List<String> violations = AxeCore.violations(driver);

        assertThat(violations).isEmpty();
        assertThat(gap.getText()).contains("When is city hall open?");
        screenshot(driver.findElement(By.cssSelector("#admin .admin-panel:nth-of-type(3)")), "admin-gaps.png");
    }

    @Test
    void anUploadedMarkdownDocumentIsCitedAndOnceDeletedNoLongerCited() throws Exception {
        Path file = Files.createTempDirectory("upload").resolve("composting.md");
        Files.writeString(file, COMPOST);
        openConsole();

        driver.findElement(By.id("admin-upload-file")).sendKeys(file.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(documentRow("composting.md")));
        driver.findElement(By.id("admin-sync")).click();
        // The list is drawn again while the run goes on: a row read as it is replaced is read again.
        wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(documentRow("composting.md"))
                .findElement(By.cssSelector(".document-status")).getText().equals("indexed"));
        screenshot(driver.findElement(By.cssSelector("#admin .admin-panel:nth-of-type(2)")), "admin-documents.png");
        driver.findElement(By.id("admin-open")).click();

        assertThat(sourcesOf(page.ask("Where are the composting workshops held?"))).contains("Composting Workshops");

        driver.findElement(By.id("admin-open")).click();
        wait.until(ExpectedConditions.elementToBeClickable(documentRow("composting.md"))).findElement(By.cssSelector(".delete-document")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(documentRow("composting.md")));
        driver.findElement(By.id("admin-open")).click();

        assertThat(sourcesOf(page.ask("Where are the composting workshops held?"))).doesNotContain("Composting Workshops");
        assertThat(Files.exists(knowledge.resolve("composting.md"))).isFalse();
    }

    @Test
    void anOperatorsQuestionCountsInTodaysRowOfTheUsagePanelAndItsChart() throws Exception {
        // given the operator (the local user, auth off) asked a question today
        page.openPage();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long before = questionsToday(today);
        page.ask("When is the first half of the property tax due?");
        // The question is counted just after its end frame; the panel reads the report when the console opens.
        wait.until(d -> questionsToday(today) == before + 1);

        // when
        openConsole();

        // then
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#admin-usage-rows tr.usage-row[data-day='" + today + "']")));
        assertThat(row.findElement(By.cssSelector(".usage-questions")).getText()).isEqualTo(Long.toString(before + 1));
        assertThat(driver.findElements(By.cssSelector("#admin-usage-rows tr.usage-row"))).hasSize(30);
        WebElement chart = driver.findElement(By.id("admin-usage-chart"));
        assertThat(chart.findElements(By.cssSelector("rect.usage-bar"))).hasSize(30);
        assertThat(chart.getDomAttribute("aria-label")).contains("30 days", (before + 1) + " questions");
        assertThat(driver.findElement(By.id("admin-top-user-rows")).getText()).contains(UserHash.of(LocalUser.ID));
        assertThat(driver.findElement(By.id("admin-usage-unpriced")).getText()).contains("offline");
        screenshot(driver.findElement(By.cssSelector("#admin .admin-panel:nth-of-type(4)")), "admin-usage.png");
    }

    /** Today's questions as GET /admin/usage reports them, asked by the page itself. */
    private long questionsToday(String today) {
        Object count = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch('/admin/usage?since=' + arguments[0]).then(r => r.json()).then(b => done(b.days[0].questions));", today);
        return ((Number) count).longValue();
    }

    @Test
    void aSignedInUserOutsideTheAdminsGroupSeesNoConsoleAndGets403(@TempDir Path authData) throws Exception {
        try (LocalRuntime withAuth = page.startRuntime(authData, Map.of(), "--auth=local")) {
            driver.get(withAuth.baseUri() + "/");
            page.signIn("bob");
            HttpClient http = HttpClient.newHttpClient();
            String token = http.send(HttpRequest.newBuilder(withAuth.baseUri().resolve("/dev/token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"idToken\":\"([^\"]+)\".*", "$1");

            int status = http.send(HttpRequest.newBuilder(withAuth.baseUri().resolve("/admin/documents"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            HttpResponse<String> usage = http.send(HttpRequest.newBuilder(withAuth.baseUri().resolve("/admin/usage"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(status).isEqualTo(403);
            assertThat(usage.statusCode()).isEqualTo(403);
            assertThat(usage.body()).contains("admins").doesNotContain("days");
            assertThat(driver.findElement(By.id("admin-open")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("admin")).isDisplayed()).isFalse();
        }
    }

    private void openConsole() {
        page.openPage();
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.id("admin-open")));
        if (!driver.findElement(By.id("admin")).isDisplayed()) {
            open.click();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin")));
    }

    private static By documentRow(String path) {
        return By.cssSelector("#admin-document-rows tr.document-row[data-path='" + path + "']");
    }

    private static String sourcesOf(WebElement answer) {
        return String.join(" | ", answer.findElements(By.cssSelector(".source-title")).stream().map(WebElement::getText).toList());
    }

    private void screenshot(WebElement element, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
        Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
