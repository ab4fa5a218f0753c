package org.knowledgebot.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./chatbot eval --model=openai ...}: the runtime flags reach the in-process runtime and its answers are scored. */
class EvalCommandTest {
    @Test
    void evaluatesAnOpenAiCompatibleModelThroughTheFlagsItPassesToTheRuntime(@TempDir Path dir) throws Exception {
        // given
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("data: {\"choices\":[{\"delta\":{\"content\":\"A resident vehicle permit costs \"}}]}\n\n"
                    + "data: {\"choices\":[{\"delta\":{\"content\":\"$45 per year [1].\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
        Path questions = dir.resolve("questions.json");
        Files.writeString(questions, "{\"cases\":["
                + "{\"id\":\"d1\",\"kind\":\"direct\",\"turns\":[\"How much is a resident vehicle parking permit?\"],"
                + "\"documents\":[\"parking-permits.md\"],\"facts\":[\"$45\"]},"
                + "{\"id\":\"o1\",\"kind\":\"out-of-scope\",\"turns\":[\"Which hospital has the shortest emergency room wait?\"],"
                + "\"documents\":[],\"facts\":[]}]}");
        Path out = dir.resolve("eval.json");

        // when
        try {
            EvalCommand.main(new String[] {"--questions=" + questions, "--out=" + out, "--model=openai",
                    "--openai-base-url=http://127.0.0.1:" + stub.getAddress().getPort() + "/v1", "--openai-model=tiny",
                    "--knowledge=" + Path.of("..", "knowledge").toAbsolutePath().normalize(), "--data=" + dir.resolve("data")});
        } finally {
            stub.stop(0);
        }

        // then
        JsonNode cases = new ObjectMapper().readTree(Files.readString(out)).path("cases");
        assertThat(cases).hasSize(2);
        JsonNode direct = cases.get(0);
        assertThat(direct.path("answer").asText()).isEqualTo("A resident vehicle permit costs $45 per year [1].");
        assertThat(direct.path("hitAt1").asBoolean()).isTrue();
        assertThat(direct.path("keyFact").asBoolean()).isTrue();
        assertThat(direct.path("sources")).singleElement().satisfies(uri -> assertThat(uri.asText()).endsWith("/parking-permits.md"));
        assertThat(cases.get(1).path("sources")).as("the retriever abstains whatever the model says").isEmpty();
        assertThat(requests).isNotEmpty().allSatisfy(request -> assertThat(request).contains("\"model\":\"tiny\""));
    }
}
