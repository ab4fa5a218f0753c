package org.knowledgebot.core.wire;

import java.util.Objects;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.pipeline.Answerer;
import org.knowledgebot.core.pipeline.ChatOutcome;
import org.knowledgebot.core.pipeline.ChatRequest;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.wire.IncomingMessage.Question;
import org.knowledgebot.core.wire.IncomingMessage.Rejected;

/**
 * Entry point of the chat routes ({@code getChatbotResponse}, {@code sendMessage}, {@code $default}): parses one
 * incoming WebSocket message, which picks its {@link WireProtocol}, answers it through the {@link Answerer} with
 * that protocol's sink, and sends that protocol's error frame for bad input. A seed-protocol message always ends
 * with the connection closed; a typed one leaves it open.
 */
public class ChatEndpoint {
    private final Answerer answerer;
    private final ClientChannel channel;
    private final IncomingMessageParser parser;

    public ChatEndpoint(Answerer answerer, ClientChannel channel, int maxUserMessageChars) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
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
        IncomingMessage message = parser.parse(body);
        try {
            if (message instanceof Rejected rejected) {
                return reject(connectionId, message, new SafeError(ErrorCode.BAD_REQUEST, rejected.reason()));
            }
            if (identity == null) {
                return reject(connectionId, message, SafeError.UNAUTHORIZED);
            }
            return answer(connectionId, (Question) message, identity);
        } finally {
            if (message.protocol().closesAfterEachMessage()) {
                disconnectQuietly(connectionId);
            }
        }
    }

    private ChatOutcome answer(String connectionId, Question question, Identity identity) {
        ChatRequest request = question.toRequest(identity);
        try {
            return answerer.answer(request, question.protocol().sink(channel, connectionId, question.requestId()));
        } catch (RuntimeException | Error e) {
            // An Answerer reports failures instead of throwing them. One that broke that promise, or a JVM error
            // (stack overflow, a class that cannot load), still ends with the protocol's error frame before a seed
            // connection is closed below, and the handler's log line names the cause.
            sendError(connectionId, question, SafeError.INTERNAL);
            return new ChatOutcome(request.sessionId(), null, ErrorCode.INTERNAL, e);
        }
    }

    /** Answers a message that will not be answered with one error frame of its protocol. */
    private ChatOutcome reject(String connectionId, IncomingMessage message, SafeError error) {
        sendError(connectionId, message, error);
        return new ChatOutcome(null, null, error.code());
    }

    private void sendError(String connectionId, IncomingMessage message, SafeError error) {
        try {
            channel.send(connectionId, message.protocol().errorFrame(message.requestId(), error.code(), error.message()));
        } catch (RuntimeException e) {
            // The client is gone or the channel failed: there is nobody left to tell, and the error is logged.
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
