package org.knowledgebot.core.wire;

import java.util.List;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ClientChannel;

/** Answers in the typed protocol: start, token*, notice*, sources, end; or error. */
public final class TypedResponseSink extends FrameSink {
    private final String requestId;

    public TypedResponseSink(ClientChannel channel, String connectionId, String requestId) {
        super(channel, connectionId, WireProtocol.TYPED);
        this.requestId = requestId;
    }

    @Override
    public void start(String sessionId, String messageId) {
        send(TypedProtocol.start(requestId, sessionId, messageId));
    }

    @Override
    public void token(String text) {
        TypedProtocol.tokens(requestId, text).forEach(this::send);
    }

    @Override
    public void notice(ErrorCode code, String message) {
        send(TypedProtocol.notice(requestId, code, message));
    }

    @Override
    public void complete(List<Source> sources, String stopReason, Usage usage) {
        send(TypedProtocol.sources(requestId, sources));
        send(TypedProtocol.end(requestId, stopReason, usage));
    }

    @Override
    public void error(ErrorCode code, String message) {
        send(TypedProtocol.error(requestId, code, message));
    }

    @Override
    public void throttled(String message, long retryAfterSeconds) {
        send(TypedProtocol.throttled(requestId, message, retryAfterSeconds));
    }
}
