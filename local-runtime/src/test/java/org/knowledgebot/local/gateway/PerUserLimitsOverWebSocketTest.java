package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.http.LocalUser;

/** The local runtime reads the same USER_MESSAGES_PER_MINUTE as chat-fn and counts in memory. */
class PerUserLimitsOverWebSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of("USER_MESSAGES_PER_MINUTE", "1"));

    @Test
    void theSecondMessageInAMinuteIsThrottledWithTheWaitAndNotSaved() throws Exception {
        try (WsClient client = chatbot.connect()) {
            // given
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"sessionId\":\"limits-1\",\"message\":\"Library hours?\"}");
            client.until(frame -> frame.contains("\"type\":\"end\""));
            chatbot.savedSession(LocalUser.ID, "limits-1", 1);

            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"r2\",\"sessionId\":\"limits-2\",\"message\":\"Library hours?\"}");
            List<String> frames = client.until(frame -> frame.contains("\"requestId\":\"r2\""));

            // then
            JsonNode refusal = JSON.readTree(frames.get(frames.size() - 1));
            assertThat(refusal.get("type").asText()).isEqualTo("error");
            assertThat(refusal.get("code").asText()).isEqualTo("THROTTLED");
            assertThat(refusal.get("retryAfterSeconds").asLong()).isBetween(1L, 60L);
            assertThat(refusal.get("message").asText()).contains("Please try again in");
            assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, "limits-2")).isEmpty();
        }
    }
}
