package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.TurnStatus;

/**
 * What happened to one question: the saved turn's status (null when nothing was saved) and the error code
 * when it failed (null otherwise). Used by handlers for logs and metrics.
 */
public record ChatOutcome(String sessionId, TurnStatus savedAs, ErrorCode error) {
}
