package org.knowledgebot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.Completion;
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

    @Test
    void eachPayloadReadsAWholeInvokeModelResponseAsOneChunk() {
        // given
        ChunkDecoder anthropic = ModelPayload.ANTHROPIC_MESSAGES.newResponseDecoder();
        ChunkDecoder mistral = ModelPayload.MISTRAL_INSTRUCT.newResponseDecoder();

        // when
        String claudeText = anthropic.accept("""
                {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Property tax"},\
                {"type":"text","text":" due dates"}],"stop_reason":"max_tokens","usage":{"input_tokens":40,"output_tokens":3}}""");
        String mistralText = mistral.accept("{\"outputs\":[{\"text\":\" When is it due?\",\"stop_reason\":\"length\"}]}");

        // then
        assertThat(claudeText).isEqualTo("Property tax due dates");
        assertThat(anthropic.completion()).isEqualTo(new Completion("max_tokens", new Usage(40, 3)));
        assertThat(mistralText).isEqualTo(" When is it due?");
        assertThat(mistral.completion().stopReason()).isEqualTo("max_tokens");
    }
}
