package org.knowledgebot.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Bedrock's {@code amazon-bedrock-invocationMetrics}, attached to the last chunk of a streamed invocation. */
public record InvocationMetrics(int inputTokenCount, int outputTokenCount, long invocationLatencyMillis,
                                long firstByteLatencyMillis) {

    static final String FIELD = "amazon-bedrock-invocationMetrics";

    /** Null when {@code chunk} carries no metrics. */
    static InvocationMetrics from(JsonNode chunk) {
        JsonNode metrics = chunk.get(FIELD);
        if (metrics == null || !metrics.isObject()) {
            return null;
        }
        return new InvocationMetrics(metrics.path("inputTokenCount").asInt(), metrics.path("outputTokenCount").asInt(),
                metrics.path("invocationLatency").asLong(), metrics.path("firstByteLatency").asLong());
    }
}
