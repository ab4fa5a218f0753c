package org.knowledgebot.local.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (from npm, installed by {@code ./chatbot test}) run inside the page: the WCAG 2.2 A and AA rules,
 * answered as one line per violation ("rule: help (target, …)"), empty when there is none. Any view can be
 * checked: open it, then call {@link #violations}.
 */
final class AxeCore {
    static final Path SCRIPT = Path.of("src", "test", "a11y", "node_modules", "axe-core", "axe.min.js");
    private static final String RUN = """
            const done = arguments[0];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})
              .then(result => done(result.violations.map(v => v.id + ': ' + v.help + ' ('
                  + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')),
                    error => done(['axe-core failed: ' + error]));
            """;

    private AxeCore() {
    }

    /** True when {@code npm ci} has installed axe-core ({@code ./chatbot test} does). */
    static boolean installed() {
        return Files.isRegularFile(SCRIPT);
    }

    /** The violations on the page as it is now. */
    @SuppressWarnings("unchecked")
    static List<String> violations(ChromeDriver driver) {
        try {
            // Injected through the driver, which the page's script-src 'self' does not apply to.
            driver.executeScript(Files.readString(SCRIPT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT + "; run ./chatbot test, which installs it", e);
        }
        return (List<String>) driver.executeAsyncScript(RUN);
    }

    /** Makes the page see prefers-color-scheme: dark (true) or light (false). */
    static void prefersDark(ChromeDriver driver, boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }
}
