package org.knowledgebot.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.WsClient;

/**
 * The runtime started in-process on a free loopback port with the test knowledge. Test helper: either started at
 * once on a given data folder ({@link #start}), or registered as a class extension ({@link #perTestClass}) that
 * starts it on a fresh data folder before the class's first test and stops it after the last.
 */
public final class RunningChatbot implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAVE_WAIT = Duration.ofSeconds(20);
    private final Map<String, String> overrides;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntime runtime;
    private Path ownData;

    private RunningChatbot(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static RunningChatbot start(Path data, Map<String, String> overrides) throws Exception {
        RunningChatbot chatbot = new RunningChatbot(overrides);
        chatbot.startOn(data);
        return chatbot;
    }

    /** For {@code @RegisterExtension static final RunningChatbot chatbot = RunningChatbot.perTestClass(...)}. */
    public static RunningChatbot perTestClass(Map<String, String> overrides) {
        return new RunningChatbot(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ownData = Files.createTempDirectory("local-runtime-test");
        startOn(ownData);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            close();
        } finally {
            TempFolders.deleteRecursively(ownData);
        }
    }

    private void startOn(Path data) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "LOCAL_HOST", "127.0.0.1",
                "LOCAL_PORT", "0",
                "LOCAL_DATA", data.toString(),
                "LOCAL_KNOWLEDGE", TestKnowledge.folder().toString(),
                "LOCAL_PACE_MS", "0"));
        env.putAll(overrides);
        runtime = LocalRuntime.start(LocalSettings.from(new Environment(env)));
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

    /** An ID token for {@code username} from the runtime's {@code POST /dev/token} (with {@code LOCAL_AUTH=local}). */
    public String devToken(String username) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("username", username).toString();
        HttpResponse<String> response = post("/dev/token", body, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /dev/token answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("idToken").asText();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(http(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(http(path)).GET().header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The session once it holds {@code turns} turns: the end frame goes out before the turn is saved, so a test
     * that reads the store right after it waits here. Fails after {@link #SAVE_WAIT}.
     */
    public Session savedSession(String userId, String sessionId, int turns) throws InterruptedException {
        return awaited("session " + sessionId + " with " + turns + " turns",
                () -> runtime.component().sessionStore().find(userId, sessionId),
                session -> session.isPresent() && session.get().turns().size() >= turns).orElseThrow();
    }

    /**
     * What {@code read} returns once {@code done} holds: what the runtime does after an answer's end frame (saving
     * the turn, counting the question) a test waits for here. Fails after {@link #SAVE_WAIT}.
     */
    public <T> T awaited(String what, Callable<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + SAVE_WAIT.toNanos();
        while (true) {
            T value;
            try {
                value = read.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(what + " could not be read", e);
            }
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + SAVE_WAIT + "; last seen: " + value);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }
}
