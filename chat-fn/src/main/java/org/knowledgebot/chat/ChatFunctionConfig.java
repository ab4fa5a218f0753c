package org.knowledgebot.chat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.chat.aws.ScoreBuckets;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

/**
 * chat-fn's own environment variables (DESIGN section 6), read once at init. Only the chosen retriever's id is
 * required; every missing or invalid value fails with a message naming the variable.
 */
public record ChatFunctionConfig(
        URI websocketApiEndpoint,
        String promptBucket,
        String promptKey,
        Duration promptCacheTtl,
        String sessionFunction,
        RetrieverKind retriever,
        String indexId,
        String knowledgeBaseId,
        int pageSize,
        Optional<String> kendraLanguageCode,
        ScoreBuckets knowledgeBaseBuckets,
        String rewriteModelId,
        Map<String, String> answerModelIds) {

    /** The alias of ANSWER_MODEL_ID, used when a client names no model. */
    public static final String DEFAULT_MODEL_ALIAS = "default";
    static final String DEFAULT_ANSWER_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String DEFAULT_REWRITE_MODEL = "mistral.mistral-7b-instruct-v0:2";

    public enum RetrieverKind {
        KENDRA("kendra"), KNOWLEDGE_BASE("knowledgeBase");

        private final String configName;

        RetrieverKind(String configName) {
            this.configName = configName;
        }

        @Override
        public String toString() {
            return configName;
        }
    }

    public ChatFunctionConfig {
        answerModelIds = Map.copyOf(answerModelIds);
    }

    public static ChatFunctionConfig from(Environment env) {
        RetrieverKind retriever = env.choice("RETRIEVER", RetrieverKind.class, RetrieverKind.KENDRA);
        return new ChatFunctionConfig(
                httpsUrl(env, "WEBSOCKET_API_ENDPOINT"),
                env.required("PROMPT_DATA_BUCKET_NAME"),
                env.string("PROMPT_KEY", "system-prompt.txt"),
                Duration.ofSeconds(env.integer("PROMPT_CACHE_SECONDS", 60, 0, 86_400)),
                env.required("SESSION_HANDLER"),
                retriever,
                retriever == RetrieverKind.KENDRA ? env.required("INDEX_ID") : env.string("INDEX_ID", ""),
                retriever == RetrieverKind.KNOWLEDGE_BASE
                        ? env.required("KNOWLEDGE_BASE_ID") : env.string("KNOWLEDGE_BASE_ID", ""),
                env.integer("PAGE_SIZE", 12, 1, 100),
                env.optional("KENDRA_LANGUAGE_CODE"),
                ScoreBuckets.parse("KB_CONFIDENCE_THRESHOLDS",
                        env.string("KB_CONFIDENCE_THRESHOLDS", "0.70,0.55,0.40,0.25")),
                env.string("REWRITE_MODEL_ID", DEFAULT_REWRITE_MODEL),
                answerModels(env));
    }

    /** {@value #DEFAULT_MODEL_ALIAS} = ANSWER_MODEL_ID, plus the aliases of ANSWER_MODELS ({@code alias=modelId,...}). */
    private static Map<String, String> answerModels(Environment env) {
        Map<String, String> models = new LinkedHashMap<>();
        models.put(DEFAULT_MODEL_ALIAS, env.string("ANSWER_MODEL_ID", DEFAULT_ANSWER_MODEL));
        Optional<String> extra = env.optional("ANSWER_MODELS");
        if (extra.isEmpty()) {
            return models;
        }
        for (String entry : extra.get().split(",")) {
            String[] aliasAndId = entry.split("=", 2);
            if (aliasAndId.length != 2 || aliasAndId[0].isBlank() || aliasAndId[1].isBlank()) {
                throw new ConfigurationException("invalid value '" + extra.get()
                        + "' for environment variable ANSWER_MODELS: expected alias=modelId,alias=modelId");
            }
            models.put(aliasAndId[0].trim(), aliasAndId[1].trim());
        }
        return models;
    }

    private static URI httpsUrl(Environment env, String name) {
        String raw = env.required(name);
        try {
            URI uri = URI.create(raw);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException(raw);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid value '" + raw + "' for environment variable " + name
                    + ": expected the stage's callback URL, e.g. https://{api-id}.execute-api.{region}.amazonaws.com/{stage}");
        }
    }
}
