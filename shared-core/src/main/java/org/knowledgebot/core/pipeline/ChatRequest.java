package org.knowledgebot.core.pipeline;

import java.util.Objects;
import org.knowledgebot.core.domain.Identity;

/**
 * One question to answer. {@code sessionId} null starts a new session; {@code modelAlias} null picks the
 * stage's default answer model; {@code systemPromptOverride} is only honoured when the stage allows it.
 */
public record ChatRequest(Identity identity, String requestId, String sessionId, String message,
                          String modelAlias, String systemPromptOverride) {
    public ChatRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(message, "message");
    }
}
