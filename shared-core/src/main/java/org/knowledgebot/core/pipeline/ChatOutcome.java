package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.TurnStatus;

/**
 * What happened to one question: the saved turn's status (null when nothing was saved), the error code when it
 * failed (null otherwise), and the cause of a failed or degraded answer (null for none), which goes into the
 * handler's log line and nowhere else.
 */
public record ChatOutcome(String sessionId, TurnStatus savedAs, ErrorCode error, Throwable cause) {
    public ChatOutcome(String sessionId, TurnStatus savedAs, ErrorCode error) {
        this(sessionId, savedAs, error, null);
    }

    /** Answered, but without something it should have had (the knowledge base); {@link #cause} says why. */
    public boolean degraded() {
        return error == null && cause != null;
    }

    /** How the handler's log line names this outcome. */
    public String logOutcome() {
        return error != null ? "failed" : degraded() ? "degraded" : "answered";
    }

    ChatOutcome withCauseIfNone(Throwable value) {
        return cause != null || value == null ? this : new ChatOutcome(sessionId, savedAs, error, value);
    }
}
