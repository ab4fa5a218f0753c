package org.knowledgebot.core.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.port.ChatModel;

/**
 * The answer models a stage offers, by alias, and which one answers when the client names none; {@code modelIds}
 * names each alias's model (a Bedrock model id) for the usage counts, the alias itself when it has none.
 */
public record AnswerModels(String defaultAlias, Map<String, ChatModel> byAlias, Map<String, String> modelIds) {
    public AnswerModels {
        byAlias = Map.copyOf(byAlias);
        Map<String, String> ids = new HashMap<>();
        for (String alias : byAlias.keySet()) {
            ids.put(alias, modelIds.getOrDefault(alias, alias));
        }
        modelIds = Map.copyOf(ids);
        if (!byAlias.containsKey(defaultAlias)) {
            throw new IllegalArgumentException("default model alias '" + defaultAlias + "' is not configured");
        }
    }

    public AnswerModels(String defaultAlias, Map<String, ChatModel> byAlias) {
        this(defaultAlias, byAlias, Map.of());
    }

    public static AnswerModels single(String alias, ChatModel model) {
        return new AnswerModels(alias, Map.of(alias, model));
    }

    /** The model for {@code alias}, the default for null; empty for an unknown alias. */
    public Optional<ChatModel> forAlias(String alias) {
        return Optional.ofNullable(byAlias.get(alias == null ? defaultAlias : alias));
    }

    /** The model id of {@code alias} (the default's for null); null for an unknown alias. */
    public String modelId(String alias) {
        return modelIds.get(alias == null ? defaultAlias : alias);
    }
}
