package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.Objects;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Turn;

/**
 * One question to answer. {@code sessionId} null starts a new session; {@code modelAlias} null picks the
 * stage's default answer model; {@code systemPromptOverride} is only honoured when the stage allows it;
 * {@code locale} is the language tag of the user's page (null when the client sent none);
 * {@code clientHistory} is the history the client sent with a session id (the seed protocol's
 * {@code chatHistory}; null when it sent none): only a hint that lets the rewrite and retrieval start before the
 * stored session is read. The stored session stays the only history an answer uses.
 */
public record ChatRequest(Identity identity, String requestId, String sessionId, String message,
                          String modelAlias, String systemPromptOverride, String locale, List<Turn> clientHistory) {
    public ChatRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(message, "message");
        clientHistory = clientHistory == null ? null : List.copyOf(clientHistory);
    }

    /** A request whose client says nothing about the conversation's history. */
    public ChatRequest(Identity identity, String requestId, String sessionId, String message, String modelAlias,
                       String systemPromptOverride, String locale) {
        this(identity, requestId, sessionId, message, modelAlias, systemPromptOverride, locale, null);
    }

    /** A request from a client that did not say which language its user reads. */
    public ChatRequest(Identity identity, String requestId, String sessionId, String message, String modelAlias,
                       String systemPromptOverride) {
        this(identity, requestId, sessionId, message, modelAlias, systemPromptOverride, null);
    }
}
