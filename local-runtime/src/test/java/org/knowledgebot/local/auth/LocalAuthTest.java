package org.knowledgebot.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.local.RunningChatbot;
import org.knowledgebot.local.gateway.WsClient;
import org.knowledgebot.local.http.RawHttp;

/** With --auth=local: tokens from the runtime, the real authorizer on $connect, and users kept apart. */
class LocalAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningChatbot chatbot = RunningChatbot.perTestClass(Map.of("LOCAL_AUTH", "local"));

    private static JsonNode sessions(String token, String body) throws Exception {
        HttpResponse<String> response = chatbot.post("/user-session", body, token);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Asks one question as the token's user and returns the new session's id. */
    private static String ask(String token, String question) {
        try (WsClient client = WsClient.connect(chatbot.socketUri("Authorization=" + token))) {
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"a-1\",\"message\":\"" + question + "\"}");
            List<String> frames = client.until(frame -> frame.contains("\"type\":\"end\"") || frame.contains("\"type\":\"error\""));
            assertThat(frames.get(frames.size() - 1)).contains("\"type\":\"end\"");
            return JSON.readTree(frames.get(0)).path("sessionId").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneUserNeverSeesAnothersSessions() throws Exception {
        // given
        String alice = chatbot.devToken("alice");
        String bob = chatbot.devToken("bob");
        String alicesSession = ask(alice, "When are grey bins emptied?");

        // when
        JsonNode bobsList = sessions(bob, "{\"operation\":\"list_sessions_by_user_id\",\"user_id\":\"" + LocalTokenIssuer.subjectOf("alice") + "\"}");
        JsonNode bobReadsAlices = sessions(bob, "{\"operation\":\"get_session\",\"session_id\":\"" + alicesSession + "\"}");
        JsonNode bobDeletesAlices = sessions(bob, "{\"operation\":\"delete_session\",\"session_id\":\"" + alicesSession + "\"}");

        // then
        assertThat(bobsList.findValuesAsText("session_id")).doesNotContain(alicesSession);
        assertThat(bobReadsAlices.isEmpty()).isTrue();
        assertThat(bobDeletesAlices.path("deleted").asInt()).isZero();
        JsonNode alicesList = sessions(alice, "{\"operation\":\"list_sessions_by_user_id\"}");
        assertThat(alicesList.findValuesAsText("session_id")).contains(alicesSession);
        JsonNode alicesSessionRead = sessions(alice, "{\"operation\":\"get_session\",\"session_id\":\"" + alicesSession + "\"}");
        assertThat(alicesSessionRead.path("chat_history").get(0).path("user").asText()).isEqualTo("When are grey bins emptied?");
    }

    @Test
    void aConnectionWithoutAValidTokenIsRefusedWith401() throws Exception {
        // given
        String forged = new LocalTokenIssuer("http://127.0.0.1:" + chatbot.runtime().port(), Clock.systemUTC()).idToken("mallory");

        // when / then
        for (String query : new String[] {null, "Authorization=not-a-jwt", "Authorization=" + forged}) {
            assertThatThrownBy(() -> WsClient.connect(chatbot.socketUri(query)))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));
        }
    }

    @Test
    void aBrowserMayOfferTheTokenAsASubprotocolAndGetsTheApplicationProtocolEchoed() throws Exception {
        // given
        String carol = chatbot.devToken("carol");

        // when
        try (WsClient client = WsClient.connect(chatbot.socketUri(null), "knowledgebot", carol)) {
            // then
            assertThat(client.subprotocol()).isEqualTo("knowledgebot");
        }
    }

    @Test
    void theSessionRouteRefusesRequestsWithoutAValidBearerToken() throws Exception {
        // when
        HttpResponse<String> missing = chatbot.post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}", null);
        HttpResponse<String> garbage = chatbot.post("/user-session", "{\"operation\":\"list_sessions_by_user_id\"}", "abc.def.ghi");

        // then
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(garbage.statusCode()).isEqualTo(401);
    }

    @Test
    void tokensAreCognitoShapedAndTheSubjectIsStablePerUsername() throws Exception {
        // when
        String first = chatbot.devToken("dave");
        String second = chatbot.devToken("dave");
        JsonNode jwks = JSON.readTree(chatbot.get("/.well-known/jwks.json").body());
        HttpResponse<String> invalid = chatbot.post("/dev/token", "{\"username\":\"<script>\"}", null);

        // then
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(first.split("\\.")[1]));
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        assertThat(claims.path("aud").asText()).isEqualTo(LocalTokenIssuer.CLIENT_ID);
        assertThat(claims.path("iss").asText()).isEqualTo(chatbot.runtime().baseUri().toString());
        assertThat(claims.path("cognito:username").asText()).isEqualTo("dave");
        JsonNode secondClaims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(second.split("\\.")[1]));
        assertThat(secondClaims.path("sub").asText()).isEqualTo(claims.path("sub").asText());
        assertThat(jwks.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
        assertThat(jwks.path("keys").get(0).has("d")).as("no private key material").isFalse();
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    @Test
    void aUsernameOrGroupsOfAnotherJsonTypeAreRefusedWith400SayingWhichFieldAndNoTokenIsIssued() throws Exception {
        // given: a number, a boolean, an array and an object where a string goes, a string where an array goes
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (String body : List.of("{\"username\":5}", "{\"username\":true}", "{\"username\":[\"alice\"]}",
                "{\"username\":{\"name\":\"alice\"}}")) {
            expected.put(body, "{\"message\":\"username must be a string.\"}");
        }
        expected.put("{\"username\":\"alice\",\"groups\":\"admins\"}", "{\"message\":\"groups must be an array of strings.\"}");
        expected.put("{\"username\":\"alice\",\"groups\":[\"admins\",5]}", "{\"message\":\"groups must be an array of strings.\"}");

        for (Map.Entry<String, String> request : expected.entrySet()) {
            // when
            HttpResponse<String> response = chatbot.post("/dev/token", request.getKey(), null);

            // then
            assertThat(response.statusCode()).as(request.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).as(request.getKey()).hasValue("application/json");
            assertThat(response.headers().firstValue("x-frame-options")).as(request.getKey()).hasValue("DENY");
            assertThat(response.body()).as(request.getKey()).isEqualTo(request.getValue());
        }
        // and a body of the right shape still gets its token, as before
        assertThat(chatbot.post("/dev/token", "{\"username\":\"erin\",\"groups\":[\"admins\"]}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointsAnswerAnotherMethodWith405AndTheirAllowHeader() throws Exception {
        // when
        int port = chatbot.runtime().port();
        String host = "Host: 127.0.0.1:" + port;
        String delete = RawHttp.exchange(port, "DELETE /dev/token HTTP/1.1", host, "Content-Length: 0", "Connection: close");
        String put = RawHttp.exchange(port, "PUT /.well-known/jwks.json HTTP/1.1", host, "Content-Length: 0", "Connection: close");

        // then
        assertThat(delete).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").endsWith("\r\n\r\n{\"message\":\"Method Not Allowed\"}");
        assertThat(RawHttp.header(delete, "allow")).isEqualTo("POST");
        assertThat(put).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").endsWith("\r\n\r\n{\"message\":\"Method Not Allowed\"}");
        assertThat(RawHttp.header(put, "allow")).isEqualTo("GET, HEAD");
    }
}
