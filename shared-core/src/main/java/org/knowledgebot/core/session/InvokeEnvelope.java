package org.knowledgebot.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda Invoke envelope of the session function, for both sides: a request is
 * {@code {"body":"<json string>"}} and the answer {@code {"statusCode":200,"body":"<json string>"}}, as the
 * original session handler spoke it.
 */
public final class InvokeEnvelope {
    private InvokeEnvelope() {
    }

    /** Wraps a body as a Lambda Invoke payload {@code {"body":"<json string>"}}. */
    public static String request(String body) {
        return SessionProtocol.JSON.createObjectNode().put("body", body).toString();
    }

    /** Reads the {@code body} string of an invoke payload; empty when the payload has none. */
    public static Optional<String> bodyOf(String payload) {
        JsonNode node = SessionProtocol.readOrNull(payload);
        return node != null && node.path("body").isTextual() ? Optional.of(node.get("body").asText()) : Optional.empty();
    }

    /**
     * The body of a payload the Lambda runtime already read into a map; an object in place of the string (a
     * hand-written test event) is accepted too. Null when there is none, which the operations answer with a 400.
     */
    public static String bodyOf(Map<String, Object> payload) {
        Object body = payload == null ? null : payload.get("body");
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return SessionProtocol.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // Only a map the runtime could not have built fails here; answered like a missing body.
            return null;
        }
    }

    /** The Lambda Invoke response {@code {"statusCode":n,"body":"<json string>"}}. */
    public static String response(SessionResponse response) {
        return SessionProtocol.JSON.valueToTree(responseMap(response)).toString();
    }

    /** The same response as the map a Java handler returns for the runtime to serialize. */
    public static Map<String, Object> responseMap(SessionResponse response) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", response.statusCode());
        result.put("body", response.body());
        return result;
    }

    /**
     * Parses a Lambda Invoke response; a payload that is not one becomes status 502 with an error body. A body that
     * is an object instead of a string is read as its JSON text: the original session handler answers
     * {@code update_session} that way.
     */
    public static SessionResponse parseResponse(String payload) {
        JsonNode node = SessionProtocol.readOrNull(payload);
        JsonNode body = node == null ? null : node.path("body");
        if (body == null || !node.path("statusCode").canConvertToInt() || !(body.isTextual() || body.isContainerNode())) {
            return new SessionResponse(502, SessionProtocol.errorBody("the session service returned an unreadable response"));
        }
        return new SessionResponse(node.get("statusCode").asInt(), body.isTextual() ? body.asText() : body.toString());
    }
}
