package org.knowledgebot.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.ChatMessage;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.testing.Fixtures;

class MistralInstructCodecTest {

    @Test
    void promptFollowsTheInstructFormatWithSystemTurnsAndQuestion() {
        // given
        ModelRequest request = new ModelRequest("Rewrite.", List.of(ChatMessage.user("Returns?"),
                ChatMessage.assistant("30 days."), ChatMessage.user("and refunds?")), 200, 0.0, null,
                List.of("?\n", "?\"\n"));

        // when
        String prompt = MistralInstructCodec.prompt(request);
        String body = MistralInstructCodec.requestBody(request);

        // then
        assertThat(prompt).isEqualTo("<s>[INST] Rewrite. [/INST][INST] Returns? [/INST]30 days.</s>[INST] and refunds? [/INST]");
        assertThat(body).isEqualTo("{\"prompt\":\"" + prompt + "\",\"max_tokens\":200,\"temperature\":0.0,"
                + "\"stop\":[\"?\\n\",\"?\\\"\\n\"]}");
    }

    @Test
    void decodesTextStopReasonAndUsageFromARealStream() {
        // given
        MistralInstructCodec.StreamDecoder decoder = new MistralInstructCodec.StreamDecoder();

        // when
        String text = Fixtures.decode(decoder, "model/mistral-stream.jsonl");

        // then
        assertThat(text).isEqualTo(" What is the return period for items");
        assertThat(decoder.stopReason()).isEqualTo("end_turn");
        assertThat(decoder.usage()).isEqualTo(new Usage(96, 9));
    }

    @Test
    void lengthStopIsReportedAsMaxTokens() {
        // given
        MistralInstructCodec.StreamDecoder decoder = new MistralInstructCodec.StreamDecoder();

        // when
        decoder.accept("{\"outputs\":[{\"text\":\"cut\",\"stop_reason\":\"length\"}]}");

        // then
        assertThat(decoder.completion().stopReason()).isEqualTo("max_tokens");
    }
}
