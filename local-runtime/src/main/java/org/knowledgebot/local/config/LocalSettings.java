package org.knowledgebot.local.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.local.http.BodyReadTimeout;

/**
 * The local runtime's own settings. Each has a flag and an environment variable ({@code --pace-ms} is
 * {@code LOCAL_PACE_MS}; {@code --openai-model} is {@code OPENAI_MODEL}); a flag wins over the variable. The merged {@link Environment} also carries the shared chat settings (MIN_CONFIDENCE, ...) and, in
 * hybrid mode, the AWS adapters' variables (INDEX_ID, KNOWLEDGE_BASE_ID, ANSWER_MODEL_ID, SESSIONS_TABLE_NAME, ...).
 */
public record LocalSettings(
        String host,
        int port,
        Path dataDir,
        Path knowledgeDir,
        Optional<String> knowledgeBaseUrl,
        AuthMode auth,
        RetrieverKind retriever,
        ModelKind model,
        SessionsKind sessions,
        Optional<Path> promptFile,
        Duration offlinePace,
        int workers,
        Duration bodyReadTimeout,
        Optional<String> openAiBaseUrl,
        String openAiModel,
        Optional<String> openAiApiKey,
        Environment environment) {

    public enum AuthMode { NONE, LOCAL }

    public enum RetrieverKind {
        LUCENE("lucene"), KENDRA("kendra"), KNOWLEDGE_BASE("knowledgeBase");

        private final String configName;

        RetrieverKind(String configName) {
            this.configName = configName;
        }

        @Override
        public String toString() {
            return configName;
        }
    }

    public enum ModelKind { OFFLINE, OPENAI, BEDROCK }

    public enum SessionsKind { SQLITE, DYNAMODB }

    /** Flags this runtime understands, each with its variable. */
    static final Map<String, String> FLAGS = flags();

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String name : List.of("host", "port", "data", "knowledge", "auth", "retriever",
                "model", "sessions", "prompt", "pace-ms", "workers", "allowed-origins")) {
            flags.put(name, "LOCAL_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        for (String name : List.of("knowledge-base-url", "openai-base-url", "openai-model", "openai-api-key")) {
            flags.put(name, name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return Map.copyOf(flags);
    }

    /** Reads {@code --name=value} / {@code --name value} flags over the given environment variables. */
    public static LocalSettings from(String[] args, Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(variables);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigurationException("unexpected argument '" + arg + "'; flags look like --port=8080");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new ConfigurationException("flag --" + name + " needs a value");
            }
            String variable = FLAGS.get(name);
            if (variable == null) {
                throw new ConfigurationException("unknown flag --" + name + "; known flags: --" + String.join(", --", FLAGS.keySet()));
            }
            merged.put(variable, value);
        }
        return from(new Environment(merged));
    }

    public static LocalSettings from(Environment env) {
        Path data = Path.of(env.string("LOCAL_DATA", "data"));
        return new LocalSettings(
                env.string("LOCAL_HOST", "localhost"),
                env.integer("LOCAL_PORT", 8080, 0, 65_535),
                data,
                Path.of(env.string("LOCAL_KNOWLEDGE", "knowledge")),
                env.optional("KNOWLEDGE_BASE_URL"),
                env.choice("LOCAL_AUTH", AuthMode.class, AuthMode.NONE),
                env.choice("LOCAL_RETRIEVER", RetrieverKind.class, RetrieverKind.LUCENE),
                env.choice("LOCAL_MODEL", ModelKind.class, ModelKind.OFFLINE),
                env.choice("LOCAL_SESSIONS", SessionsKind.class, SessionsKind.SQLITE),
                env.optional("LOCAL_PROMPT").map(Path::of),
                Duration.ofMillis(env.integer("LOCAL_PACE_MS", 15, 0, 10_000)),
                env.integer("LOCAL_WORKERS", 256, 1, 10_000),
                // No flag: the longest pause in a request body (BodyReadTimeout.LIMIT); the tests set a short one.
                Duration.ofMillis(env.integer("LOCAL_BODY_READ_TIMEOUT_MS", (int) BodyReadTimeout.LIMIT.toMillis(), 1, 600_000)),
                env.optional("OPENAI_BASE_URL"),
                env.string("OPENAI_MODEL", "llama3.2"),
                env.optional("OPENAI_API_KEY"),
                env);
    }
}
