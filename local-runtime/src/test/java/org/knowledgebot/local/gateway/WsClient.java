package org.knowledgebot.local.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.knowledgebot.local.eval.TextMessageQueue;

/** A real WebSocket client (the JDK's) that records every text frame and the close code. Test helper. */
public final class WsClient extends TextMessageQueue implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    public static WsClient connect(URI uri) {
        return connect(uri, new String[0]);
    }

    /** Connects offering {@code subprotocols} (how browsers pass a token without putting it in the URL). */
    public static WsClient connect(URI uri, String... subprotocols) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects as a browser page of {@code origin} would: with that {@code Origin} header. */
    public static WsClient connectFrom(URI uri, String origin) {
        WsClient client = new WsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT).header("Origin", origin)
                .buildAsync(uri, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** The subprotocol the server accepted; empty when none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Drops the TCP connection without a close handshake, like a browser tab that is killed. */
    public void abort() {
        socket.abort();
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next frame; fails the test when none arrives in time. */
    public String next() {
        try {
            String frame = poll(WAIT);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Frames up to and including the first that matches {@code last}. */
    public List<String> until(Predicate<String> last) {
        List<String> received = new ArrayList<>();
        while (true) {
            String frame = next();
            received.add(frame);
            if (last.test(frame)) {
                return received;
            }
        }
    }

    /** The frames received so far and not yet read, without waiting. */
    public List<String> drain() {
        List<String> received = new ArrayList<>();
        drainTo(received);
        return received;
    }

    /** Whether another frame arrives within {@code wait}. */
    public boolean receivesWithin(Duration wait) throws InterruptedException {
        return poll(wait) != null;
    }

    /** The close code the server sent; fails when the connection was not closed in time. */
    public int closeCode() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
