package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

class BedrockChatModelTest {
    private static final String CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final ModelRequest QUESTION = new ModelRequest(
            "Knowledge: Residential permits cost 45 dollars.\nInstructions: Answer briefly.",
            List.of(ChatMessage.user("How much is a parking permit?")), 2048, 0.1, null, List.of());

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Test
    void streamsClaudeChunksAsDeltasAndReportsStopReasonAndUsage() throws Exception {
        // given
        stub.then(EventStreams.streaming(chunkFrames("aws/anthropic-stream-chunks.jsonl")));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), CLAUDE);

        // when
        Completion completion = model.stream(QUESTION, deltas::add, new Cancellation());

        // then
        StubAwsServer.Recorded request = stub.onlyJsonPost("/model/" + CLAUDE + "/invoke-with-response-stream");
        assertThat(request.header("X-Amzn-Bedrock-Accept")).isEqualTo("application/json");
        JsonNode body = request.json();
        assertThat(body.get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(2048);
        assertThat(body.get("system").asText()).startsWith("Knowledge: Residential permits");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("How much is a parking permit?");

        assertThat(deltas).containsExactly("A residential", " permit costs", " 45 dollars a year.");
        assertThat(completion).isEqualTo(new Completion("end_turn", new Usage(412, 11)));
    }

    @Test
    void streamsMistralInstructThroughTheSameApiWithItsOwnPayload() throws Exception {
        // given
        stub.then(EventStreams.streaming(chunkFrames("aws/mistral-stream-chunks.jsonl")));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), "mistral.mistral-7b-instruct-v0:2");
        ModelRequest rewrite = new ModelRequest("Rewrite the follow-up as a standalone question.",
                List.of(ChatMessage.user("and how much is it?")), 200, 0.0, null, List.of("?\n", "?\"\n"));

        // when
        Completion completion = model.stream(rewrite, deltas::add, new Cancellation());

        // then
        JsonNode body = stub.onlyRequest().json();
        assertThat(body.get("prompt").asText()).startsWith("<s>[INST] Rewrite the follow-up").endsWith("[/INST]");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.get("stop")).hasSize(2);
        assertThat(String.join("", deltas)).isEqualTo(" How much does a residential parking permit cost?");
        assertThat(completion).isEqualTo(new Completion("end_turn", new Usage(96, 9)));
    }

    @Test
    void aModelStreamErrorMidStreamFailsAfterTheDeltasAlreadyReceived() {
        // given
        stub.then(EventStreams.streaming(List.of(
                EventStreams.chunk("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":30,\"output_tokens\":1}}}"),
                EventStreams.chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Permits are\"}}"),
                EventStreams.exception("modelStreamErrorException",
                        "{\"message\":\"The model stream failed.\",\"originalStatusCode\":500,\"originalMessage\":\"Internal error\"}"))));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), CLAUDE);

        // when / then
        assertThatThrownBy(() -> model.stream(QUESTION, deltas::add, new Cancellation()))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MODEL_ERROR);
                    assertThat(e.getMessage()).isEqualTo("The model stopped while answering. Please try again.")
                            .doesNotContain("Exception");
                });
        assertThat(deltas).containsExactly("Permits are");
    }

    @Test
    void cancellingMidStreamReturnsAtOnceAndClosesTheHttpStream() throws Exception {
        // given
        CountDownLatch streamClosed = new CountDownLatch(1);
        stub.then(endlessStream(streamClosed));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), CLAUDE);
        Cancellation cancellation = new Cancellation();
        DeltaRecorderThatCancelsLater listener = new DeltaRecorderThatCancelsLater(cancellation);

        // when
        long started = System.nanoTime();
        Completion completion = model.stream(QUESTION, listener, cancellation);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(completion.cancelled()).isTrue();
        assertThat(listener.deltas).startsWith("Permits");
        assertThat(tookMillis).isLessThan(5_000);
        assertThat(streamClosed.await(5, TimeUnit.SECONDS)).as("the stub saw the connection close").isTrue();
    }

    @Test
    void aListenerFailureStopsTheStreamAndIsRethrownUnchanged() throws Exception {
        // given
        CountDownLatch streamClosed = new CountDownLatch(1);
        stub.then(endlessStream(streamClosed));
        ChatModel model = BedrockChatModel.forModel(stub.bedrockRuntime(), CLAUDE);
        ClientGoneException gone = new ClientGoneException("L0SM9cOFvHcCIhw=");

        // when / then
        assertThatThrownBy(() -> model.stream(QUESTION, text -> {
            throw gone;
        }, new Cancellation())).isSameAs(gone);
        assertThat(streamClosed.await(5, TimeUnit.SECONDS)).as("the stub saw the connection close").isTrue();
    }

    @Test
    void modelIdsPickTheirApiAndPayload() {
        assertThat(ModelFamily.of(CLAUDE)).isEqualTo(ModelFamily.ANTHROPIC_MESSAGES);
        assertThat(ModelFamily.of("us.anthropic.claude-3-5-haiku-20241022-v1:0")).isEqualTo(ModelFamily.ANTHROPIC_MESSAGES);
        assertThat(ModelFamily.of("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0"))
                .isEqualTo(ModelFamily.ANTHROPIC_MESSAGES);
        assertThat(ModelFamily.of("mistral.mistral-7b-instruct-v0:2")).isEqualTo(ModelFamily.MISTRAL_INSTRUCT);
        assertThat(ModelFamily.of("mistral.mixtral-8x7b-instruct-v0:1")).isEqualTo(ModelFamily.MISTRAL_INSTRUCT);
        assertThat(ModelFamily.of("mistral.mistral-large-2407-v1:0")).isEqualTo(ModelFamily.CONVERSE);
        assertThat(ModelFamily.of("meta.llama3-1-70b-instruct-v1:0")).isEqualTo(ModelFamily.CONVERSE);
        assertThat(BedrockChatModel.forModel(stub.bedrockRuntime(), "amazon.nova-pro-v1:0")).isInstanceOf(BedrockConverseChatModel.class);
    }

    /** One chunk with text, then pings every 50 ms until the client hangs up (or 10 s pass). */
    private static StubAwsServer.Responder endlessStream(CountDownLatch streamClosed) {
        return (request, exchange) -> {
            EventStreams.startStream(exchange);
            OutputStream out = exchange.getResponseBody();
            try {
                out.write(EventStreams.chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Permits\"}}"));
                out.flush();
                for (int i = 0; i < 200; i++) {
                    Thread.sleep(50);
                    out.write(EventStreams.chunk("{\"type\":\"ping\"}"));
                    out.flush();
                }
            } catch (IOException closed) {
                streamClosed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static List<byte[]> chunkFrames(String resource) {
        List<byte[]> frames = new ArrayList<>();
        Fixtures.read(resource).lines().filter(line -> !line.isBlank()).forEach(line -> frames.add(EventStreams.chunk(line)));
        return frames;
    }

    /** Records deltas; after the first one, a "stop" press arrives from another thread. */
    private static final class DeltaRecorderThatCancelsLater implements org.knowledgebot.core.port.DeltaListener {
        private final Cancellation cancellation;
        private final StringBuilder deltas = new StringBuilder();

        DeltaRecorderThatCancelsLater(Cancellation cancellation) {
            this.cancellation = cancellation;
        }

        @Override
        public void onDelta(String text) {
            if (deltas.length() == 0) {
                Thread stopPress = new Thread(() -> {
                    sleepQuietly(100);
                    cancellation.cancel();
                });
                stopPress.start();
            }
            deltas.append(text);
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
