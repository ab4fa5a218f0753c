package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;

/**
 * A binary frame used to be dropped without a word, leaving the client waiting for its whole answer timeout. It now
 * gets the same BAD_REQUEST error frame as malformed text, is never answered, and the connection stays usable.
 */
class BinaryFrameTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    @Test
    void aBinaryFrameGetsABadRequestErrorFrameEvenWhenItHoldsAValidMessageAndTheConnectionStaysOpen() throws Exception {
        // given
        try (WsClient client = chatbot.connect()) {
            // when
            client.sendBinary("{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"message\":\"Hello\"}"
                    .getBytes(StandardCharsets.UTF_8));
            JsonNode error = JSON.readTree(client.next());

            // then
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("retryable").asBoolean()).isFalse();
            assertThat(error.has("requestId")).isFalse();
            assertThat(error.path("message").asText()).contains("text frames");
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"r2\",\"message\":\"library opening hours\"}");
            assertThat(JSON.readTree(client.next()).path("type").asText()).isEqualTo("start");
            assertThat(client.isClosed()).isFalse();
        }
    }
}
