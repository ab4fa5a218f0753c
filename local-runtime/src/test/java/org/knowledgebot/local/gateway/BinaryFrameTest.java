package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;

/**
 * API Gateway does not take binary frames: it disconnects the client with 1003. So does the local runtime,
 * instead of dropping the frame and leaving the client waiting for an answer.
 */
class BinaryFrameTest {
    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of());

    @Test
    void aBinaryFrameClosesTheConnectionWith1003EvenWhenItHoldsAValidMessage() {
        // given
        try (WsClient client = chatbot.connect()) {
            // when
            client.sendBinary("{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"message\":\"Hello\"}"
                    .getBytes(StandardCharsets.UTF_8));

            // then
            assertThat(client.closeCode()).isEqualTo(StatusCode.BAD_DATA);
            assertThat(client.drain()).isEmpty();
        }
    }
}
