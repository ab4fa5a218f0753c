package org.knowledgebot.core.wire;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.pipeline.ResponseSink;
import org.knowledgebot.core.port.ClientChannel;

/**
 * The protocol a message is answered in, chosen once per message by its action (see docs/PROTOCOLS.md): the
 * sink that writes its frames, its error frame, and whether the connection closes after the message.
 */
public enum WireProtocol {
    /** {@code getChatbotResponse}: raw text frames, the EOF marker, the sources; the connection then closes. */
    SEED("getChatbotResponse") {
        @Override
        public ResponseSink sink(ClientChannel channel, String connectionId, String requestId) {
            return new SeedResponseSink(channel, connectionId);
        }

        @Override
        public String errorFrame(String requestId, ErrorCode code, String message) {
            return SeedProtocol.errorFrame(message);
        }

        @Override
        public boolean closesAfterEachMessage() {
            return true;
        }
    },
    /** {@code sendMessage}: one JSON object per frame, each carrying the request id; the connection stays open. */
    TYPED("sendMessage") {
        @Override
        public ResponseSink sink(ClientChannel channel, String connectionId, String requestId) {
            return new TypedResponseSink(channel, connectionId, requestId);
        }

        @Override
        public String errorFrame(String requestId, ErrorCode code, String message) {
            return TypedProtocol.error(requestId, code, message);
        }

        @Override
        public boolean closesAfterEachMessage() {
            return false;
        }
    };

    private final String action;

    WireProtocol(String action) {
        this.action = action;
    }

    /** The message's {@code action}, which is also its API Gateway route key and its metrics dimension. */
    public String action() {
        return action;
    }

    /** The sink that answers one message received on {@code connectionId}. */
    public abstract ResponseSink sink(ClientChannel channel, String connectionId, String requestId);

    /** The one frame that answers a message with an error; {@code requestId} may be null. */
    public abstract String errorFrame(String requestId, ErrorCode code, String message);

    /** Whether the server closes the connection once a message of this protocol is answered or rejected. */
    public abstract boolean closesAfterEachMessage();
}
