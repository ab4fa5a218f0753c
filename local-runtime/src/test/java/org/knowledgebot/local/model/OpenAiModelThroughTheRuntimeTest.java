package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;

/** --model=openai: the answer streams from an OpenAI-compatible server (a local stub) through the whole runtime. */
class OpenAiModelThroughTheRuntimeTest {
    @Test
    void anAnswerStreamsFromTheConfiguredEndpointWithTheRetrievedKnowledgeInTheSystemPrompt(@TempDir Path data) throws Exception {
        // given
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("data: {\"choices\":[{\"delta\":{\"content\":\"A permit costs \"}}]}\n\n"
                    + "data: {\"choices\":[{\"delta\":{\"content\":\"45 euros.\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        try (RunningChatbot chatbot = RunningChatbot.start(data, Map.of("LOCAL_MODEL", "openai",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1", "OPENAI_MODEL", "tiny"));
             WsClient client = chatbot.connect()) {

            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"o-1\",\"message\":\"How much is a residential parking permit?\"}");
            List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));

            // then
            String answer = frames.stream().filter(frame -> frame.contains("\"type\":\"token\""))
                    .map(frame -> frame.replaceAll(".*\"text\":\"(.*)\".*", "$1")).collect(Collectors.joining());
            assertThat(answer).isEqualTo("A permit costs 45 euros.");
            assertThat(frames.get(frames.size() - 1)).contains("\"stopReason\":\"end_turn\"");
            assertThat(requests).anySatisfy(request -> assertThat(request)
                    .contains("\"model\":\"tiny\"", "\"stream\":true", "Knowledge:\\n[1] ", "costs 45 euros"));
        } finally {
            stub.stop(0);
        }
    }
}
