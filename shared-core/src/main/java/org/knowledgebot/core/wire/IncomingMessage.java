package org.knowledgebot.core.wire;

/** One WebSocket message from a client, parsed and validated by {@link IncomingMessageParser}. */
public sealed interface IncomingMessage {

    /**
     * {@code getChatbotResponse}: {@code sessionId} null starts a new session; {@code systemPrompt} is the
     * client's, honoured only when the stage allows it. The client's chatHistory and user_id are not kept.
     */
    record SeedRequest(String userMessage, String sessionId, String systemPrompt) implements IncomingMessage {
    }

    /** {@code sendMessage}: {@code sessionId} null starts a new session; {@code model} null is the default. */
    record TypedRequest(String requestId, String sessionId, String message, String model) implements IncomingMessage {
    }

    /**
     * A message that cannot be answered; {@code reason} is written for the user. {@code seed} tells which
     * protocol the error frame must use; {@code requestId} is set when it could be read.
     */
    record Rejected(boolean seed, String requestId, String reason) implements IncomingMessage {
    }
}
