package org.knowledgebot.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.pipeline.ChatOutcome;
import org.knowledgebot.core.wire.ChatEndpoint;

/**
 * The chat routes of the WebSocket API ({@code getChatbotResponse}, {@code sendMessage}, {@code $default}).
 * The answer goes to the client through the Management API while this runs; the integration response is
 * always 200. Identity comes from the authorizer context only. Never throws.
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final ChatEndpoint endpoint;
    private final EventLog eventLog;

    /** Lambda's entry: the graph is built once per execution environment, on the first (init-time) construction. */
    public ChatHandler() {
        this(LambdaGraph.COMPONENT.chatEndpoint(), LambdaGraph.COMPONENT.eventLog());
    }

    /** For the local runtime and tests: the endpoint with its collaborators already wired. */
    public ChatHandler(ChatEndpoint endpoint) {
        this(endpoint, EventLog.toStandardOutput(Clock.systemUTC()));
    }

    public ChatHandler(ChatEndpoint endpoint, EventLog eventLog) {
        this.endpoint = endpoint;
        this.eventLog = eventLog;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = context == null ? null : context.getAwsRequestId();
        APIGatewayV2WebSocketEvent.RequestContext request = event == null ? null : event.getRequestContext();
        String connectionId = request == null ? null : request.getConnectionId();
        String route = request == null || request.getRouteKey() == null ? "$default" : request.getRouteKey();
        Identity identity = null;
        EventLog.Event line;
        try {
            identity = AuthorizerIdentity.from(event);
            if (connectionId == null) {
                line = EventLog.event(route, "rejected").error(ErrorCode.BAD_REQUEST);
            } else {
                ChatOutcome outcome = endpoint.process(connectionId, identity, body(event));
                line = EventLog.event(route, outcome.error() == null ? "answered" : "failed").error(outcome.error());
            }
        } catch (RuntimeException e) {
            line = EventLog.event(route, "failed").error(ErrorCode.INTERNAL);
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
                return body;
            }
        }
        return body;
    }

    private void writeQuietly(EventLog.Event line) {
        try {
            eventLog.write(line);
        } catch (RuntimeException e) {
            // A log line must never turn an answered message into a failed invocation.
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
