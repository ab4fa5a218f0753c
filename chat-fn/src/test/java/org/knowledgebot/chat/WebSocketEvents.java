package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowledgebot.chat.aws.Fixtures;

/** API Gateway WebSocket events from the JSON fixtures under {@code events/}, read the way Lambda reads them. */
public final class WebSocketEvents {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WebSocketEvents() {
    }

    public static APIGatewayV2WebSocketEvent load(String name) {
        try {
            return JSON.readValue(Fixtures.read("events/" + name), APIGatewayV2WebSocketEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
