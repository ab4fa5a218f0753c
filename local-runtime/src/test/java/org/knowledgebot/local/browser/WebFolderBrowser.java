package org.knowledgebot.local.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Headless Chromium on the page's web folder served on 127.0.0.1, for tests of the page's modules that need no
 * runtime: {@code @RegisterExtension static final WebFolderBrowser browser = new WebFolderBrowser();} opens it
 * before the class's first test and closes it after the last; skips the class when Chromium is not installed.
 */
final class WebFolderBrowser implements BeforeAllCallback, AfterAllCallback {
    private HttpServer server;
    private HeadlessChromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new WebFolder());
        server.start();
        chromium = HeadlessChromium.start();
        chromium.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    ChromeDriver driver() {
        return chromium.driver();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
