package org.knowledgebot.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads event fixtures from src/test/resources/events and puts the request body in place (as the JSON string it is
 * on the wire), mapping them to event types like the Lambda runtime does (unknown fields ignored).
 */
final class EventFixtures {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventFixtures() {
    }

    static <T> T withBody(String name, String body, Class<T> type) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            event.put("body", body);
            return JSON.treeToValue(event, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> invokePayload(String body) {
        return withBody("invoke-session-operation.json", body, Map.class);
    }
}
