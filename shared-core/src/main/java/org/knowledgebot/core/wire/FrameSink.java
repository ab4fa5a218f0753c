package org.knowledgebot.core.wire;

import org.knowledgebot.core.pipeline.ResponseSink;
import org.knowledgebot.core.port.ClientChannel;

/** What both protocols' sinks share: sending a frame to one connection and counting the frames sent. */
abstract class FrameSink implements ResponseSink {
    private final ClientChannel channel;
    private final String connectionId;
    private final WireProtocol protocol;
    private int framesSent;

    FrameSink(ClientChannel channel, String connectionId, WireProtocol protocol) {
        this.channel = channel;
        this.connectionId = connectionId;
        this.protocol = protocol;
    }

    final void send(String frame) {
        channel.send(connectionId, frame);
        framesSent++;
    }

    @Override
    public final int framesSent() {
        return framesSent;
    }

    @Override
    public final String route() {
        return protocol.action();
    }
}
