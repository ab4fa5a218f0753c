package org.knowledgebot.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chat handler that dies with an {@link Error} (a class missing from the jar, a stack overflow) still ends the
 * exchange: the gateway tells the client in its message's protocol, and the next message is answered.
 */
class CrashedChatHandlerTest {
    private static final String INTERNAL_ERROR = "{\"type\":\"error\",\"requestId\":\"r-1\",\"code\":\"INTERNAL\","
            + "\"message\":\"Something went wrong while answering. Please try again.\",\"retryable\":true}";

    private final LocalConnections connections = new LocalConnections(Clock.systemUTC());
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private GatewayServer server;
    private URI socket;

    /** Crashes on a message that asks for it, answers any other with one frame. */
    private final RequestHandler<APIGatewayV2WebSocketEvent, Object> chatHandler = (event, context) -> {
        if (event.getBody().contains("crash")) {
            throw new NoClassDefFoundError("org/knowledgebot/chat/Missing");
        }
        connections.send(event.getRequestContext().getConnectionId(), "answered");
        return null;
    };

    @BeforeEach
    void start() throws Exception {
        server = new GatewayServer(connections, chatHandler, worker);
        socket = server.socket();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        worker.shutdownNow();
    }

    @Test
    void aTypedClientGetsAnInternalErrorForItsRequestAndTheConnectionKeepsWorking() throws Exception {
        // given
        try (WsClient client = WsClient.connect(socket)) {
            // when
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"r-1\",\"message\":\"crash\"}");
            String error = client.next();
            client.send("{\"action\":\"sendMessage\",\"requestId\":\"r-2\",\"message\":\"hello\"}");

            // then
            assertThat(error).isEqualTo(INTERNAL_ERROR);
            assertThat(client.next()).isEqualTo("answered");
            assertThat(client.receivesWithin(Duration.ofMillis(200))).isFalse();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aSeedClientGetsTheSeedErrorFrameAndIsDisconnected() {
        // given
        try (WsClient client = WsClient.connect(socket)) {
            // when
            client.send("{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"crash\"}}");

            // then
            assertThat(client.next()).isEqualTo("<!ERROR!>: Something went wrong while answering. Please try again.");
            assertThat(client.closeCode()).isEqualTo(1000);
        }
    }
}
