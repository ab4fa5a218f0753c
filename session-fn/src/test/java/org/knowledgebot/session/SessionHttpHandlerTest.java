package org.knowledgebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.observability.UserHash;

/** The browser's route, end to end over the real store and SDK: the token's sub is the only user there is. */
class SessionHttpHandlerTest {
    private static final String ALICE = "4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59";
    private static final String BOB = "b7e2d1c0-3a4f-4e5d-8c6b-7a9f0e1d2c3b";
    private static final String ALICE_SESSION = "5d0c7b1e-2f3a-4b5c-9d8e-7f6a5b4c3d2e";

    @RegisterExtension
    final SessionsOverDynamo sessions = new SessionsOverDynamo();

    private APIGatewayV2HTTPResponse post(String fixture, String body) {
        return handler().handleRequest(EventFixtures.withBody(fixture, body, APIGatewayV2HTTPEvent.class), null);
    }

    private static String appendBody(String userId, String sessionId, String question) {
        return """
                {"operation":"update_session","user_id":"%s","session_id":"%s","title":"Recycling",
                 "new_chat_entry":{"user":"%s","chatbot":"Tuesdays.","metadata":"{\\"Sources\\":[]}"}}"""
                .formatted(userId, sessionId, question);
    }

    private void aliceHasOneTurn() {
        APIGatewayV2HTTPResponse response = post("http-user-session-alice.json",
                appendBody(ALICE, ALICE_SESSION, "When is recycling picked up?"));
        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    private JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return EventFixtures.JSON.readTree(response.getBody());
    }

    @Test
    void usersOwnSessionIsSavedUnderTheTokenSubjectWhateverTheBodySays() throws Exception {
        // when
        APIGatewayV2HTTPResponse saved = post("http-user-session-alice.json",
                appendBody("someone-else", ALICE_SESSION, "When is recycling picked up?"));
        APIGatewayV2HTTPResponse read = post("http-user-session-alice.json",
                "{\"operation\":\"get_session\",\"session_id\":\"" + ALICE_SESSION + "\"}");

        // then
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(saved.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(sessions.dynamo().sortKeys("someone-else")).isEmpty();
        assertThat(sessions.dynamo().sortKeys(ALICE)).hasSize(2);
        assertThat(json(read).get("chat_history").get(0).get("user").asText()).isEqualTo("When is recycling picked up?");
    }

    @Test
    void anotherUserCannotReadTheSession() throws Exception {
        // given
        aliceHasOneTurn();

        // when Bob asks for Alice's session, even naming her in the body
        APIGatewayV2HTTPResponse response = post("http-user-session-bob.json",
                "{\"operation\":\"get_session\",\"user_id\":\"" + ALICE + "\",\"session_id\":\"" + ALICE_SESSION + "\"}");
        APIGatewayV2HTTPResponse list = post("http-user-session-bob.json",
                "{\"operation\":\"list_sessions_by_user_id\",\"user_id\":\"" + ALICE + "\"}");

        // then
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{}");
        assertThat(json(list)).isEmpty();
    }

    @Test
    void anotherUserCannotAppendToTheSession() {
        // given
        aliceHasOneTurn();

        // when
        APIGatewayV2HTTPResponse response = post("http-user-session-bob.json",
                appendBody(ALICE, ALICE_SESSION, "Injected question"));

        // then Bob only wrote into his own partition; Alice's session is untouched
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(sessions.dynamo().sortKeys(ALICE)).hasSize(2);
        assertThat(sessions.dynamo().item(ALICE, "SESSION#" + ALICE_SESSION).get("turn_count").get("N").asText()).isEqualTo("1");
        assertThat(sessions.dynamo().sortKeys(BOB)).hasSize(2);
    }

    @Test
    void anotherUserCannotDeleteTheSessionOrAllSessions() throws Exception {
        // given
        aliceHasOneTurn();

        // when
        APIGatewayV2HTTPResponse one = post("http-user-session-bob.json",
                "{\"operation\":\"delete_session\",\"user_id\":\"" + ALICE + "\",\"session_id\":\"" + ALICE_SESSION + "\"}");
        APIGatewayV2HTTPResponse all = post("http-user-session-bob.json",
                "{\"operation\":\"delete_user_sessions\",\"user_id\":\"" + ALICE + "\"}");

        // then
        assertThat(json(one).get("deleted").asInt()).isZero();
        assertThat(json(all).get("deleted").asInt()).isZero();
        assertThat(sessions.dynamo().sortKeys(ALICE)).hasSize(2);
    }

    @Test
    void requestWithoutVerifiedSubjectIsUnauthorizedAndTouchesNothing() throws Exception {
        // when
        APIGatewayV2HTTPResponse response = post("http-user-session-anonymous.json",
                "{\"operation\":\"list_sessions_by_user_id\",\"user_id\":\"" + ALICE + "\"}");

        // then
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isNotBlank();
        assertThat(sessions.dynamo().calls("Query")).isEmpty();
    }

    @Test
    void base64EncodedBodyIsDecoded() throws Exception {
        // given
        aliceHasOneTurn();
        APIGatewayV2HTTPEvent event = EventFixtures.withBody("http-user-session-alice.json",
                Base64.getEncoder().encodeToString("{\"operation\":\"list_sessions_by_user_id\"}".getBytes(StandardCharsets.UTF_8)),
                APIGatewayV2HTTPEvent.class);
        event.setIsBase64Encoded(true);

        // when
        APIGatewayV2HTTPResponse response = handler().handleRequest(event, null);

        // then
        assertThat(json(response).get(0).get("session_id").asText()).isEqualTo(ALICE_SESSION);
    }

    @Test
    void malformedBodyIsABadRequestAndSavesNothing() throws Exception {
        // when
        APIGatewayV2HTTPResponse response = post("http-user-session-alice.json", "{\"operation\":\"update_session\",");

        // then
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).doesNotContain("Exception");
        assertThat(sessions.dynamo().sortKeys(ALICE)).isEmpty();
    }

    @Test
    void logLineNamesTheUserOnlyByHash() throws Exception {
        // when
        aliceHasOneTurn();

        // then
        assertThat(sessions.logLines()).hasSize(1);
        JsonNode line = EventFixtures.JSON.readTree(sessions.logLines().get(0));
        assertThat(line.get("route").asText()).isEqualTo("POST /user-session");
        assertThat(line.get("outcome").asText()).isEqualTo("status 200");
        assertThat(line.get("userHash").asText()).isEqualTo(UserHash.of(ALICE));
        assertThat(sessions.logLines().get(0)).doesNotContain(ALICE).doesNotContain("recycling");
    }

    private SessionHttpHandler handler() {
        return new SessionHttpHandler(sessions.operations(), sessions.eventLog());
    }
}
