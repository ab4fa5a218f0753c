package org.knowledgebot.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.knowledgebot.core.port.ModelRequest;

/** The sampling settings of a {@link ModelRequest} as the JSON model APIs (Bedrock's, OpenAI's) name them. */
public final class SamplingFields {
    private SamplingFields() {
    }

    /** {@code max_tokens} and {@code temperature}, and {@code top_p} only when the request sets it. */
    public static void put(ObjectNode body, ModelRequest request) {
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
    }

    /** The stop sequences under {@code field}, every one (an empty array when there are none). */
    public static void putStops(ObjectNode body, String field, ModelRequest request) {
        ArrayNode stops = body.putArray(field);
        request.stopSequences().forEach(stops::add);
    }
}
