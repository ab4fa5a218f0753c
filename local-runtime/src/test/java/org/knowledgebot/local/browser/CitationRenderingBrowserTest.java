package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The chat page's inline citations (web/js/citations.js) in a real browser: an answer rendered by the page's
 * AnswerView gets its sources, each [n] with a source of index n becomes a link to it whose excerpt shows on hover
 * and on keyboard focus, and everything else stays text.
 */
@Tag("browser")
class CitationRenderingBrowserTest {
    /** Shows an answer and its sources the way a sources frame does, in the page's message list. */
    private static final String SHOW_ANSWER = """
            const [answer, sources, done] = arguments;
            import('/js/message-view.js').then(({AnswerView}) => {
              document.getElementById('app').hidden = false;
              const view = AnswerView.stored(answer, sources);
              view.element.id = 'under-test';
              done('ok');
            }, error => done(String(error)));
            """;

    @RegisterExtension
    static final WebFolderBrowser browser = new WebFolderBrowser();

    private final ChromeDriver driver = browser.driver();

    private WebElement show(String answer, List<Map<String, Object>> sources) {
        driver.executeScript("const old = document.getElementById('under-test'); if (old) old.remove();");
        assertThat(driver.executeAsyncScript(SHOW_ANSWER, answer, sources)).isEqualTo("ok");
        return driver.findElement(By.id("under-test"));
    }

    private static Map<String, Object> source(int index, String title, String uri, String excerpt) {
        return Map.of("title", title, "uri", uri, "excerpt", excerpt, "confidence", "HIGH", "index", index);
    }

    @Test
    void eachCitationLinksToItsSourceAndShowsTheExcerptOnHoverAndOnKeyboardFocus() {
        // given
        WebElement answer = show("- The **first half** is due on February 15. [2]\n- Pay by card for 2.4%. [1][2]",
                List.of(source(2, "Property Tax", "http://127.0.0.1/knowledge/property-tax.md", "The **first half** is due on February 15."),
                        source(1, "Water Bills", "http://127.0.0.1/knowledge/water.md", "Card payments cost 2.4%.")));

        // when
        List<WebElement> citations = answer.findElements(By.cssSelector(".message-body a.citation"));

        // then
        assertThat(citations).extracting(WebElement::getText).containsExactly("[2]", "[1]", "[2]");
        assertThat(citations.get(0).getAttribute("href")).isEqualTo("http://127.0.0.1/knowledge/property-tax.md");
        assertThat(citations.get(0).getAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(citations.get(0).getAttribute("aria-label")).isEqualTo("Source 2: Property Tax");
        WebElement excerpt = driver.findElement(By.id(citations.get(0).getAttribute("aria-describedby")));
        assertThat(excerpt.isDisplayed()).isFalse();
        assertThat(excerpt.getAttribute("textContent")).isEqualTo("The first half is due on February 15.");

        new Actions(driver).moveToElement(citations.get(0)).perform();
        assertThat(excerpt.isDisplayed()).as("shown on hover").isTrue();

        new Actions(driver).moveToElement(answer.findElement(By.cssSelector(".sources-heading"))).perform();
        driver.executeScript("arguments[0].focus();", citations.get(1));
        WebElement focusedExcerpt = driver.findElement(By.id(citations.get(1).getAttribute("aria-describedby")));
        assertThat(focusedExcerpt.isDisplayed()).as("shown on keyboard focus").isTrue();
        assertThat(focusedExcerpt.getText()).isEqualTo("Card payments cost 2.4%.");
    }

    @Test
    void aCitationWithoutSuchASourceAndCitationsInCodeStayPlainText() {
        // when
        WebElement answer = show("Due in February [3]. Literal `[1]` in code.", List.of(
                source(1, "Property Tax", "http://127.0.0.1/knowledge/property-tax.md", "Due February 15.")));

        // then
        assertThat(answer.findElements(By.cssSelector(".message-body .citation"))).isEmpty();
        assertThat(answer.findElement(By.cssSelector(".message-body")).getText()).isEqualTo("Due in February [3]. Literal [1] in code.");
    }

    @Test
    void hostileTitlesExcerptsAndAddressesNeverBecomeMarkupOrScriptLinks() {
        // when
        WebElement answer = show("Answer [1] and [2].", List.of(
                source(1, "<img src=x onerror=alert(1)>", "javascript:alert(1)", "<script>alert(2)</script>"),
                source(2, "Doc", "http://127.0.0.1/doc.md", "<b>bold?</b>")));

        // then
        assertThat(answer.findElements(By.cssSelector(".message-body img, .message-body script, .message-body b"))).isEmpty();
        WebElement unsafe = answer.findElement(By.cssSelector(".message-body .citation"));
        assertThat(unsafe.getTagName()).as("no link to a javascript: address").isEqualTo("span");
        assertThat(unsafe.getAttribute("aria-label")).isEqualTo("Source 1: <img src=x onerror=alert(1)>");
        assertThat(answer.findElements(By.cssSelector(".message-body .citation-excerpt")))
                .extracting(element -> element.getAttribute("textContent"))
                .containsExactly("<script>alert(2)</script>", "<b>bold?</b>");
    }
}
