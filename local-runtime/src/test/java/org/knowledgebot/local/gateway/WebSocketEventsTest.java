package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.AuthorizerIdentity;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.local.http.LocalUser;

class WebSocketEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant CONNECTED = Instant.parse("2026-11-25T10:20:28Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:20:30Z");

    private static JsonNode fixture() throws IOException {
        try (InputStream in = WebSocketEventsTest.class.getResourceAsStream("/events/apigw-websocket-message.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void aMessageEventFillsEveryRequestContextFieldApiGatewaySends() throws IOException {
        // given
        WebSocketEvents events = new WebSocketEvents("localhost:8080");

        // when
        APIGatewayV2WebSocketEvent event = events.message("sendMessage", "{\"action\":\"sendMessage\"}",
                new Handshake("GXLKAfX1IAMCIhw=", CONNECTED, "127.0.0.1", "Java-http-client/17", LocalUser.authorizerContext()),
                NOW);

        // then
        JsonNode ours = JSON.valueToTree(event).path("requestContext");
        Iterator<String> names = fixture().path("requestContext").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertThat(ours.path(name).isMissingNode() || ours.path(name).isNull()).as("requestContext.%s", name).isFalse();
        }
        APIGatewayV2WebSocketEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getRouteKey()).isEqualTo("sendMessage");
        assertThat(context.getEventType()).isEqualTo("MESSAGE");
        assertThat(context.getMessageDirection()).isEqualTo("IN");
        assertThat(context.getStage()).isEqualTo(WebSocketEvents.STAGE);
        assertThat(context.getDomainName()).isEqualTo("localhost:8080");
        assertThat(context.getConnectedAt()).isEqualTo(CONNECTED.toEpochMilli());
        assertThat(context.getRequestTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getRequestTime()).isEqualTo("25/Nov/2026:10:20:30 +0000");
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getBody()).isEqualTo("{\"action\":\"sendMessage\"}");
    }

    @Test
    void chatFnReadsTheSameIdentityFromOurEventAsFromApiGateways() throws IOException {
        // given
        APIGatewayV2WebSocketEvent real = JSON.treeToValue(fixture(), APIGatewayV2WebSocketEvent.class);
        JsonNode realAuthorizer = fixture().path("requestContext").path("authorizer");
        Map<String, Object> context = Map.of("principalId", realAuthorizer.path("principalId").asText(),
                "userId", realAuthorizer.path("userId").asText(), "username", realAuthorizer.path("username").asText(),
                "groups", realAuthorizer.path("groups").asText());

        // when
        APIGatewayV2WebSocketEvent ours = new WebSocketEvents("localhost:8080").message("sendMessage", real.getBody(),
                new Handshake("c1", CONNECTED, "127.0.0.1", "ua", context), NOW);

        // then
        Identity fromReal = AuthorizerIdentity.from(real);
        assertThat(fromReal.username()).isEqualTo("alice");
        assertThat(AuthorizerIdentity.from(ours)).isEqualTo(fromReal);
        APIGatewayV2WebSocketEvent local = new WebSocketEvents("localhost:8080").message("sendMessage", "{}",
                new Handshake("c2", CONNECTED, "127.0.0.1", "ua", LocalUser.authorizerContext()), NOW);
        assertThat(AuthorizerIdentity.from(local)).isEqualTo(new Identity(LocalUser.ID, LocalUser.ID, List.of("admins")));
    }

    @Test
    void connectCarriesHeadersAndQueryStringAndDisconnectTheContext() {
        // given
        WebSocketEvents events = new WebSocketEvents("localhost:8080");

        // when
        APIGatewayV2WebSocketEvent connect = events.connect("c3", NOW, "127.0.0.1", "ua",
                Map.of("Host", List.of("localhost:8080"), "Sec-WebSocket-Protocol", List.of("knowledgebot")),
                Map.of("Authorization", List.of("token-value")));
        APIGatewayV2WebSocketEvent disconnect = events.disconnect(
                new Handshake("c3", CONNECTED, "127.0.0.1", "ua", LocalUser.authorizerContext()), NOW);

        // then
        assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
        assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
        assertThat(connect.getHeaders()).containsEntry("Sec-WebSocket-Protocol", "knowledgebot");
        assertThat(connect.getQueryStringParameters()).containsEntry("Authorization", "token-value");
        assertThat(connect.getMultiValueQueryStringParameters()).containsEntry("Authorization", List.of("token-value"));
        assertThat(disconnect.getRequestContext().getRouteKey()).isEqualTo("$disconnect");
        assertThat(disconnect.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
        assertThat(disconnect.getRequestContext().getAuthorizer()).containsEntry("userId", LocalUser.ID);
    }
}
