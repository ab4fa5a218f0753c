package org.knowledgebot.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import org.knowledgebot.core.observability.EventLog;

/**
 * The {@code $connect} route, reached only after the authorizer allowed the handshake. It keeps no state per
 * connection (identity travels in every later event's authorizer context) and echoes the application subprotocol
 * when the client offered its token that way, without which browsers drop the connection.
 */
public record ConnectHandler(EventLog eventLog)
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** Used by Lambda, which creates the handler once per execution environment. */
    public ConnectHandler() {
        this(ConnectGraph.forLambda().eventLog());
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        if (event != null) {
            WebSocketTokens.chosenProtocol(event.getHeaders())
                    .ifPresent(protocol -> response.setHeaders(Map.of(WebSocketTokens.PROTOCOL_HEADER, protocol)));
        }
        eventLog.write(ConnectionEvents.describe(event, context, "$connect", "connected"));
        return response;
    }
}
