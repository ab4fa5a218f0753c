package org.knowledgebot.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.WsClient;

/** The runtime started in-process on a free loopback port with a temp data folder and the test knowledge. Test helper. */
public final class RunningChatbot implements AutoCloseable {
    private final LocalRuntime runtime;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningChatbot(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    public static RunningChatbot start(Path data, Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "LOCAL_HOST", "127.0.0.1",
                "LOCAL_PORT", "0",
                "LOCAL_DATA", data.toString(),
                "LOCAL_KNOWLEDGE", TestKnowledge.folder().toString(),
                "LOCAL_PACE_MS", "0"));
        env.putAll(overrides);
        return new RunningChatbot(LocalRuntime.start(LocalSettings.from(new Environment(env))));
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    public URI http(String path) {
        return runtime.baseUri().resolve(path);
    }

    public URI socketUri(String query) {
        return URI.create("ws://127.0.0.1:" + runtime.port() + "/socket" + (query == null ? "" : "?" + query));
    }

    public WsClient connect() {
        return WsClient.connect(socketUri(null));
    }

    public HttpResponse<String> post(String path, String body, String bearerOrNull) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearerOrNull != null) {
            request.header("Authorization", "Bearer " + bearerOrNull);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(http(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        runtime.close();
    }
}
