package org.knowledgebot.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.knowledgebot.local.http.LocalUser;

/** Jetty serving only the WebSocket gateway on 127.0.0.1, every connection the local user's, around a test's chat handler. */
final class GatewayServer implements AutoCloseable {
    private final Server server = new Server();
    private final int port;

    GatewayServer(LocalConnections connections, RequestHandler<APIGatewayV2WebSocketEvent, Object> chatHandler,
                  ExecutorService workers) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebSocketGateway gateway = new WebSocketGateway(connections, new WebSocketEvents("127.0.0.1"),
                connect -> ConnectAuthorizer.Decision.allow(LocalUser.authorizerContext()),
                (event, context) -> null, (event, context) -> null, chatHandler,
                Set.of("getChatbotResponse", "sendMessage"), workers);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(gateway.upgradeHandler(server, context));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    int port() {
        return port;
    }

    URI socket() {
        return URI.create("ws://127.0.0.1:" + port + WebSocketGateway.PATH);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
