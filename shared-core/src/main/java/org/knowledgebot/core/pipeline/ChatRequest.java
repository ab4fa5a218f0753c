package org.knowledgebot.core.pipeline;

import java.util.Objects;
import org.knowledgebot.core.domain.Identity;

/**
 * One question to answer. {@code sessionId} null starts a new session; {@code modelAlias} null picks the
 * stage's default answer model; {@code systemPromptOverride} is only honoured when the stage allows it;
 * {@code locale} is the language tag of the user's page (null when the client sent none);
 * {@code clientSaysNew} is true when the client sent an empty history with a session id (the seed protocol's
 * {@code chatHistory: []}): retrieval may then start before the stored session is read, whose history still wins.
 */
public record ChatRequest(Identity identity, String requestId, String sessionId, String message,
                          String modelAlias, String systemPromptOverride, String locale, boolean clientSaysNew) {
    public ChatRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(message, "message");
    }

    /** A request whose client says nothing about the conversation's history. */
    public ChatRequest(Identity identity, String requestId, String sessionId, String message, String modelAlias,
                       String systemPromptOverride, String locale) {
        this(identity, requestId, sessionId, message, modelAlias, systemPromptOverride, locale, false);
    }

    /** A request from a client that did not say which language its user reads. */
    public ChatRequest(Identity identity, String requestId, String sessionId, String message, String modelAlias,
                       String systemPromptOverride) {
        this(identity, requestId, sessionId, message, modelAlias, systemPromptOverride, null);
    }
}
