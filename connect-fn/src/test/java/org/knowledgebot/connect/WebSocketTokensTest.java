package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketTokensTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    @Test
    void queryStringWinsOverTheSubprotocolHeader() {
        // given
        Map<String, String> query = Map.of("Authorization", JWT);
        Map<String, String> headers = Map.of("Sec-WebSocket-Protocol", "knowledgebot, a.b.c");

        // when / then
        assertThat(WebSocketTokens.token(query, headers)).contains(JWT);
    }

    @Test
    void headerNamesMatchWhateverTheirCase() {
        // given
        Map<String, String> headers = Map.of("sec-websocket-protocol", "knowledgebot," + JWT);

        // when / then
        assertThat(WebSocketTokens.token(null, headers)).contains(JWT);
        assertThat(WebSocketTokens.chosenProtocol(headers)).contains("knowledgebot");
    }

    @Test
    void tokenIsNeverChosenAsTheEchoedProtocol() {
        // given
        Map<String, String> headers = Map.of("Sec-WebSocket-Protocol", JWT);

        // when / then
        assertThat(WebSocketTokens.token(Map.of(), headers)).contains(JWT);
        assertThat(WebSocketTokens.chosenProtocol(headers)).isEmpty();
    }

    @Test
    void blankQueryParameterAndNoHeaderMeanNoToken() {
        // when / then
        assertThat(WebSocketTokens.token(Map.of("Authorization", "Bearer  "), Map.of())).isEmpty();
        assertThat(WebSocketTokens.token(null, null)).isEmpty();
        assertThat(WebSocketTokens.chosenProtocol(null)).isEmpty();
    }
}
