package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
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
    void aSecondMessageInTheSameMinuteIsThrottledWithTheWaitAndNotSaved() throws Exception {
        try (WsClient client = chatbot.connect()) {
            // when three messages go out within a second or two: two of them share a minute, whichever minute
            // boundary falls between them, so at least one is over one message a minute
            List<JsonNode> refusals = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                client.send("{\"action\":\"sendMessage\",\"requestId\":\"r" + i + "\",\"sessionId\":\"limits-" + i
                        + "\",\"message\":\"Library hours?\"}");
                List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));
                JsonNode last = JSON.readTree(frames.get(frames.size() - 1));
                if (last.get("type").asText().equals("error")) {
                    refusals.add(last);
                    refused.add("limits-" + i);
                }
            }

            // then
            assertThat(refusals).isNotEmpty().allSatisfy(refusal -> {
                assertThat(refusal.get("code").asText()).isEqualTo("THROTTLED");
                assertThat(refusal.get("retryAfterSeconds").asLong()).isBetween(1L, 60L);
                assertThat(refusal.get("message").asText()).contains("Please try again in");
            });
            assertThat(refused).doesNotContain("limits-1").allSatisfy(sessionId ->
                    assertThat(chatbot.runtime().component().sessionStore().find(LocalUser.ID, sessionId)).isEmpty());
        }
    }
}
