package org.knowledgebot.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One question and its answer, as stored in a session. {@code messageId} is the one the typed {@code start} frame
 * announced, so a rating can name the answer; empty for turns a client stored itself and for turns saved before
 * turns kept it.
 */
public record Turn(String user, String chatbot, List<Source> sources, TurnStatus status, Instant createdAt,
                   String messageId) {
    public Turn {
        user = user == null ? "" : user;
        chatbot = chatbot == null ? "" : chatbot;
        sources = sources == null ? List.of() : List.copyOf(sources);
        status = status == null ? TurnStatus.COMPLETE : status;
        Objects.requireNonNull(createdAt, "createdAt");
        messageId = messageId == null ? "" : messageId;
    }

    /** A turn without a message id. */
    public Turn(String user, String chatbot, List<Source> sources, TurnStatus status, Instant createdAt) {
        this(user, chatbot, sources, status, createdAt, "");
    }

    public boolean hasMessageId() {
        return !messageId.isEmpty();
    }
}
