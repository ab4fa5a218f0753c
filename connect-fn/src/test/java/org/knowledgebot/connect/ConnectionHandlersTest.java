package org.knowledgebot.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.aws.InProcessLambdaContext;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.UserHash;
import org.knowledgebot.core.testing.MutableClock;

class ConnectionHandlersTest {
    private static final String TOKEN = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    private final List<String> logLines = new ArrayList<>();
    private final EventLog eventLog = new EventLog(logLines::add, new MutableClock(TestTokens.NOW));

    @Test
    void connectAnswers200AndEchoesTheApplicationSubprotocolNotTheToken() throws Exception {
        // given
        APIGatewayV2WebSocketEvent event = Fixtures.event("websocket-connect.json", APIGatewayV2WebSocketEvent.class, TOKEN);

        // when
        APIGatewayV2WebSocketResponse response = new ConnectHandler(eventLog).handleRequest(event, invocation("req-1"));

        // then
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).isEqualTo(Map.of("Sec-WebSocket-Protocol", "knowledgebot"));
        JsonNode line = Fixtures.JSON.readTree(logLines.get(0));
        assertThat(line.get("route").asText()).isEqualTo("$connect");
        assertThat(line.get("outcome").asText()).isEqualTo("connected");
        assertThat(line.get("connectionId").asText()).isEqualTo("CrE1mcDGoAMCJ-Q=");
        assertThat(line.get("userHash").asText()).isEqualTo(UserHash.of(TestTokens.SUBJECT));
        assertThat(line.get("requestId").asText()).isEqualTo("req-1");
        assertThat(logLines.get(0)).doesNotContain(TestTokens.SUBJECT).doesNotContain(TOKEN);
    }

    @Test
    void connectWithoutOfferedSubprotocolSetsNoHeader() {
        // given
        APIGatewayV2WebSocketEvent event = Fixtures.event("websocket-connect.json", APIGatewayV2WebSocketEvent.class, TOKEN);
        event.setHeaders(Map.of("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"));

        // when
        APIGatewayV2WebSocketResponse response = new ConnectHandler(eventLog).handleRequest(event, null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).isNull();
    }

    @Test
    void disconnectAnswers200AndLogsTheConnection() throws Exception {
        // given
        APIGatewayV2WebSocketEvent event = Fixtures.event("websocket-disconnect.json", APIGatewayV2WebSocketEvent.class, TOKEN);

        // when
        APIGatewayV2WebSocketResponse response = new DisconnectHandler(eventLog).handleRequest(event, invocation("req-2"));

        // then
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode line = Fixtures.JSON.readTree(logLines.get(0));
        assertThat(line.get("route").asText()).isEqualTo("$disconnect");
        assertThat(line.get("outcome").asText()).isEqualTo("disconnected");
        assertThat(line.get("userHash").asText()).isEqualTo(UserHash.of(TestTokens.SUBJECT));
    }

    @Test
    void emptyEventsNeverCrashTheHandlers() {
        // when
        APIGatewayV2WebSocketResponse connected = new ConnectHandler(eventLog).handleRequest(new APIGatewayV2WebSocketEvent(), null);
        APIGatewayV2WebSocketResponse disconnected = new DisconnectHandler(eventLog).handleRequest(null, null);

        // then
        assertThat(connected.getStatusCode()).isEqualTo(200);
        assertThat(disconnected.getStatusCode()).isEqualTo(200);
        assertThat(logLines).hasSize(2);
    }

    private static InProcessLambdaContext invocation(String requestId) {
        return new InProcessLambdaContext("connect-fn", requestId);
    }
}
