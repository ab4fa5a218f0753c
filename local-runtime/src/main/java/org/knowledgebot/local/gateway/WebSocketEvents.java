package org.knowledgebot.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@link APIGatewayV2WebSocketEvent}s API Gateway sends to the route integrations, field for field:
 * {@code $connect} carries headers and query string, every event carries the request context (route key, event
 * type, connection id, domain name, stage, request id, caller identity) and, after the authorizer ran, its
 * context. The stage is {@value #STAGE} because the callback URL {@code http(s)://<domainName>/<stage>} is where
 * this runtime serves the {@code @connections} API.
 */
public final class WebSocketEvents {
    public static final String STAGE = "socket";
    public static final String API_ID = "local";
    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final String domainName;

    public WebSocketEvents(String domainName) {
        this.domainName = domainName;
    }

    public APIGatewayV2WebSocketEvent connect(String connectionId, Instant at, String sourceIp, String userAgent,
                                              Map<String, List<String>> headers, Map<String, List<String>> query) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setHeaders(firstValues(headers));
        event.setMultiValueHeaders(headers);
        if (!query.isEmpty()) {
            event.setQueryStringParameters(firstValues(query));
            event.setMultiValueQueryStringParameters(query);
        }
        event.setIsBase64Encoded(false);
        event.setRequestContext(context(CONNECT, "CONNECT", connectionId, at, at, sourceIp, userAgent, null));
        return event;
    }

    /** A message {@code at} a time on the connection of {@code handshake}. */
    public APIGatewayV2WebSocketEvent message(String routeKey, String body, Handshake handshake, Instant at) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setBody(body);
        event.setIsBase64Encoded(false);
        APIGatewayV2WebSocketEvent.RequestContext context =
                context(routeKey, "MESSAGE", handshake.connectionId(), handshake.connectedAt(), at,
                        handshake.sourceIp(), handshake.userAgent(), handshake.authorizerContext());
        context.setMessageId(UUID.randomUUID().toString());
        context.setMessageDirection("IN");
        event.setRequestContext(context);
        return event;
    }

    public APIGatewayV2WebSocketEvent disconnect(Handshake handshake, Instant at) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setIsBase64Encoded(false);
        event.setRequestContext(context(DISCONNECT, "DISCONNECT", handshake.connectionId(), handshake.connectedAt(), at,
                handshake.sourceIp(), handshake.userAgent(), handshake.authorizerContext()));
        return event;
    }

    private APIGatewayV2WebSocketEvent.RequestContext context(String routeKey, String eventType, String connectionId,
                                                              Instant connectedAt, Instant at, String sourceIp,
                                                              String userAgent, Map<String, Object> authorizer) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connectionId);
        context.setConnectedAt(connectedAt.toEpochMilli());
        context.setDomainName(domainName);
        context.setStage(STAGE);
        context.setApiId(API_ID);
        String requestId = UUID.randomUUID().toString();
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setRequestTime(REQUEST_TIME.format(at));
        context.setRequestTimeEpoch(at.toEpochMilli());
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        identity.setUserAgent(userAgent);
        context.setIdentity(identity);
        if (authorizer != null) {
            context.setAuthorizer(authorizer);
        }
        return context;
    }

    private static Map<String, String> firstValues(Map<String, List<String>> multi) {
        Map<String, String> first = new java.util.LinkedHashMap<>();
        multi.forEach((name, values) -> {
            if (!values.isEmpty()) {
                first.put(name, values.get(0));
            }
        });
        return first;
    }
}
