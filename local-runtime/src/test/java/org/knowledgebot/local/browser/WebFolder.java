package org.knowledgebot.local.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the repository's {@code web/} folder over HTTP for browser tests that need no runtime: the page's
 * scripts are ES modules, which browsers do not load from {@code file:} URLs.
 */
final class WebFolder implements HttpHandler {
    static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        Path file = WEB.resolve(name).normalize();
        if (!file.startsWith(WEB) || !Files.isRegularFile(file)) {
            reply(exchange, 404, "text/plain", "not found");
            return;
        }
        String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
        reply(exchange, 200, type + "; charset=utf-8", Files.readString(file));
    }

    static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
