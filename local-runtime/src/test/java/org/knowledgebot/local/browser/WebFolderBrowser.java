package org.knowledgebot.local.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Headless Chromium on the page's web folder served on 127.0.0.1, for tests of the page's modules that need no
 * runtime; skips the test when Chromium is not installed.
 */
final class WebFolderBrowser implements AutoCloseable {
    private final HttpServer server;
    private final HeadlessChromium chromium;

    private WebFolderBrowser(HttpServer server, HeadlessChromium chromium) {
        this.server = server;
        this.chromium = chromium;
    }

    static WebFolderBrowser open() throws IOException {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new WebFolder());
        server.start();
        HeadlessChromium chromium = HeadlessChromium.start();
        chromium.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new WebFolderBrowser(server, chromium);
    }

    ChromeDriver driver() {
        return chromium.driver();
    }

    @Override
    public void close() {
        chromium.close();
        server.stop(0);
    }
}
