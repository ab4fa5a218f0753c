package org.knowledgebot.core.model;

import com.fasterxml.jackson.databind.JsonNode;

/** What the payload decoders share: each chunk is a JSON object, and the last carries Bedrock's invocation metrics. */
abstract class MeteredChunkDecoder implements ChunkDecoder {
    private InvocationMetrics metrics;

    /** The chunk as JSON, remembering its invocation metrics when it carries them. */
    JsonNode read(String chunkJson) {
        JsonNode chunk = ChunkJson.read(chunkJson);
        InvocationMetrics chunkMetrics = InvocationMetrics.from(chunk);
        if (chunkMetrics != null) {
            metrics = chunkMetrics;
        }
        return chunk;
    }

    /** Null until a chunk carried Bedrock's invocation metrics. */
    public InvocationMetrics invocationMetrics() {
        return metrics;
    }
}
