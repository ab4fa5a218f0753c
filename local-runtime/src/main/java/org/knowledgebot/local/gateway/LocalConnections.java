package org.knowledgebot.local.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.wire.FrameSplitter;

/**
 * The open connections, by id, and the operations of API Gateway's Management API on them. It is also the
 * in-process {@link ClientChannel}: handlers running here write to the sockets directly, with the same rules
 * as {@code PostToConnection} (32 KB per frame, gone after close).
 */
public final class LocalConnections implements ClientChannel {
    public static final int MAX_FRAME_BYTES = FrameSplitter.MAX_FRAME_BYTES;
    /** A client that does not read for this long is treated as gone, so a stuck socket never pins a worker. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration sendTimeout;

    public LocalConnections(Clock clock) {
        this(clock, SEND_TIMEOUT);
    }

    /** With another send timeout: the tests' seam. */
    LocalConnections(Clock clock, Duration sendTimeout) {
        this.clock = clock;
        this.sendTimeout = sendTimeout;
    }

    void add(Connection connection) {
        open.put(connection.id(), connection);
    }

    void remove(String connectionId) {
        open.remove(connectionId);
    }

    Optional<Connection> find(String connectionId) {
        return Optional.ofNullable(open.get(connectionId));
    }

    /** The ids of the open connections (what API Gateway would list in its access logs). */
    public java.util.Set<String> openIds() {
        return java.util.Set.copyOf(open.keySet());
    }

    public int size() {
        return open.size();
    }

    /**
     * Sends one text frame and waits until it is written.
     *
     * @throws PayloadTooLargeException above 32 KB
     * @throws ClientGoneException when the connection is closed or closes while sending, or the client does not
     *     read the frame within the send timeout (the connection is then dropped)
     */
    @Override
    public void send(String connectionId, String frame) {
        int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FRAME_BYTES) {
            throw new PayloadTooLargeException(bytes);
        }
        Connection connection = open.get(connectionId);
        if (connection == null || !connection.session().isOpen()) {
            throw new ClientGoneException(connectionId);
        }
        Callback.Completable written = new Callback.Completable();
        // Two answers may stream on one connection at once; frames are handed to the socket one at a time.
        synchronized (connection) {
            connection.session().sendText(frame, written);
        }
        try {
            written.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The client stopped reading. Dropping it fails its other pending frames at once, and it sends no more
            // messages: otherwise each of its answers would pin a worker for the whole timeout, and a client that
            // sends many messages and never reads would hold every worker.
            open.remove(connectionId);
            connection.session().disconnect();
            throw new ClientGoneException(connectionId);
        } catch (ExecutionException e) {
            throw new ClientGoneException(connectionId);
        } catch (InterruptedException e) {
            // Interrupted while sending: the connection counts as gone, as API Gateway's would.
            Thread.currentThread().interrupt();
            throw new ClientGoneException(connectionId);
        }
    }

    /** Closes the connection like DeleteConnection; false when it was already gone. */
    public boolean close(String connectionId) {
        Connection connection = open.remove(connectionId);
        if (connection == null) {
            return false;
        }
        connection.session().close(StatusCode.NORMAL, "", Callback.NOOP);
        return true;
    }

    @Override
    public void disconnect(String connectionId) {
        close(connectionId);
    }

    Clock clock() {
        return clock;
    }
}
