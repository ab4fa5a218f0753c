package org.knowledgebot.local.browser;

import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Replaces the page's WebSocket with one the test drives: it opens at once, records what the page sends in
 * {@code window.fakeSocket.sent} and delivers the frames the test hands to {@code window.fakeSocket.deliver}.
 * Installed before the page's scripts run; a test that uses it removes it again with {@link #remove}.
 */
final class FakeSocket {
    private static final String INSTALL = """
            window.fakeSocket = {socket: null, sent: [],
              deliver(frame) { this.socket.dispatchEvent(new MessageEvent('message', {data: JSON.stringify(frame)})); }};
            window.WebSocket = class extends EventTarget {
              constructor(url) {
                super();
                this.url = url;
                this.readyState = 0;
                window.fakeSocket.socket = this;
                setTimeout(() => { this.readyState = 1; this.dispatchEvent(new Event('open')); }, 0);
              }
              send(data) { window.fakeSocket.sent.push(data); }
              close(code, reason) {
                this.readyState = 3;
                this.dispatchEvent(new CloseEvent('close', {code: code || 1000, reason: reason || ''}));
              }
            };
            """;

    private final ChromeDriver driver;
    private final Object identifier;

    private FakeSocket(ChromeDriver driver, Object identifier) {
        this.driver = driver;
        this.identifier = identifier;
    }

    /** From the next page load on, the page talks to the fake. */
    static FakeSocket install(ChromeDriver driver) {
        Map<String, Object> added = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", INSTALL));
        return new FakeSocket(driver, added.get("identifier"));
    }

    void remove() {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }
}
