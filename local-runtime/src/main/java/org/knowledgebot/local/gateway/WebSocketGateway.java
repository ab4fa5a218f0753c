package org.knowledgebot.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.knowledgebot.aws.InProcessLambdaContext;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.observability.FailureCause;
import org.knowledgebot.core.observability.ServiceErrorCodes;
import org.knowledgebot.core.wire.ChatRoutes;
import org.knowledgebot.core.wire.IncomingMessage;
import org.knowledgebot.core.wire.IncomingMessageParser;
import org.knowledgebot.core.wire.WireProtocol;

/**
 * The WebSocket API: accepts upgrades at {@code /socket} after the authorizer and the {@code $connect} route
 * allowed them, routes each message by {@code $request.body.action} (unknown actions and non-JSON go to
 * {@code $default}) and runs the route's handler on a worker thread, so a slow answer never holds up the
 * socket's I/O or other connections. Messages of one connection are handled as they arrive, concurrently, as
 * API Gateway invokes a Lambda per message.
 */
public final class WebSocketGateway implements WebSocketCreator {
    public static final String PATH = "/socket";
    /** API Gateway's limit for one incoming message; a larger one closes the connection with 1009. */
    public static final int MAX_MESSAGE_BYTES = IncomingMessageParser.MAX_MESSAGE_BYTES;
    /** API Gateway closes a WebSocket connection that is idle this long. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object FAILED = new Object();
    private static final String BINARY_REFUSED = "Binary frames are not supported; send JSON text frames";
    /** Reads only which protocol a message speaks (and its request id); the size limits are the handler's business. */
    private static final IncomingMessageParser PROTOCOL = new IncomingMessageParser(Integer.MAX_VALUE);

    private final LocalConnections connections;
    private final WebSocketEvents events;
    private final ConnectAuthorizer authorizer;
    private final RequestHandler<APIGatewayV2WebSocketEvent, ?> connectHandler;
    private final RequestHandler<APIGatewayV2WebSocketEvent, ?> disconnectHandler;
    private final RequestHandler<APIGatewayV2WebSocketEvent, ?> chatHandler;
    private final Set<String> chatRoutes;
    private final ExecutorService workers;
    private final ConnectionIds ids = new ConnectionIds();

    public WebSocketGateway(LocalConnections connections, WebSocketEvents events, ConnectAuthorizer authorizer,
                            RequestHandler<APIGatewayV2WebSocketEvent, ?> connectHandler,
                            RequestHandler<APIGatewayV2WebSocketEvent, ?> disconnectHandler,
                            RequestHandler<APIGatewayV2WebSocketEvent, ?> chatHandler,
                            Set<String> chatRoutes, ExecutorService workers) {
        this.connections = connections;
        this.events = events;
        this.authorizer = authorizer;
        this.connectHandler = connectHandler;
        this.disconnectHandler = disconnectHandler;
        this.chatHandler = chatHandler;
        this.chatRoutes = Set.copyOf(chatRoutes);
        this.workers = workers;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback) {
        String connectionId = ids.next();
        Instant now = connections.clock().instant();
        String sourceIp = Request.getRemoteAddr(request);
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        APIGatewayV2WebSocketEvent connect = events.connect(connectionId, now, sourceIp, userAgent,
                headers(request), query(request));
        ConnectAuthorizer.Decision decision = authorizer.authorize(connect);
        if (!decision.allowed()) {
            Response.writeError(request, response, callback, decision.status());
            return null;
        }
        connect.getRequestContext().setAuthorizer(decision.context());
        Object result = invoke(connectHandler, connect, "connect-fn");
        int status = statusOf(result);
        if (status >= 300) {
            Response.writeError(request, response, callback, status);
            return null;
        }
        acceptedSubProtocol(result).ifPresent(response::setAcceptedSubProtocol);
        return new Socket(new Handshake(connectionId, now, sourceIp, userAgent, decision.context()));
    }

    /**
     * Serves this gateway in {@code context} at {@link #PATH} with API Gateway's message size limit and idle
     * timeout; also at {@code PATH/}, since seed clients connect to {@code wss://{api}/{stage}/?Authorization=...}.
     */
    public WebSocketUpgradeHandler upgradeHandler(Server server, ContextHandler context) {
        return WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxFrameSize(MAX_MESSAGE_BYTES);
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping(PATH, this);
            container.addMapping(PATH + "/", this);
        });
    }

    /** The route of a message body, like the route selection expression {@code $request.body.action}. */
    String routeOf(String body) {
        try {
            JsonNode action = JSON.readTree(body).path("action");
            return action.isTextual() && chatRoutes.contains(action.asText()) ? action.asText() : ChatRoutes.DEFAULT_ROUTE;
        } catch (IOException e) {
            // Not JSON: API Gateway routes such a body to $default too.
            return ChatRoutes.DEFAULT_ROUTE;
        }
    }

    /**
     * Runs a route's handler; its result, or {@link #FAILED} when it threw (an internal error, as in API Gateway).
     * An {@link Error} fails only this invocation, as a crashed Lambda runtime does: the worker thread and the
     * connection stay usable for the next message.
     */
    private Object invoke(RequestHandler<APIGatewayV2WebSocketEvent, ?> handler, APIGatewayV2WebSocketEvent event, String function) {
        try {
            return handler.handleRequest(event, new InProcessLambdaContext(function));
        } catch (RuntimeException | Error e) {
            System.err.println("{\"level\":\"ERROR\",\"route\":\"" + event.getRequestContext().getRouteKey()
                    + "\",\"message\":\"handler failed\",\"cause\":\""
                    + FailureCause.of(e, ServiceErrorCodes.none()).classChain() + "\"}");
            return FAILED;
        }
    }

    /**
     * The chat handler failed without answering: the client gets an INTERNAL error in its message's protocol instead
     * of waiting forever. A seed client is then disconnected, as after any seed answer; a typed connection stays open.
     */
    private void reportUnanswered(String connectionId, String body) {
        IncomingMessage message = PROTOCOL.parse(body);
        try {
            connections.send(connectionId,
                    message.protocol().errorFrame(message.requestId(), SafeError.INTERNAL.code(), SafeError.INTERNAL.message()));
        } catch (RuntimeException e) {
            // The client is gone: there is nobody left to tell.
        }
        if (message.protocol().closesAfterEachMessage()) {
            connections.close(connectionId);
        }
    }

    private static int statusOf(Object result) {
        if (result == FAILED) {
            return 500;
        }
        return result instanceof APIGatewayV2WebSocketResponse response && response.getStatusCode() != 0 ? response.getStatusCode() : 200;
    }

    /** The subprotocol the $connect integration chose to echo (its Sec-WebSocket-Protocol response header). */
    private static Optional<String> acceptedSubProtocol(Object result) {
        if (!(result instanceof APIGatewayV2WebSocketResponse response) || response.getHeaders() == null) {
            return Optional.empty();
        }
        return response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol"))
                .map(Map.Entry::getValue).findFirst();
    }

    private void submit(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            // Only while shutting down: the message is dropped, as a stopping gateway would.
        }
    }

    private static Map<String, List<String>> headers(ServerUpgradeRequest request) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        request.getHeaders().forEach(field -> headers.computeIfAbsent(field.getName(), name -> new java.util.ArrayList<>())
                .add(field.getValue()));
        return headers;
    }

    private static Map<String, List<String>> query(ServerUpgradeRequest request) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(field -> query.put(field.getName(), List.copyOf(field.getValues())));
        return query;
    }

    /** One accepted socket: registers the connection when open, routes its messages, reports its close. */
    public final class Socket implements Session.Listener.AutoDemanding {
        private final Handshake handshake;
        private final String connectionId;

        Socket(Handshake handshake) {
            this.handshake = handshake;
            this.connectionId = handshake.connectionId();
        }

        @Override
        public void onWebSocketOpen(Session session) {
            connections.add(new Connection(handshake, session));
        }

        @Override
        public void onWebSocketText(String message) {
            Instant now = connections.clock().instant();
            connections.find(connectionId).ifPresent(connection -> connection.touch(now));
            APIGatewayV2WebSocketEvent event = events.message(routeOf(message), message, handshake, now);
            submit(() -> {
                if (invoke(chatHandler, event, "chat-fn") == FAILED) {
                    reportUnanswered(connectionId, message);
                }
            });
        }

        /**
         * A binary frame cannot hold a message this API understands: it gets the same {@code BAD_REQUEST} error frame
         * as malformed text and the connection stays open, so the client learns at once instead of waiting for an
         * answer that cannot come. (A deployed API Gateway disconnects such a client with 1003 before any function
         * runs; either way nothing reaches the chat handler.)
         */
        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            callback.succeed();
            try {
                connections.send(connectionId, WireProtocol.TYPED.errorFrame(null, ErrorCode.BAD_REQUEST, BINARY_REFUSED));
            } catch (RuntimeException e) {
                // The client is gone: there is nobody left to tell.
            }
        }

        /** Errors (a message over 128 KB, a broken socket) end in a close, which is where they are handled. */
        @Override
        public void onWebSocketError(Throwable cause) {
            connections.remove(connectionId);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            connections.remove(connectionId);
            APIGatewayV2WebSocketEvent event = events.disconnect(handshake, connections.clock().instant());
            submit(() -> invoke(disconnectHandler, event, "connect-fn"));
        }
    }
}
