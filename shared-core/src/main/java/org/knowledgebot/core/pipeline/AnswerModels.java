package org.knowledgebot.core.pipeline;

import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.port.ChatModel;

/** The answer models a stage offers, by alias, and which one answers when the client names none. */
public record AnswerModels(String defaultAlias, Map<String, ChatModel> byAlias) {
    public AnswerModels {
        byAlias = Map.copyOf(byAlias);
        if (!byAlias.containsKey(defaultAlias)) {
            throw new IllegalArgumentException("default model alias '" + defaultAlias + "' is not configured");
        }
    }

    public static AnswerModels single(String alias, ChatModel model) {
        return new AnswerModels(alias, Map.of(alias, model));
    }

    /** The model for {@code alias}, the default for null; empty for an unknown alias. */
    public Optional<ChatModel> forAlias(String alias) {
        return Optional.ofNullable(byAlias.get(alias == null ? defaultAlias : alias));
    }
}
