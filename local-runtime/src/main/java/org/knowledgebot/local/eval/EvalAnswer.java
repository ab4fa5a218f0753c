package org.knowledgebot.local.eval;

import java.util.List;

/**
 * What the chatbot sent back for the scored message: the answer text, the sources' URIs in the order sent, the
 * milliseconds from sending the message to the first token frame (-1 without one) and the error code, if any.
 */
public record EvalAnswer(String text, List<String> sourceUris, long firstTokenMillis, String errorCode) {
    public EvalAnswer {
        sourceUris = List.copyOf(sourceUris);
    }
}
