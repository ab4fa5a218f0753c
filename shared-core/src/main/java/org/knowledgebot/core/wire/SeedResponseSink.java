package org.knowledgebot.core.wire;

import java.util.List;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ClientChannel;

/**
 * Answers in the seed protocol: raw text frames, the EOF marker, the sources array; or one {@code <!ERROR!>:}
 * frame. It has no start or notice frame, so those events send nothing.
 */
public final class SeedResponseSink extends FrameSink {

    public SeedResponseSink(ClientChannel channel, String connectionId) {
        super(channel, connectionId, WireProtocol.SEED);
    }

    @Override
    public void start(String sessionId, String messageId) {
        // The seed protocol announces nothing before the answer.
    }

    @Override
    public void token(String text) {
        SeedProtocol.textFrames(text).forEach(this::send);
    }

    @Override
    public void notice(ErrorCode code, String message) {
        // Old clients would show a notice frame as answer text; the seed protocol has no place for it.
    }

    @Override
    public void complete(List<Source> sources, String stopReason, Usage usage) {
        send(SeedProtocol.EOF_MARKER);
        send(SeedProtocol.sourcesFrame(sources));
    }

    @Override
    public void error(ErrorCode code, String message) {
        send(SeedProtocol.errorFrame(message));
    }
}
