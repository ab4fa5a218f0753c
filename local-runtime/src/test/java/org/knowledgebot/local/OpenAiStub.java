package org.knowledgebot.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible server on 127.0.0.1: every {@code POST /v1/chat/completions} is answered with the given
 * content deltas as server-sent events, the last with {@code finish_reason: stop}; the request bodies are kept.
 */
public final class OpenAiStub implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private OpenAiStub(HttpServer server) {
        this.server = server;
    }

    public static OpenAiStub answering(String... deltas) throws IOException {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < deltas.length; i++) {
            events.append("data: {\"choices\":[{\"delta\":{\"content\":\"").append(deltas[i]).append("\"}")
                    .append(i == deltas.length - 1 ? ",\"finish_reason\":\"stop\"" : "").append("}]}\n\n");
        }
        byte[] body = events.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
        OpenAiStub stub = new OpenAiStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        stub.server.createContext("/v1/chat/completions", exchange -> {
            stub.requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.server.start();
        return stub;
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The request bodies received so far, in order. */
    public List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
