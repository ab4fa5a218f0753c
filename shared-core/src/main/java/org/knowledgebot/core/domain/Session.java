package org.knowledgebot.core.domain;

import java.time.Instant;
import java.util.List;

/** A conversation of one user, turns oldest first. */
public record Session(String userId, String sessionId, String title, Instant createdAt, Instant updatedAt, List<Turn> turns) {
    public Session {
        title = title == null ? "" : title;
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    public SessionSummary summary() {
        return new SessionSummary(sessionId, title, createdAt, updatedAt);
    }
}
