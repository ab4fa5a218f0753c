package org.knowledgebot.local.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How much work the chat page does per token frame while a 2,000-token answer streams, in headless Chromium
 * (run by {@code ./chatbot bench}, never by the test run; it prints numbers and asserts nothing about time).
 * The page talks to a {@link FakeSocket}, so the figure is the page's own work: from the frame's message event
 * through JSON parsing, the incremental Markdown render and the scroll to the end, whose layout read makes the
 * browser lay the page out within the measured time (painting is not); the main-thread CPU figure covers all of
 * it. For comparison it also times a whole-answer re-render per frame, which is what the page did before it
 * rendered incrementally.
 */
@Tag("bench")
class StreamingPageWorkBenchmarkTest {
    private static final int TOKENS = 2_000;
    private static final int RUNS = 2;
    private static final String[] WORDS = {"The", "first", "half", "of", "the", "property", "tax", "is", "due", "on",
            "**February 15**", "and", "you", "can", "pay", "online,", "by", "phone", "or", "in", "person", "at",
            "City", "Hall,", "200", "Main", "Street.", "A", "payment", "plan", "spreads", "`monthly`", "amounts."};
    private static final String STREAM = """
            const [requestId, tokens, done] = arguments;
            window.fakeSocket.deliver({type: 'start', requestId: requestId, sessionId: 'bench', messageId: 'm1'});
            const frames = tokens.map(text => JSON.stringify({type: 'token', requestId: requestId, text: text}));
            const times = [];
            let i = 0;
            const next = () => {
              if (i === frames.length) {
                window.fakeSocket.deliver({type: 'end', requestId: requestId, stopReason: 'end_turn'});
                done(times);
                return;
              }
              const event = new MessageEvent('message', {data: frames[i++]});
              const start = performance.now();
              window.fakeSocket.socket.dispatchEvent(event);
              times.push(performance.now() - start);
              setTimeout(next, 0);
            };
            next();
            """;
    /** The same answer rendered whole on every frame, into the same message, as the page did before. */
    private static final String WHOLE_ANSWER = """
            const [tokens, done] = arguments;
            import('/js/markdown.js').then(({render}) => {
              const messages = document.getElementById('messages');
              const body = document.querySelector('#messages .message.assistant .message-body');
              const times = [];
              let text = '';
              let i = 0;
              const next = () => {
                if (i === tokens.length) {
                  done(times);
                  return;
                }
                text += tokens[i++];
                const start = performance.now();
                body.innerHTML = render(text);
                messages.scrollTop = messages.scrollHeight;
                times.push(performance.now() - start);
                setTimeout(next, 0);
              };
              next();
            });
            """;

    @Test
    void pageWorkPerTokenFrameFor2000TokenAnswer() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new WebFolder());
        server.start();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver driver = chromium.driver();
            driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
            FakeSocket.install(driver);
            driver.executeCdpCommand("Performance.enable", Map.of());
            for (int run = 1; run <= RUNS; run++) {
                driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
                driver.findElement(By.id("message")).sendKeys("When is the property tax due?", Keys.ENTER);
                String sent = (String) driver.executeScript("return window.fakeSocket.sent[0]");
                String requestId = (String) new ObjectMapper().readValue(sent, Map.class).get("requestId");
                Measured incremental = measure(driver, STREAM, requestId, tokens());
                Measured whole = measure(driver, WHOLE_ANSWER, tokens());
                assertThat(incremental.wallMillis()).hasSize(TOKENS);
                System.out.printf(Locale.ROOT, "BENCH chat page, %d-token answer (%d chars), page work per token frame, run %d:"
                                + " incremental median %.3f ms (p95 %.3f ms), main-thread CPU %.3f ms per frame"
                                + " · whole-answer re-render median %.3f ms (p95 %.3f ms), main-thread CPU %.3f ms per frame%n",
                        TOKENS, String.join("", tokens()).length(), run,
                        percentile(incremental.wallMillis(), 50), percentile(incremental.wallMillis(), 95),
                        incremental.cpuMillisPerFrame(), percentile(whole.wallMillis(), 50),
                        percentile(whole.wallMillis(), 95), whole.cpuMillisPerFrame());
            }
        } finally {
            server.stop(0);
        }
    }

    /**
     * Wall time of each frame's handling (performance.now() around it; stretched when other processes take the
     * CPU) and the page's main-thread CPU time over the whole run (CDP's ThreadTime, which contention does not
     * stretch) divided by the frames: everything the page did, painting included.
     */
    private record Measured(List<Number> wallMillis, double cpuMillisPerFrame) {
    }

    @SuppressWarnings("unchecked")
    private static Measured measure(ChromeDriver driver, String script, Object... arguments) {
        double before = threadSeconds(driver);
        List<Number> wall = (List<Number>) driver.executeAsyncScript(script, arguments);
        double cpu = (threadSeconds(driver) - before) * 1000 / wall.size();
        return new Measured(wall, cpu);
    }

    @SuppressWarnings("unchecked")
    private static double threadSeconds(ChromeDriver driver) {
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) driver.executeCdpCommand("Performance.getMetrics",
                Map.of()).get("metrics");
        return metrics.stream().filter(metric -> "ThreadTime".equals(metric.get("name")))
                .mapToDouble(metric -> ((Number) metric.get("value")).doubleValue()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium reports no ThreadTime metric"));
    }

    /** A Markdown answer of paragraphs, headings and lists, one word (with its space) per token. */
    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            String word = WORDS[(i * 7) % WORDS.length];
            String before = i % 150 == 0 ? "\n\n## Section " + (i / 150 + 1) + "\n\n"
                    : i % 150 > 100 && i % 10 == 0 ? "\n- " : i % 50 == 0 ? "\n\n" : "";
            tokens.add(before + word + " ");
        }
        return tokens;
    }

    private static double percentile(List<Number> values, int percent) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
