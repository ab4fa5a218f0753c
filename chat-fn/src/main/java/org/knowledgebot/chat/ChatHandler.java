package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.pipeline.ChatOutcome;
import org.knowledgebot.core.wire.ChatEndpoint;
import org.knowledgebot.core.wire.ChatRoutes;

/**
 * The chat routes of the WebSocket API ({@code getChatbotResponse}, {@code sendMessage}, {@code $default}).
 * The answer goes to the client through the Management API while this runs; the integration response is
 * always 200. Identity comes from the authorizer context only. Never throws.
 *
 * <p>Lambda calls the stream entry: the event is read with the function's own Jackson as a tree, of which only
 * the fields this handler uses are taken; the runtime's separate copy of Jackson (~640 classes) never loads, and
 * neither does databind's reflective bean deserializer (~140 classes, ~150 ms of init under Lambda's C1-only JIT).
 * The local runtime and tests call the typed entry.
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>,
        RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the runtime makes of {@link #ok()}: no null fields. */
    private static final byte[] OK = "{\"isBase64Encoded\":false,\"statusCode\":200}".getBytes(StandardCharsets.UTF_8);

    private final ChatEndpoint endpoint;
    private final EventLog eventLog;

    /** Lambda's entry: the graph is built once per execution environment, on the first (init-time) construction. */
    public ChatHandler() {
        this(LambdaGraph.COMPONENT.chatEndpoint(), LambdaGraph.COMPONENT.eventLog());
    }

    public ChatHandler(ChatEndpoint endpoint, EventLog eventLog) {
        this.endpoint = endpoint;
        this.eventLog = eventLog;
    }

    /** Lambda's entry; an event that is not JSON is rejected like one without a connection. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2WebSocketEvent event;
        try {
            event = event(JSON.readTree(input));
        } catch (JacksonException e) {
            // Rejected and logged as an event without a connection; the parser's message may quote the user's text.
            event = null;
        }
        handleRequest(event, context);
        output.write(OK);
    }

    /**
     * The fields of a WebSocket event this handler reads, as the Lambda runtime would map them (case-sensitive,
     * unknown fields ignored); null when the event is not a JSON object.
     */
    static APIGatewayV2WebSocketEvent event(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        JsonNode context = root.get("requestContext");
        if (context != null && context.isObject()) {
            APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
            request.setRouteKey(text(context.get("routeKey")));
            request.setConnectionId(text(context.get("connectionId")));
            JsonNode authorizer = context.get("authorizer");
            if (authorizer != null && authorizer.isObject()) {
                Map<String, Object> values = new LinkedHashMap<>();
                authorizer.fields().forEachRemaining(field -> values.put(field.getKey(), text(field.getValue())));
                request.setAuthorizer(values);
            }
            event.setRequestContext(request);
        }
        event.setBody(text(root.get("body")));
        event.setIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false));
        return event;
    }

    /** A scalar as its text, anything else as its JSON; null for a missing or null field. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = context == null ? null : context.getAwsRequestId();
        APIGatewayV2WebSocketEvent.RequestContext request = event == null ? null : event.getRequestContext();
        String connectionId = request == null ? null : request.getConnectionId();
        String route = request == null || request.getRouteKey() == null ? ChatRoutes.DEFAULT_ROUTE : request.getRouteKey();
        Identity identity = null;
        EventLog.Event line;
        try {
            identity = AuthorizerIdentity.from(event);
            if (connectionId == null) {
                line = EventLog.event(route, "rejected").error(ErrorCode.BAD_REQUEST);
            } else {
                ChatOutcome outcome = endpoint.process(connectionId, identity, body(event));
                line = EventLog.event(route, outcome.logOutcome()).error(outcome.error()).cause(outcome.cause());
            }
        } catch (RuntimeException e) {
            // The endpoint never throws; if it broke that promise, the invocation still answers 200 and says why.
            line = EventLog.event(route, "failed").error(ErrorCode.INTERNAL).cause(e);
        }
        writeQuietly(line.requestId(requestId).connectionId(connectionId)
                .user(identity == null ? null : identity.userId())
                .durationMillis((System.nanoTime() - started) / 1_000_000));
        return ok();
    }

    private static String body(APIGatewayV2WebSocketEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (event.isIsBase64Encoded()) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Not base64 after all: the parser answers whatever it is with a clear BAD_REQUEST.
                return body;
            }
        }
        return body;
    }

    private void writeQuietly(EventLog.Event line) {
        try {
            eventLog.write(line);
        } catch (RuntimeException e) {
            // A log line must never turn an answered message into a failed invocation; stdout is all there is.
        }
    }

    private static APIGatewayV2WebSocketResponse ok() {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        return response;
    }

    /** Holder of the Lambda graph: built when the class is first used, i.e. during the function's init phase. */
    private static final class LambdaGraph {
        static final ChatComponent COMPONENT = ChatComponent.forLambda();
        /** Strongly held: the CRaC context keeps only weak references to its resources. */
        static final SnapStartPriming PRIMING = SnapStartPriming.register(COMPONENT);
    }
}
