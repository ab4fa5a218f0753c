package org.knowledgebot.local.eval;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.local.LocalRuntime;
import org.knowledgebot.local.config.LocalSettings;

/**
 * {@code ./chatbot eval [--url=ws://host:port/socket] [--questions=FILE] [--out=FILE] [runtime flags]}: asks every
 * question of the evaluation set over the typed protocol, prints the table of {@link EvalReport} and writes the
 * JSON. Without {@code --url} it starts the local runtime in this process on a free port with the given runtime
 * flags (so {@code --model=openai} or {@code --retriever=kendra} evaluate those adapters), a fresh data folder and
 * no pause between the offline model's deltas.
 */
public final class EvalCommand {
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private EvalCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> own = new LinkedHashMap<>(Map.of("questions", "eval/questions.json", "out", "local-runtime/target/eval.json"));
        List<String> runtimeArgs = new ArrayList<>(List.of("--port=0", "--pace-ms=0"));
        for (String arg : args) {
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : "";
            if (name.equals("url") || name.equals("questions") || name.equals("out")) {
                own.put(name, arg.substring(arg.indexOf('=') + 1));
            } else {
                runtimeArgs.add(arg);
            }
        }
        List<EvalCase> cases = EvalCase.load(Path.of(own.get("questions")));
        // The in-process runtime logs every request to standard output; the report keeps it for itself.
        PrintStream report = System.out;
        LocalRuntime runtime = null;
        URI socketUrl;
        if (own.containsKey("url")) {
            socketUrl = URI.create(own.get("url"));
        } else {
            if (runtimeArgs.stream().noneMatch(arg -> arg.startsWith("--data"))) {
                runtimeArgs.add("--data=" + Files.createTempDirectory("chatbot-eval"));
            }
            LocalSettings settings;
            try {
                settings = LocalSettings.from(runtimeArgs.toArray(String[]::new), System.getenv());
            } catch (ConfigurationException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(2);
                return;
            }
            long started = System.nanoTime();
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            runtime = LocalRuntime.start(settings);
            report.printf("Local runtime ready in %d ms on %s%n", (System.nanoTime() - started) / 1_000_000, runtime.baseUri());
            socketUrl = URI.create("ws://" + runtime.baseUri().getAuthority() + "/socket");
        }
        try {
            EvalReport result = run(cases, socketUrl);
            report.println(result.table());
            result.misses().forEach(miss -> report.println("missed " + miss));
            Path out = Path.of(own.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, result.json());
            report.println("Wrote " + out);
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            System.setOut(report);
        }
    }

    /** One connection per case, so every conversation starts fresh as a new visitor's would. */
    static EvalReport run(List<EvalCase> cases, URI socketUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<CaseScore> scores = new ArrayList<>();
        for (EvalCase evalCase : cases) {
            try (TypedChatClient client = TypedChatClient.connect(http, socketUrl, ANSWER_TIMEOUT)) {
                scores.add(CaseScore.of(evalCase, client.converse(evalCase.turns())));
            }
        }
        return new EvalReport(scores);
    }
}
