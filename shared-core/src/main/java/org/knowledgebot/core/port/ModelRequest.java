package org.knowledgebot.core.port;

import java.util.ArrayList;
import java.util.List;

/**
 * What to ask a model, independent of its payload format. The codecs turn it into an Anthropic Messages
 * body, a Mistral instruct prompt or a Converse request. {@code topP} may be null (model default).
 *
 * <p>The messages are normalized here, once, into what every model API accepts whatever the stored history
 * looks like: empty texts are dropped, neighbours of the same role are merged, and the conversation starts and
 * ends with the user.
 */
public record ModelRequest(String system, List<ChatMessage> messages, int maxTokens, double temperature,
                           Double topP, List<String> stopSequences) {
    public ModelRequest {
        system = system == null ? "" : system;
        messages = List.copyOf(alternating(messages));
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }

    private static List<ChatMessage> alternating(List<ChatMessage> messages) {
        List<ChatMessage> result = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.text().isBlank() || (result.isEmpty() && message.role() == ChatMessage.Role.ASSISTANT)) {
                continue;
            }
            int last = result.size() - 1;
            if (last >= 0 && result.get(last).role() == message.role()) {
                result.set(last, new ChatMessage(message.role(), result.get(last).text() + "\n\n" + message.text()));
            } else {
                result.add(message);
            }
        }
        while (!result.isEmpty() && result.get(result.size() - 1).role() == ChatMessage.Role.ASSISTANT) {
            result.remove(result.size() - 1);
        }
        return result;
    }
}
