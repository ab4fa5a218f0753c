package org.knowledgebot.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.testing.Fixtures;

class AnthropicMessagesCodecTest {

    @Test
    void requestBodyHasTheBedrockMessagesShape() {
        // given
        ModelRequest request = new ModelRequest("Knowledge: K\nInstructions: I",
                List.of(ChatMessage.user("Returns?"), ChatMessage.assistant("30 days."), ChatMessage.user("Refunds?")),
                2048, 0.1, null, List.of());

        // when
        String body = AnthropicMessagesCodec.requestBody(request);

        // then
        assertThat(body).isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\",\"system\":\"Knowledge: K\\n"
                + "Instructions: I\",\"max_tokens\":2048,\"temperature\":0.1,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Returns?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"30 days.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Refunds?\"}]}]}");
    }

    @Test
    void requestBodyRepairsRolesThatDoNotAlternate() {
        // given
        ModelRequest request = new ModelRequest("", List.of(ChatMessage.assistant("Hi!"), ChatMessage.user("a"),
                ChatMessage.user("b")), 10, 0.0, 0.9, List.of("?\n"));

        // when
        String body = AnthropicMessagesCodec.requestBody(request);

        // then
        assertThat(body).isEqualTo("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,"
                + "\"temperature\":0.0,\"top_p\":0.9,\"stop_sequences\":[\"?\\n\"],\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\\n\\nb\"}]}]}");
    }

    @Test
    void decodesTextStopReasonUsageAndInvocationMetricsFromARealStream() {
        // given
        AnthropicMessagesCodec.StreamDecoder decoder = new AnthropicMessagesCodec.StreamDecoder();

        // when
        String text = Fixtures.decode(decoder, "model/anthropic-stream.jsonl");

        // then
        assertThat(text).isEqualTo("You have 30 days to return an item 📦.");
        assertThat(decoder.stopReason()).isEqualTo("end_turn");
        assertThat(decoder.usage()).isEqualTo(new Usage(1187, 14));
        assertThat(decoder.stopped()).isTrue();
        assertThat(decoder.invocationMetrics()).isEqualTo(new InvocationMetrics(1187, 14, 1630, 412));
        assertThat(decoder.completion().stopReason()).isEqualTo("end_turn");
    }

    @Test
    void usageFallsBackToInvocationMetricsWhenTheStreamHasNone() {
        // given
        AnthropicMessagesCodec.StreamDecoder decoder = new AnthropicMessagesCodec.StreamDecoder();

        // when
        decoder.accept("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":7,"
                + "\"outputTokenCount\":3,\"invocationLatency\":10,\"firstByteLatency\":5}}");

        // then
        assertThat(decoder.usage()).isEqualTo(new Usage(7, 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "model/anthropic-error-overloaded.json, THROTTLED, true, The model is busy right now. Please try again in a moment.",
            "model/anthropic-error-invalid-request.json, MODEL_ERROR, false, The model could not answer this request."})
    void anErrorChunkIsItsCodeAndRetryAdviceWithASafeTextNotTheModelsOwn(String fixture, ErrorCode code,
                                                                          boolean retryable, String safeText) {
        // given
        AnthropicMessagesCodec.StreamDecoder decoder = new AnthropicMessagesCodec.StreamDecoder();

        // when / then
        assertThatThrownBy(() -> decoder.accept(Fixtures.read(fixture)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).isEqualTo(safeText).doesNotContain("roles");
                });
    }

    @Test
    void aChunkThatIsNotJsonIsAModelError() {
        // when / then
        assertThatThrownBy(() -> new AnthropicMessagesCodec.StreamDecoder().accept("<html>502</html>"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_ERROR));
    }
}
