package org.knowledgebot.local.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;

class OpenAiCompatibleChatModelTest {
    private static final ModelRequest REQUEST = new ModelRequest("Knowledge: x\nInstructions: y",
            List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("Permit fee?")),
            256, 0.1, null, List.of("?\n"));

    private HttpServer server;
    private final AtomicReference<String> receivedBody = new AtomicReference<>();
    private final AtomicReference<String> receivedAuthorization = new AtomicReference<>();
    private final AtomicReference<String> receivedPath = new AtomicReference<>();

    private String start(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, status, body));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        receivedPath.set(exchange.getRequestURI().getPath());
        receivedAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        receivedBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static OpenAiCompatibleChatModel model(String baseUrl, String key) {
        return new OpenAiCompatibleChatModel(HttpClient.newHttpClient(), baseUrl, "llama3.2", key, Duration.ofSeconds(5));
    }

    @Test
    void streamsTheDeltasOfServerSentEventsAndSendsAnOpenAiBody() throws Exception {
        // given
        String base = start(200, """
                data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

                data: {"choices":[{"index":0,"delta":{"content":"The fee "}}]}

                : keep-alive comment
                data: {"choices":[{"index":0,"delta":{"content":"is 45 euros."},"finish_reason":null}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: {"choices":[],"usage":{"prompt_tokens":31,"completion_tokens":6}}

                data: [DONE]

                """);
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model(base, "sk-test-not-real").stream(REQUEST, deltas::add, new Cancellation());

        // then
        assertThat(deltas).containsExactly("The fee ", "is 45 euros.");
        assertThat(completion.stopReason()).isEqualTo("end_turn");
        assertThat(completion.usage().inputTokens()).isEqualTo(31);
        assertThat(completion.usage().outputTokens()).isEqualTo(6);
        assertThat(receivedPath.get()).isEqualTo("/v1/chat/completions");
        assertThat(receivedAuthorization.get()).isEqualTo("Bearer sk-test-not-real");
        JsonNode body = new ObjectMapper().readTree(receivedBody.get());
        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stop").get(0).asText()).isEqualTo("?\n");
        assertThat(body.path("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Knowledge: x\nInstructions: y");
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSentAndLengthMeansMaxTokens() throws Exception {
        // given
        String base = start(200, "data: {\"choices\":[{\"delta\":{\"content\":\"cut\"},\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");

        // when
        Completion completion = model(base, null).stream(REQUEST, delta -> { }, new Cancellation());

        // then
        assertThat(receivedAuthorization.get()).isNull();
        assertThat(completion.stopReason()).isEqualTo("max_tokens");
    }

    @Test
    void tooManyRequestsIsRetryableThrottlingWithoutLeakingDetails() throws Exception {
        // given
        String base = start(429, "{\"error\":{\"message\":\"rate limit for key sk-secret\"}}");

        // when / then
        assertThatThrownBy(() -> model(base, "sk-secret").stream(REQUEST, delta -> { }, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("sk-secret");
                });
    }

    @Test
    void aServerErrorIsARetryableModelErrorAndABadRequestIsNot() throws Exception {
        // given
        String base = start(500, "{}");

        // when / then
        assertThatThrownBy(() -> model(base, null).stream(REQUEST, delta -> { }, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_ERROR);
                    assertThat(e.retryable()).isTrue();
                });
        stop();
        String badRequest = start(400, "{}");
        assertThatThrownBy(() -> model(badRequest, null).stream(REQUEST, delta -> { }, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void anUnreachableServerIsARetryableModelError() {
        // when / then
        assertThatThrownBy(() -> model("http://127.0.0.1:1", null).stream(REQUEST, delta -> { }, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_ERROR);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void cancellingStopsReadingAndReportsCancelled() throws Exception {
        // given
        String base = start(200, "data: {\"choices\":[{\"delta\":{\"content\":\"one \"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"two \"}}]}\n\ndata: [DONE]\n\n");
        Cancellation cancellation = new Cancellation();
        List<String> deltas = new ArrayList<>();

        // when
        Completion completion = model(base, null).stream(REQUEST, delta -> {
            deltas.add(delta);
            cancellation.cancel();
        }, cancellation);

        // then
        assertThat(deltas).containsExactly("one ");
        assertThat(completion.cancelled()).isTrue();
    }
}
