package org.knowledgebot.core.observability;

import java.util.Map;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.ErrorCode;

/**
 * What one answer cost and produced. {@code timeToFirstTokenMillis} is -1 when no token reached the client;
 * {@code error} is null for an answer that completed.
 */
public record AnswerMeasurement(
        String route,
        long timeToFirstTokenMillis,
        long totalMillis,
        int inputTokens,
        int outputTokens,
        int framesSent,
        int passagesRetrieved,
        Map<Confidence, Integer> passagesKeptByConfidence,
        boolean rewriteUsed,
        ErrorCode error) {

    public AnswerMeasurement {
        route = route == null ? "unknown" : route;
        passagesKeptByConfidence = passagesKeptByConfidence == null ? Map.of() : Map.copyOf(passagesKeptByConfidence);
    }

    public int passagesKept() {
        return passagesKeptByConfidence.values().stream().mapToInt(Integer::intValue).sum();
    }
}
