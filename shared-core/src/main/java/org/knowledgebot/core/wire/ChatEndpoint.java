package org.knowledgebot.core.wire;

import java.util.Objects;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.pipeline.ChatOutcome;
import org.knowledgebot.core.pipeline.ChatPipeline;
import org.knowledgebot.core.pipeline.ChatRequest;
import org.knowledgebot.core.pipeline.ResponseSink;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.wire.IncomingMessage.Rejected;
import org.knowledgebot.core.wire.IncomingMessage.SeedRequest;
import org.knowledgebot.core.wire.IncomingMessage.TypedRequest;

/**
 * Entry point of the chat routes ({@code getChatbotResponse}, {@code sendMessage}, {@code $default}): parses one
 * incoming WebSocket message, answers it through the pipeline with the sink of its protocol, and sends error
 * frames for bad input. A seed-protocol message always ends with the connection closed; a typed one leaves it
 * open.
 */
public class ChatEndpoint {
    static final String UNAUTHORIZED_MESSAGE = "You are not signed in. Sign in and reconnect.";
    static final String INTERNAL_MESSAGE = "Something went wrong while answering. Please try again.";

    private final ChatPipeline pipeline;
    private final ClientChannel channel;
    private final IncomingMessageParser parser;

    public ChatEndpoint(ChatPipeline pipeline, ClientChannel channel, int maxUserMessageChars) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.parser = new IncomingMessageParser(maxUserMessageChars);
    }

    /**
     * Handles one message body received on {@code connectionId}. {@code identity} comes from the
     * authorizer context; null means unauthenticated (an UNAUTHORIZED error). Never throws.
     */
    public void onMessage(String connectionId, Identity identity, String body) {
        process(connectionId, identity, body);
    }

    /** As {@link #onMessage}, and tells the handler what happened (for its log line). Never throws. */
    public ChatOutcome process(String connectionId, Identity identity, String body) {
        IncomingMessage message;
        try {
            message = parser.parse(body);
        } catch (RuntimeException e) {
            message = new Rejected(false, null, "The message could not be read.");
        }
        if (message instanceof Rejected rejected) {
            return reject(connectionId, rejected.seed(), rejected.requestId(), ErrorCode.BAD_REQUEST, rejected.reason());
        }
        if (message instanceof SeedRequest seed) {
            if (identity == null) {
                return reject(connectionId, true, null, ErrorCode.UNAUTHORIZED, UNAUTHORIZED_MESSAGE);
            }
            try {
                return answer(new ChatRequest(identity, null, seed.sessionId(), seed.userMessage(), null,
                        seed.systemPrompt()), new SeedResponseSink(channel, connectionId), connectionId, true, null);
            } finally {
                disconnectQuietly(connectionId);
            }
        }
        TypedRequest typed = (TypedRequest) message;
        if (identity == null) {
            return reject(connectionId, false, typed.requestId(), ErrorCode.UNAUTHORIZED, UNAUTHORIZED_MESSAGE);
        }
        return answer(new ChatRequest(identity, typed.requestId(), typed.sessionId(), typed.message(), typed.model(),
                null), new TypedResponseSink(channel, connectionId, typed.requestId()), connectionId, false,
                typed.requestId());
    }

    private ChatOutcome answer(ChatRequest request, ResponseSink sink,
                               String connectionId, boolean seed, String requestId) {
        try {
            return pipeline.answer(request, sink);
        } catch (RuntimeException e) {
            sendError(connectionId, seed, requestId, ErrorCode.INTERNAL, INTERNAL_MESSAGE);
            return new ChatOutcome(request.sessionId(), null, ErrorCode.INTERNAL);
        }
    }

    /** Answers bad input with one error frame of its protocol; a seed error also closes the connection. */
    private ChatOutcome reject(String connectionId, boolean seed, String requestId, ErrorCode code, String message) {
        sendError(connectionId, seed, requestId, code, message);
        if (seed) {
            disconnectQuietly(connectionId);
        }
        return new ChatOutcome(null, null, code);
    }

    private void sendError(String connectionId, boolean seed, String requestId, ErrorCode code, String message) {
        try {
            channel.send(connectionId, seed ? SeedProtocol.errorFrame(message)
                    : TypedProtocol.error(requestId, code, message));
        } catch (RuntimeException e) {
            // The client is gone or the channel failed: there is nobody left to tell.
        }
    }

    private void disconnectQuietly(String connectionId) {
        try {
            channel.disconnect(connectionId);
        } catch (RuntimeException e) {
            // Already gone is what was wanted; any other failed close must not turn a delivered answer into an
            // error, and API Gateway closes idle sockets anyway.
        }
    }
}
