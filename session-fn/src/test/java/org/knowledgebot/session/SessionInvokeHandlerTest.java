package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat function's entry point: the Lambda Invoke payload in and out, over the real store and SDK. */
class SessionInvokeHandlerTest {
    private static final String USER = "4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59";

    @RegisterExtension
    final SessionsOverDynamo sessions = new SessionsOverDynamo();

    @Test
    void appendedTurnComesBackFromGetSessionInTheInvokeShape() throws Exception {
        // given
        handler().handleRequest(EventFixtures.invokePayload("""
                {"operation":"update_session","user_id":"%s","session_id":"s-42","title":"Parking permits",
                 "new_chat_entry":{"user":"How much is a permit?","chatbot":"$45 a year.",
                   "metadata":"{\\"Sources\\":[{\\"title\\":\\"Parking\\",\\"uri\\":\\"https://docs.example.org/parking.md\\"}]}"}}"""
                .formatted(USER)), null);

        // when
        Map<String, Object> response = handler().handleRequest(EventFixtures.invokePayload(
                "{\"operation\":\"get_session\",\"user_id\":\"" + USER + "\",\"session_id\":\"s-42\"}"), null);

        // then
        assertThat(response).containsOnlyKeys("statusCode", "body").containsEntry("statusCode", 200);
        JsonNode session = EventFixtures.JSON.readTree((String) response.get("body"));
        assertThat(session.get("title").asText()).isEqualTo("Parking permits");
        assertThat(session.get("chat_history").get(0).get("chatbot").asText()).isEqualTo("$45 a year.");
        assertThat(session.get("chat_history").get(0).get("metadata").asText()).contains("https://docs.example.org/parking.md");
        assertThat(sessions.dynamo().sortKeys(USER)).containsExactly("SESSION#s-42", "SESSION#s-42#TURN#000001");
    }

    @Test
    void missingBodyIsABadRequest() {
        // when
        Map<String, Object> response = handler().handleRequest(Map.of(), null);

        // then
        assertThat(response.get("statusCode")).isEqualTo(400);
        assertThat(sessions.dynamo().calls("Query")).isEmpty();
    }

    @Test
    void bodyGivenAsAnObjectIsAcceptedToo() throws Exception {
        // when
        Map<String, Object> response = handler().handleRequest(
                Map.of("body", Map.of("operation", "list_sessions_by_user_id", "user_id", USER)), null);

        // then
        assertThat(response.get("statusCode")).isEqualTo(200);
        assertThat(EventFixtures.JSON.readTree((String) response.get("body")).isArray()).isTrue();
        assertThat(sessions.logLines()).hasSize(1);
    }

    private SessionInvokeHandler handler() {
        return new SessionInvokeHandler(sessions.operations(), sessions.eventLog());
    }
}
