package org.knowledgebot.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One question and its answer, as stored in a session. */
public record Turn(String user, String chatbot, List<Source> sources, TurnStatus status, Instant createdAt) {
    public Turn {
        user = user == null ? "" : user;
        chatbot = chatbot == null ? "" : chatbot;
        sources = sources == null ? List.of() : List.copyOf(sources);
        status = status == null ? TurnStatus.COMPLETE : status;
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
