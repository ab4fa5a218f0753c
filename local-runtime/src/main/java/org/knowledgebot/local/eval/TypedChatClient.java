package org.knowledgebot.local.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A chat client speaking the typed protocol ({@code sendMessage}) over one WebSocket connection, the way the chat
 * page does: one question at a time, the conversation continued with the {@code sessionId} of the start frame.
 */
record TypedChatClient(TextMessageQueue frames, WebSocket socket, Duration answerTimeout) implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TypedChatClient connect(HttpClient http, URI socketUrl, Duration answerTimeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        TextMessageQueue queue = new TextMessageQueue();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(socketUrl, queue).get(15, TimeUnit.SECONDS);
        return new TypedChatClient(queue, socket, answerTimeout);
    }

    /** Sends the conversation's messages in turn and returns what came back for the last one. */
    EvalAnswer converse(List<String> turns) throws IOException, InterruptedException {
        String sessionId = null;
        EvalAnswer last = null;
        for (String turn : turns) {
            Exchange exchange = ask(turn, sessionId);
            sessionId = exchange.sessionId;
            last = exchange.answer;
        }
        return last;
    }

    private record Exchange(String sessionId, EvalAnswer answer) {
    }

    private Exchange ask(String message, String sessionId) throws IOException, InterruptedException {
        String requestId = UUID.randomUUID().toString();
        var frame = JSON.createObjectNode().put("action", "sendMessage").put("requestId", requestId);
        if (sessionId != null) {
            frame.put("sessionId", sessionId);
        }
        frame.put("message", message);
        long sentNanos = System.nanoTime();
        socket.sendText(frame.toString(), true).join();
        StringBuilder text = new StringBuilder();
        List<String> uris = new ArrayList<>();
        long firstToken = -1;
        String session = sessionId;
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        while (true) {
            String raw = frames.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (raw == null) {
                return new Exchange(session, new EvalAnswer(text.toString(), uris, firstToken, "TIMEOUT"));
            }
            JsonNode event = JSON.readTree(raw);
            if (!requestId.equals(event.path("requestId").asText())) {
                continue;
            }
            switch (event.path("type").asText()) {
                case "start" -> session = event.path("sessionId").asText();
                case "token" -> {
                    if (firstToken < 0) {
                        firstToken = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos);
                    }
                    text.append(event.path("text").asText());
                }
                case "sources" -> event.path("sources").forEach(source -> uris.add(source.path("uri").asText()));
                case "end" -> {
                    return new Exchange(session, new EvalAnswer(text.toString(), uris, firstToken, null));
                }
                case "error" -> {
                    return new Exchange(session, new EvalAnswer(text.toString(), uris, firstToken, event.path("code").asText()));
                }
                default -> {
                    // notices do not change the answer
                }
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

}
