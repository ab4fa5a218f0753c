package org.knowledgebot.core.port;

import java.util.List;

/**
 * What to ask a model, independent of its payload format. The codecs turn it into an Anthropic Messages
 * body, a Mistral instruct prompt or a Converse request. {@code topP} may be null (model default).
 */
public record ModelRequest(String system, List<ChatMessage> messages, int maxTokens, double temperature,
                           Double topP, List<String> stopSequences) {
    public ModelRequest {
        system = system == null ? "" : system;
        messages = List.copyOf(messages);
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
