package org.knowledgebot.local.eval;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket listener that joins the parts of each text message and queues the whole message, for the clients
 * that read the chat's frames one at a time (the eval's {@link TypedChatClient}, the tests' socket client).
 */
public class TextMessageQueue implements WebSocket.Listener {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The next whole message, or null when none arrives within {@code wait}. */
    public String poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves the messages received so far to {@code into}, without waiting. */
    public void drainTo(List<String> into) {
        messages.drainTo(into);
    }
}
