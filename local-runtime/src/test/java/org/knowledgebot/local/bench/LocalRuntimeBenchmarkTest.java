package org.knowledgebot.local.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.local.LocalRuntime;
import org.knowledgebot.local.config.LocalSettings;

/**
 * Benchmarks of the local runtime, run by {@code ./chatbot bench} (never by the normal test run). They print
 * numbers and assert nothing about timing: launch-to-ready of a fresh JVM, and N concurrent conversations
 * (two questions each, the second a follow-up) over real WebSocket connections with the offline model at zero
 * pace, against the repository's sample knowledge base, each N on a fresh runtime after a short warm-up.
 */
@Tag("bench")
class LocalRuntimeBenchmarkTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    /** Unmeasured conversations first, so class loading and the JIT's first compilations are not counted. */
    private static final int WARM_UP_CONVERSATIONS = 20;
    private static final String[] QUESTIONS = {
            "How much does a residential parking permit cost?",
            "When is recycling collected?",
            "How do I get a library card?",
            "How do I report a pothole?",
            "How do I register to vote?"};

    @Test
    void launchToReady(@TempDir Path data) throws Exception {
        Path jar = REPO.resolve("local-runtime/target/local-runtime.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String what;
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
            what = "shaded jar " + REPO.relativize(jar);
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.knowledgebot.local.LocalChatbot"));
            what = "test classpath (build the shaded jar first with ./chatbot local or mvn -pl local-runtime -am package)";
        }
        command.addAll(List.of("--port=0", "--host=127.0.0.1", "--data=" + data, "--knowledge=" + REPO.resolve("knowledge")));
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("Knowledge chatbot ready on ")) {
                    // Jetty's and the runtime's start-up lines are skipped until the ready line.
                }
                millis.add((System.nanoTime() - started) / 1_000_000);
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.out.printf(Locale.ROOT, "BENCH launch-to-ready (%s): runs %s ms, best %d ms%n", what, millis, Collections.min(millis));
    }

    @Test
    void concurrentConversations(@TempDir Path data) throws Exception {
        for (int conversations : new int[] {50, 200, 500}) {
            Path runData = Files.createDirectories(data.resolve("n" + conversations));
            LocalRuntime runtime = LocalRuntime.start(LocalSettings.from(new Environment(Map.of(
                    "LOCAL_HOST", "127.0.0.1", "LOCAL_PORT", "0", "LOCAL_DATA", runData.toString(),
                    "LOCAL_KNOWLEDGE", REPO.resolve("knowledge").toString(), "LOCAL_PACE_MS", "0"))));
            PrintStream console = System.out;
            Result result;
            try {
                // The handlers' JSON log lines would make the console the bottleneck; they are dropped while measuring.
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                run(runtime, WARM_UP_CONVERSATIONS);
                result = run(runtime, conversations);
            } finally {
                runtime.close();
                System.setOut(console);
            }
            System.out.printf(Locale.ROOT, "BENCH N=%d conversations x 2 messages: completed %d/%d, failed %d, "
                            + "first token p50 %.1f ms p99 %.1f ms, total p50 %.1f ms p99 %.1f ms, %.0f messages/s (wall %d ms)%n",
                    conversations, result.completed, conversations, result.failed,
                    percentile(result.firstToken, 50), percentile(result.firstToken, 99),
                    percentile(result.total, 50), percentile(result.total, 99),
                    result.messages * 1000.0 / result.wallMillis, result.wallMillis);
        }
    }

    private record Result(int completed, int failed, int messages, long wallMillis, List<Double> firstToken, List<Double> total) {
    }

    private static Result run(LocalRuntime runtime, int conversations) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI socket = URI.create("ws://127.0.0.1:" + runtime.port() + "/socket");
        List<Conversation> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < conversations; i++) {
            all.add(new Conversation(http, socket, QUESTIONS[i % QUESTIONS.length]));
        }
        CompletableFuture.allOf(all.stream().map(c -> c.done.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(5, TimeUnit.MINUTES);
        long wall = (System.nanoTime() - started) / 1_000_000;
        List<Double> firstToken = Collections.synchronizedList(new ArrayList<>());
        List<Double> total = Collections.synchronizedList(new ArrayList<>());
        int completed = 0;
        int messages = 0;
        for (Conversation c : all) {
            firstToken.addAll(c.firstTokenMillis);
            total.addAll(c.totalMillis);
            messages += c.totalMillis.size();
            if (c.done.isDone() && !c.done.isCompletedExceptionally()) {
                completed++;
            }
            c.close();
        }
        return new Result(completed, conversations - completed, messages, wall, firstToken, total);
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    /** One user: connects, asks a question, then a follow-up in the same session, timing each answer. */
    private static final class Conversation implements WebSocket.Listener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<Double> firstTokenMillis = new ArrayList<>();
        final List<Double> totalMillis = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final String question;
        private WebSocket socket;
        private long sentAt;
        private boolean sawToken;
        private String sessionId;

        Conversation(HttpClient http, URI uri, String question) {
            this.question = question;
            http.newWebSocketBuilder().buildAsync(uri, this).whenComplete((ws, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                }
            });
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
            ask("q1", null, question);
        }

        private void ask(String requestId, String session, String text) {
            sentAt = System.nanoTime();
            sawToken = false;
            String body = "{\"action\":\"sendMessage\",\"requestId\":\"" + requestId + "\""
                    + (session == null ? "" : ",\"sessionId\":\"" + session + "\"") + ",\"message\":\"" + text + "\"}";
            socket.sendText(body, true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onFrame(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void onFrame(String frame) {
            double elapsed = (System.nanoTime() - sentAt) / 1e6;
            if (frame.contains("\"type\":\"start\"") && sessionId == null) {
                int at = frame.indexOf("\"sessionId\":\"") + 13;
                sessionId = frame.substring(at, frame.indexOf('"', at));
            } else if (frame.contains("\"type\":\"token\"") && !sawToken) {
                sawToken = true;
                firstTokenMillis.add(elapsed);
            } else if (frame.contains("\"type\":\"end\"")) {
                totalMillis.add(elapsed);
                if (totalMillis.size() == 1) {
                    ask("q2", sessionId, "And what else should I know about it?");
                } else {
                    done.complete(null);
                }
            } else if (frame.contains("\"type\":\"error\"")) {
                done.completeExceptionally(new IllegalStateException(frame));
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            done.completeExceptionally(error);
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
