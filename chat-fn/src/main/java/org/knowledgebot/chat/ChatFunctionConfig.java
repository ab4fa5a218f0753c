package org.knowledgebot.chat;

import java.net.URI;
import java.time.Duration;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;

/**
 * chat-fn's environment variables (see the README, "chat-fn → Configuration"), read once at init: its own (the
 * callback URL, the prompt object, the session function) and the adapters' ({@link RetrieverSettings},
 * {@link AnswerModelSettings}), which the local runtime's hybrid mode reads the same way. Every missing or
 * invalid value fails with a message naming the variable.
 */
public record ChatFunctionConfig(
        URI websocketApiEndpoint,
        String promptBucket,
        String promptKey,
        Duration promptCacheTtl,
        String sessionFunction,
        RetrieverSettings retrieval,
        AnswerModelSettings models) {

    public static ChatFunctionConfig from(Environment env) {
        return new ChatFunctionConfig(
                httpsUrl(env, "WEBSOCKET_API_ENDPOINT"),
                env.required("PROMPT_DATA_BUCKET_NAME"),
                env.string("PROMPT_KEY", "system-prompt.txt"),
                Duration.ofSeconds(env.integer("PROMPT_CACHE_SECONDS", 60, 0, 86_400)),
                env.required("SESSION_HANDLER"),
                RetrieverSettings.from(env),
                AnswerModelSettings.from(env));
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
