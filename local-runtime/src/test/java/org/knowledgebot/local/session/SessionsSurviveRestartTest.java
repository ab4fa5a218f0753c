package org.knowledgebot.local.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;

class SessionsSurviveRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConversationIsListedAgainAfterTheRuntimeRestartsOnTheSameDataFolder(@TempDir Path data) throws Exception {
        // given
        String sessionId;
        try (RunningChatbot first = RunningChatbot.start(data, Map.of()); WsClient client = first.connect()) {
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"k-1\",\"message\":\"When are grey bins emptied?\"}");
            sessionId = JSON.readTree(client.next()).path("sessionId").asText();
            client.until(frame -> frame.contains("\"type\":\"end\""));
        }

        // when
        JsonNode listed;
        JsonNode session;
        try (RunningChatbot second = RunningChatbot.start(data, Map.of())) {
            listed = JSON.readTree(second.post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}", null).body());
            session = JSON.readTree(second.post("/user-session",
                    "{\"operation\":\"get_session\",\"session_id\":\"" + sessionId + "\"}", null).body());
        }

        // then
        assertThat(listed.findValuesAsText("session_id")).containsExactly(sessionId);
        assertThat(session.path("chat_history").get(0).path("user").asText()).isEqualTo("When are grey bins emptied?");
        assertThat(session.path("chat_history").get(0).path("chatbot").asText()).contains("Grey bins with residual waste are emptied every Friday.");
    }
}
