package org.knowledgebot.core.wire;

import org.knowledgebot.core.domain.Identity;

/**
 * Entry point of the chat routes ({@code getChatbotResponse}, {@code sendMessage}, {@code $default}):
 * parses one incoming WebSocket message, answers it through the pipeline with the sink of its protocol,
 * and sends error frames for bad input. Implemented under issue 3.
 */
public class ChatEndpoint {
    /**
     * Handles one message body received on {@code connectionId}. {@code identity} comes from the
     * authorizer context; null means unauthenticated (an UNAUTHORIZED error). Never throws.
     */
    public void onMessage(String connectionId, Identity identity, String body) {
        throw new UnsupportedOperationException("implemented under issue 3");
    }
}
