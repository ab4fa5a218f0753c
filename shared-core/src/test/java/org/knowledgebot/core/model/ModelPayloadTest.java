package org.knowledgebot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.testing.Fixtures;

class ModelPayloadTest {

    @Test
    void eachPayloadDecodesItsOwnStreamThroughTheCommonShape() {
        // given
        ModelRequest request = new ModelRequest("S", List.of(ChatMessage.user("Q")), 10, 0.0, null, List.of());

        // when
        ChunkDecoder anthropic = ModelPayload.ANTHROPIC_MESSAGES.newDecoder();
        Fixtures.lines("model/anthropic-stream.jsonl").forEach(anthropic::accept);
        ChunkDecoder mistral = ModelPayload.MISTRAL_INSTRUCT.newDecoder();
        Fixtures.lines("model/mistral-stream.jsonl").forEach(mistral::accept);

        // then
        assertThat(ModelPayload.ANTHROPIC_MESSAGES.requestBody(request)).startsWith("{\"anthropic_version\"");
        assertThat(ModelPayload.MISTRAL_INSTRUCT.requestBody(request)).startsWith("{\"prompt\":\"<s>[INST] S [/INST]");
        assertThat(anthropic.completion().usage()).isEqualTo(new Usage(1187, 14));
        assertThat(mistral.completion().stopReason()).isEqualTo("end_turn");
    }
}
