package org.knowledgebot.core.domain;

import java.time.Instant;

/** A session as listed: no turns. */
public record SessionSummary(String sessionId, String title, Instant createdAt, Instant updatedAt) {
}
