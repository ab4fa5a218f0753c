package org.knowledgebot.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.ModelException;

/** Shared JSON handling of the model codecs. */
final class ChunkJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ChunkJson() {
    }

    static JsonNode read(String chunk) {
        try {
            JsonNode node = JSON.readTree(chunk);
            if (node == null || !node.isObject()) {
                throw unreadable(null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    private static ModelException unreadable(Throwable cause) {
        return new ModelException(ErrorCode.MODEL_ERROR, "The model sent a response that could not be read.", false,
                cause);
    }
}
