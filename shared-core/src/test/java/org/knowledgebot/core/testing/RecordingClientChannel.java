package org.knowledgebot.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.ClientGoneException;

/** A {@link ClientChannel} that records frames and disconnects; it can play a client that goes away. */
public final class RecordingClientChannel implements ClientChannel {
    private final List<String> frames = new ArrayList<>();
    private final List<String> disconnected = new ArrayList<>();
    private int goneAfterFrames = Integer.MAX_VALUE;

    /** From the {@code n+1}-th frame on, every send throws {@link ClientGoneException}. */
    public synchronized RecordingClientChannel goneAfter(int n) {
        goneAfterFrames = n;
        return this;
    }

    @Override
    public synchronized void send(String connectionId, String frame) {
        if (frames.size() >= goneAfterFrames) {
            throw new ClientGoneException(connectionId);
        }
        frames.add(frame);
    }

    @Override
    public synchronized void disconnect(String connectionId) {
        disconnected.add(connectionId);
    }

    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    public synchronized List<String> disconnected() {
        return List.copyOf(disconnected);
    }
}
