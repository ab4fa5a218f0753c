package org.knowledgebot.core.wire;

import java.util.List;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.pipeline.ChatRequest;

/** One WebSocket message from a client, parsed and validated by {@link IncomingMessageParser}. */
public sealed interface IncomingMessage {

    /** The protocol the answer (or the error) must use. */
    WireProtocol protocol();

    /** The client's request id; null when the protocol has none or it could not be read. */
    String requestId();

    /** A message that can be answered. */
    sealed interface Question extends IncomingMessage {
        /** The question to answer for {@code identity}, the caller the authorizer established. */
        ChatRequest toRequest(Identity identity);
    }

    /**
     * {@code getChatbotResponse}: {@code sessionId} null starts a new session; {@code systemPrompt} is the
     * client's, honoured only when the stage allows it. The client's user_id is not kept; its chatHistory
     * ({@code history}, null when it sent none or not as turns) only as a hint that lets the rewrite or retrieval
     * start before the stored session is read.
     */
    record SeedRequest(String userMessage, String sessionId, String systemPrompt, List<Turn> history)
            implements Question {
        @Override
        public WireProtocol protocol() {
            return WireProtocol.SEED;
        }

        @Override
        public String requestId() {
            return null;
        }

        @Override
        public ChatRequest toRequest(Identity identity) {
            return new ChatRequest(identity, null, sessionId, userMessage, null, systemPrompt, null, history);
        }
    }

    /**
     * {@code sendMessage}: {@code sessionId} null starts a new session; {@code model} null is the default;
     * {@code locale} (optional) is the language tag of the user's page.
     */
    record TypedRequest(String requestId, String sessionId, String message, String model, String locale)
            implements Question {
        @Override
        public WireProtocol protocol() {
            return WireProtocol.TYPED;
        }

        @Override
        public ChatRequest toRequest(Identity identity) {
            return new ChatRequest(identity, requestId, sessionId, message, model, null, locale);
        }
    }

    /**
     * A message that cannot be answered; {@code reason} is written for the user. {@code protocol} is the one
     * the error frame must use; {@code requestId} is set when it could be read.
     */
    record Rejected(WireProtocol protocol, String requestId, String reason) implements IncomingMessage {
    }
}
