package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's Markdown renderer (web/js/markdown.js) in a real browser: model output is untrusted, so whatever it
 * contains must come out as text or as one of the few tags the renderer adds, never as markup of its own.
 * The module is imported from the web folder served on 127.0.0.1; no runtime is needed.
 */
@Tag("browser")
class MarkdownRendererBrowserTest {
    /** Renders into a detached element and lists every element with its attributes, as the browser parsed them. */
    private static final String RENDER_AND_DESCRIBE = """
            const [markdown, done] = arguments;
            import('/js/markdown.js').then(({render}) => {
              const holder = document.createElement('div');
              holder.innerHTML = render(markdown);
              const elements = Array.from(holder.querySelectorAll('*')).map(e => ({
                tag: e.tagName.toLowerCase(),
                attributes: Array.from(e.attributes).map(a => a.name + '=' + a.value).join(' ')
              }));
              done({html: holder.innerHTML, text: holder.textContent, elements: elements});
            }, error => done({error: String(error)}));
            """;

    /**
     * Streams arguments[0] into a StreamingMarkdown in pieces of 1 to 7 characters and, after every piece,
     * compares the container's HTML with a full render of the text so far; answers the first difference.
     */
    private static final String STREAM_AND_COMPARE = """
            const [markdown, done] = arguments;
            import('/js/markdown.js').then(({render, StreamingMarkdown}) => {
              const container = document.createElement('div');
              const streaming = new StreamingMarkdown(container);
              let sent = 0, pieces = 0;
              while (sent < markdown.length) {
                const next = Math.min(markdown.length, sent + 1 + (pieces * 5 + 3) % 7);
                streaming.append(markdown.slice(sent, next));
                sent = next;
                pieces++;
                const expected = render(markdown.slice(0, sent).replace(/\\r$/, ''));
                if (container.innerHTML !== expected) {
                  done({pieces: pieces, at: sent, actual: container.innerHTML, expected: expected});
                  return;
                }
              }
              done({pieces: pieces, settled: streaming.settledTo});
            }, error => done({error: String(error)}));
            """;
    /** Streams two paragraphs, keeps the first one's element, streams more, and reports what happened to it. */
    private static final String STREAM_AND_WATCH_THE_FIRST_BLOCK = """
            const done = arguments[0];
            import('/js/markdown.js').then(({StreamingMarkdown}) => {
              const container = document.createElement('div');
              const streaming = new StreamingMarkdown(container);
              streaming.append('The first half is due on **February 15**.\\n\\nThe second');
              const first = container.querySelector('p');
              const second = container.querySelectorAll('p')[1];
              streaming.append(' half is due on August 15.');
              done({firstKept: container.querySelector('p') === first && container.contains(first),
                    secondRenderedAgain: !container.contains(second),
                    html: container.innerHTML});
            }, error => done({error: String(error)}));
            """;

    @RegisterExtension
    static final WebFolderBrowser browser = new WebFolderBrowser();

    private final ChromeDriver driver = browser.driver();

    @Test
    void htmlInModelOutputIsShownAsText() {
        // given
        String answer = "<img src=x onerror=alert(1)> and <script>alert(2)</script> <b>bold?</b>";

        // when
        Rendered rendered = render(answer);

        // then
        assertThat(rendered.tags()).containsExactly("p");
        assertThat(rendered.text()).isEqualTo(answer);
    }

    @Test
    void linksKeepOnlyWebFileAndRelativeTargets() {
        // given
        String answer = String.join("\n",
                "[web](https://riverton.example/tax)",
                "[file](file:///srv/knowledge/property-tax.md)",
                "[relative](/knowledge/pet-licences.md)",
                "[script](javascript:alert(1))",
                "[data](data:text/html,<script>alert(1)</script>)",
                "[entity](javascript&#58;alert(1))",
                "[tab](java\tscript:alert(1))",
                "[quote](https://riverton.example/\"onmouseover=\"alert(1))");

        // when
        Rendered rendered = render(answer);

        // then
        assertThat(rendered.elementsTagged("a")).extracting(element -> element.get("attributes")).containsExactly(
                "href=https://riverton.example/tax target=_blank rel=noopener noreferrer",
                "href=file:///srv/knowledge/property-tax.md target=_blank rel=noopener noreferrer",
                "href=/knowledge/pet-licences.md target=_blank rel=noopener noreferrer",
                "href=javascript&#58;alert(1 target=_blank rel=noopener noreferrer",
                "href=https://riverton.example/\"onmouseover=\"alert(1 target=_blank rel=noopener noreferrer");
        assertThat(rendered.html()).doesNotContain("href=\"javascript:").doesNotContain("href=\"data:")
                .doesNotContain("<script");
        assertThat(rendered.text()).startsWith("webfilerelativescript)data</script>)entity)").contains("[tab](java\tscript:alert(1))");
    }

    @Test
    void markdownBecomesHeadingsListsEmphasisAndCode() {
        // given
        String answer = """
                ## Due dates
                The **first half** is due on *February 15* and `the <second>` on _August 15_.

                - pay online
                - pay by phone

                1. enrol
                2. pay monthly

                ```
                <b>not bold</b>
                ```""";

        // when
        Rendered rendered = render(answer);

        // then
        assertThat(rendered.tags()).containsExactly("h2", "p", "strong", "em", "code", "em", "ul", "li", "li",
                "ol", "li", "li", "pre", "code");
        assertThat(rendered.html()).contains("<code>the &lt;second&gt;</code>")
                .contains("<pre><code>&lt;b&gt;not bold&lt;/b&gt;</code></pre>");
    }

    @Test
    void tablesRenderWithTheirCellsEscaped() {
        // given
        String answer = """
                | Licence | Yearly fee |
                |---|:---:|
                | Dog, **spayed** | $20 |
                | <img src=x onerror=alert(1)> | $45 |
                After the table.""";

        // when
        Rendered rendered = render(answer);

        // then
        assertThat(rendered.tags()).containsExactly("table", "thead", "tr", "th", "th", "tbody", "tr", "td", "strong",
                "td", "tr", "td", "td", "p");
        assertThat(rendered.html()).contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>");
    }

    @Test
    void aHalfStreamedCodeFenceRendersAsCode() {
        // given
        String partial = "Here is the form:\n```\nname: <your name>";

        // when
        Rendered rendered = render(partial);

        // then
        assertThat(rendered.tags()).containsExactly("p", "pre", "code");
        assertThat(rendered.text()).endsWith("name: <your name>");
    }

    @Test
    void streamingInPiecesAlwaysShowsWhatAFullRenderShows() {
        // given: every block kind, a fence with a blank line inside, CRLF line ends and a fence never closed
        String answer = String.join("\r\n",
                "## Due dates", "The **first half** is due on", "*February 15*.", "",
                "- pay online", "- pay by `phone`", "  or in person", "",
                "| Licence | Fee |", "|---|---|", "| Dog | $20 |", "> Late payments add 1.5 % a month.", "---",
                "```", "line one", "", "<b>line three</b>", "```", "1. enrol", "2. pay [monthly](https://riverton.example/tax)",
                "", "", "### Form", "~~~", "name: <your name>");

        // when
        Map<String, Object> result = script(STREAM_AND_COMPARE, answer);

        // then
        assertThat(result).containsOnlyKeys("pieces", "settled");
        assertThat(((Number) result.get("settled")).intValue()).as("text rendered for good")
                .isGreaterThan(answer.length() / 2);
    }

    @Test
    void streamingLeavesFinishedBlocksAloneAndRendersTheOneBeingWritten() {
        // when
        Map<String, Object> result = script(STREAM_AND_WATCH_THE_FIRST_BLOCK);

        // then
        assertThat(result).containsEntry("firstKept", true).containsEntry("secondRenderedAgain", true)
                .containsEntry("html", "<p>The first half is due on <strong>February 15</strong>.</p>\n"
                        + "<p>The second half is due on August 15.</p>");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> script(String script, Object... arguments) {
        Map<String, Object> result = (Map<String, Object>) driver.executeAsyncScript(script, arguments);
        assertThat(result).doesNotContainKey("error");
        return result;
    }

    private Rendered render(String markdown) {
        Map<String, Object> result = script(RENDER_AND_DESCRIBE, markdown);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> elements = (List<Map<String, String>>) result.get("elements");
        return new Rendered((String) result.get("html"), (String) result.get("text"), elements);
    }

    private record Rendered(String html, String text, List<Map<String, String>> elements) {
        List<String> tags() {
            return elements.stream().map(element -> element.get("tag")).toList();
        }

        List<Map<String, String>> elementsTagged(String tag) {
            return elements.stream().filter(element -> tag.equals(element.get("tag"))).toList();
        }
    }
}
